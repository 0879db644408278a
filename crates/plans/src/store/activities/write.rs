//! Row writes of activities, participants and fair products, for the use cases in
//! [`crate::service::activities`]: each runs on the change's connection, so it is part of the
//! use case's transaction.

use crate::store::versioned;
use chrono::{DateTime, Utc};
use ocop_core::{DomainError, DomainResult};
use sea_orm::ConnectionTrait;
use sea_orm::entity::prelude::*;

use crate::store::entities::{activity, activity_product, participant};

pub(crate) async fn insert<C: ConnectionTrait>(
    db: &C,
    model: activity::ActiveModel,
) -> DomainResult<activity::Model> {
    Ok(model.insert(db).await?)
}

/// Writes the row only if its version is still the one read, and bumps the version.
pub(crate) async fn save_versioned<C: ConnectionTrait>(
    db: &C,
    model: activity::ActiveModel,
    current: &activity::Model,
    now: DateTime<Utc>,
) -> DomainResult<activity::Model> {
    versioned::save::<activity::Entity, _>(db, model, current.id, current.version, now).await
}

/// Deletes an activity read at `version`; its participants and products go with it (the
/// foreign keys cascade).
pub(crate) async fn delete<C: ConnectionTrait>(db: &C, id: Uuid, version: i32) -> DomainResult<()> {
    versioned::delete::<activity::Entity, _>(db, id, version).await
}

pub(crate) async fn insert_participant<C: ConnectionTrait>(
    db: &C,
    model: participant::ActiveModel,
) -> DomainResult<participant::Model> {
    Ok(model.insert(db).await?)
}

/// Deletes a participant of the activity; not found when the activity has no such participant.
pub(crate) async fn delete_participant<C: ConnectionTrait>(
    db: &C,
    activity_id: Uuid,
    id: Uuid,
) -> DomainResult<participant::Model> {
    let row = participant::Entity::find_by_id(id)
        .filter(participant::Column::ActivityId.eq(activity_id))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("participant"))?;
    participant::Entity::delete_by_id(id).exec(db).await?;
    Ok(row)
}

/// Records a product at the activity. The primary key (activity, product) is the authority on
/// "already shown": a second add, even a concurrent one, is a 409 naming `product_id`.
pub(crate) async fn insert_product<C: ConnectionTrait>(
    db: &C,
    model: activity_product::ActiveModel,
) -> DomainResult<activity_product::Model> {
    Ok(model.insert(db).await?)
}

/// Takes a product off the activity; not found when it was not shown there.
pub(crate) async fn delete_product<C: ConnectionTrait>(
    db: &C,
    activity_id: Uuid,
    product_id: Uuid,
) -> DomainResult<activity_product::Model> {
    let row = activity_product::Entity::find_by_id((activity_id, product_id))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("product"))?;
    activity_product::Entity::delete_by_id((activity_id, product_id))
        .exec(db)
        .await?;
    Ok(row)
}
