//! Allocating a line to a plan or one of its activities. What is allocated from a line stays
//! within its amount in force unless the allocation carries an approved over-allocation (who,
//! why, by which decision), which only the provincial body may give.

use ocop_core::store::change::Change;
use ocop_core::store::units;
use ocop_core::{Action, Caller, DomainError, DomainResult, Dong, UnitId};
use ocop_plans::{ActivityId, PlanId, PlanState};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection};
use uuid::Uuid;

use super::{Refusal, refuse};
use crate::events::ALLOCATION_CREATED;
use crate::model::{AllocationId, AllocationIn, AllocationOut, LineId, amount_in_force};
use crate::store::entities::{allocation, line};
use crate::store::{allocations as store, lines};

/// The plan an allocation goes to, and the activity if it names one: both visible to the
/// caller, in the line's unit or under it, and of the line's year.
async fn target<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    line: &line::Model,
    input: &AllocationIn,
) -> DomainResult<(Uuid, Option<Uuid>)> {
    let not_found = |field: &'static str| {
        move |e: DomainError| match e {
            DomainError::NotFound { .. } => DomainError::field(field, "not_found"),
            other => other,
        }
    };
    let (field, plan_id, activity) = match (input.plan_id, input.activity_id) {
        (None, Some(activity)) => {
            let activity =
                ocop_plans::store::activities::get(db, &caller.principal, ActivityId(activity))
                    .await
                    .map_err(not_found("activity_id"))?;
            ("activity_id", activity.plan_id.0, Some(activity))
        }
        (Some(plan), None) => ("plan_id", plan, None),
        _ => return Err(DomainError::field("plan_id", "one_of")),
    };
    let plan = ocop_plans::store::plans::get(db, &caller.principal, PlanId(plan_id))
        .await
        .map_err(not_found(field))?;
    if plan.year != line.year {
        return Err(DomainError::field(field, "other_year"));
    }
    // A closed plan is a record of what was done: no new money goes to it.
    if plan.state == PlanState::Closed {
        return Err(DomainError::Conflict {
            code: "plan_closed",
            field: Some(field),
        });
    }
    let unit = activity.as_ref().map_or(plan.unit_id, |a| a.unit_id);
    if !units::subtree(db, UnitId(line.unit_id))
        .await?
        .contains(&unit)
    {
        return Err(DomainError::field(field, "outside_line_unit"));
    }
    Ok((plan_id, activity.map(|a| a.id.0)))
}

/// Allocates part of a line in the caller's scope.
pub async fn allocate(
    db: &DatabaseConnection,
    caller: &Caller,
    line_id: LineId,
    input: AllocationIn,
) -> DomainResult<AllocationOut> {
    let principal = &caller.principal;
    principal.require(Action::BudgetsManage)?;
    if input.over_allocation.is_some() {
        principal.require(Action::BudgetsApprove)?;
    }
    super::not_after_today(input.allocated_on, caller, "allocated_on")?;
    let mut change = Change::begin(db, caller).await?;
    let line = lines::in_scope(&change, principal, line_id).await?;
    let (plan_id, activity_id) = target(&change, caller, &line, &input).await?;
    let approved = input.over_allocation.is_some();
    if !lines::take(&change, line_id, input.amount, approved, caller.at).await? {
        // The line as it stands now: a revision may have landed since it was read above.
        let now = lines::row(&change, line_id).await?;
        let limit = amount_in_force(Dong(now.original), now.revised.map(Dong));
        let used = now.allocated;
        let refusal = Refusal {
            entity: "budget_line",
            id: line_id.0.to_string(),
            action: "budget_line.allocate_refused",
            field: "amount",
            limit: limit.0,
            used,
            asked: input.amount.0,
        };
        return Err(refuse(db, caller, change, refusal).await);
    }
    let (approved_by, reason, decision) = match input.over_allocation {
        Some(o) => (
            Some(principal.user_id.0),
            Some(o.reason.trim().to_string()),
            Some(o.decision_number.trim().to_string()),
        ),
        None => (None, None, None),
    };
    let row = allocation::ActiveModel {
        id: Set(AllocationId::new().0),
        line_id: Set(line.id),
        unit_id: Set(line.unit_id),
        plan_id: Set(Some(plan_id)),
        activity_id: Set(activity_id),
        purpose: Set(input.purpose.trim().to_string()),
        amount: Set(input.amount.0),
        disbursed: Set(0),
        allocated_on: Set(input.allocated_on),
        approved_by: Set(approved_by),
        approval_reason: Set(reason),
        approval_decision: Set(decision),
        created_by: Set(principal.user_id.0),
        version: Set(1),
        created_at: Set(caller.at),
        updated_at: Set(caller.at),
    };
    let out = store::out(store::insert(&change, row).await?, &line);
    change.audit_record(
        "budget_allocation",
        out.id,
        "budget_allocation.create",
        &out,
    )?;
    change.emit(ALLOCATION_CREATED, out.id, out.version, &out)?;
    change.commit().await?;
    Ok(out)
}
