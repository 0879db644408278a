//! The ledger's use cases: post a disbursement within its allocation, reverse a whole
//! disbursement (at most once), and file a supporting document. Entries are never edited or
//! deleted; each one is in the audit chain with the allocation's balance after it.

use ocop_core::store::blobs::{BlobDir, check_upload, clean_file_name};
use ocop_core::store::change::Change;
use ocop_core::{Action, Caller, DomainError, DomainResult, UnitId};
use sea_orm::{ActiveValue::Set, DatabaseConnection};
use serde_json::json;

use super::{Refusal, clean_opt, not_after_today, refuse};
use crate::events::ENTRY_POSTED;
use crate::model::{
    AllocationId, DisbursementIn, DocumentId, DocumentOut, EntryId, EntryKind, EntryOut, ReversalIn,
};
use crate::store::entities::{allocation, document, entry};
use crate::store::{allocations, ledger as store};

/// The largest supporting document kept: as for dossier attachments.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// Audits and announces a posted entry with the allocation's balance after it, and commits.
async fn record(
    mut change: Change<'_>,
    alloc: allocation::Model,
    posted: entry::Model,
) -> DomainResult<EntryOut> {
    let out = store::one(&change, posted).await?;
    let after = allocations::row(&change, AllocationId(alloc.id)).await?;
    let payload = json!({
        "entry": out,
        "allocation": { "id": after.id, "version": after.version, "disbursed": after.disbursed,
                        "available": after.amount - after.disbursed },
    });
    let action = match out.kind {
        EntryKind::Disbursement => "budget_entry.disburse",
        EntryKind::Reversal => "budget_entry.reverse",
    };
    change.audit("budget_allocation", alloc.id, action, payload.clone());
    change.emit(ENTRY_POSTED, out.id, 1, &payload)?;
    change.commit().await?;
    Ok(out)
}

/// Posts a disbursement from an allocation in the caller's scope, if it fits in what is left.
pub async fn disburse(
    db: &DatabaseConnection,
    caller: &Caller,
    id: AllocationId,
    input: DisbursementIn,
) -> DomainResult<EntryOut> {
    let principal = &caller.principal;
    principal.require(Action::BudgetsManage)?;
    not_after_today(input.entry_date, caller, "entry_date")?;
    let change = Change::begin(db, caller).await?;
    let alloc = allocations::in_scope(&change, principal, id).await?;
    if input.entry_date < alloc.allocated_on {
        return Err(DomainError::field("entry_date", "before_allocation"));
    }
    if let Some(doc) = input.document_id {
        let doc = store::document_in_scope(&change, principal, doc)
            .await
            .map_err(|e| match e {
                DomainError::NotFound { .. } => DomainError::field("document_id", "not_found"),
                other => other,
            })?;
        // Whoever sees the entry sees its document: it must be the allocation's unit's own.
        if doc.unit_id != alloc.unit_id {
            return Err(DomainError::field("document_id", "other_unit"));
        }
    }
    if !allocations::move_disbursed(&change, id, input.amount.0, caller.at).await? {
        let now = allocations::row(&change, id).await?;
        let refusal = Refusal {
            entity: "budget_allocation",
            id: id.0.to_string(),
            action: "budget_entry.disburse_refused",
            field: "amount",
            limit: now.amount,
            used: now.disbursed,
            asked: input.amount.0,
        };
        return Err(refuse(db, caller, change, refusal).await);
    }
    let row = entry::ActiveModel {
        id: Set(EntryId::new().0),
        allocation_id: Set(alloc.id),
        line_id: Set(alloc.line_id),
        unit_id: Set(alloc.unit_id),
        kind: Set(EntryKind::Disbursement.as_str().to_string()),
        amount: Set(input.amount.0),
        entry_date: Set(input.entry_date),
        payee: Set(input.payee.trim().to_string()),
        document_number: Set(input.document_number.trim().to_string()),
        document_id: Set(input.document_id.map(|d| d.0)),
        reverses_id: Set(None),
        note: Set(clean_opt(input.note)),
        posted_by: Set(principal.user_id.0),
        posted_at: Set(caller.at),
    };
    let posted = store::append(&change, row).await?;
    record(change, alloc, posted).await
}

