//! Use cases of annual plans: create, change a draft, move (approve with the decision, close,
//! send back to draft) and delete a draft. A plan is created only for a unit in force in the
//! caller's scope; one per unit and year.

use chrono::Datelike;
use ocop_core::store::change::Change;
use ocop_core::store::{audit, units};
use ocop_core::{Action, Caller, DomainError, DomainResult, Principal, UnitId};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection};
use serde_json::json;

use crate::events::{PLAN_CREATED, PLAN_DELETED, PLAN_MOVED, PLAN_UPDATED};
use crate::model::*;
use crate::store::entities::plan;
use crate::store::{phases, plans as store};

/// The refusal of a change to a plan that is no longer a draft.
pub(crate) fn not_draft() -> DomainError {
    DomainError::Conflict {
        code: "plan_not_draft",
        field: None,
    }
}

/// Checks that a plan of `unit` for `year` may carry out the phase: the caller reads it, its
/// unit is the plan's or above it, and its years hold the plan's year.
async fn check_phase<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    phase: PhaseId,
    unit: UnitId,
    year: i32,
) -> DomainResult<()> {
    let phase = phases::phase_in_scope(db, principal, phase)
        .await
        .map_err(|e| match e {
            DomainError::NotFound { .. } => DomainError::field("phase_id", "unknown_phase"),
            other => other,
        })?;
    if !units::subtree(db, UnitId(phase.unit_id))
        .await?
        .contains(&unit)
    {
        return Err(DomainError::field("phase_id", "phase_of_other_unit"));
    }
    if !(phase.start_year..=phase.end_year).contains(&year) {
        return Err(DomainError::field("phase_id", "year_outside_phase"));
    }
    Ok(())
}

/// Drafts the plan of a unit for a year.
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    input: PlanIn,
) -> DomainResult<PlanOut> {
    let principal = &caller.principal;
    principal.require(Action::PlansManage)?;
    let mut change = Change::begin(db, caller).await?;
    let unit = units::find_assignable(&change, principal, input.unit_id, "unit_id", caller.today())
        .await?;
    if let Some(phase) = input.phase_id {
        check_phase(&change, principal, phase, UnitId(unit.id), input.year).await?;
    }
    let now = caller.at;
    let row = plan::ActiveModel {
        id: Set(PlanId::new().0),
        unit_id: Set(unit.id),
        phase_id: Set(input.phase_id.map(|p| p.0)),
        year: Set(input.year),
        title: Set(input.title.trim().to_string()),
        summary: Set(clean_opt(input.summary)),
        state: Set(PlanState::Draft.as_str().to_string()),
        decision_number: Set(None),
        decision_date: Set(None),
        closed_on: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    // A second plan of the unit for the year breaks the unique index: 409 naming `year`.
    let model = store::insert(&change, row).await?;
    let out = store::out(&change, model).await?;
    change.audit_record("plan", out.id, "plan.create", &out)?;
    change.emit(PLAN_CREATED, out.id, out.version, &out)?;
    change.commit().await?;
    Ok(out)
}

/// The plan to change: in scope, at the version read.
async fn current<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: PlanId,
    expected_version: i32,
) -> DomainResult<plan::Model> {
    caller.principal.require(Action::PlansManage)?;
    let current = store::plan_in_scope(db, &caller.principal, id).await?;
    if current.version != expected_version {
        return Err(DomainError::StaleVersion {
            expected: expected_version,
            current: current.version,
        });
    }
    Ok(current)
}

/// Changes a draft plan's title, summary or phase.
pub async fn patch(
    db: &DatabaseConnection,
    caller: &Caller,
    id: PlanId,
    expected_version: i32,
    patch: PlanPatch,
) -> DomainResult<PlanOut> {
    let mut change = Change::begin(db, caller).await?;
    let current = current(&change, caller, id, expected_version).await?;
    if store::state_of(&current)? != PlanState::Draft {
        return Err(not_draft());
    }
    if let Some(phase) = patch.phase_id {
        check_phase(
            &change,
            &caller.principal,
            phase,
            UnitId(current.unit_id),
            current.year,
        )
        .await?;
    }
    let before = store::out(&change, current.clone()).await?;
    let mut row: plan::ActiveModel = current.clone().into();
    if let Some(title) = patch.title {
        row.title = Set(title.trim().to_string());
    }
    if let Some(summary) = patch.summary {
        row.summary = Set(clean_opt(Some(summary)));
    }
    if let Some(phase) = patch.phase_id {
        row.phase_id = Set(Some(phase.0));
    }
    let after = store::save_versioned(&change, row, &current, caller.at).await?;
    let after = store::out(&change, after).await?;
    change.audit("plan", id, "plan.update", audit::diff(&before, &after));
    change.emit(PLAN_UPDATED, after.id, after.version, &after)?;
    change.commit().await?;
    Ok(after)
}

/// Approves a draft with its decision, closes an approved plan (on the caller's day, once the
/// plan's year is over: 409 `plan_year_not_over` before), or sends
/// it back to draft for an amending decision. The decision fields are kept on the way back: the
/// amending decision replaces them when the plan is approved again.
pub async fn transition(
    db: &DatabaseConnection,
    caller: &Caller,
    id: PlanId,
    expected_version: i32,
    input: PlanTransitionIn,
) -> DomainResult<PlanOut> {
    let mut change = Change::begin(db, caller).await?;
    let current = current(&change, caller, id, expected_version).await?;
    let from = store::state_of(&current)?;
    let number = clean_opt(input.decision_number);
    check_plan_move(from, input.to, number.as_deref(), input.decision_date)?;
    // A plan is closed on its year's results, which are not in before the year is over.
    if input.to == PlanState::Closed && caller.today().year() <= current.year {
        return Err(DomainError::Conflict {
            code: "plan_year_not_over",
            field: None,
        });
    }
    let before = store::out(&change, current.clone()).await?;
    let mut row: plan::ActiveModel = current.clone().into();
    row.state = Set(input.to.as_str().to_string());
    match input.to {
        PlanState::Approved => {
            row.decision_number = Set(number);
            row.decision_date = Set(input.decision_date);
        }
        PlanState::Closed => row.closed_on = Set(Some(caller.today())),
        PlanState::Draft => {}
    }
    let after = store::save_versioned(&change, row, &current, caller.at).await?;
    let after = store::out(&change, after).await?;
    change.audit(
        "plan",
        id,
        &format!("plan.{}", input.to.as_str()),
        audit::diff(&before, &after),
    );
    change.emit(PLAN_MOVED, after.id, after.version, &after)?;
    change.commit().await?;
    Ok(after)
}

/// Deletes a draft plan with its targets and activities.
pub async fn delete(
    db: &DatabaseConnection,
    caller: &Caller,
    id: PlanId,
    expected_version: i32,
) -> DomainResult<()> {
    let mut change = Change::begin(db, caller).await?;
    let current = current(&change, caller, id, expected_version).await?;
    if store::state_of(&current)? != PlanState::Draft {
        return Err(not_draft());
    }
    let before = store::out(&change, current.clone()).await?;
    store::delete_if_version(&change, &current).await?;
    change.audit_record("plan", id, "plan.delete", &before)?;
    // A deletion is one change past the last version anyone read.
    change.emit(PLAN_DELETED, id, current.version + 1, &json!({ "id": id }))?;
    change.commit().await?;
    Ok(())
}
