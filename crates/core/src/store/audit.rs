//! The append-only, hash-chained audit trail. Rows are appended only by the change helper
//! ([`super::change`]), in the transaction of the change they describe, so the trail can never
//! miss a committed change or record one that rolled back; each row's hash covers the row before,
//! so an edit or a removal behind the server's back is found by [`verify`] (see
//! [`super::audit_chain`]).

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, PaginatorTrait, QueryOrder, Select};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::{Caller, DomainResult, Page, Role, UserId};

pub use super::audit_chain::{BrokenRow, ChainReport, GENESIS, verify};
pub(crate) use super::audit_chain::{Row, unsealed};
pub use super::audit_trail::{TrailEntity, TrailQuery, trail};

pub(crate) mod event {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_event")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub at: DateTimeUtc,
        pub actor_id: Option<Uuid>,
        pub actor_role: Option<String>,
        pub entity: String,
        pub entity_id: String,
        pub action: String,
        /// JSON: `{field: {from, to}}` for an update, the created record for a create.
        pub changes: String,
        pub request_id: Option<String>,
        pub ip: Option<String>,
        /// The hash of the row before it in the chain (all zeros for the first).
        pub prev_hash: Option<String>,
        /// SHA-256 of `prev_hash` and this row's canonical content.
        pub hash: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One entry of an entity's history.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AuditEventOut {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<UserId>,
    pub actor_role: Option<Role>,
    /// The actor's name today; null for the system or an actor no longer on record.
    pub actor_name: Option<String>,
    #[schema(example = "subject")]
    pub entity: String,
    pub entity_id: String,
    #[schema(example = "subject.update")]
    pub action: String,
    /// For updates `{field: {"from": old, "to": new}}`; for creates the new record.
    pub changes: Value,
    pub request_id: Option<String>,
}

/// Who made a change: a caller of a use case, or the system itself (start-up, a refused login)
/// at an instant read from the clock.
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    Caller(&'a Caller),
    System(DateTime<Utc>),
}

impl<'a> From<&'a Caller> for Actor<'a> {
    fn from(caller: &'a Caller) -> Self {
        Actor::Caller(caller)
    }
}

impl Actor<'_> {
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            Actor::Caller(c) => c.at,
            Actor::System(at) => *at,
        }
    }

    pub fn caller(&self) -> Option<&Caller> {
        match self {
            Actor::Caller(c) => Some(c),
            Actor::System(_) => None,
        }
    }
}

/// The fields that differ between two serialised versions of a record, as `{field: {from, to}}`.
/// Secrets never reach here: callers pass output types, which carry none.
pub fn diff(before: &impl Serialize, after: &impl Serialize) -> Value {
    let (Ok(Value::Object(before)), Ok(Value::Object(after))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Value::Null;
    };
    let mut out = Map::new();
    for (key, new) in &after {
        if matches!(key.as_str(), "version" | "updated_at") {
            continue;
        }
        let old = before.get(key).unwrap_or(&Value::Null);
        if old != new {
            out.insert(key.clone(), serde_json::json!({ "from": old, "to": new }));
        }
    }
    Value::Object(out)
}

/// The history of one entity, newest first. The caller has already proved it may see the entity.
pub async fn history<C: ConnectionTrait>(
    db: &C,
    entity: &str,
    entity_id: &str,
    page: u64,
    per_page: u64,
) -> DomainResult<Page<AuditEventOut>> {
    let select = event::Entity::find()
        .filter(event::Column::Entity.eq(entity))
        .filter(event::Column::EntityId.eq(entity_id));
    page_of(db, select, page, per_page).await
}

/// A page of `select`, newest first, with the actors named in one query.
pub(crate) async fn page_of<C: ConnectionTrait>(
    db: &C,
    select: Select<event::Entity>,
    page: u64,
    per_page: u64,
) -> DomainResult<Page<AuditEventOut>> {
    let paginator = select
        .order_by_desc(event::Column::Id)
        .paginate(db, per_page);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page - 1).await?;
    let names = super::users::outs_by_ids(db, rows.iter().filter_map(|e| e.actor_id)).await?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(|e| AuditEventOut {
                id: e.id,
                at: e.at,
                actor_id: e.actor_id.map(UserId),
                actor_role: e.actor_role.as_deref().and_then(Role::parse),
                actor_name: e
                    .actor_id
                    .and_then(|a| names.get(&a))
                    .map(|u| u.full_name.clone()),
                entity: e.entity,
                entity_id: e.entity_id,
                action: e.action,
                changes: serde_json::from_str(&e.changes).unwrap_or(Value::Null),
                request_id: e.request_id,
            })
            .collect(),
        page,
        per_page,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::diff;
    use serde_json::json;

    #[test]
    fn diff_lists_only_changed_fields_and_skips_bookkeeping() {
        let before = json!({"name": "A", "phone": null, "version": 1, "updated_at": "x"});
        let after = json!({"name": "B", "phone": null, "version": 2, "updated_at": "y"});
        assert_eq!(
            diff(&before, &after),
            json!({"name": {"from": "A", "to": "B"}})
        );
    }
}
