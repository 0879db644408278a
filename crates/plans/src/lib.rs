//! ocop-plans: how a province runs the programme — programme phases, annual plans per unit and
//! their decisions, targets on a fixed catalogue of metrics with their live progress, the plan's
//! activities (training classes and their participants, fairs and their products), points of
//! sale, e-commerce listings and the revenue subjects report. `model` is shared with the SPA and
//! holds the pure rules (the metric catalogue, the roll-up of shares, the progress status);
//! `store` owns the tables and the metric tallies, `service` the use cases, `events` what they
//! announce in the outbox.

pub mod model;

#[cfg(feature = "server")]
pub mod events;
#[cfg(feature = "server")]
pub mod service;
#[cfg(feature = "server")]
pub mod store;

pub use model::*;
