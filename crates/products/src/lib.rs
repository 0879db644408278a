//! ocop-products: products of subjects, the OCOP product classification (versioned by legal
//! instrument) and product images. `model` is shared with the SPA; `store` owns the tables.

pub mod model;
#[cfg(feature = "server")]
pub mod store;

pub use model::*;
