//! The change helper: the one way data is changed.
//!
//! A use case begins a [`Change`], does its writes through it (it is a connection), says what it
//! changed with [`Change::audit`] and what others may need to know with [`Change::emit`], and
//! commits. Committing appends the audit rows to the hash chain and the events to the outbox in
//! the same transaction as the change, then commits; a change dropped without committing (an
//! error, a refused precondition) rolls back and leaves no audit row and no event.
//!
//! Appends are serialised by one row, `change_head`: every commit updates it first, so on
//! PostgreSQL its row lock is held from the moment positions are handed out until the commit.
//! The next change can only take the lock after that commit, so audit ids and outbox positions
//! follow commit order and a reader never sees position n + 1 before position n. On SQLite the
//! single writer connection already serialises whole transactions.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    EntityTrait, ExecResult, QueryResult, SqliteTransactionMode, Statement, TransactionOptions,
    TransactionTrait,
};
use serde::Serialize;
use serde_json::Value;

use super::audit::{self, Actor};
use super::outbox::{self, EventType};
use super::placeholder;
use super::projection;
use crate::{DomainError, DomainResult};

/// One audit row a change will append.
#[derive(Debug)]
struct AuditEntry {
    entity: String,
    entity_id: String,
    action: String,
    changes: Value,
}

/// One event a change will append to the outbox.
#[derive(Debug)]
struct PendingEvent {
    kind: EventType,
    entity_id: String,
    entity_version: i32,
    payload: Value,
}

/// A change in progress: an open transaction, who makes it and what it will record.
pub struct Change<'a> {
    txn: DatabaseTransaction,
    actor: Actor<'a>,
    at: DateTime<Utc>,
    audit: Vec<AuditEntry>,
    events: Vec<PendingEvent>,
}

impl std::fmt::Debug for Change<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Change")
            .field("at", &self.at)
            .field("audit", &self.audit)
            .field("events", &self.events)
            .finish_non_exhaustive()
    }
}

impl<'a> Change<'a> {
    /// Opens the transaction of a change made by `actor` (a caller, or the system at an instant
    /// read from the clock).
    pub async fn begin(db: &DatabaseConnection, actor: impl Into<Actor<'a>>) -> DomainResult<Self> {
        let actor = actor.into();
        Ok(Self {
            txn: begin_writing(db).await?,
            at: stored_instant(actor.at()),
            actor,
            audit: Vec::new(),
            events: Vec::new(),
        })
    }

