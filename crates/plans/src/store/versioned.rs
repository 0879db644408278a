//! Versioned writes for every table of plans that carries `version` and `updated_at`: a change
//! lands only while the row is still at the version its writer read (the guard against lost
//! updates), and bumps it. One place for what each table would otherwise repeat.

use chrono::{DateTime, Utc};
use ocop_core::{DomainError, DomainResult};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveModelTrait, ConnectionTrait};

use super::entities::{activity, listing, phase, plan, point_of_sale, revenue, target};

/// A table whose rows carry `id`, `version` and `updated_at`.
pub(crate) trait Versioned:
    EntityTrait<PrimaryKey: PrimaryKeyTrait<ValueType = Uuid>>
{
    /// The entity's name in a not-found answer.
    const NAME: &'static str;
    fn id_column() -> Self::Column;
    fn version_column() -> Self::Column;
    fn updated_at_column() -> Self::Column;
}

macro_rules! versioned {
    ($($module:ident => $name:literal),* $(,)?) => {
        $(impl Versioned for $module::Entity {
            const NAME: &'static str = $name;
            fn id_column() -> Self::Column { $module::Column::Id }
            fn version_column() -> Self::Column { $module::Column::Version }
            fn updated_at_column() -> Self::Column { $module::Column::UpdatedAt }
        })*
    };
}

versioned! {
    phase => "phase",
    plan => "plan",
    target => "target",
    activity => "activity",
    point_of_sale => "point_of_sale",
    listing => "listing",
    revenue => "revenue_report",
}

/// Writes `row` over the row `id` only if it is still at `read_version`, bumps the version and
/// stamps `now`; answers the row as written.
pub(crate) async fn save<E, C>(
    db: &C,
    mut row: E::ActiveModel,
    id: Uuid,
    read_version: i32,
    now: DateTime<Utc>,
) -> DomainResult<E::Model>
where
    E: Versioned,
    E::ActiveModel: ActiveModelTrait<Entity = E>,
    C: ConnectionTrait,
{
    row.set(E::version_column(), (read_version + 1).into());
    row.set(E::updated_at_column(), now.into());
    ocop_core::store::update_if_version::<E, _>(
        db,
        row,
        E::id_column(),
        E::version_column(),
        id,
        read_version,
    )
    .await?;
    E::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::not_found(E::NAME))
}

/// Deletes the row `id` only if it is still at `read_version` (rows hanging off it go with it
/// where their foreign keys cascade).
pub(crate) async fn delete<E, C>(db: &C, id: Uuid, read_version: i32) -> DomainResult<()>
where
    E: Versioned,
    C: ConnectionTrait,
{
    let result = E::delete_many()
        .filter(E::id_column().eq(id))
        .filter(E::version_column().eq(read_version))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(DomainError::StaleVersion {
            expected: read_version,
            current: read_version + 1,
        });
    }
    Ok(())
}
