//! The use cases of products: each checks the caller's rights, runs in one
//! `ocop_core::store::change::Change` (transaction, audit row, outbox event) and commits.

pub mod images;
pub mod products;
