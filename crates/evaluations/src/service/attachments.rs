//! Attaching a file to a dossier while it is with the producer.

use ocop_core::store::blobs::{BlobDir, check_upload, clean_file_name};
use ocop_core::store::change::Change;
use ocop_core::{Action, Caller, DomainError, DomainResult};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, DatabaseConnection};
use serde_json::json;

use crate::events::CYCLE_ATTACHMENT_ADDED;
use crate::store::attachments::{
    MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_DOSSIER, count_for, sniff, to_out,
};
use crate::store::cycles::{find_in_scope, state_of};
use crate::store::entities::attachment;
use crate::{AttachmentId, AttachmentKind, AttachmentOut, CycleId, DossierPart};

/// Attaches a file while the dossier is with the producer ([`DossierPart::Attachments`]).
#[allow(clippy::too_many_arguments)]
pub async fn upload(
    db: &DatabaseConnection,
    files: &BlobDir,
    caller: &Caller,
    cycle_id: CycleId,
    kind: AttachmentKind,
    declared_type: Option<&str>,
    file_name: &str,
    bytes: &[u8],
) -> DomainResult<AttachmentOut> {
    let principal = &caller.principal;
    principal.require(Action::DossierEdit)?;
    if !DossierPart::Attachments.written_by(principal.role) {
        return Err(DomainError::Forbidden { reason: "role" });
    }
    let content_type = check_upload(bytes, MAX_ATTACHMENT_BYTES, declared_type, sniff)?;
    let mut change = Change::begin(db, caller).await?;
    let c = find_in_scope(&change, principal, cycle_id).await?;
    if !DossierPart::Attachments.open_in(state_of(&c)?) {
        return Err(DomainError::Conflict {
            code: "dossier_locked",
            field: Some(DossierPart::Attachments.field()),
        });
    }
    if count_for(&change, c.id).await? >= MAX_ATTACHMENTS_PER_DOSSIER {
        return Err(DomainError::Conflict {
            code: "too_many_attachments",
            field: Some("file"),
        });
    }
    let sha256 = files.store(bytes)?;
    let model = attachment::ActiveModel {
        id: Set(AttachmentId::new().0),
        cycle_id: Set(c.id),
        kind: Set(kind.as_str().into()),
        file_name: Set(clean_file_name(file_name, kind.as_str())),
        content_type: Set(content_type.into()),
        byte_size: Set(bytes.len() as i64),
        sha256: Set(sha256),
        created_by: Set(principal.user_id.0),
        created_at: Set(caller.at),
    }
    .insert(&change)
    .await?;
    let out = to_out(model)?;
    let recorded = serde_json::to_value(&out).map_err(|e| DomainError::Internal(e.to_string()))?;
    change.audit(
        "cycle",
        c.id.to_string(),
        "cycle.attachment_add",
        recorded.clone(),
    );
    // An attachment has no version of its own: it never changes once stored.
    change.emit(
        CYCLE_ATTACHMENT_ADDED,
        out.id,
        1,
        &json!({"cycle_id": c.id, "attachment": recorded}),
    )?;
    change.commit().await?;
    Ok(out)
}
