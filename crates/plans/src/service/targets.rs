//! Use cases of a plan's targets: add, change, remove — only while the plan is a draft (an
//! approved plan's targets are what the decision fixed). A target counts the plan's unit or a
//! unit under it, over a period that holds the plan's year.

use std::collections::HashMap;

use ocop_core::store::change::Change;
use ocop_core::store::{audit, units};
use ocop_core::{Action, Caller, DomainError, DomainResult, UnitId};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection};
use serde_json::json;

use super::plans::not_draft;
use crate::events::{TARGET_CREATED, TARGET_DELETED, TARGET_UPDATED};
use crate::model::*;
use crate::store::entities::{plan, target};
use crate::store::{plans, targets as store};

fn require_draft(plan: &plan::Model) -> DomainResult<()> {
    if plans::state_of(plan)?.targets_editable() {
        Ok(())
    } else {
        Err(not_draft())
    }
}

/// The target's unit with its name, refused unless it is the plan's unit or under it.
async fn unit_under_plan<C: ConnectionTrait>(
    db: &C,
    plan: &plan::Model,
    unit: UnitId,
) -> DomainResult<HashMap<i32, String>> {
    if !units::subtree(db, UnitId(plan.unit_id))
        .await?
        .contains(&unit)
    {
        return Err(DomainError::field("unit_id", "outside_plan_unit"));
    }
    units::names_by_ids(db, [unit.0]).await
}

async fn one_out<C: ConnectionTrait>(db: &C, m: &target::Model) -> DomainResult<TargetOut> {
    store::outs(db, vec![m.clone()])
        .await?
        .pop()
        .ok_or(DomainError::not_found("target"))
}

/// Adds a target to a draft plan, after its last one.
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    plan_id: PlanId,
    input: TargetIn,
) -> DomainResult<TargetOut> {
    let principal = &caller.principal;
    principal.require(Action::PlansManage)?;
    let mut change = Change::begin(db, caller).await?;
    let plan = plans::plan_in_scope(&change, principal, plan_id).await?;
    require_draft(&plan)?;
    check_target(
        input.metric,
        &input.filter,
        (input.start_year, input.end_year),
        plan.year,
        input.target,
        input.target_max,
        input.baseline.as_ref(),
    )?;
    let names = unit_under_plan(&change, &plan, input.unit_id).await?;
    let position = store::next_position(&change, plan_id).await?;
    let now = caller.at;
    let row = target::ActiveModel {
        id: Set(TargetId::new().0),
        plan_id: Set(plan.id),
        metric: Set(input.metric.as_str().to_string()),
        filter: Set(store::filter_text(&input.filter)?),
        title: Set(input.title.trim().to_string()),
        unit_id: Set(input.unit_id.0),
        start_year: Set(input.start_year),
        end_year: Set(input.end_year),
        direction: Set(input.direction.as_str().to_string()),
        target: Set(input.target),
        target_max: Set(input.target_max),
        baseline_numerator: Set(input.baseline.map(|b| b.numerator)),
        baseline_denominator: Set(input.baseline.and_then(|b| b.denominator)),
        position: Set(position),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let model = store::insert(&change, row).await?;
    let out = store::to_out(model, &names)?;
    change.audit_record("target", out.id, "target.create", &out)?;
    change.emit(TARGET_CREATED, out.id, out.version, &out)?;
    change.commit().await?;
    Ok(out)
}

/// The target to change and its plan: in scope, at the version read, the plan a draft.
async fn current<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: TargetId,
    expected_version: i32,
) -> DomainResult<(target::Model, plan::Model)> {
    caller.principal.require(Action::PlansManage)?;
    let (current, plan) = store::target_in_scope(db, &caller.principal, id).await?;
    if current.version != expected_version {
        return Err(DomainError::StaleVersion {
            expected: expected_version,
            current: current.version,
        });
    }
    require_draft(&plan)?;
    Ok((current, plan))
}

/// Changes a target of a draft plan; the whole target is checked again.
pub async fn patch(
    db: &DatabaseConnection,
    caller: &Caller,
    id: TargetId,
    expected_version: i32,
    patch: TargetPatch,
) -> DomainResult<TargetOut> {
    let mut change = Change::begin(db, caller).await?;
    let (current, plan) = current(&change, caller, id, expected_version).await?;
    let before = one_out(&change, &current).await?;
    let metric = Metric::parse(&current.metric).ok_or_else(|| {
        DomainError::Internal(format!("plan_target.metric holds {:?}", current.metric))
    })?;
    let filter = match patch.filter {
        Some(filter) => filter,
        None => store::filter_of(&current)?,
    };
    let start_year = patch.start_year.unwrap_or(current.start_year);
    let end_year = patch.end_year.unwrap_or(current.end_year);
    let value = patch.target.unwrap_or(current.target);
    let target_max = if patch.clear_target_max {
        None
    } else {
        patch.target_max.or(current.target_max)
    };
    let baseline = if patch.clear_baseline {
        None
    } else {
        patch
            .baseline
            .or(current.baseline_numerator.map(|numerator| Quantity {
                numerator,
                denominator: current.baseline_denominator,
            }))
    };
    check_target(
        metric,
        &filter,
        (start_year, end_year),
        plan.year,
        value,
        target_max,
        baseline.as_ref(),
    )?;
    let unit = patch.unit_id.unwrap_or(UnitId(current.unit_id));
    let names = unit_under_plan(&change, &plan, unit).await?;

    let mut row: target::ActiveModel = current.clone().into();
    if let Some(title) = patch.title {
        row.title = Set(title.trim().to_string());
    }
    row.filter = Set(store::filter_text(&filter)?);
    row.unit_id = Set(unit.0);
    row.start_year = Set(start_year);
    row.end_year = Set(end_year);
    if let Some(direction) = patch.direction {
        row.direction = Set(direction.as_str().to_string());
    }
    row.target = Set(value);
    row.target_max = Set(target_max);
    row.baseline_numerator = Set(baseline.map(|b| b.numerator));
    row.baseline_denominator = Set(baseline.and_then(|b| b.denominator));
    let after = store::save_versioned(&change, row, &current, caller.at).await?;
    let after = store::to_out(after, &names)?;
    change.audit("target", id, "target.update", audit::diff(&before, &after));
    change.emit(TARGET_UPDATED, after.id, after.version, &after)?;
    change.commit().await?;
    Ok(after)
}

/// Removes a target from a draft plan.
pub async fn delete(
    db: &DatabaseConnection,
    caller: &Caller,
    id: TargetId,
    expected_version: i32,
) -> DomainResult<()> {
    let mut change = Change::begin(db, caller).await?;
    let (current, _plan) = current(&change, caller, id, expected_version).await?;
    let before = one_out(&change, &current).await?;
    store::delete_if_version(&change, &current).await?;
    change.audit_record("target", id, "target.delete", &before)?;
    // A deletion is one change past the last version anyone read.
    change.emit(
        TARGET_DELETED,
        id,
        current.version + 1,
        &json!({ "id": id }),
    )?;
    change.commit().await?;
    Ok(())
}
