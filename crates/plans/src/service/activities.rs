//! The use cases of a plan's activities: create, change and delete an activity, record and
//! remove the participants of a training class and the products shown at a fair. Each runs in
//! one [`Change`] and is refused (409 `plan_closed`) once the plan is closed: a closed plan is
//! a record. Participants and products are announced as changes of their activity, at its
//! current version (they are rows of their own and do not move it).

mod attendance;

pub use attendance::{add_participant, add_product, remove_participant, remove_product};

use ocop_core::store::change::Change;
use ocop_core::store::{audit, units};
use ocop_core::{Action, Caller, DomainError, DomainResult, UnitId};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection};
use serde_json::json;

use crate::events::{ACTIVITY_CREATED, ACTIVITY_DELETED, ACTIVITY_UPDATED};
use crate::model::*;
use crate::store::activities as store;
use crate::store::entities::{activity, plan};

/// Refuses changes to the activities of a closed plan.
fn require_editable(plan: &plan::Model) -> DomainResult<()> {
    if store::plan_state(plan)?.activities_editable() {
        Ok(())
    } else {
        Err(DomainError::Conflict {
            code: "plan_closed",
            field: None,
        })
    }
}

/// The unit an activity is held in: one the caller may assign, and the plan's unit or under it.
async fn check_unit<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    plan: &plan::Model,
    unit: UnitId,
) -> DomainResult<(i32, String)> {
    let found =
        units::find_assignable(db, &caller.principal, unit, "unit_id", caller.today()).await?;
    if !store::unit_under(db, UnitId(plan.unit_id), unit).await? {
        return Err(DomainError::field("unit_id", "outside_plan_unit"));
    }
    Ok((found.id, found.name))
}

/// Trimmed names, empty ones dropped, as the JSON array text stored.
fn cooperating_text(names: Vec<String>) -> DomainResult<String> {
    let names: Vec<String> = names
        .into_iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    serde_json::to_string(&names).map_err(|e| DomainError::Internal(format!("cooperating: {e}")))
}

/// Adds an activity to a plan in scope that is not closed.
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    plan_id: PlanId,
    input: ActivityIn,
) -> DomainResult<ActivityOut> {
    caller.principal.require(Action::PlansManage)?;
    check_activity(
        &input.quarters,
        input.starts_on,
        input.ends_on,
        input.status,
    )?;
    let mut change = Change::begin(db, caller).await?;
    let plan = store::plan_model(&change, &caller.principal, plan_id).await?;
    require_editable(&plan)?;
    let (unit_id, unit_name) = check_unit(&change, caller, &plan, input.unit_id).await?;
    let now = caller.at;
    let row = activity::ActiveModel {
        id: Set(ActivityId::new().0),
        plan_id: Set(plan.id),
        kind: Set(input.kind.as_str().to_string()),
        title: Set(input.title.trim().to_string()),
        lead_department: Set(input.lead_department.trim().to_string()),
        cooperating_units: Set(cooperating_text(input.cooperating_units)?),
        quarters: Set(store::quarters_text(&input.quarters)),
        unit_id: Set(unit_id),
        place: Set(clean_opt(input.place)),
        starts_on: Set(input.starts_on),
        ends_on: Set(input.ends_on),
        status: Set(input.status.as_str().to_string()),
        results: Set(clean_opt(input.results)),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let model = store::insert(&change, row).await?;
    let mut out = store::one_out(&change, model).await?;
    out.unit_name = unit_name;
    change.audit_record("activity", out.id, "activity.create", &out)?;
    change.emit(ACTIVITY_CREATED, out.id, out.version, &out)?;
    change.commit().await?;
    Ok(out)
}

/// Changes an activity read at `expected_version`.
pub async fn patch(
    db: &DatabaseConnection,
    caller: &Caller,
    id: ActivityId,
    expected_version: i32,
    patch: ActivityPatch,
) -> DomainResult<ActivityOut> {
    caller.principal.require(Action::PlansManage)?;
    let mut change = Change::begin(db, caller).await?;
    let (current, plan) = store::activity_model(&change, &caller.principal, id, false).await?;
    if current.version != expected_version {
        return Err(DomainError::StaleVersion {
            expected: expected_version,
            current: current.version,
        });
    }
    require_editable(&plan)?;
    let before = store::one_out(&change, current.clone()).await?;
    let quarters = patch
        .quarters
        .clone()
        .unwrap_or_else(|| before.quarters.clone());
    let starts_on = patch.starts_on.or(before.starts_on);
    let ends_on = patch.ends_on.or(before.ends_on);
    let status = patch.status.unwrap_or(before.status);
    check_activity(&quarters, starts_on, ends_on, status)?;

    let mut model: activity::ActiveModel = current.clone().into();
    if let Some(unit) = patch.unit_id.filter(|u| u.0 != current.unit_id) {
        model.unit_id = Set(check_unit(&change, caller, &plan, unit).await?.0);
    }
    if let Some(title) = patch.title {
        model.title = Set(title.trim().to_string());
    }
    if let Some(lead) = patch.lead_department {
        model.lead_department = Set(lead.trim().to_string());
    }
    if let Some(names) = patch.cooperating_units {
        model.cooperating_units = Set(cooperating_text(names)?);
    }
    model.quarters = Set(store::quarters_text(&quarters));
    if let Some(place) = patch.place {
        model.place = Set(clean_opt(Some(place)));
    }
    model.starts_on = Set(starts_on);
    model.ends_on = Set(ends_on);
    model.status = Set(status.as_str().to_string());
    if let Some(results) = patch.results {
        model.results = Set(clean_opt(Some(results)));
    }
    let saved = store::save_versioned(&change, model, &current, caller.at).await?;
    let after = store::one_out(&change, saved).await?;
    change.audit(
        "activity",
        id,
        "activity.update",
        audit::diff(&before, &after),
    );
    change.emit(ACTIVITY_UPDATED, after.id, after.version, &after)?;
    change.commit().await?;
    Ok(after)
}

/// Deletes an activity read at `expected_version`, with its participants and products.
pub async fn delete(
    db: &DatabaseConnection,
    caller: &Caller,
    id: ActivityId,
    expected_version: i32,
) -> DomainResult<()> {
    caller.principal.require(Action::PlansManage)?;
    let mut change = Change::begin(db, caller).await?;
    let (current, plan) = store::activity_model(&change, &caller.principal, id, false).await?;
    if current.version != expected_version {
        return Err(DomainError::StaleVersion {
            expected: expected_version,
            current: current.version,
        });
    }
    require_editable(&plan)?;
    let before = store::one_out(&change, current.clone()).await?;
    store::delete(&change, current.id, current.version).await?;
    change.audit_record("activity", id, "activity.delete", &before)?;
    // A deletion is one change past the last version anyone read.
    change.emit(
        ACTIVITY_DELETED,
        id,
        current.version + 1,
        &json!({ "id": id }),
    )?;
    change.commit().await?;
    Ok(())
}
