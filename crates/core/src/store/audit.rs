//! The append-only, hash-chained audit trail. Rows are appended only by the change helper
//! ([`super::change`]), in the transaction of the change they describe, so the trail can never
//! miss a committed change or record one that rolled back; each row's hash covers the row before,
//! so an edit or a removal behind the server's back is found by [`verify`].

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ConnectionTrait, PaginatorTrait, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::{Caller, DomainError, DomainResult, Page, Role, UserId};

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

/// The `prev_hash` of the chain's first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An audit row's content: everything the hash covers.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) id: Option<i64>,
    at: DateTime<Utc>,
    actor_id: Option<Uuid>,
    actor_role: Option<String>,
    entity: String,
    entity_id: String,
    action: String,
    changes: String,
    request_id: Option<String>,
    ip: Option<String>,
}

impl Row {
    pub(crate) fn new(
        actor: &Actor<'_>,
        at: DateTime<Utc>,
        entity: String,
        entity_id: String,
        action: String,
        changes: String,
    ) -> Self {
        let caller = actor.caller();
        Self {
            id: None,
            at,
            actor_id: caller.map(|c| c.principal.user_id.0),
            actor_role: caller.map(|c| c.principal.role.as_str().to_string()),
            entity,
            entity_id,
            action,
            changes,
            request_id: caller.map(|c| c.request_id.clone()),
            ip: caller.and_then(|c| c.ip.clone()),
        }
    }

    fn from_model(m: &event::Model) -> Self {
        Self {
            id: Some(m.id),
            at: m.at,
            actor_id: m.actor_id,
            actor_role: m.actor_role.clone(),
            entity: m.entity.clone(),
            entity_id: m.entity_id.clone(),
            action: m.action.clone(),
            changes: m.changes.clone(),
            request_id: m.request_id.clone(),
            ip: m.ip.clone(),
        }
    }

    /// SHA-256 (hex) of the previous row's hash and this row's content as a JSON array in a
    /// fixed order; the JSON escaping keeps field boundaries unambiguous.
    pub(crate) fn hash(&self, prev_hash: &str) -> String {
        let content = serde_json::json!([
            self.at.to_rfc3339_opts(SecondsFormat::Micros, true),
            self.actor_id,
            self.actor_role,
            self.entity,
            self.entity_id,
            self.action,
            self.changes,
            self.request_id,
            self.ip,
        ]);
        let mut hasher = Sha256::new();
        hasher.update(prev_hash.as_bytes());
        hasher.update(b"\n");
        hasher.update(content.to_string().as_bytes());
        hex(&hasher.finalize())
    }

    pub(crate) async fn insert<C: ConnectionTrait>(
        &self,
        db: &C,
        prev_hash: &str,
        hash: &str,
    ) -> DomainResult<i64> {
        let model = event::ActiveModel {
            at: Set(self.at),
            actor_id: Set(self.actor_id),
            actor_role: Set(self.actor_role.clone()),
            entity: Set(self.entity.clone()),
            entity_id: Set(self.entity_id.clone()),
            action: Set(self.action.clone()),
            changes: Set(self.changes.clone()),
            request_id: Set(self.request_id.clone()),
            ip: Set(self.ip.clone()),
            prev_hash: Set(Some(prev_hash.to_string())),
            hash: Set(Some(hash.to_string())),
            ..Default::default()
        }
        .insert(db)
        .await?;
        Ok(model.id)
    }

    pub(crate) async fn seal<C: ConnectionTrait>(
        &self,
        db: &C,
        prev_hash: &str,
        hash: &str,
    ) -> DomainResult<()> {
        event::Entity::update_many()
            .col_expr(event::Column::PrevHash, Expr::value(prev_hash))
            .col_expr(event::Column::Hash, Expr::value(hash))
            .filter(event::Column::Id.eq(self.id))
            .exec(db)
            .await?;
        Ok(())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Rows written before the chain existed, oldest first.
pub(crate) async fn unsealed<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<Row>> {
    Ok(event::Entity::find()
        .filter(event::Column::Hash.is_null())
        .order_by_asc(event::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(Row::from_model)
        .collect())
}

/// What re-walking the chain found.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ChainReport {
    /// True when every row's hash matches its content and links to the row before.
    pub intact: bool,
    /// Rows read, in id order, up to and including the first broken one.
    pub rows_checked: u64,
    /// The first row that does not hold, if any.
    pub first_broken: Option<BrokenRow>,
}

/// The first row of the chain that does not hold.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BrokenRow {
    pub id: i64,
    /// `content_changed`: the row's content no longer gives its hash;
    /// `chain_broken`: it does not link to the row before it (a row was removed or inserted);
    /// `missing`: the chain's last row, as the head records it, is gone.
    #[schema(example = "content_changed")]
    pub reason: String,
}

/// Re-walks the whole chain in id order, a batch at a time, and names the first broken row.
pub async fn verify<C: ConnectionTrait>(db: &C) -> DomainResult<ChainReport> {
    const BATCH: u64 = 1000;
    let mut expected_prev = GENESIS.to_string();
    let mut checked = 0;
    let mut last_id = 0i64;
    let broken = |id, reason: &str, checked| ChainReport {
        intact: false,
        rows_checked: checked,
        first_broken: Some(BrokenRow {
            id,
            reason: reason.to_string(),
        }),
    };
    loop {
        let rows = event::Entity::find()
            .filter(event::Column::Id.gt(last_id))
            .order_by_asc(event::Column::Id)
            .limit(BATCH)
            .all(db)
            .await?;
        for model in &rows {
            checked += 1;
            if model.prev_hash.as_deref() != Some(expected_prev.as_str()) {
                return Ok(broken(model.id, "chain_broken", checked));
            }
            let hash = Row::from_model(model).hash(&expected_prev);
            if model.hash.as_deref() != Some(hash.as_str()) {
                return Ok(broken(model.id, "content_changed", checked));
            }
            expected_prev = hash;
            last_id = model.id;
        }
        if (rows.len() as u64) < BATCH {
            break;
        }
    }
    let backend = db.get_database_backend();
    let head = db
        .query_one_raw(sea_orm::Statement::from_string(
            backend,
            "SELECT audit_hash, audit_id FROM change_head WHERE id = 1",
        ))
        .await?
        .ok_or_else(|| DomainError::Internal("change_head is missing".into()))?;
    let head_hash: Option<String> = head.try_get("", "audit_hash")?;
    let head_id: i64 = head.try_get("", "audit_id")?;
    if head_id != last_id || head_hash.as_deref().unwrap_or(GENESIS) != expected_prev {
        return Ok(broken(head_id, "missing", checked));
    }
    Ok(ChainReport {
        intact: true,
        rows_checked: checked,
        first_broken: None,
    })
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
    let paginator = event::Entity::find()
        .filter(event::Column::Entity.eq(entity))
        .filter(event::Column::EntityId.eq(entity_id))
        .order_by_desc(event::Column::Id)
        .paginate(db, per_page);
    let total = paginator.num_items().await?;
    let items = paginator.fetch_page(page - 1).await?;
    Ok(Page {
        items: items
            .into_iter()
            .map(|e| AuditEventOut {
                id: e.id,
                at: e.at,
                actor_id: e.actor_id.map(UserId),
                actor_role: e.actor_role.as_deref().and_then(Role::parse),
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
