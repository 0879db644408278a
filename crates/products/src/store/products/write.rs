//! Row writes of `product`, for the use cases in [`crate::service`]: each runs on the change's
//! connection, so it is part of the use case's transaction.

use chrono::{DateTime, Utc};
use ocop_core::DomainResult;
use ocop_core::store::update_if_version;
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait};

use super::product;

pub(crate) async fn insert<C: ConnectionTrait>(
    db: &C,
    model: product::ActiveModel,
) -> DomainResult<product::Model> {
    Ok(model.insert(db).await?)
}

/// Writes the row only if its version is still `read_version`, and bumps the version.
pub(crate) async fn save_versioned<C: ConnectionTrait>(
    db: &C,
    mut model: product::ActiveModel,
    id: Uuid,
    read_version: i32,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    model.version = Set(read_version + 1);
    model.updated_at = Set(now);
    update_if_version::<product::Entity, _>(
        db,
        model,
        product::Column::Id,
        product::Column::Version,
        id,
        read_version,
    )
    .await
}

/// Moves the version of a product whose parts changed (an image removed), guarded like any
/// other change. Returns the new version.
pub(crate) async fn bump_version<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    read_version: i32,
    now: DateTime<Utc>,
) -> DomainResult<i32> {
    save_versioned(
        db,
        <product::ActiveModel as Default>::default(),
        id,
        read_version,
        now,
    )
    .await?;
    Ok(read_version + 1)
}
