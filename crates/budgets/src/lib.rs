//! ocop-budgets: how the programme is funded and spent — the funding sources (the categories of
//! Decision 919 and the agriculture ministry's guidance, as data), budget lines per phase, year,
//! unit and source (original and revised, as IATI's budget types), allocations of a line to a
//! plan or an activity, and the append-only ledger of disbursements and their reversals.
//!
//! `model` is shared with the SPA and holds the pure rules: the sources catalogue, the ledger
//! arithmetic and the checks that nothing is allocated beyond its line (unless an
//! over-allocation was approved) nor disbursed beyond its allocation. `store` owns the tables
//! and holds those invariants as conditional updates, `service` the use cases, `events` what
//! they announce in the outbox.

pub mod model;

#[cfg(feature = "server")]
pub mod events;
#[cfg(feature = "server")]
pub mod service;
#[cfg(feature = "server")]
pub mod store;

pub use model::*;
