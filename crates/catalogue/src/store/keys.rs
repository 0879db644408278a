//! The `api_key` table: its entity (private to this crate) and its reads. The look-up by a
//! presented secret's hash runs on every keyed public request, so it is one statement on the
//! unique index of `secret_hash` and reads only what the check needs.

use chrono::{DateTime, Utc};
use ocop_core::{DomainError, DomainResult, Page, page};
use sea_orm::{
    ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryOrder, QuerySelect,
    Statement,
};
use uuid::Uuid;

use crate::model::{ApiKeyOut, ApiKeyState};

pub(crate) mod api_key {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "api_key")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub name: String,
        pub organisation: String,
        pub prefix: String,
        pub secret_hash: String,
        pub quota_per_minute: i32,
        pub expires_at: Option<DateTimeUtc>,
        pub revoked_at: Option<DateTimeUtc>,
        pub rotated_at: Option<DateTimeUtc>,
        pub created_by: Option<Uuid>,
        pub version: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// What a request's key check needs of a key.
#[derive(Debug, Clone, FromQueryResult)]
pub struct KeyCredentials {
    pub id: Uuid,
    pub organisation: String,
    pub quota_per_minute: i32,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl KeyCredentials {
    pub fn state_at(&self, now: DateTime<Utc>) -> ApiKeyState {
        ApiKeyState::at(self.revoked_at, self.expires_at, now)
    }
}

/// `$1` is the SHA-256 hex of the presented secret.
const BY_HASH: &str = r#"
SELECT id, organisation, quota_per_minute, expires_at, revoked_at
  FROM api_key
 WHERE secret_hash = $1
"#;

/// The key whose secret hashes to `hash`, whatever its state (the caller decides), in one
/// statement. Read on the primary by callers that must see a revocation at once.
pub async fn by_hash<C: ConnectionTrait>(
    db: &C,
    hash: &str,
) -> DomainResult<Option<KeyCredentials>> {
    let statement =
        Statement::from_sql_and_values(db.get_database_backend(), BY_HASH, [hash.into()]);
    Ok(KeyCredentials::find_by_statement(statement).one(db).await?)
}

/// The key as shown, its state at `now`.
pub fn to_out(row: &api_key::Model, now: DateTime<Utc>) -> ApiKeyOut {
    ApiKeyOut {
        id: row.id,
        name: row.name.clone(),
        organisation: row.organisation.clone(),
        prefix: row.prefix.clone(),
        quota_per_minute: row.quota_per_minute,
        expires_at: row.expires_at,
        revoked_at: row.revoked_at,
        rotated_at: row.rotated_at,
        created_at: row.created_at,
        version: row.version,
        state: ApiKeyState::at(row.revoked_at, row.expires_at, now),
    }
}

/// The stored row of key `id`.
pub(crate) async fn row<C: ConnectionTrait>(db: &C, id: Uuid) -> DomainResult<api_key::Model> {
    api_key::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::not_found("api_key"))
}

/// One key, as shown at `now`.
pub async fn get<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    now: DateTime<Utc>,
) -> DomainResult<ApiKeyOut> {
    Ok(to_out(&row(db, id).await?, now))
}

/// Every key, the newest first, a page at a time.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    page: u64,
    per_page: u64,
) -> DomainResult<Page<ApiKeyOut>> {
    use api_key::Column;
    let total = api_key::Entity::find().count(db).await?;
    let rows = api_key::Entity::find()
        .order_by_desc(Column::CreatedAt)
        .order_by_desc(Column::Id)
        .offset(page::offset(page, per_page))
        .limit(per_page)
        .all(db)
        .await?;
    Ok(Page {
        items: rows.iter().map(|r| to_out(r, now)).collect(),
        page,
        per_page,
        total,
    })
}
