//! Programme phases: scoped reads and the versioned row write.
//!
//! A phase is read by those whose scope holds its unit, and by those working under it: a
//! commune officer reads the province's phases, since the commune's plans carry them out. Only
//! those whose scope holds the phase's unit change it.

use crate::store::versioned;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use ocop_core::store::units;
use ocop_core::{DomainError, DomainResult, Dong, Principal, Scope, UnitId};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{Alias, ExprTrait, Query, SelectStatement};
use sea_orm::{Condition, ConnectionTrait, QueryOrder};

use super::entities::phase;
use crate::model::{PhaseId, PhaseOut};

/// The units `unit` lies under (itself included), as a subquery: the closure read upwards.
pub(crate) fn ancestor_ids(unit: UnitId) -> SelectStatement {
    Query::select()
        .column(Alias::new("ancestor_id"))
        .from(Alias::new("admin_unit_closure"))
        .and_where(Expr::col(Alias::new("descendant_id")).eq(unit.0))
        .to_owned()
}

/// The phases a scope may read: those of its subtree and those of the units above its root.
fn scope_condition(scope: &Scope) -> Condition {
    match scope {
        Scope::All => Condition::all(),
        Scope::Subtree(root) => Condition::any()
            .add(phase::Column::UnitId.in_subquery(units::subtree_ids(*root)))
            .add(phase::Column::UnitId.in_subquery(ancestor_ids(*root))),
        Scope::Subject(_) | Scope::Nothing => Condition::all().add(Expr::val(false)),
    }
}

/// The row of a phase the principal may read; not found otherwise.
pub(crate) async fn phase_in_scope<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: PhaseId,
) -> DomainResult<phase::Model> {
    phase::Entity::find_by_id(id.0)
        .filter(scope_condition(&principal.scope()))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("phase"))
}

pub(crate) fn to_out(m: phase::Model, names: &HashMap<i32, String>) -> PhaseOut {
    PhaseOut {
        id: PhaseId(m.id),
        unit_id: UnitId(m.unit_id),
        unit_name: names.get(&m.unit_id).cloned().unwrap_or_default(),
        name: m.name,
        start_year: m.start_year,
        end_year: m.end_year,
        decision_number: m.decision_number,
        decision_date: m.decision_date,
        planned_total: m.planned_total.map(Dong),
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

/// The phase as output, its unit named.
pub(crate) async fn out<C: ConnectionTrait>(db: &C, m: phase::Model) -> DomainResult<PhaseOut> {
    let names = units::names_by_ids(db, [m.unit_id]).await?;
    Ok(to_out(m, &names))
}

/// The phases the principal may read, the latest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
) -> DomainResult<Vec<PhaseOut>> {
    let rows = phase::Entity::find()
        .filter(scope_condition(&principal.scope()))
        .order_by_desc(phase::Column::StartYear)
        .order_by_asc(phase::Column::UnitId)
        .order_by_asc(phase::Column::Id)
        .all(db)
        .await?;
    let names = units::names_by_ids(db, rows.iter().map(|r| r.unit_id)).await?;
    Ok(rows.into_iter().map(|m| to_out(m, &names)).collect())
}

/// One phase the principal may read.
pub async fn get<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: PhaseId,
) -> DomainResult<PhaseOut> {
    let m = phase_in_scope(db, principal, id).await?;
    out(db, m).await
}

pub(crate) async fn insert<C: ConnectionTrait>(
    db: &C,
    row: phase::ActiveModel,
) -> DomainResult<phase::Model> {
    Ok(row.insert(db).await?)
}

/// Writes the row only if its version is still the one read, and bumps the version.
pub(crate) async fn save_versioned<C: ConnectionTrait>(
    db: &C,
    row: phase::ActiveModel,
    current: &phase::Model,
    now: DateTime<Utc>,
) -> DomainResult<phase::Model> {
    versioned::save::<phase::Entity, _>(db, row, current.id, current.version, now).await
}