/// Reverses a whole disbursement in the caller's scope: a new entry that gives its amount back
/// to the allocation. An entry is reversed at most once, also when two reversals race.
pub async fn reverse(
    db: &DatabaseConnection,
    caller: &Caller,
    id: EntryId,
    input: ReversalIn,
) -> DomainResult<EntryOut> {
    let principal = &caller.principal;
    principal.require(Action::BudgetsManage)?;
    not_after_today(input.entry_date, caller, "entry_date")?;
    let change = Change::begin(db, caller).await?;
    let undone = store::in_scope(&change, principal, id).await?;
    if EntryKind::parse(&undone.kind) != Some(EntryKind::Disbursement) {
        return Err(DomainError::Conflict {
            code: "not_reversible",
            field: None,
        });
    }
    if input.entry_date < undone.entry_date {
        return Err(DomainError::field("entry_date", "before_reversed_entry"));
    }
    let alloc = allocations::row(&change, AllocationId(undone.allocation_id)).await?;
    // The insert comes first: a second reversal fails on the unique key before it could move
    // the balance.
    let row = entry::ActiveModel {
        id: Set(EntryId::new().0),
        allocation_id: Set(undone.allocation_id),
        line_id: Set(undone.line_id),
        unit_id: Set(undone.unit_id),
        kind: Set(EntryKind::Reversal.as_str().to_string()),
        amount: Set(undone.amount),
        entry_date: Set(input.entry_date),
        payee: Set(undone.payee.clone()),
        document_number: Set(
            clean_opt(input.document_number).unwrap_or_else(|| undone.document_number.clone())
        ),
        document_id: Set(None),
        reverses_id: Set(Some(undone.id)),
        note: Set(Some(input.reason.trim().to_string())),
        posted_by: Set(principal.user_id.0),
        posted_at: Set(caller.at),
    };
    let posted = store::append(&change, row).await?;
    if !allocations::move_disbursed(&change, AllocationId(alloc.id), -undone.amount, caller.at)
        .await?
    {
        // Disbursements minus reversals never fall below zero while each entry is reversed at
        // most once; reaching here means the books were written around this crate.
        return Err(DomainError::Internal(format!(
            "allocation {} would go below zero",
            alloc.id
        )));
    }
    record(change, alloc, posted).await
}

/// Files a supporting document (PDF or image, recognised by its bytes) under a unit in the
/// caller's scope. It is stored once by its hash; entries then point at it.
pub async fn file_document(
    db: &DatabaseConnection,
    files: &BlobDir,
    caller: &Caller,
    unit: UnitId,
    declared_type: Option<&str>,
    file_name: &str,
    bytes: &[u8],
) -> DomainResult<DocumentOut> {
    let principal = &caller.principal;
    principal.require(Action::BudgetsManage)?;
    let content_type = check_upload(
        bytes,
        MAX_DOCUMENT_BYTES,
        declared_type,
        ocop_evaluations::store::attachments::sniff,
    )?;
    let mut change = Change::begin(db, caller).await?;
    let unit = ocop_core::store::units::find_assignable(
        &change,
        principal,
        unit,
        "unit_id",
        caller.today(),
    )
    .await?;
    let sha256 = files.store(bytes)?;
    let row = document::ActiveModel {
        id: Set(DocumentId::new().0),
        unit_id: Set(unit.id),
        file_name: Set(clean_file_name(file_name, "chung-tu")),
        content_type: Set(content_type.to_string()),
        byte_size: Set(i64::try_from(bytes.len()).unwrap_or(i64::MAX)),
        sha256: Set(sha256),
        created_by: Set(principal.user_id.0),
        created_at: Set(caller.at),
    };
    let out = store::document_out(store::insert_document(&change, row).await?);
    change.audit_record("budget_document", out.id, "budget_document.file", &out)?;
    change.commit().await?;
    Ok(out)
}

/// The bytes of a document in the caller's scope, with its type and name.
pub async fn read_document(
    db: &DatabaseConnection,
    files: &BlobDir,
    caller: &Caller,
    id: DocumentId,
) -> DomainResult<(DocumentOut, Vec<u8>)> {
    caller.principal.require(Action::BudgetsRead)?;
    let doc = store::document(db, &caller.principal, id).await?;
    let bytes = files.read(&doc.sha256)?;
    Ok((doc, bytes))
}
