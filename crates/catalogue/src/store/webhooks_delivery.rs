//! Webhook messages and their attempts: the delivery machinery's bookkeeping. Each write here is
//! ONE atomic statement on the writer, outside the change helper (as login throttling counts
//! attempts): queueing is idempotent (message ids are derived, `ON CONFLICT DO NOTHING`), a
//! claim is a lease taken by one `UPDATE … RETURNING` (with `FOR UPDATE SKIP LOCKED` on
//! PostgreSQL, so workers in several processes never take the same message; SQLite's single
//! writer serialises them), and an outcome is written only by the worker whose claim still holds.

use chrono::{DateTime, TimeDelta, Utc};
use ocop_core::DomainResult;
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{ConnectionTrait, DbBackend, DeriveIden, FromQueryResult, Statement, Value};
use uuid::Uuid;

use crate::{AttemptOut, DeliveryOut, DeliveryState, WebhookEventType};

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewDelivery {
    pub id: Uuid,
    pub endpoint_id: Uuid,
    pub event_type: WebhookEventType,
    /// The exact body to send (and sign) on every attempt.
    pub payload: String,
    pub cursor: String,
}

#[derive(DeriveIden)]
enum WebhookDelivery {
    Table,
    Id,
    EndpointId,
    EventType,
    Payload,
    Cursor,
    State,
    Attempts,
    NextAttemptAt,
    CreatedAt,
}

/// Queues messages due at `now`; those already queued (same id) are left as they are.
pub async fn queue<C: ConnectionTrait>(
    db: &C,
    messages: &[NewDelivery],
    now: DateTime<Utc>,
) -> DomainResult<()> {
    if messages.is_empty() {
        return Ok(());
    }
    let mut insert = Query::insert();
    insert.into_table(WebhookDelivery::Table).columns([
        WebhookDelivery::Id,
        WebhookDelivery::EndpointId,
        WebhookDelivery::EventType,
        WebhookDelivery::Payload,
        WebhookDelivery::Cursor,
        WebhookDelivery::State,
        WebhookDelivery::Attempts,
        WebhookDelivery::NextAttemptAt,
        WebhookDelivery::CreatedAt,
    ]);
    for m in messages {
        insert
            .values([
                m.id.into(),
                m.endpoint_id.into(),
                m.event_type.as_str().into(),
                m.payload.clone().into(),
                m.cursor.clone().into(),
                DeliveryState::Pending.as_str().into(),
                0.into(),
                now.into(),
                now.into(),
            ])
            .map_err(|e| ocop_core::DomainError::Internal(e.to_string()))?;
    }
    insert.on_conflict(
        OnConflict::column(WebhookDelivery::Id)
            .do_nothing()
            .to_owned(),
    );
    db.execute(&insert).await?;
    Ok(())
}

/// A message claimed for one attempt.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Claimed {
    pub id: Uuid,
    pub endpoint_id: Uuid,
    pub payload: String,
    /// Attempts made before this one.
    pub attempts: i32,
}

/// How long a claim holds: well past the 15 s timeout of one attempt.
pub const LEASE: TimeDelta = TimeDelta::seconds(60);

/// Claims up to `limit` messages due at `now` that nobody holds, for [`LEASE`]. One statement.
/// The messages of a disabled endpoint wait (its owner may enable it again).
pub async fn claim_due<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    limit: u64,
) -> DomainResult<Vec<Claimed>> {
    let backend = db.get_database_backend();
    // SQLite has no row locks; its one writer runs the statement alone.
    let lock = if backend == DbBackend::Postgres {
        "FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let sql = format!(
        "UPDATE webhook_delivery SET locked_until = $1 \
          WHERE id IN (SELECT d.id FROM webhook_delivery d \
                        WHERE d.state = 'pending' AND d.next_attempt_at <= $2 \
                          AND (d.locked_until IS NULL OR d.locked_until < $2) \
                          AND EXISTS (SELECT 1 FROM webhook_endpoint e \
                                        JOIN api_key k ON k.id = e.api_key_id \
                                       WHERE e.id = d.endpoint_id AND e.enabled \
                                         AND k.revoked_at IS NULL \
                                         AND (k.expires_at IS NULL OR k.expires_at > $2)) \
                        ORDER BY d.next_attempt_at, d.id LIMIT $3 {lock}) \
        RETURNING id, endpoint_id, payload, attempts"
    );
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let statement = Statement::from_sql_and_values(
        backend,
        sql,
        [(now + LEASE).into(), now.into(), limit.into()],
    );
    Ok(Claimed::find_by_statement(statement).all(db).await?)
}

/// How one attempt ended.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub at: DateTime<Utc>,
    pub status: Option<i32>,
    pub error: Option<String>,
    pub duration_ms: i32,
    /// What the message becomes.
    pub state: DeliveryState,
    /// When a pending message is tried again.
    pub next_attempt_at: Option<DateTime<Utc>>,
}

