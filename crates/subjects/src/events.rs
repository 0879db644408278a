//! The events subjects emit into the outbox, one per change, all about the entity `subject`
//! (its id, its version after the change). Payloads: the [`crate::SubjectOut`] after the change
//! for created, updated and archived; `{id}` for deleted, whose version is one past the last.

use ocop_core::store::outbox::EventType;

pub const SUBJECT_CREATED: EventType = EventType::new("subject.created", 1, "subject");
pub const SUBJECT_UPDATED: EventType = EventType::new("subject.updated", 1, "subject");
pub const SUBJECT_ARCHIVED: EventType = EventType::new("subject.archived", 1, "subject");
pub const SUBJECT_DELETED: EventType = EventType::new("subject.deleted", 1, "subject");
