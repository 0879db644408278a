//! Webhook endpoints: their table (entity private), read and written by their owner's use cases
//! through the change helper, and read by the delivery worker. Deliveries and attempts live in
//! [`super::webhooks_delivery`].

use chrono::{DateTime, Utc};
use ocop_core::store::update_if_version;
use ocop_core::{DomainError, DomainResult};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Statement};
use uuid::Uuid;

use crate::{EndpointOut, WebhookEventType, normalised_event_types};

pub(crate) mod endpoint {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_endpoint")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub api_key_id: Uuid,
        pub url: String,
        #[sea_orm(column_type = "Text")]
        pub event_types: String,
        pub secret: String,
        pub previous_secret: Option<String>,
        pub previous_until: Option<DateTimeUtc>,
        pub enabled: bool,
        pub disabled_reason: Option<String>,
        pub cursor: String,
        pub generation: i32,
        pub version: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// An endpoint with its secrets, as the use cases and the worker need it. Never serialised: the
/// owner sees [`EndpointOut`].
#[derive(Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub id: Uuid,
    pub api_key_id: Uuid,
    pub url: String,
    pub event_types: Vec<WebhookEventType>,
    pub secret: String,
    pub previous_secret: Option<String>,
    pub previous_until: Option<DateTime<Utc>>,
    pub enabled: bool,
    pub disabled_reason: Option<String>,
    /// The changes-feed cursor (encoded) up to which deliveries are queued.
    pub cursor: String,
    /// Bumped by a redelivery: part of every message id.
    pub generation: i32,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secrets stay out of logs.
        f.debug_struct("Endpoint")
            .field("id", &self.id)
            .field("url", &self.url)
            .field("enabled", &self.enabled)
            .field("cursor", &self.cursor)
            .field("generation", &self.generation)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

impl Endpoint {
    pub fn out(&self) -> EndpointOut {
        EndpointOut {
            id: self.id,
            url: self.url.clone(),
            event_types: self.event_types.clone(),
            enabled: self.enabled,
            disabled_reason: self.disabled_reason.clone(),
            cursor: self.cursor.clone(),
            previous_secret_until: self.previous_secret.as_ref().and(self.previous_until),
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }

    /// The secrets that sign a message sent at `now`: the current one, and the previous one
    /// until its grace period ends.
    pub fn signing_secrets(&self, now: DateTime<Utc>) -> Vec<&str> {
        let mut secrets = vec![self.secret.as_str()];
        if let (Some(previous), Some(until)) = (&self.previous_secret, self.previous_until)
            && now < until
        {
            secrets.push(previous);
        }
        secrets
    }

    pub fn wants(&self, event: WebhookEventType) -> bool {
        self.event_types.contains(&event)
    }
}

fn event_types_text(types: &[WebhookEventType]) -> String {
    let names: Vec<&str> = normalised_event_types(types)
        .into_iter()
        .map(WebhookEventType::as_str)
        .collect();
    serde_json::to_string(&names).unwrap_or_else(|_| "[]".into())
}

fn from_model(m: endpoint::Model) -> Endpoint {
    let names: Vec<String> = serde_json::from_str(&m.event_types).unwrap_or_default();
    Endpoint {
        id: m.id,
        api_key_id: m.api_key_id,
        url: m.url,
        event_types: names
            .iter()
            .filter_map(|n| WebhookEventType::parse(n))
            .collect(),
        secret: m.secret,
        previous_secret: m.previous_secret,
        previous_until: m.previous_until,
        enabled: m.enabled,
        disabled_reason: m.disabled_reason,
        cursor: m.cursor,
        generation: m.generation,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

pub async fn insert<C: ConnectionTrait>(db: &C, e: &Endpoint) -> DomainResult<()> {
    let row = endpoint::ActiveModel {
        id: Set(e.id),
        api_key_id: Set(e.api_key_id),
        url: Set(e.url.clone()),
        event_types: Set(event_types_text(&e.event_types)),
        secret: Set(e.secret.clone()),
        previous_secret: Set(e.previous_secret.clone()),
        previous_until: Set(e.previous_until),
        enabled: Set(e.enabled),
        disabled_reason: Set(e.disabled_reason.clone()),
        cursor: Set(e.cursor.clone()),
        generation: Set(e.generation),
        version: Set(e.version),
        created_at: Set(e.created_at),
        updated_at: Set(e.updated_at),
    };
    endpoint::Entity::insert(row)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The endpoint `id` when the key `api_key_id` owns it (another key's is "not found").
pub async fn owned<C: ConnectionTrait>(
    db: &C,
    api_key_id: Uuid,
    id: Uuid,
) -> DomainResult<Endpoint> {
    endpoint::Entity::find_by_id(id)
        .filter(endpoint::Column::ApiKeyId.eq(api_key_id))
        .one(db)
        .await?
        .map(from_model)
        .ok_or(DomainError::not_found("webhook_endpoint"))
}

pub async fn by_id<C: ConnectionTrait>(db: &C, id: Uuid) -> DomainResult<Option<Endpoint>> {
    Ok(endpoint::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(from_model))
}

/// A key's endpoints, oldest first.
pub async fn owned_by<C: ConnectionTrait>(db: &C, api_key_id: Uuid) -> DomainResult<Vec<Endpoint>> {
    Ok(endpoint::Entity::find()
        .filter(endpoint::Column::ApiKeyId.eq(api_key_id))
        .order_by_asc(endpoint::Column::CreatedAt)
        .order_by_asc(endpoint::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(from_model)
        .collect())
}

/// Every enabled endpoint: the fan-out visits each.
pub async fn enabled<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> DomainResult<Vec<Endpoint>> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
    // An endpoint speaks for its key: once the key is revoked or expired it is sent nothing.
    let expires_at = || Expr::col(Alias::new("expires_at"));
    let live_keys = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("api_key"))
        .and_where(Expr::col(Alias::new("revoked_at")).is_null())
        .and_where(expires_at().is_null().or(expires_at().gt(now)))
        .to_owned();
    Ok(endpoint::Entity::find()
        .filter(endpoint::Column::Enabled.eq(true))
        .filter(endpoint::Column::ApiKeyId.in_subquery(live_keys))
        .order_by_asc(endpoint::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(from_model)
        .collect())
}

/// Writes what an owner may change (and the secrets, the disabling), over the row still at
/// `read_version`. The cursor and generation are left alone: the fan-out moves the cursor
/// meanwhile, and only [`rewind`] moves it back.
pub async fn save<C: ConnectionTrait>(db: &C, e: &Endpoint, read_version: i32) -> DomainResult<()> {
    let row = endpoint::ActiveModel {
        id: NotSet,
        api_key_id: NotSet,
        url: Set(e.url.clone()),
        event_types: Set(event_types_text(&e.event_types)),
        secret: Set(e.secret.clone()),
        previous_secret: Set(e.previous_secret.clone()),
        previous_until: Set(e.previous_until),
        enabled: Set(e.enabled),
        disabled_reason: Set(e.disabled_reason.clone()),
        cursor: NotSet,
        generation: NotSet,
        version: Set(e.version),
        created_at: NotSet,
        updated_at: Set(e.updated_at),
    };
    update_if_version::<endpoint::Entity, _>(
        db,
        row,
        endpoint::Column::Id,
        endpoint::Column::Version,
        e.id,
        read_version,
    )
    .await
}

/// Sets the cursor back to `cursor` and starts a new generation of message ids, over the row
/// still at `read_version`.
pub async fn rewind<C: ConnectionTrait>(
    db: &C,
    e: &Endpoint,
    read_version: i32,
) -> DomainResult<()> {
    let row = endpoint::ActiveModel {
        cursor: Set(e.cursor.clone()),
        generation: Set(e.generation),
        version: Set(e.version),
        updated_at: Set(e.updated_at),
        ..Default::default()
    };
    update_if_version::<endpoint::Entity, _>(
        db,
        row,
        endpoint::Column::Id,
        endpoint::Column::Version,
        e.id,
        read_version,
    )
    .await
}

/// Deletes an endpoint with its deliveries and their attempts.
pub async fn delete<C: ConnectionTrait>(db: &C, id: Uuid) -> DomainResult<()> {
    let backend = db.get_database_backend();
    for sql in [
        "DELETE FROM webhook_attempt WHERE delivery_id IN \
         (SELECT id FROM webhook_delivery WHERE endpoint_id = $1)",
        "DELETE FROM webhook_delivery WHERE endpoint_id = $1",
        "DELETE FROM webhook_endpoint WHERE id = $1",
    ] {
        db.execute_raw(Statement::from_sql_and_values(backend, sql, [id.into()]))
            .await?;
    }
    Ok(())
}

/// Moves the fan-out's cursor from `old` to `new`, unless another worker moved it first or a
/// redelivery started a new generation meanwhile. One statement; `false` when it lost the race.
pub async fn advance_cursor<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    generation: i32,
    old: &str,
    new: &str,
) -> DomainResult<bool> {
    let backend = db.get_database_backend();
    let result = db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            "UPDATE webhook_endpoint SET cursor = $1 \
              WHERE id = $2 AND cursor = $3 AND generation = $4",
            [new.into(), id.into(), old.into(), generation.into()],
        ))
        .await?;
    Ok(result.rows_affected() == 1)
}
