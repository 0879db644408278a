//! Budget lines: record one (the estimate as decided) and revise it (a later decision's amount
//! replaces it as the amount in force; it may not fall under what is already allocated).

use ocop_core::store::change::Change;
use ocop_core::store::{audit, units};
use ocop_core::{Action, Caller, DomainError, DomainResult};
use ocop_plans::PhaseId;
use sea_orm::{ActiveValue::Set, DatabaseConnection};

use super::clean_opt;
use crate::events::{LINE_CREATED, LINE_REVISED};
use crate::model::{LineId, LineIn, LineOut, RevisionIn, funding_source};
use crate::store::entities::{line, revision};
use crate::store::lines as store;

/// Records a budget line of a unit in the caller's scope.
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    input: LineIn,
) -> DomainResult<LineOut> {
    caller.principal.require(Action::BudgetsManage)?;
    if funding_source(&input.source_code).is_none() {
        return Err(DomainError::field("source_code", "unknown_source"));
    }
    let mut change = Change::begin(db, caller).await?;
    let unit = units::find_assignable(
        &change,
        &caller.principal,
        input.unit_id,
        "unit_id",
        caller.today(),
    )
    .await?;
    if let Some(phase) = input.phase_id {
        let phase = ocop_plans::store::phases::get(&change, &caller.principal, PhaseId(phase))
            .await
            .map_err(|e| match e {
                DomainError::NotFound { .. } => DomainError::field("phase_id", "not_found"),
                other => other,
            })?;
        if !(phase.start_year..=phase.end_year).contains(&input.year) {
            return Err(DomainError::field("year", "outside_phase"));
        }
    }
    let now = caller.at;
    let row = line::ActiveModel {
        id: Set(LineId::new().0),
        unit_id: Set(unit.id),
        phase_id: Set(input.phase_id),
        year: Set(input.year),
        source_code: Set(input.source_code),
        title: Set(input.title.trim().to_string()),
        decision_number: Set(clean_opt(input.decision_number)),
        original: Set(input.original.0),
        revised: Set(None),
        revision_decision: Set(None),
        revised_on: Set(None),
        allocated: Set(0),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let model = store::insert(&change, row).await?;
    let out = store::one(&change, model).await?;
    change.audit_record("budget_line", out.id, "budget_line.create", &out)?;
    change.emit(LINE_CREATED, out.id, out.version, &out)?;
    change.commit().await?;
    Ok(out)
}

/// Revises a line read at `expected_version`.
pub async fn revise(
    db: &DatabaseConnection,
    caller: &Caller,
    id: LineId,
    expected_version: i32,
    input: RevisionIn,
) -> DomainResult<LineOut> {
    caller.principal.require(Action::BudgetsManage)?;
    super::not_after_today(input.revised_on, caller, "revised_on")?;
    let mut change = Change::begin(db, caller).await?;
    let current = store::in_scope(&change, &caller.principal, id).await?;
    if current.version != expected_version {
        return Err(DomainError::StaleVersion {
            expected: expected_version,
            current: current.version,
        });
    }
    // Revisions follow one another: the one in force on a day is the last one dated by then.
    if current
        .revised_on
        .is_some_and(|last| input.revised_on < last)
    {
        return Err(DomainError::field("revised_on", "before_previous_revision"));
    }
    let before = store::one(&change, current.clone()).await?;
    let decision = input.decision_number.trim();
    let revised = store::revise(
        &change,
        id,
        expected_version,
        input.revised,
        decision,
        input.revised_on,
        caller.at,
    )
    .await?;
    if !revised {
        // Read again to say why: another change moved the line since the check above (possible
        // on PostgreSQL), or the allocations would be left above the line without an approval.
        let now = store::row(&change, id).await?;
        return Err(if now.version != expected_version {
            DomainError::StaleVersion {
                expected: expected_version,
                current: now.version,
            }
        } else {
            DomainError::field("revised", "below_allocated")
        });
    }
    store::record_revision(
        &change,
        revision::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            line_id: Set(id.0),
            amount: Set(input.revised.0),
            decision_number: Set(decision.to_string()),
            revised_on: Set(input.revised_on),
            recorded_by: Set(caller.principal.user_id.0),
            recorded_at: Set(caller.at),
        },
    )
    .await?;
    let after = store::one(&change, store::row(&change, id).await?).await?;
    change.audit(
        "budget_line",
        id,
        "budget_line.revise",
        audit::diff(&before, &after),
    );
    change.emit(LINE_REVISED, after.id, after.version, &after)?;
    change.commit().await?;
    Ok(after)
}
