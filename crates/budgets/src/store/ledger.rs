//! The ledger and its documents: scoped reads and the inserts. Entries are only ever inserted;
//! nothing here updates or deletes one.

use std::collections::HashMap;

use ocop_core::store::units::unit_scope;
use ocop_core::{DomainError, DomainResult, Dong, Principal, UnitId, UserId};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, QueryOrder};

use super::entities::{document, entry};
use crate::model::{AllocationId, DocumentId, DocumentOut, EntryId, EntryKind, EntryOut, LineId};

/// The row of an entry the principal may see; not found otherwise.
pub(crate) async fn in_scope<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: EntryId,
) -> DomainResult<entry::Model> {
    entry::Entity::find_by_id(id.0)
        .filter(unit_scope(entry::Column::UnitId, &principal.scope()))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("budget_entry"))
}

/// The row of a document the principal may see; not found otherwise.
pub(crate) async fn document_in_scope<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: DocumentId,
) -> DomainResult<document::Model> {
    document::Entity::find_by_id(id.0)
        .filter(unit_scope(document::Column::UnitId, &principal.scope()))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("budget_document"))
}

pub(crate) fn document_out(m: document::Model) -> DocumentOut {
    DocumentOut {
        url: format!("/api/v1/budgets/documents/{}", m.id),
        id: DocumentId(m.id),
        unit_id: UnitId(m.unit_id),
        file_name: m.file_name,
        content_type: m.content_type,
        byte_size: m.byte_size,
        sha256: m.sha256,
    }
}

/// One document the principal may see, with the key of its bytes in the blob store.
pub async fn document<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: DocumentId,
) -> DomainResult<DocumentOut> {
    Ok(document_out(document_in_scope(db, principal, id).await?))
}

/// Entries as output, with their documents and what reversed them: two batched queries.
async fn outs<C: ConnectionTrait>(db: &C, rows: Vec<entry::Model>) -> DomainResult<Vec<EntryOut>> {
    let doc_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.document_id).collect();
    let docs: HashMap<Uuid, document::Model> = if doc_ids.is_empty() {
        HashMap::new()
    } else {
        document::Entity::find()
            .filter(document::Column::Id.is_in(doc_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|d| (d.id, d))
            .collect()
    };
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let reversals: HashMap<Uuid, Uuid> = entry::Entity::find()
        .filter(entry::Column::ReversesId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| r.reverses_id.map(|undone| (undone, r.id)))
        .collect();
    rows.into_iter()
        .map(|m| {
            let kind = EntryKind::parse(&m.kind).ok_or_else(|| {
                DomainError::Internal(format!("budget_ledger_entry.kind holds {:?}", m.kind))
            })?;
            Ok(EntryOut {
                id: EntryId(m.id),
                allocation_id: AllocationId(m.allocation_id),
                line_id: LineId(m.line_id),
                unit_id: UnitId(m.unit_id),
                kind,
                amount: Dong(m.amount),
                entry_date: m.entry_date,
                payee: m.payee,
                document_number: m.document_number,
                document: m
                    .document_id
                    .and_then(|d| docs.get(&d).cloned())
                    .map(document_out),
                reverses_id: m.reverses_id.map(EntryId),
                reversed_by: reversals.get(&m.id).copied().map(EntryId),
                note: m.note,
                posted_by: UserId(m.posted_by),
                posted_at: m.posted_at,
            })
        })
        .collect()
}

pub(crate) async fn one<C: ConnectionTrait>(db: &C, row: entry::Model) -> DomainResult<EntryOut> {
    outs(db, vec![row])
        .await?
        .pop()
        .ok_or(DomainError::not_found("budget_entry"))
}

/// The ledger of an allocation the principal may see, in posting order.
pub async fn of_allocation<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: AllocationId,
) -> DomainResult<Vec<EntryOut>> {
    super::allocations::in_scope(db, principal, id).await?;
    let rows = entry::Entity::find()
        .filter(entry::Column::AllocationId.eq(id.0))
        .order_by_asc(entry::Column::PostedAt)
        .order_by_asc(entry::Column::Id)
        .all(db)
        .await?;
    outs(db, rows).await
}

/// Appends an entry. A second reversal of one entry fails on `reverses_id`'s unique key, also
/// when two arrive at once.
pub(crate) async fn append<C: ConnectionTrait>(
    db: &C,
    row: entry::ActiveModel,
) -> DomainResult<entry::Model> {
    row.insert(db)
        .await
        .map_err(|e| match DomainError::from(e) {
            DomainError::Conflict {
                code: "duplicate", ..
            } => DomainError::Conflict {
                code: "already_reversed",
                field: None,
            },
            other => other,
        })
}

pub(crate) async fn insert_document<C: ConnectionTrait>(
    db: &C,
    row: document::ActiveModel,
) -> DomainResult<document::Model> {
    Ok(row.insert(db).await?)
}
