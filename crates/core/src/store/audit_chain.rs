//! The audit trail's hash chain: what a row's hash covers, sealing rows written before the
//! chain existed, and re-walking the chain to find the first row edited or removed behind the
//! server's back. Rows are appended by the change helper ([`super::change`]).

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use super::audit::{Actor, event};
use crate::{DomainError, DomainResult};

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

/// Re-walks the chain in id order, a batch at a time, and names the first broken row. It reads
/// the head first and walks up to the head's row only: rows committed while it walks belong to
/// a later check, so writes going on meanwhile never look like a removed tail.
pub async fn verify<C: ConnectionTrait>(db: &C) -> DomainResult<ChainReport> {
    const BATCH: u64 = 1000;
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
            .filter(event::Column::Id.lte(head_id))
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
    if head_id != last_id || head_hash.as_deref().unwrap_or(GENESIS) != expected_prev {
        return Ok(broken(head_id, "missing", checked));
    }
    Ok(ChainReport {
        intact: true,
        rows_checked: checked,
        first_broken: None,
    })
}
