//! The people evaluations names (council members, actors of moves), read through the core's
//! lookups in one query per list.

use std::collections::HashMap;

use ocop_core::DomainResult;
use ocop_core::store::users;
use ocop_core::users::UserOut;
use sea_orm::ConnectionTrait;
use sea_orm::prelude::Uuid;

/// The full names of `ids`, one query.
pub(crate) async fn user_names<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> DomainResult<HashMap<Uuid, String>> {
    Ok(users::outs_by_ids(db, ids)
        .await?
        .into_iter()
        .map(|(id, u)| (id, u.full_name))
        .collect())
}

/// The users among `ids`, by id, one query.
pub(crate) async fn users<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> DomainResult<HashMap<Uuid, UserOut>> {
    users::outs_by_ids(db, ids).await
}
