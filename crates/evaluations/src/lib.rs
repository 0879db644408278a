//! ocop-evaluations: criteria sets as versioned legal data, the OCOP cycle, councils, score
//! sheets, star rank and certificates.
//!
//! [`model`] is always compiled and builds for wasm32: the criteria sheets as published, the
//! scoring of a sheet, the star rank, the improvement advisor, the annual cycle's state machine
//! and the certificate and round calendars. Everything in it is a pure, deterministic function
//! of its inputs, so the SPA and the server compute exactly the same result. The database side
//! (criteria instruments and versioned sheets today; rounds, councils and score sheets next) sits
//! in [`store`], behind the `server` feature.

pub mod model;
#[cfg(feature = "server")]
pub mod store;

pub use model::*;
