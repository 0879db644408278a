//! Use cases of programme phases: create and change. A phase belongs to a unit in force in the
//! caller's scope (usually the province); its years are in order and its budget not negative.

use ocop_core::store::change::Change;
use ocop_core::store::{audit, units};
use ocop_core::{Action, Caller, DomainError, DomainResult, Dong};
use sea_orm::{ActiveValue::Set, DatabaseConnection};

use crate::events::{PHASE_CREATED, PHASE_UPDATED};
use crate::model::*;
use crate::store::entities::phase;
use crate::store::phases as store;

fn check_total(total: Option<Dong>) -> DomainResult<()> {
    if total.is_some_and(|t| t.0 < 0) {
        return Err(DomainError::field("planned_total", "range"));
    }
    Ok(())
}

/// Records a programme phase of a unit in the caller's scope.
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    input: PhaseIn,
) -> DomainResult<PhaseOut> {
    let principal = &caller.principal;
    principal.require(Action::PlansManage)?;
    years_in_order(input.start_year, input.end_year)?;
    check_total(input.planned_total)?;
    let mut change = Change::begin(db, caller).await?;
    let unit = units::find_assignable(&change, principal, input.unit_id, "unit_id", caller.today())
        .await?;
    let now = caller.at;
    let row = phase::ActiveModel {
        id: Set(PhaseId::new().0),
        unit_id: Set(unit.id),
        name: Set(input.name.trim().to_string()),
        start_year: Set(input.start_year),
        end_year: Set(input.end_year),
        decision_number: Set(clean_opt(input.decision_number)),
        decision_date: Set(input.decision_date),
        planned_total: Set(input.planned_total.map(|t| t.0)),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let model = store::insert(&change, row).await?;
    let out = store::out(&change, model).await?;
    change.audit_record("phase", out.id, "phase.create", &out)?;
    change.emit(PHASE_CREATED, out.id, out.version, &out)?;
    change.commit().await?;
    Ok(out)
}

/// Changes a phase read at `expected_version`. Only those whose scope holds the phase's unit
/// may; those under it read it but are refused.
pub async fn patch(
    db: &DatabaseConnection,
    caller: &Caller,
    id: PhaseId,
    expected_version: i32,
    patch: PhasePatch,
) -> DomainResult<PhaseOut> {
    let principal = &caller.principal;
    principal.require(Action::PlansManage)?;
    let mut change = Change::begin(db, caller).await?;
    let current = store::phase_in_scope(&change, principal, id).await?;
    if !principal.covers_unit(ocop_core::UnitId(current.unit_id)) {
        return Err(DomainError::Forbidden { reason: "scope" });
    }
    if current.version != expected_version {
        return Err(DomainError::StaleVersion {
            expected: expected_version,
            current: current.version,
        });
    }
    let start_year = patch.start_year.unwrap_or(current.start_year);
    let end_year = patch.end_year.unwrap_or(current.end_year);
    years_in_order(start_year, end_year)?;
    check_total(patch.planned_total)?;
    let before = store::out(&change, current.clone()).await?;

    let mut row: phase::ActiveModel = current.clone().into();
    if let Some(name) = patch.name {
        row.name = Set(name.trim().to_string());
    }
    row.start_year = Set(start_year);
    row.end_year = Set(end_year);
    if let Some(number) = patch.decision_number {
        row.decision_number = Set(clean_opt(Some(number)));
    }
    if let Some(date) = patch.decision_date {
        row.decision_date = Set(Some(date));
    }
    if let Some(total) = patch.planned_total {
        row.planned_total = Set(Some(total.0));
    }
    let after = store::save_versioned(&change, row, &current, caller.at).await?;
    let after = store::out(&change, after).await?;
    change.audit("phase", id, "phase.update", audit::diff(&before, &after));
    change.emit(PHASE_UPDATED, after.id, after.version, &after)?;
    change.commit().await?;
    Ok(after)
}
