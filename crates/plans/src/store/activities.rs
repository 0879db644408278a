//! Scoped reads of a plan's activities, their participants and the products shown at fairs. An
//! activity is visible exactly when its plan is: the plan's unit lies in the caller's subtree.
//! Lists are assembled with batched lookups (counts, unit, subject and product names), never
//! one query per row. Row writes for the use cases live in [`write`].

mod read;
mod write;

use ocop_core::store::units;
use ocop_core::{DomainError, DomainResult, Principal, UnitId, UserId};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, QueryOrder, QuerySelect};

use super::entities::{activity, activity_product, participant, plan};
use crate::model::*;

use read::to_outs;
pub(crate) use read::{one_out, participant_outs, product_outs, quarters_text};
pub(crate) use write::{
    delete, delete_participant, delete_product, insert, insert_participant, insert_product,
    save_versioned,
};

/// The row of a plan the principal may see; not found otherwise (the plans' own rule).
pub(crate) use super::plans::plan_in_scope as plan_model;
/// The state of a plan row.
pub(crate) use super::plans::state_of as plan_state;

/// An activity whose plan the principal may see, with that plan; not found otherwise. With
/// `lock`, the activity's row is locked for the transaction (PostgreSQL), so that two adds to
/// the same activity run one after the other.
pub(crate) async fn activity_model<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: ActivityId,
    lock: bool,
) -> DomainResult<(activity::Model, plan::Model)> {
    let mut select = activity::Entity::find_by_id(id.0);
    if lock {
        select = select.lock_exclusive();
    }
    let row = select
        .one(db)
        .await?
        .ok_or(DomainError::not_found("activity"))?;
    let plan = plan_model(db, principal, PlanId(row.plan_id))
        .await
        .map_err(|e| match e {
            DomainError::NotFound { .. } => DomainError::not_found("activity"),
            other => other,
        })?;
    Ok((row, plan))
}

/// The activities of a plan in scope, filtered, in the order of the plan's year: by first
/// quarter (none last), start date (none last), then title.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    plan_id: PlanId,
    query: &ActivityQuery,
) -> DomainResult<Vec<ActivityOut>> {
    plan_model(db, principal, plan_id).await?;
    let mut select = activity::Entity::find().filter(activity::Column::PlanId.eq(plan_id.0));
    if let Some(kind) = query.kind {
        select = select.filter(activity::Column::Kind.eq(kind.as_str()));
    }
    if let Some(status) = query.status {
        select = select.filter(activity::Column::Status.eq(status.as_str()));
    }
    if let Some(q) = query.quarter {
        select = select.filter(activity::Column::Quarters.contains(q.to_string()));
    }
    let rows = select.order_by_asc(activity::Column::Id).all(db).await?;
    let mut outs = to_outs(db, rows).await?;
    // Sorted here rather than in SQL: the databases disagree on where NULLs go.
    outs.sort_by(|a, b| {
        let key = |o: &ActivityOut| {
            (
                o.quarters.first().copied().unwrap_or(u8::MAX),
                o.starts_on.is_none(),
                o.starts_on,
                o.title.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    Ok(outs)
}

/// One activity whose plan is in scope.
pub async fn get<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: ActivityId,
) -> DomainResult<ActivityOut> {
    let (row, _) = activity_model(db, principal, id, false).await?;
    one_out(db, row).await
}

/// The people recorded at an activity whose plan is in scope, in the order they were recorded.
pub async fn participants<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: ActivityId,
) -> DomainResult<Vec<ParticipantOut>> {
    activity_model(db, principal, id, false).await?;
    let rows = participant::Entity::find()
        .filter(participant::Column::ActivityId.eq(id.0))
        .order_by_asc(participant::Column::CreatedAt)
        .order_by_asc(participant::Column::Id)
        .all(db)
        .await?;
    participant_outs(db, rows).await
}

/// The products shown at an activity whose plan is in scope, in the order they were recorded.
pub async fn products<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: ActivityId,
) -> DomainResult<Vec<ActivityProductOut>> {
    activity_model(db, principal, id, false).await?;
    let rows = activity_product::Entity::find()
        .filter(activity_product::Column::ActivityId.eq(id.0))
        .order_by_asc(activity_product::Column::CreatedAt)
        .order_by_asc(activity_product::Column::ProductId)
        .all(db)
        .await?;
    product_outs(db, rows).await
}

/// Whether the account already attends the activity.
pub(crate) async fn has_user<C: ConnectionTrait>(
    db: &C,
    activity_id: ActivityId,
    user_id: UserId,
) -> DomainResult<bool> {
    Ok(participant::Entity::find()
        .filter(participant::Column::ActivityId.eq(activity_id.0))
        .filter(participant::Column::UserId.eq(user_id.0))
        .one(db)
        .await?
        .is_some())
}

/// Whether `unit` lies in `root`'s subtree (the plan's unit or under it).
pub(crate) async fn unit_under<C: ConnectionTrait>(
    db: &C,
    root: UnitId,
    unit: UnitId,
) -> DomainResult<bool> {
    Ok(units::subtree(db, root).await?.contains(&unit))
}
