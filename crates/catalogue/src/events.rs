//! The events the catalogue announces in the outbox: one per change of an entry, named after its
//! kind, about the entity `catalogue_item` (the product's id) at the entry's version. The changes
//! feed and the webhooks read them.

use ocop_core::store::outbox::EventType;

use crate::ChangeKind;

pub const ENTITY: &str = "catalogue_item";

pub const CREATED: EventType = EventType::new("catalogue.created", 1, ENTITY);
pub const UPDATED: EventType = EventType::new("catalogue.updated", 1, ENTITY);
pub const CERTIFIED: EventType = EventType::new("catalogue.certified", 1, ENTITY);
pub const SUPERSEDED: EventType = EventType::new("catalogue.superseded", 1, ENTITY);
pub const REVOKED: EventType = EventType::new("catalogue.revoked", 1, ENTITY);
pub const EXPIRED: EventType = EventType::new("catalogue.expired", 1, ENTITY);
pub const DELETED: EventType = EventType::new("catalogue.deleted", 1, ENTITY);

/// The event announcing a change of `kind`.
pub fn for_kind(kind: ChangeKind) -> EventType {
    match kind {
        ChangeKind::Created => CREATED,
        ChangeKind::Updated => UPDATED,
        ChangeKind::Certified => CERTIFIED,
        ChangeKind::Superseded => SUPERSEDED,
        ChangeKind::Revoked => REVOKED,
        ChangeKind::Expired => EXPIRED,
        ChangeKind::Deleted => DELETED,
    }
}

/// The kind an event of the catalogue announces.
pub fn kind_of(name: &str) -> Option<ChangeKind> {
    name.strip_prefix("catalogue.").and_then(ChangeKind::parse)
}
