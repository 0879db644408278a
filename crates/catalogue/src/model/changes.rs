//! The changes feed: every change of a catalogue entry in one total order.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::CatalogueItem;

/// What happened to an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The product entered the catalogue (its first certificate in force).
    Created,
    /// Its product, producer, images, listings or points of sale changed.
    Updated,
    /// It was certified anew after its certificate had lapsed.
    Certified,
    /// Its certificate, still in force, was replaced by a successor (a re-rating, an upgrade):
    /// the entry now shows the successor.
    Superseded,
    Revoked,
    /// Its certificate lapsed: announced at the moment of expiry, computed from dates.
    Expired,
    /// The product is gone: a tombstone, kept as long as the outbox (never pruned).
    Deleted,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 7] = [
        Self::Created,
        Self::Updated,
        Self::Certified,
        Self::Superseded,
        Self::Revoked,
        Self::Expired,
        Self::Deleted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Updated => "updated",
            Self::Certified => "certified",
            Self::Superseded => "superseded",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
            Self::Deleted => "deleted",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One change. Apply in order: `item` present means "the entry is now this", absent means
/// "remove it from the mirror".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ChangeEntry {
    /// Resume from here to get the changes after this one.
    pub cursor: String,
    pub kind: ChangeKind,
    /// The product's id.
    pub id: Uuid,
    /// The entry's version after this change.
    pub version: i32,
    /// When it happened (for an expiry, the first instant of the lapse day in Vietnam).
    pub at: DateTime<Utc>,
    /// The entry as it stands now when it is in the catalogue; absent when it is not.
    pub item: Option<CatalogueItem>,
}

/// A page of changes.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ChangesPage {
    pub changes: Vec<ChangeEntry>,
    /// Where to continue: the cursor after the last change (the same cursor when there was none).
    pub next: String,
}
