//! Tables and queries of plans. Entities are private ([`entities`]); every read of unit-owned
//! rows keeps to the caller's scope.

pub(crate) mod entities;

pub mod activities;
pub mod metrics;
pub mod phases;
pub mod plans;
pub mod targets;
pub mod trade;
pub(crate) mod versioned;
