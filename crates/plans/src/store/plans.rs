//! Annual plans: scoped reads (one plan, a filtered page), the output with its counts, and the
//! versioned row write. A plan is visible when its unit lies in the caller's subtree; out of
//! scope is not found, never told apart from missing.

use crate::store::versioned;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use ocop_core::store::units;
use ocop_core::{DomainError, DomainResult, Page, Principal, Scope, UnitId};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{Expr, ExprTrait, Order};
use sea_orm::{Condition, ConnectionTrait, PaginatorTrait, QueryOrder, QuerySelect};

use super::entities::{activity, plan, target};
use crate::model::{PhaseId, PlanId, PlanOut, PlanQuery, PlanState};

/// The rows of a unit-owned table a scope may see, by their `column` of unit ids: everything
/// for admins, the subtree of the caller's unit for officers and viewers, nothing for others.
pub(crate) fn unit_scope<Col: ColumnTrait>(column: Col, scope: &Scope) -> Condition {
    match scope {
        Scope::All => Condition::all(),
        Scope::Subtree(root) => Condition::all().add(column.in_subquery(units::subtree_ids(*root))),
        Scope::Subject(_) | Scope::Nothing => Condition::all().add(Expr::val(false)),
    }
}

/// The row of a plan the principal may see; not found otherwise. For the plan's targets,
/// activities and progress, which are visible exactly when their plan is.
pub(crate) async fn plan_in_scope<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: PlanId,
) -> DomainResult<plan::Model> {
    plan::Entity::find_by_id(id.0)
        .filter(unit_scope(plan::Column::UnitId, &principal.scope()))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("plan"))
}

/// The state column read back.
pub(crate) fn state_of(m: &plan::Model) -> DomainResult<PlanState> {
    PlanState::parse(&m.state)
        .ok_or_else(|| DomainError::Internal(format!("annual_plan.state holds {:?}", m.state)))
}

/// Counts of rows per plan in one `GROUP BY` statement.
async fn counts<C, E>(db: &C, plan_col: E::Column, ids: &[Uuid]) -> DomainResult<HashMap<Uuid, i64>>
where
    C: ConnectionTrait,
    E: EntityTrait,
{
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, i64)> = E::find()
        .select_only()
        .column(plan_col)
        .column_as(Expr::col(plan_col).count(), "n")
        .filter(plan_col.is_in(ids.iter().copied()))
        .group_by(plan_col)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Plans as output: unit names and the counts of targets and activities, each in one query
/// for all of them.
pub(crate) async fn outs<C: ConnectionTrait>(
    db: &C,
    rows: Vec<plan::Model>,
) -> DomainResult<Vec<PlanOut>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let names = units::names_by_ids(db, rows.iter().map(|r| r.unit_id)).await?;
    let targets = counts::<_, target::Entity>(db, target::Column::PlanId, &ids).await?;
    let activities = counts::<_, activity::Entity>(db, activity::Column::PlanId, &ids).await?;
    rows.into_iter()
        .map(|m| {
            let state = state_of(&m)?;
            Ok(PlanOut {
                id: PlanId(m.id),
                unit_id: UnitId(m.unit_id),
                unit_name: names.get(&m.unit_id).cloned().unwrap_or_default(),
                phase_id: m.phase_id.map(PhaseId),
                year: m.year,
                title: m.title,
                summary: m.summary,
                state,
                decision_number: m.decision_number,
                decision_date: m.decision_date,
                closed_on: m.closed_on,
                target_count: targets.get(&m.id).copied().unwrap_or(0),
                activity_count: activities.get(&m.id).copied().unwrap_or(0),
                version: m.version,
                created_at: m.created_at,
                updated_at: m.updated_at,
            })
        })
        .collect()
}

/// One plan as output.
pub(crate) async fn out<C: ConnectionTrait>(db: &C, m: plan::Model) -> DomainResult<PlanOut> {
    outs(db, vec![m])
        .await?
        .pop()
        .ok_or(DomainError::not_found("plan"))
}

/// One plan the principal may see.
pub async fn get<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: PlanId,
) -> DomainResult<PlanOut> {
    let m = plan_in_scope(db, principal, id).await?;
    out(db, m).await
}

/// The plan's unit name, as an expression to sort by.
const UNIT_NAME: &str =
    "(SELECT admin_unit.name FROM admin_unit WHERE admin_unit.id = annual_plan.unit_id)";

/// Plans the principal may see, filtered and paged: the latest year first, then by unit.
/// A `unit_id` outside the caller's scope gives an empty page, as the other lists do.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    query: &PlanQuery,
) -> DomainResult<Page<PlanOut>> {
    let (page, per_page) = ocop_core::PageQuery {
        page: query.page,
        per_page: query.per_page,
    }
    .resolve()?;
    let mut cond = unit_scope(plan::Column::UnitId, &principal.scope());
    if let Some(unit) = query.unit_id {
        cond = cond.add(plan::Column::UnitId.in_subquery(units::subtree_ids(unit)));
    }
    if let Some(year) = query.year {
        cond = cond.add(plan::Column::Year.eq(year));
    }
    if let Some(phase) = query.phase_id {
        cond = cond.add(plan::Column::PhaseId.eq(phase.0));
    }
    if let Some(state) = query.state {
        cond = cond.add(plan::Column::State.eq(state.as_str()));
    }
    let select = plan::Entity::find().filter(cond);
    let total = select.clone().count(db).await?;
    let rows = select
        .order_by_desc(plan::Column::Year)
        .order_by(Expr::cust(UNIT_NAME), Order::Asc)
        .order_by_asc(plan::Column::UnitId)
        .order_by_asc(plan::Column::Id)
        .limit(per_page)
        .offset(ocop_core::page::offset(page, per_page))
        .all(db)
        .await?;
    Ok(Page {
        items: outs(db, rows).await?,
        page,
        per_page,
        total,
    })
}

pub(crate) async fn insert<C: ConnectionTrait>(
    db: &C,
    row: plan::ActiveModel,
) -> DomainResult<plan::Model> {
    Ok(row.insert(db).await?)
}

/// Writes the row only if its version is still the one read, and bumps the version.
pub(crate) async fn save_versioned<C: ConnectionTrait>(
    db: &C,
    row: plan::ActiveModel,
    current: &plan::Model,
    now: DateTime<Utc>,
) -> DomainResult<plan::Model> {
    versioned::save::<plan::Entity, _>(db, row, current.id, current.version, now).await
}

/// Deletes the plan only while its version is still the one read; its targets and activities
/// go with it (the foreign keys cascade).
pub(crate) async fn delete_if_version<C: ConnectionTrait>(
    db: &C,
    current: &plan::Model,
) -> DomainResult<()> {
    versioned::delete::<plan::Entity, _>(db, current.id, current.version).await
}
