//! The people evaluations names (council members, actors of moves): their names, in one query.

use std::collections::{HashMap, HashSet};

use ocop_core::DomainResult;
use ocop_core::store::users::user;
use sea_orm::ConnectionTrait;
use sea_orm::entity::prelude::*;

/// The full names of `ids`, one query.
pub(crate) async fn user_names<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> DomainResult<HashMap<Uuid, String>> {
    let ids: HashSet<Uuid> = ids.into_iter().collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect())
}

/// The users among `ids`, by id, one query.
pub(crate) async fn users<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> DomainResult<HashMap<Uuid, user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}
