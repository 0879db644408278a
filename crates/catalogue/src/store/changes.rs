//! The changes feed: the catalogue's events in the outbox after a position, merged with the
//! lapses the passing of time brought (computed from `catalogue_item.lapses_on`), in one order.
//! (issue 12 — being written; the signature below is the contract the webhooks rely on.)

use chrono::{DateTime, Utc};
use ocop_core::DomainResult;
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::{CatalogueItem, ChangeKind, ChangesCursor};

/// One change as the store reads it; the api makes the item's URLs absolute.
#[derive(Debug, Clone)]
pub struct ChangeRecord {
    /// The cursor just after this change.
    pub cursor: ChangesCursor,
    pub kind: ChangeKind,
    pub product_id: Uuid,
    pub version: i32,
    pub at: DateTime<Utc>,
    /// The entry as it stands at `now` when it is in force, else `None`.
    pub item: Option<CatalogueItem>,
}

/// Up to `limit` changes after `cursor`, as of the instant `now` (lapses up to `now`'s day in
/// Vietnam count).
pub async fn after<C: ConnectionTrait>(
    _db: &C,
    _cursor: ChangesCursor,
    _limit: u64,
    _now: DateTime<Utc>,
) -> DomainResult<Vec<ChangeRecord>> {
    Ok(Vec::new())
}
