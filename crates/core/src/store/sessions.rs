//! Refresh tokens and failed logins. Both live in the database, not in process memory, so any
//! number of API processes share them.

use chrono::{DateTime, Duration, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait};
use uuid::Uuid;

use crate::{DomainResult, UserId};

pub(crate) mod refresh_token {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "refresh_token")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub user_id: Uuid,
        /// All tokens descending from one login; reuse of a spent token revokes the family.
        pub family_id: Uuid,
        /// SHA-256 of the token, hex. The token itself is never stored.
        pub token_hash: String,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub used_at: Option<DateTimeUtc>,
        pub revoked_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod login_throttle {
    use sea_orm::entity::prelude::*;

    /// Login attempts in the current window, per `account:<email>` and per `address:<ip>`.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "login_throttle")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        pub window_started_at: DateTimeUtc,
        pub attempts: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Stores a refresh token by its hash; storing one that is stored already changes nothing.
pub async fn store_refresh_token<C: ConnectionTrait>(
    db: &C,
    user: UserId,
    family: Uuid,
    token_hash: String,
    now: DateTime<Utc>,
    lifetime: Duration,
) -> DomainResult<()> {
    let token = refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user.0),
        family_id: Set(family),
        token_hash: Set(token_hash),
        created_at: Set(now),
        expires_at: Set(now + lifetime),
        used_at: Set(None),
        revoked_at: Set(None),
    };
    // A duplicate refresh stores the same successor as the first: the first one stays.
    refresh_token::Entity::insert(token)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(refresh_token::Column::TokenHash)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn find_refresh_token<C: ConnectionTrait>(
    db: &C,
    token_hash: &str,
) -> DomainResult<Option<refresh_token::Model>> {
    Ok(refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash))
        .one(db)
        .await?)
}

/// Marks a token spent. Returns false when it was spent already (by another request, perhaps).
pub async fn spend_refresh_token<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    now: DateTime<Utc>,
) -> DomainResult<bool> {
    let result = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn revoke_family<C: ConnectionTrait>(
    db: &C,
    family: Uuid,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::FamilyId.eq(family))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

pub async fn revoke_all_for_user<C: ConnectionTrait>(
    db: &C,
    user: UserId,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::UserId.eq(user.0))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Attempts counted against one key in its current window, this one included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempts {
    pub count: u32,
    pub window_started_at: DateTime<Utc>,
}

/// Counts one login attempt against `key` and returns the attempts in its window. A window
/// older than `window` starts afresh. One upsert, so concurrent attempts each get their own
/// count: the check and the count cannot be interleaved (on SQLite the writer is one
/// connection; on PostgreSQL the upsert locks the row).
pub async fn count_attempt<C: ConnectionTrait>(
    db: &C,
    key: &str,
    now: DateTime<Utc>,
    window: Duration,
) -> DomainResult<Attempts> {
    use login_throttle::Column;
    use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
    let table = login_throttle::Entity;
    // A window that starts well after `now` is stale too: with the day fixed (`OCOP_TODAY`)
    // the clock goes back a day at midnight, and a lockout must not last until the same hour.
    // (Only well after: a concurrent attempt that read the clock a moment later may have
    // opened the window, and that one still counts.)
    let started = Expr::col((table, Column::WindowStartedAt));
    let stale = started
        .clone()
        .lt(now - window)
        .or(started.gt(now + window));
    let insert = Query::insert()
        .into_table(table)
        .columns([Column::Key, Column::WindowStartedAt, Column::Attempts])
        .values([key.into(), now.into(), 1.into()])
        .map_err(|e| crate::DomainError::Internal(e.to_string()))?
        .on_conflict(
            OnConflict::column(Column::Key)
                .value(
                    Column::Attempts,
                    Expr::case(stale.clone(), 1)
                        .finally(Expr::col((table, Column::Attempts)).add(1)),
                )
                .value(
                    Column::WindowStartedAt,
                    Expr::case(stale, now).finally(Expr::col((table, Column::WindowStartedAt))),
                )
                .to_owned(),
        )
        .returning(Query::returning().columns([Column::Attempts, Column::WindowStartedAt]))
        .to_owned();
    let row = db.query_one(&insert).await?.ok_or_else(|| {
        crate::DomainError::Internal("login_throttle upsert returned no row".into())
    })?;
    let count: i32 = row.try_get("", "attempts")?;
    Ok(Attempts {
        count: u32::try_from(count).unwrap_or(0),
        window_started_at: row.try_get("", "window_started_at")?,
    })
}

/// A successful login forgets the account's attempts, so a lockout does not outlive the
/// owner's return, and takes its own attempt back from the address, so an office behind one
/// address is throttled on failures only.
pub async fn forget_attempt<C: ConnectionTrait>(
    db: &C,
    account_key: &str,
    address_key: &str,
) -> DomainResult<()> {
    use login_throttle::Column;
    use sea_orm::sea_query::ExprTrait;
    login_throttle::Entity::delete_many()
        .filter(Column::Key.eq(account_key))
        .exec(db)
        .await?;
    login_throttle::Entity::update_many()
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).sub(1))
        .filter(Column::Key.eq(address_key))
        .filter(Column::Attempts.gt(0))
        .exec(db)
        .await?;
    Ok(())
}
