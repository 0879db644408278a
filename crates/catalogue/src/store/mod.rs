//! Tables and queries of the catalogue. Entities are private; the feed, the changes feed and the
//! snapshots are public reads (named queries returning public fields only).

pub mod changes;
pub(crate) mod entities;
pub mod facets;
pub mod feed;
pub mod item_row;
pub mod keys;
pub mod last_change;
pub mod projection;
pub mod quota;
pub mod snapshot;
pub mod webhooks;
pub mod webhooks_delivery;
