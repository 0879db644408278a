//! ocop-products: products of subjects, the OCOP product classification (versioned by legal
//! instrument) and product images. `model` is shared with the SPA; `store` owns the tables and
//! their queries, `service` the use cases, `events` what they announce in the outbox.

pub mod model;

#[cfg(feature = "server")]
pub mod events;
#[cfg(feature = "server")]
pub mod service;
#[cfg(feature = "server")]
pub mod store;

pub use model::*;
