//! ocop-catalogue: the public catalogue of certified OCOP products, for e-commerce platforms and
//! for anyone who scans a certificate. It owns the read model (`catalogue_item`, one row per
//! product that ever held a certificate, kept by [`store::projection`] inside every change that
//! alters what the catalogue shows), the feed with keyset paging, the changes feed (the
//! catalogue's own events in the outbox, merged with the expiries that the passing of time
//! brings, computed from dates), snapshots, API keys and their quotas, and webhook endpoints with
//! their deliveries. `model` is shared with the SPA: the wire types and the pure rules (cursors,
//! entry versions, JSON-LD, webhook signatures, the retry schedule).

pub mod model;

#[cfg(feature = "server")]
pub mod events;
#[cfg(feature = "server")]
pub mod service;
#[cfg(feature = "server")]
pub mod store;

pub use model::*;
