//! Row writes of `subject`, for the use cases in [`crate::service`]: each runs on the change's
//! connection, so it is part of the use case's transaction.

use chrono::{DateTime, Utc};
use ocop_core::{DomainError, DomainResult};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait};

use super::subject;

pub(crate) async fn insert<C: ConnectionTrait>(
    db: &C,
    model: subject::ActiveModel,
) -> DomainResult<subject::Model> {
    Ok(model.insert(db).await?)
}

/// Writes the row only if its version is still the one read, and bumps the version.
pub(crate) async fn save_versioned<C: ConnectionTrait>(
    db: &C,
    mut model: subject::ActiveModel,
    current: &subject::Model,
    now: DateTime<Utc>,
) -> DomainResult<subject::Model> {
    model.version = Set(current.version + 1);
    model.updated_at = Set(now);
    ocop_core::store::update_if_version::<subject::Entity, _>(
        db,
        model,
        subject::Column::Id,
        subject::Column::Version,
        current.id,
        current.version,
    )
    .await?;
    subject::Entity::find_by_id(current.id)
        .one(db)
        .await?
        .ok_or(DomainError::not_found("subject"))
}

/// Deletes the row. The foreign keys from products and users are the authority on "still in
/// use", so a reference violation becomes `subject_in_use`.
pub(crate) async fn delete<C: ConnectionTrait>(db: &C, id: Uuid) -> DomainResult<()> {
    match subject::Entity::delete_by_id(id).exec(db).await {
        Ok(_) => Ok(()),
        Err(err) => Err(match DomainError::from(err) {
            DomainError::Conflict {
                code: "reference", ..
            } => DomainError::Conflict {
                code: "subject_in_use",
                field: None,
            },
            other => other,
        }),
    }
}