    /// Who makes the change.
    pub fn actor(&self) -> Actor<'a> {
        self.actor
    }

    /// Whether anything was recorded yet (a start-up load that found nothing to do has not).
    pub fn has_audit(&self) -> bool {
        !self.audit.is_empty()
    }

    /// When the change happens, as stored (to the microsecond, as PostgreSQL keeps it).
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// Says what changed: `changes` is the created record, or `{field: {from, to}}` from
    /// [`audit::diff`]. A change records at least one entry.
    pub fn audit(
        &mut self,
        entity: &str,
        entity_id: impl ToString,
        action: &str,
        changes: Value,
    ) -> &mut Self {
        self.audit.push(AuditEntry {
            entity: entity.to_string(),
            entity_id: entity_id.to_string(),
            action: action.to_string(),
            changes,
        });
        self
    }

    /// Says what changed by the record itself (a created record, as its output type).
    pub fn audit_record(
        &mut self,
        entity: &str,
        entity_id: impl ToString,
        action: &str,
        record: &impl Serialize,
    ) -> DomainResult<&mut Self> {
        let changes = serde_json::to_value(record)
            .map_err(|e| DomainError::Internal(format!("audit {action}: {e}")))?;
        Ok(self.audit(entity, entity_id, action, changes))
    }

    /// Announces a change others may need to know of: the event `kind` for one entity at the
    /// version this change leaves it in.
    pub fn emit(
        &mut self,
        kind: EventType,
        entity_id: impl ToString,
        entity_version: i32,
        payload: &impl Serialize,
    ) -> DomainResult<&mut Self> {
        let payload = serde_json::to_value(payload)
            .map_err(|e| DomainError::Internal(format!("event {}: {e}", kind.name)))?;
        self.events.push(PendingEvent {
            kind,
            entity_id: entity_id.to_string(),
            entity_version,
            payload,
        });
        Ok(self)
    }

    /// Rolls the change back now, leaving nothing of it, so that the connection is free for
    /// the next change at once (dropping a change rolls back too, but lazily).
    pub async fn roll_back(self) -> DomainResult<()> {
        Ok(self.txn.rollback().await?)
    }

    /// Appends the audit rows and the events, then commits.
    pub async fn commit(self) -> DomainResult<()> {
        let Change {
            txn,
            actor,
            at,
            audit,
            events,
        } = self;
        if audit.is_empty() {
            return Err(DomainError::Internal(
                "a change must record what it changed".into(),
            ));
        }
        // Projections read what they project under the head's lock, so two changes touching
        // one read model entry are projected one after the other, each seeing the other's
        // committed writes (otherwise the later commit could overwrite a revocation with the
        // facts it read before it).
        if !projection::installed().is_empty() {
            lock_head(&txn).await?;
        }
        let events = project(&txn, at, events).await?;
        let head = take_head(&txn, events.len()).await?;
        let mut prev = head.audit_hash;
        let mut first_audit_id = None;
        let mut last_audit_id = 0;
        for entry in audit {
            let row = audit::Row::new(
                &actor,
                at,
                entry.entity,
                entry.entity_id,
                entry.action,
                entry.changes.to_string(),
            );
            let hash = row.hash(&prev);
            let id = row.insert(&txn, &prev, &hash).await?;
            first_audit_id.get_or_insert(id);
            last_audit_id = id;
            prev = hash;
        }
        let first_position = head.outbox_position - i64::try_from(events.len()).unwrap_or(0);
        let audit_id = first_audit_id.unwrap_or(last_audit_id);
        let rows: Vec<_> = (1..)
            .zip(events)
            .map(|(offset, event)| outbox::event::ActiveModel {
                position: Set(first_position + offset),
                name: Set(event.kind.name.to_string()),
                schema_version: Set(event.kind.version),
                entity: Set(event.kind.entity.to_string()),
                entity_id: Set(event.entity_id),
                entity_version: Set(event.entity_version),
                payload: Set(event.payload.to_string()),
                audit_id: Set(audit_id),
                at: Set(at),
            })
            .collect();
        // One statement for all of a change's events (a round's close announces one per dossier);
        // chunked to stay under the databases' bind-parameter limits.
        for chunk in rows.chunks(500) {
            outbox::event::Entity::insert_many(chunk.to_vec())
                .exec(&txn)
                .await?;
        }
        let backend = txn.get_database_backend();
        txn.execute_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "UPDATE change_head SET audit_hash = {}, audit_id = {} WHERE id = 1",
                placeholder(backend, 1),
                placeholder(backend, 2)
            ),
            [prev.into(), last_audit_id.into()],
        ))
        .await?;
        txn.commit().await?;
        projection::committed();
        Ok(())
    }
}

