//! Use cases of API keys, for system administrators: issue, rotate, revoke. Each is one change
//! with its audit row. The audit shows the key as listed (name, holder, prefix, quota, dates),
//! never its secret or the secret's hash: the trail is read by more people, for longer, than
//! the secret may be known.

use ocop_core::store::audit;
use ocop_core::store::change::Change;
use ocop_core::{Action, Caller, DomainError, DomainResult, Precondition};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, IntoActiveModel};
use uuid::Uuid;

use crate::model::{ApiKeyCreated, ApiKeyOut, NewApiKey, NewSecret};
use crate::store::keys::{self as store, api_key};

fn draw_secret() -> DomainResult<NewSecret> {
    NewSecret::draw().map_err(|e| DomainError::Internal(format!("random source: {e}")))
}

/// Issues a key; the answer carries its secret, which is never shown again.
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    input: NewApiKey,
) -> DomainResult<ApiKeyCreated> {
    caller.principal.require(Action::ApiKeysManage)?;
    if input.expires_at.is_some_and(|at| at <= caller.at) {
        return Err(DomainError::field("expires_at", "in_past"));
    }
    let secret = draw_secret()?;
    let mut change = Change::begin(db, caller).await?;
    let now = change.at();
    let row = api_key::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(input.name.trim().to_string()),
        organisation: Set(input.organisation.trim().to_string()),
        prefix: Set(secret.prefix.clone()),
        secret_hash: Set(secret.hash()),
        quota_per_minute: Set(input.quota_per_minute),
        expires_at: Set(input.expires_at),
        revoked_at: Set(None),
        rotated_at: Set(None),
        created_by: Set(Some(caller.principal.user_id.0)),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&change)
    .await?;
    let out = store::to_out(&row, now);
    change.audit_record("api_key", out.id, "api_key.create", &out)?;
    change.commit().await?;
    Ok(ApiKeyCreated {
        key: out,
        secret: secret.secret,
    })
}

/// Replaces a key's secret: the old one stops working when this commits, the new one is
/// answered once.
pub async fn rotate(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    read: Precondition,
) -> DomainResult<ApiKeyCreated> {
    let secret = draw_secret()?;
    let out = update(db, caller, id, read, "api_key.rotate", |row, now| {
        row.prefix = Set(secret.prefix.clone());
        row.secret_hash = Set(secret.hash());
        row.rotated_at = Set(Some(now));
    })
    .await?;
    Ok(ApiKeyCreated {
        key: out,
        secret: secret.secret,
    })
}

/// Revokes a key: refused from the next request on, by every process.
pub async fn revoke(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    read: Precondition,
) -> DomainResult<ApiKeyOut> {
    let out = update(db, caller, id, read, "api_key.revoke", |row, now| {
        row.revoked_at = Set(Some(now));
    })
    .await?;
    Ok(out)
}

/// Changes a live key at the version read, bumps its version and audits the difference.
async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    read: Precondition,
    action: &str,
    edit: impl FnOnce(&mut api_key::ActiveModel, chrono::DateTime<chrono::Utc>),
) -> DomainResult<ApiKeyOut> {
    caller.principal.require(Action::ApiKeysManage)?;
    let mut change = Change::begin(db, caller).await?;
    let now = change.at();
    let current = store::row(&change, id).await?;
    read.check(Some(current.version))?;
    if current.revoked_at.is_some() {
        return Err(DomainError::Conflict {
            code: "api_key_revoked",
            field: None,
        });
    }
    let before = store::to_out(&current, now);
    let mut row = current.clone().into_active_model();
    edit(&mut row, now);
    row.version = Set(current.version + 1);
    row.updated_at = Set(now);
    // Lands only while the row is still at the version read (a concurrent rotation loses).
    ocop_core::store::update_if_version::<api_key::Entity, _>(
        &change,
        row,
        api_key::Column::Id,
        api_key::Column::Version,
        id,
        current.version,
    )
    .await?;
    let after = store::to_out(&store::row(&change, id).await?, now);
    change.audit("api_key", id, action, audit::diff(&before, &after));
    change.commit().await?;
    Ok(after)
}
