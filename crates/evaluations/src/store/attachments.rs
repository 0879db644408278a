//! Dossier attachments: business registration, test results, quality declaration, labels,
//! photos. Bytes on disk under their SHA-256, recognised by their first bytes.

use ocop_core::store::blobs::{BlobDir, check_upload, clean_file_name};
use ocop_core::store::change::Change;
use ocop_core::{Action, Caller, DomainError, DomainResult, Role};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, DatabaseConnection, PaginatorTrait};

use super::cycles::{find_in_scope, state_of};
use super::entities::attachment;
use crate::{AttachmentKind, AttachmentOut, CycleState};

pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_ATTACHMENTS_PER_DOSSIER: u64 = 30;

/// PDF and the image types, by their magic bytes.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        ocop_products::store::images::sniff(bytes)
    }
}

pub(crate) fn to_out(m: attachment::Model) -> AttachmentOut {
    AttachmentOut {
        url: format!("/api/v1/cycles/{}/attachments/{}", m.cycle_id, m.id),
        id: m.id,
        kind: AttachmentKind::parse(&m.kind).unwrap_or(AttachmentKind::Other),
        file_name: m.file_name,
        content_type: m.content_type,
        byte_size: m.byte_size,
        sha256: m.sha256,
        created_at: m.created_at,
    }
}

/// Attaches a file while the dossier is with the producer.
#[allow(clippy::too_many_arguments)]
pub async fn upload(
    db: &DatabaseConnection,
    files: &BlobDir,
    caller: &Caller,
    cycle_id: Uuid,
    kind: AttachmentKind,
    declared_type: Option<&str>,
    file_name: &str,
    bytes: &[u8],
) -> DomainResult<AttachmentOut> {
    let principal = &caller.principal;
    principal.require(Action::DossierEdit)?;
    if !matches!(principal.role, Role::Producer | Role::CommuneOfficer) {
        return Err(DomainError::Forbidden { reason: "role" });
    }
    let content_type = check_upload(bytes, MAX_ATTACHMENT_BYTES, declared_type, sniff)?;
    let mut txn = Change::begin(db, caller).await?;
    let c = find_in_scope(&txn, principal, cycle_id).await?;
    use CycleState::*;
    if !matches!(
        state_of(&c)?,
        IdeaAccepted | PlanApproved | Implementation | DossierReturnedForCompletion
    ) {
        return Err(DomainError::Conflict {
            code: "dossier_locked",
            field: Some("file"),
        });
    }
    let count = attachment::Entity::find()
        .filter(attachment::Column::CycleId.eq(cycle_id))
        .count(&txn)
        .await?;
    if count >= MAX_ATTACHMENTS_PER_DOSSIER {
        return Err(DomainError::Conflict {
            code: "too_many_attachments",
            field: Some("file"),
        });
    }
    let sha256 = files.store(bytes)?;
    let model = attachment::ActiveModel {
        id: Set(Uuid::now_v7()),
        cycle_id: Set(cycle_id),
        kind: Set(kind.as_str().into()),
        file_name: Set(clean_file_name(file_name, kind.as_str())),
        content_type: Set(content_type.into()),
        byte_size: Set(bytes.len() as i64),
        sha256: Set(sha256),
        created_by: Set(principal.user_id.0),
        created_at: Set(caller.at),
    }
    .insert(&txn)
    .await?;
    let out = to_out(model);
    txn.audit(
        "cycle",
        cycle_id.to_string(),
        "cycle.attachment_add",
        serde_json::to_value(&out).unwrap_or_default(),
    );
    txn.commit().await?;
    Ok(out)
}

/// The bytes of an attachment of a dossier the caller may see.
pub async fn read(
    db: &DatabaseConnection,
    files: &BlobDir,
    caller: &Caller,
    cycle_id: Uuid,
    id: Uuid,
) -> DomainResult<(String, String, Vec<u8>)> {
    find_in_scope(db, &caller.principal, cycle_id).await?;
    let row = attachment::Entity::find_by_id(id)
        .filter(attachment::Column::CycleId.eq(cycle_id))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("attachment"))?;
    let bytes = files.read(&row.sha256)?;
    Ok((row.content_type, row.file_name, bytes))
}