/// Opens a transaction that will write. On SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`): a deferred transaction that has read and then writes fails at once ("database is
/// locked") when another process wrote meanwhile (a second server on the same file, a webhook
/// worker's bookkeeping), whereas `BEGIN IMMEDIATE` waits for the lock (the busy timeout).
/// PostgreSQL ignores the mode.
async fn begin_writing(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// Takes the head row's lock without moving it (held until the commit).
async fn lock_head(txn: &DatabaseTransaction) -> DomainResult<()> {
    txn.execute_unprepared("UPDATE change_head SET outbox_position = outbox_position WHERE id = 1")
        .await?;
    Ok(())
}

/// Runs the installed projections over the change's events and appends what they announce.
async fn project(
    txn: &DatabaseTransaction,
    at: DateTime<Utc>,
    mut events: Vec<PendingEvent>,
) -> DomainResult<Vec<PendingEvent>> {
    let mut projected = Vec::new();
    for projection in projection::installed() {
        let seen: Vec<_> = events
            .iter()
            .map(|e| projection::ChangeEvent {
                kind: e.kind,
                entity_id: &e.entity_id,
                entity_version: e.entity_version,
                payload: &e.payload,
            })
            .collect();
        projected.extend(projection.project(txn, at, &seen).await?);
    }
    events.extend(projected.into_iter().map(|e| PendingEvent {
        kind: e.kind,
        entity_id: e.entity_id,
        entity_version: e.entity_version,
        payload: e.payload,
    }));
    Ok(events)
}

/// The chain's tail and the outbox position after this change's events, read while taking the
/// head row's lock (held until the commit).
struct Head {
    audit_hash: String,
    audit_id: i64,
    outbox_position: i64,
}

async fn take_head(txn: &DatabaseTransaction, events: usize) -> DomainResult<Head> {
    let backend = txn.get_database_backend();
    let events = i64::try_from(events).map_err(|e| DomainError::Internal(e.to_string()))?;
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "UPDATE change_head SET outbox_position = outbox_position + {} \
                 WHERE id = 1 RETURNING audit_hash, audit_id, outbox_position",
                placeholder(backend, 1)
            ),
            [events.into()],
        ))
        .await?
        .ok_or_else(|| DomainError::Internal("change_head is missing".into()))?;
    Ok(Head {
        audit_hash: row
            .try_get::<Option<String>>("", "audit_hash")?
            .unwrap_or_else(|| audit::GENESIS.to_string()),
        audit_id: row.try_get("", "audit_id")?,
        outbox_position: row.try_get("", "outbox_position")?,
    })
}

/// Instants are kept to the microsecond (PostgreSQL's precision) so that a row hashes the same
/// before it is written and after it is read back.
fn stored_instant(at: DateTime<Utc>) -> DateTime<Utc> {
    at.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(at)
}

/// Seals audit rows written before the chain existed (they have no hash yet), in id order, and
/// moves the head to the last of them. Runs at start, before any change. Rows below the head
/// can only come from a process of an earlier version still writing after the upgrade (stop
/// them all before migrating): sealing them would rewrite the chain, so they are left for
/// [`audit::verify`] to name and the start says so.
pub async fn seal_unsealed(db: &DatabaseConnection) -> DomainResult<u64> {
    let txn = begin_writing(db).await?;
    let head = take_head(&txn, 0).await?;
    let (below, rows): (Vec<_>, Vec<_>) = audit::unsealed(&txn)
        .await?
        .into_iter()
        .partition(|row| row.id.is_some_and(|id| id < head.audit_id));
    if let Some(first) = below.first() {
        log::error!(
            "{} audit rows below the chain's head have no hash (the first is {:?}): \
             a process of an earlier version wrote them; /api/v1/audit/verify names them",
            below.len(),
            first.id
        );
    }
    let mut prev = head.audit_hash;
    let mut last_id = None;
    for row in &rows {
        let hash = row.hash(&prev);
        row.seal(&txn, &prev, &hash).await?;
        prev = hash;
        last_id = row.id;
    }
    if let Some(last_id) = last_id {
        let backend = txn.get_database_backend();
        txn.execute_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "UPDATE change_head SET audit_hash = {}, audit_id = {} WHERE id = 1",
                placeholder(backend, 1),
                placeholder(backend, 2)
            ),
            [prev.into(), last_id.into()],
        ))
        .await?;
    }
    txn.commit().await?;
    Ok(rows.len() as u64)
}

// A change is the connection its use case writes through.
#[async_trait::async_trait]
impl ConnectionTrait for Change<'_> {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all_raw(stmt).await
    }
}
