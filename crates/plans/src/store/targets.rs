//! Targets of a plan: reads (visible exactly when their plan is), the mapping of a row to its
//! output, and the row writes. The progress reader loads a plan's targets through
//! [`models_of`] and maps them with [`to_out`].

use crate::store::versioned;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use ocop_core::store::units;
use ocop_core::{DomainError, DomainResult, Principal, UnitId};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, QueryOrder, QuerySelect};

use super::entities::{plan, target};
use super::plans::plan_in_scope;
use crate::model::{Direction, Metric, MetricFilter, PlanId, Quantity, TargetId, TargetOut};

/// A plan's target rows, in their order. The caller has checked the plan is in scope.
pub(crate) async fn models_of<C: ConnectionTrait>(
    db: &C,
    plan: PlanId,
) -> DomainResult<Vec<target::Model>> {
    Ok(target::Entity::find()
        .filter(target::Column::PlanId.eq(plan.0))
        .order_by_asc(target::Column::Position)
        .order_by_asc(target::Column::Id)
        .all(db)
        .await?)
}

/// The row of a target whose plan the principal may see, with that plan; not found otherwise.
pub(crate) async fn target_in_scope<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: TargetId,
) -> DomainResult<(target::Model, plan::Model)> {
    let row = target::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(DomainError::not_found("target"))?;
    // A target of a plan out of scope is as missing as one that does not exist.
    let plan = plan_in_scope(db, principal, PlanId(row.plan_id))
        .await
        .map_err(|e| match e {
            DomainError::NotFound { .. } => DomainError::not_found("target"),
            other => other,
        })?;
    Ok((row, plan))
}

/// The filter column read back.
pub(crate) fn filter_of(m: &target::Model) -> DomainResult<MetricFilter> {
    serde_json::from_str(&m.filter)
        .map_err(|e| DomainError::Internal(format!("plan_target.filter of {}: {e}", m.id)))
}

/// The filter as stored.
pub(crate) fn filter_text(filter: &MetricFilter) -> DomainResult<String> {
    serde_json::to_string(filter).map_err(|e| DomainError::Internal(format!("target filter: {e}")))
}

/// A target row as output; `names` holds its unit's name.
pub(crate) fn to_out(m: target::Model, names: &HashMap<i32, String>) -> DomainResult<TargetOut> {
    let metric = Metric::parse(&m.metric)
        .ok_or_else(|| DomainError::Internal(format!("plan_target.metric holds {:?}", m.metric)))?;
    let direction = Direction::parse(&m.direction).ok_or_else(|| {
        DomainError::Internal(format!("plan_target.direction holds {:?}", m.direction))
    })?;
    let filter = filter_of(&m)?;
    Ok(TargetOut {
        id: TargetId(m.id),
        plan_id: PlanId(m.plan_id),
        metric,
        measure: metric.measure(),
        filter,
        title: m.title,
        unit_id: UnitId(m.unit_id),
        unit_name: names.get(&m.unit_id).cloned().unwrap_or_default(),
        start_year: m.start_year,
        end_year: m.end_year,
        direction,
        target: m.target,
        target_max: m.target_max,
        baseline: m.baseline_numerator.map(|numerator| Quantity {
            numerator,
            denominator: m.baseline_denominator,
        }),
        position: m.position,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

/// Target rows as output, their unit names read in one query.
pub(crate) async fn outs<C: ConnectionTrait>(
    db: &C,
    rows: Vec<target::Model>,
) -> DomainResult<Vec<TargetOut>> {
    let names = units::names_by_ids(db, rows.iter().map(|r| r.unit_id)).await?;
    rows.into_iter().map(|m| to_out(m, &names)).collect()
}

/// The targets of a plan the principal may see, in their order.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    plan: PlanId,
) -> DomainResult<Vec<TargetOut>> {
    plan_in_scope(db, principal, plan).await?;
    outs(db, models_of(db, plan).await?).await
}

/// The position after the plan's last target.
pub(crate) async fn next_position<C: ConnectionTrait>(db: &C, plan: PlanId) -> DomainResult<i32> {
    let max: Option<Option<i32>> = target::Entity::find()
        .select_only()
        .column_as(target::Column::Position.max(), "max")
        .filter(target::Column::PlanId.eq(plan.0))
        .into_tuple()
        .one(db)
        .await?;
    Ok(max.flatten().unwrap_or(0) + 1)
}

pub(crate) async fn insert<C: ConnectionTrait>(
    db: &C,
    row: target::ActiveModel,
) -> DomainResult<target::Model> {
    Ok(row.insert(db).await?)
}

/// Writes the row only if its version is still the one read, and bumps the version.
pub(crate) async fn save_versioned<C: ConnectionTrait>(
    db: &C,
    row: target::ActiveModel,
    current: &target::Model,
    now: DateTime<Utc>,
) -> DomainResult<target::Model> {
    versioned::save::<target::Entity, _>(db, row, current.id, current.version, now).await
}

/// Deletes the target only while its version is still the one read.
pub(crate) async fn delete_if_version<C: ConnectionTrait>(
    db: &C,
    current: &target::Model,
) -> DomainResult<()> {
    versioned::delete::<target::Entity, _>(db, current.id, current.version).await
}
