//! Keys the server draws for itself and keeps in the database, so that every process behind a
//! load balancer uses the same one and a restart does not sign everyone out.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait};

use crate::{DomainError, DomainResult};

pub(crate) mod server_key {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "server_key")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub name: String,
        pub value: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The key stored under `name`; the first process to ask stores `candidate` (a fresh random
/// key), and every later one, racing or not, reads what the first stored.
pub async fn shared_key<C: ConnectionTrait>(
    db: &C,
    name: &str,
    candidate: String,
    now: DateTime<Utc>,
) -> DomainResult<String> {
    server_key::Entity::insert(server_key::ActiveModel {
        name: Set(name.to_string()),
        value: Set(candidate),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(server_key::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    server_key::Entity::find_by_id(name.to_string())
        .one(db)
        .await?
        .map(|key| key.value)
        .ok_or_else(|| DomainError::Internal(format!("server key {name} was not stored")))
}
