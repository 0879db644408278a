//! Dossier attachment rows: business registration, test results, quality declaration, labels,
//! photos. Bytes on disk under their SHA-256, recognised by their first bytes.

use ocop_core::store::blobs::BlobDir;
use ocop_core::{Caller, DomainError, DomainResult};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, DatabaseConnection, PaginatorTrait};

use super::cycles::find_in_scope;
use super::entities::attachment;
use crate::{AttachmentId, AttachmentKind, AttachmentOut, CycleId};

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

pub(crate) fn to_out(m: attachment::Model) -> DomainResult<AttachmentOut> {
    let kind = AttachmentKind::parse(&m.kind).ok_or_else(|| {
        DomainError::Internal(format!(
            "dossier_attachment.kind: unknown value {:?}",
            m.kind
        ))
    })?;
    Ok(AttachmentOut {
        url: format!("/api/v1/cycles/{}/attachments/{}", m.cycle_id, m.id),
        id: AttachmentId(m.id),
        kind,
        file_name: m.file_name,
        content_type: m.content_type,
        byte_size: m.byte_size,
        sha256: m.sha256,
        created_at: m.created_at,
    })
}

/// How many files the dossier holds.
pub(crate) async fn count_for<C: ConnectionTrait>(db: &C, cycle_id: Uuid) -> DomainResult<u64> {
    Ok(attachment::Entity::find()
        .filter(attachment::Column::CycleId.eq(cycle_id))
        .count(db)
        .await?)
}

/// The bytes of an attachment of a dossier the caller may see.
pub async fn read(
    db: &DatabaseConnection,
    files: &BlobDir,
    caller: &Caller,
    cycle_id: CycleId,
    id: AttachmentId,
) -> DomainResult<(String, String, Vec<u8>)> {
    find_in_scope(db, &caller.principal, cycle_id).await?;
    let row = attachment::Entity::find_by_id(id.0)
        .filter(attachment::Column::CycleId.eq(cycle_id.0))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("attachment"))?;
    let bytes = files.read(&row.sha256)?;
    Ok((row.content_type, row.file_name, bytes))
}
