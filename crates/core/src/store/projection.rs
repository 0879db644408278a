//! Projections: read models kept in the transaction of the change that alters what they show, so
//! a reader never sees a change without its projection or the reverse, and no job catches up
//! later. A projection is handed every event a change emits, before the change's events are
//! appended, and may answer with events of its own (the catalogue announces its entries' changes
//! this way); those take the positions right after the change's.
//!
//! Projections are code, not state: they are installed once per process at start (the api does
//! it), and a process without them (a domain crate's own tests) simply keeps no read model.

use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};
use sea_orm::DatabaseTransaction;
use serde_json::Value;

use super::outbox::EventType;
use crate::DomainResult;

/// One event of the change, as a projection sees it.
#[derive(Debug, Clone, Copy)]
pub struct ChangeEvent<'e> {
    pub kind: EventType,
    pub entity_id: &'e str,
    pub entity_version: i32,
    pub payload: &'e Value,
}

/// An event a projection adds to the change.
#[derive(Debug, Clone)]
pub struct ProjectedEvent {
    pub kind: EventType,
    pub entity_id: String,
    pub entity_version: i32,
    pub payload: Value,
}

#[async_trait::async_trait]
pub trait Projection: Send + Sync + 'static {
    /// Brings the read model up to date with `events`, in the change's transaction, at the
    /// change's instant `at`.
    async fn project(
        &self,
        txn: &DatabaseTransaction,
        at: DateTime<Utc>,
        events: &[ChangeEvent<'_>],
    ) -> DomainResult<Vec<ProjectedEvent>>;

    /// Told after a change's transaction committed in this process (whatever it touched), so a
    /// process-local memo of the read model's state stops trusting what it kept.
    fn committed(&self) {}
}

/// Tells every installed projection that a change committed.
pub(super) fn committed() {
    for projection in installed() {
        projection.committed();
    }
}

static INSTALLED: OnceLock<Vec<Arc<dyn Projection>>> = OnceLock::new();

/// Installs the process's projections. The first call wins: every app built in one process (the
/// tests build many) runs the same code, so later calls change nothing.
pub fn install(projections: Vec<Arc<dyn Projection>>) {
    let _ = INSTALLED.set(projections);
}

pub(super) fn installed() -> &'static [Arc<dyn Projection>] {
    INSTALLED.get().map(Vec::as_slice).unwrap_or_default()
}
