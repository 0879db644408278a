//! The outbox: domain events appended by the change helper in the transaction of the change they
//! announce, at positions that follow commit order (see [`super::change`]). The changes feed and
//! the webhooks read it from a position on; nothing polls the domain tables for changes.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::DomainResult;

pub(crate) mod event {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "outbox_event")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub position: i64,
        pub name: String,
        pub schema_version: i32,
        pub entity: String,
        pub entity_id: String,
        pub entity_version: i32,
        /// JSON.
        pub payload: String,
        pub audit_id: i64,
        pub at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A kind of event: its name, the version of its payload's shape, and the entity it is about.
/// Each domain crate declares its own in its `events` module; docs/ARCHITECTURE.md lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventType {
    pub name: &'static str,
    pub version: i32,
    pub entity: &'static str,
}

impl EventType {
    pub const fn new(name: &'static str, version: i32, entity: &'static str) -> Self {
        Self {
            name,
            version,
            entity,
        }
    }
}

/// One event as readers see it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OutboxEventOut {
    /// Strictly increasing in commit order, without gaps.
    pub position: i64,
    #[schema(example = "certificate.issued")]
    pub name: String,
    /// The version of the payload's shape for this name.
    pub schema_version: i32,
    #[schema(example = "certificate")]
    pub entity: String,
    pub entity_id: String,
    /// The entity's version after the change.
    pub entity_version: i32,
    pub payload: Value,
    /// The first audit row of the change that emitted it.
    pub audit_id: i64,
    pub at: DateTime<Utc>,
}

/// Up to `limit` events after `position`, in order.
pub async fn after<C: ConnectionTrait>(
    db: &C,
    position: i64,
    limit: u64,
) -> DomainResult<Vec<OutboxEventOut>> {
    Ok(event::Entity::find()
        .filter(event::Column::Position.gt(position))
        .order_by_asc(event::Column::Position)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|m| OutboxEventOut {
            position: m.position,
            payload: serde_json::from_str(&m.payload).unwrap_or(Value::Null),
            name: m.name,
            schema_version: m.schema_version,
            entity: m.entity,
            entity_id: m.entity_id,
            entity_version: m.entity_version,
            audit_id: m.audit_id,
            at: m.at,
        })
        .collect())
}