/// Records an attempt of a claimed message: its new state, then the attempt's row. Written only
/// while the claim holds (nobody recorded an attempt since), so a worker whose lease ran out
/// cannot overwrite a newer outcome; `false` then.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    claimed: &Claimed,
    outcome: &Outcome,
) -> DomainResult<bool> {
    let backend = db.get_database_backend();
    let delivered_at = (outcome.state == DeliveryState::Delivered).then_some(outcome.at);
    let updated = db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            "UPDATE webhook_delivery \
                SET attempts = attempts + 1, state = $1, last_status = $2, locked_until = NULL, \
                    next_attempt_at = COALESCE($3, next_attempt_at), delivered_at = $4 \
              WHERE id = $5 AND attempts = $6 AND state = 'pending'",
            [
                outcome.state.as_str().into(),
                outcome.status.into(),
                outcome.next_attempt_at.into(),
                delivered_at.into(),
                claimed.id.into(),
                claimed.attempts.into(),
            ],
        ))
        .await?;
    if updated.rows_affected() != 1 {
        return Ok(false);
    }
    let error: Option<String> = outcome
        .error
        .as_ref()
        .map(|e| e.chars().take(500).collect());
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        "INSERT INTO webhook_attempt (delivery_id, attempt, at, status, error, duration_ms) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        [
            claimed.id.into(),
            (claimed.attempts + 1).into(),
            outcome.at.into(),
            outcome.status.into(),
            error.into(),
            outcome.duration_ms.into(),
        ],
    ))
    .await?;
    Ok(true)
}

/// Cancels an endpoint's pending messages (it was disabled).
pub async fn cancel_pending<C: ConnectionTrait>(db: &C, endpoint_id: Uuid) -> DomainResult<()> {
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        "UPDATE webhook_delivery SET state = 'cancelled', locked_until = NULL \
          WHERE endpoint_id = $1 AND state = 'pending'",
        [endpoint_id.into()],
    ))
    .await?;
    Ok(())
}

#[derive(FromQueryResult)]
struct DeliveryRow {
    id: Uuid,
    event_type: String,
    payload: String,
    cursor: String,
    state: String,
    attempts: i32,
    next_attempt_at: DateTime<Utc>,
    last_status: Option<i32>,
    created_at: DateTime<Utc>,
    delivered_at: Option<DateTime<Utc>>,
}

#[derive(FromQueryResult)]
struct AttemptRow {
    delivery_id: Uuid,
    attempt: i32,
    at: DateTime<Utc>,
    status: Option<i32>,
    error: Option<String>,
    duration_ms: i32,
}

/// An endpoint's latest `limit` messages, newest first, each with its attempts. Two statements.
pub async fn log<C: ConnectionTrait>(
    db: &C,
    endpoint_id: Uuid,
    limit: u64,
) -> DomainResult<Vec<DeliveryOut>> {
    let backend = db.get_database_backend();
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = DeliveryRow::find_by_statement(Statement::from_sql_and_values(
        backend,
        "SELECT id, event_type, payload, cursor, state, attempts, next_attempt_at, last_status, \
                created_at, delivered_at \
           FROM webhook_delivery WHERE endpoint_id = $1 \
          ORDER BY created_at DESC, id DESC LIMIT $2",
        [endpoint_id.into(), limit.into()],
    ))
    .all(db)
    .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Value> = rows.iter().map(|r| r.id.into()).collect();
    let marks: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
    let attempts = AttemptRow::find_by_statement(Statement::from_sql_and_values(
        backend,
        format!(
            "SELECT delivery_id, attempt, at, status, error, duration_ms FROM webhook_attempt \
              WHERE delivery_id IN ({}) ORDER BY attempt",
            marks.join(", ")
        ),
        ids,
    ))
    .all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let state = DeliveryState::parse(&r.state).unwrap_or(DeliveryState::Pending);
            DeliveryOut {
                id: r.id,
                event_type: WebhookEventType::parse(&r.event_type)
                    .unwrap_or(WebhookEventType::ProductUpdated),
                cursor: r.cursor,
                state,
                attempts: r.attempts,
                next_attempt_at: (state == DeliveryState::Pending).then_some(r.next_attempt_at),
                last_status: r.last_status,
                created_at: r.created_at,
                delivered_at: r.delivered_at,
                payload: serde_json::from_str(&r.payload).unwrap_or(serde_json::Value::Null),
                attempt_log: attempts
                    .iter()
                    .filter(|a| a.delivery_id == r.id)
                    .map(|a| AttemptOut {
                        attempt: a.attempt,
                        at: a.at,
                        status: a.status,
                        error: a.error.clone(),
                        duration_ms: a.duration_ms,
                    })
                    .collect(),
            }
        })
        .collect())
}
