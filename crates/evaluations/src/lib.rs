//! ocop-evaluations: criteria sets as versioned legal data, the OCOP cycle, councils, score
//! sheets, star rank and certificates.
//!
//! [`model`] is always compiled and builds for wasm32: the criteria sheets as published, the
//! scoring of a sheet, the star rank, the improvement advisor, the annual cycle's state machine
//! and the certificate and round calendars. Everything in it is a pure, deterministic function
//! of its inputs, so the SPA and the server compute exactly the same result. Behind the
//! `server` feature: [`store`] holds the entities, the scoped queries and the read models,
//! [`service`] the use cases (each one change: transaction, audit rows, [`events`]).

#[cfg(feature = "server")]
pub mod events;
pub mod model;
#[cfg(feature = "server")]
pub mod service;
#[cfg(feature = "server")]
pub mod store;

pub use model::*;
