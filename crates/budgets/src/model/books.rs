//! The records of the books as the API takes and gives them: budget lines and their revisions,
//! allocations (with an approved over-allocation), ledger entries and supporting documents.
//! Money is integer đồng ([`Dong`]); days are calendar dates.

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::{Dong, UnitId, UserId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};

use super::EntryKind;

ocop_core::uuid_id!(
    /// A budget line (dòng dự toán): a unit's money from one source for one year.
    LineId
);
ocop_core::uuid_id!(
    /// An allocation (phân bổ) of a line to a plan or one of its activities.
    AllocationId
);
ocop_core::uuid_id!(
    /// A ledger entry: a disbursement or the reversal of one.
    EntryId
);
ocop_core::uuid_id!(
    /// A supporting document (chứng từ) kept with ledger entries: an invoice, a payment order.
    DocumentId
);

/// The largest amount one request may carry: a million billion đồng, a thousand times a
/// province's whole programme, and far enough below `i64::MAX` that no running total of the
/// books (sums of at most a few thousand such amounts) can overflow a BIGINT.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;

/// Money asked for or recorded is at least one đồng and at most [`MAX_AMOUNT`] (the code
/// `range`, as for other bounds).
fn positive(amount: &Dong) -> Result<(), ValidationError> {
    if (1..=MAX_AMOUNT).contains(&amount.0) {
        Ok(())
    } else {
        Err(ValidationError::new("range"))
    }
}

/// A new budget line. Its `original` amount is the estimate as first decided (IATI budget type
/// 1); a later revision (type 2) replaces it as the amount in force.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct LineIn {
    pub unit_id: UnitId,
    /// The programme phase the line belongs to, if any.
    pub phase_id: Option<Uuid>,
    #[validate(range(min = 2000, max = 2100))]
    pub year: i32,
    /// A code of `GET /api/v1/budgets/sources`.
    #[validate(length(min = 1, max = 40))]
    #[schema(example = "ntp_new_rural")]
    pub source_code: String,
    #[validate(length(min = 3, max = 300))]
    pub title: String,
    /// The decision that set the estimate.
    #[validate(length(max = 100))]
    pub decision_number: Option<String>,
    #[validate(custom(function = "positive"))]
    #[schema(value_type = i64, example = 500000000)]
    pub original: Dong,
}

/// A revision of a line's estimate (dự toán điều chỉnh), by a decision.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RevisionIn {
    #[validate(custom(function = "positive"))]
    #[schema(value_type = i64)]
    pub revised: Dong,
    #[validate(length(min = 1, max = 100))]
    pub decision_number: String,
    pub revised_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LineOut {
    pub id: LineId,
    pub unit_id: UnitId,
    pub unit_name: String,
    pub phase_id: Option<Uuid>,
    pub year: i32,
    pub source_code: String,
    /// Whether the source is state budget (central or local).
    pub state_budget: bool,
    pub title: String,
    pub decision_number: Option<String>,
    #[schema(value_type = i64)]
    pub original: Dong,
    #[schema(value_type = Option<i64>)]
    pub revised: Option<Dong>,
    pub revision_decision: Option<String>,
    pub revised_on: Option<NaiveDate>,
    /// The revised amount once there is one, else the original.
    #[schema(value_type = i64)]
    pub amount: Dong,
    #[schema(value_type = i64)]
    pub allocated: Dong,
    /// Net of reversals, over every allocation of the line.
    #[schema(value_type = i64)]
    pub disbursed: Dong,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Filters of the list of lines; every filter is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct LineQuery {
    /// Lines of this unit and the units under it.
    pub unit_id: Option<UnitId>,
    pub year: Option<i32>,
    pub phase_id: Option<Uuid>,
    pub source_code: Option<String>,
}

/// Why an allocation may go past what is left on its line: the approval, recorded with who gave
/// it (the caller, who must hold the right to approve).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct OverAllocationIn {
    #[validate(length(min = 10, max = 2000))]
    pub reason: String,
    #[validate(length(min = 1, max = 100))]
    pub decision_number: String,
}

/// An allocation of a line to a plan, or to one of its activities (then the plan is the
/// activity's).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AllocationIn {
    pub plan_id: Option<Uuid>,
    pub activity_id: Option<Uuid>,
    #[validate(length(min = 3, max = 300))]
    pub purpose: String,
    #[validate(custom(function = "positive"))]
    #[schema(value_type = i64)]
    pub amount: Dong,
    pub allocated_on: NaiveDate,
    /// Required when the amount goes past what is left on the line.
    #[validate(nested)]
    pub over_allocation: Option<OverAllocationIn>,
}

/// A recorded approval of an over-allocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ApprovalOut {
    pub approved_by: UserId,
    pub reason: String,
    pub decision_number: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AllocationOut {
    pub id: AllocationId,
    pub line_id: LineId,
    pub unit_id: UnitId,
    pub source_code: String,
    pub year: i32,
    pub plan_id: Option<Uuid>,
    pub activity_id: Option<Uuid>,
    pub purpose: String,
    #[schema(value_type = i64)]
    pub amount: Dong,
    /// Net of reversals.
    #[schema(value_type = i64)]
    pub disbursed: Dong,
    /// What may still be disbursed.
    #[schema(value_type = i64)]
    pub available: Dong,
    pub allocated_on: NaiveDate,
    pub approval: Option<ApprovalOut>,
    pub created_by: UserId,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

/// A disbursement (chi) from an allocation. Once posted it is never edited: a mistake is undone
/// by reversing the whole entry and posting it again.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DisbursementIn {
    #[validate(custom(function = "positive"))]
    #[schema(value_type = i64)]
    pub amount: Dong,
    pub entry_date: NaiveDate,
    #[validate(length(min = 2, max = 300))]
    pub payee: String,
    /// The payment document's number (số chứng từ).
    #[validate(length(min = 1, max = 100))]
    pub document_number: String,
    /// A document uploaded to `POST /api/v1/budgets/documents`.
    pub document_id: Option<DocumentId>,
    #[validate(length(max = 2000))]
    pub note: Option<String>,
}

/// The reversal (bút toán đảo) of a whole disbursement.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReversalIn {
    pub entry_date: NaiveDate,
    #[validate(length(min = 5, max = 2000))]
    pub reason: String,
    /// The correcting document's number, if there is one.
    #[validate(length(max = 100))]
    pub document_number: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EntryOut {
    pub id: EntryId,
    pub allocation_id: AllocationId,
    pub line_id: LineId,
    pub unit_id: UnitId,
    pub kind: EntryKind,
    /// Always positive; the kind says which way it moves the balance.
    #[schema(value_type = i64)]
    pub amount: Dong,
    pub entry_date: NaiveDate,
    pub payee: String,
    pub document_number: String,
    pub document: Option<DocumentOut>,
    /// For a reversal: the entry it undoes.
    pub reverses_id: Option<EntryId>,
    /// For a disbursement: the entry that undid it, if any.
    pub reversed_by: Option<EntryId>,
    pub note: Option<String>,
    pub posted_by: UserId,
    pub posted_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DocumentOut {
    pub id: DocumentId,
    pub unit_id: UnitId,
    pub file_name: String,
    pub content_type: String,
    pub byte_size: i64,
    pub sha256: String,
    /// Where its bytes are served.
    pub url: String,
}

/// Which unit a document is filed under, as the upload's query.
#[derive(Debug, Clone, Serialize, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DocumentQuery {
    pub unit_id: UnitId,
}
