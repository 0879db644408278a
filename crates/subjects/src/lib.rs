//! ocop-subjects: producers (chủ thể OCOP) — cooperatives, cooperative groups, small and
//! medium enterprises, farms, households — and, for community tourism, associations and
//! tourism operating centres. `model` is shared with the SPA; `store` owns the table and its
//! queries, `service` the use cases, `events` what they announce in the outbox.

pub mod model;

#[cfg(feature = "server")]
pub mod events;
#[cfg(feature = "server")]
pub mod service;
#[cfg(feature = "server")]
pub mod store;

pub use model::*;
