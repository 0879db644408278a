//! The use cases of plans. Each checks the caller's rights, runs in one
//! [`Change`](ocop_core::store::change::Change) (transaction, audit row, outbox event) and
//! commits; reads go through the scoped queries of [`crate::store`].

pub mod activities;
pub mod phases;
pub mod plans;
pub mod progress;
pub mod targets;
pub mod trade;
