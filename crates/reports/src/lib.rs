//! ocop-reports: the read-only reports of the programme — products and certificates by unit,
//! product set, sector and stars; subjects by kind; the cycle pipeline and how long each step
//! took; council results; target progress; the periodic summary a province sends up; budgets;
//! the register of products — each a table of typed columns, as JSON, CSV or XLSX.
//!
//! It owns no table. `model` (also built for the SPA) holds the wire types: a report's header
//! (when, for whom, over which unit, as of which day), its columns and its rows. With the
//! `server` feature, `store` holds one module per report, each one SQL statement over the
//! domain crates' tables (the targets report reuses the plans' progress instead), `service`
//! checks the caller and prepares a report, `render` writes JSON, CSV and XLSX, and `export`
//! streams a report's rows from the database into a temporary file in any of them, so that a
//! report of any size keeps a flat memory.

pub mod model;

#[cfg(feature = "server")]
pub mod export;
#[cfg(feature = "server")]
pub mod render;
#[cfg(feature = "server")]
pub mod service;
#[cfg(feature = "server")]
pub mod store;

pub use model::*;
