//! People who log in: the `app_user` table, its scoped reads and its row writes. The use cases
//! (creating, changing, the first admin, recording a sign-in) are in [`crate::service::users`].

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{ExprTrait, LikeExpr};
use sea_orm::{
    ActiveValue, ActiveValue::Set, Condition, ConnectionTrait, PaginatorTrait, QueryOrder,
    QuerySelect,
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::units;
use crate::users::{UserOut, UserStatus};
use crate::{DomainError, DomainResult, Page, Principal, Role, SubjectId, UnitId, UserId, text};

pub(crate) mod user {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "app_user")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub email: String,
        pub full_name: String,
        /// The name folded for search; the store derives it whenever the name is written.
        pub search_name: String,
        pub password_hash: String,
        pub role: String,
        pub unit_id: i32,
        pub subject_id: Option<Uuid>,
        pub status: String,
        pub version: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub last_login_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The output type of a stored user; a role or status the code does not know is a defect of
/// the data, never read as some default.
pub fn to_out(m: &user::Model) -> DomainResult<UserOut> {
    Ok(UserOut {
        id: UserId(m.id),
        email: m.email.clone(),
        full_name: m.full_name.clone(),
        role: Role::parse(&m.role)
            .ok_or_else(|| DomainError::Internal(format!("app_user.role holds {:?}", m.role)))?,
        unit_id: UnitId(m.unit_id),
        subject_id: m.subject_id.map(SubjectId),
        status: UserStatus::parse(&m.status).ok_or_else(|| {
            DomainError::Internal(format!("app_user.status holds {:?}", m.status))
        })?,
        version: m.version,
        created_at: m.created_at,
    })
}

pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Looks a user up by email for login, before anyone is authenticated.
pub async fn find_for_login<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> DomainResult<Option<user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(normalize_email(email)))
        .one(db)
        .await?)
}

/// The active user behind a token; `None` once disabled.
pub async fn find_active<C: ConnectionTrait>(
    db: &C,
    id: UserId,
) -> DomainResult<Option<user::Model>> {
    Ok(user::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .filter(|u| u.status == UserStatus::Active.as_str()))
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams, validator::Validate)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Email or name, diacritics ignored.
    pub q: Option<String>,
    pub role: Option<Role>,
    pub status: Option<UserStatus>,
    pub unit_id: Option<i32>,
}

fn scope_condition(principal: &Principal) -> Condition {
    if principal.role == Role::SystemAdmin {
        Condition::all()
    } else {
        Condition::all()
            .add(user::Column::UnitId.in_subquery(units::subtree_ids(principal.unit_id)))
    }
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    query: &UserQuery,
    page: u64,
    per_page: u64,
) -> DomainResult<Page<UserOut>> {
    let mut cond = scope_condition(principal);
    if let Some(role) = query.role {
        cond = cond.add(user::Column::Role.eq(role.as_str()));
    }
    if let Some(status) = query.status {
        cond = cond.add(user::Column::Status.eq(status.as_str()));
    }
    if let Some(unit) = query.unit_id {
        cond = cond.add(user::Column::UnitId.in_subquery(units::subtree_ids(UnitId(unit))));
    }
    if let Some(q) = query.q.as_deref().map(text::fold).filter(|q| !q.is_empty()) {
        let pattern = text::like_contains(&q);
        // Emails are stored lower-case and unmarked, so the folded query reads them as they are.
        cond = cond.add(
            Condition::any()
                .add(Expr::col(user::Column::Email).like(LikeExpr::new(&pattern).escape('\\')))
                .add(Expr::col(user::Column::SearchName).like(LikeExpr::new(pattern).escape('\\'))),
        );
    }
    let paginator = user::Entity::find()
        .filter(cond)
        .order_by_asc(user::Column::Email)
        .paginate(db, per_page);
    let total = paginator.num_items().await?;
    let items = paginator.fetch_page(page - 1).await?;
    Ok(Page {
        items: items.iter().map(to_out).collect::<DomainResult<_>>()?,
        page,
        per_page,
        total,
    })
}

pub async fn get<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: UserId,
) -> DomainResult<user::Model> {
    user::Entity::find_by_id(id.0)
        .filter(scope_condition(principal))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("user"))
}

/// Stamps a user's last sign-in.
pub(crate) async fn set_last_login<C: ConnectionTrait>(
    db: &C,
    id: UserId,
    at: DateTime<Utc>,
) -> DomainResult<()> {
    user::Entity::update_many()
        .col_expr(user::Column::LastLoginAt, Expr::value(at))
        .filter(user::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// How many system administrators there are.
pub(crate) async fn count_admins<C: ConnectionTrait>(db: &C) -> DomainResult<u64> {
    Ok(user::Entity::find()
        .filter(user::Column::Role.eq(Role::SystemAdmin.as_str()))
        .count(db)
        .await?)
}

/// Keeps the search key in step with the name whenever the name is written.
fn key_name(model: &mut user::ActiveModel) {
    if let ActiveValue::Set(name) = &model.full_name {
        model.search_name = Set(text::fold(name));
    }
}

pub(crate) async fn insert<C: ConnectionTrait>(
    db: &C,
    mut model: user::ActiveModel,
) -> DomainResult<user::Model> {
    key_name(&mut model);
    Ok(model.insert(db).await?)
}

/// Writes the row only if its version is still the one read, and bumps the version.
pub(crate) async fn save_versioned<C: ConnectionTrait>(
    db: &C,
    mut model: user::ActiveModel,
    current: &user::Model,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    key_name(&mut model);
    model.version = Set(current.version + 1);
    model.updated_at = Set(now);
    super::update_if_version::<user::Entity, _>(
        db,
        model,
        user::Column::Id,
        user::Column::Version,
        current.id,
        current.version,
    )
    .await
}

/// The users among `ids`, as their output type, by id, in one query: for other crates that name
/// people or check the roles of those they seat (no secret leaves through it).
pub async fn outs_by_ids<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> DomainResult<HashMap<Uuid, UserOut>> {
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .iter()
        .map(|u| Ok((u.id, to_out(u)?)))
        .collect()
}

/// The active officer accounts (province and commune officers) of `area`'s subtree created
/// before the end of `on` (a Vietnam day), with their units: the denominator of "officers
/// trained". District officers are left out: the districts were abolished in 2025 and their
/// accounts are kept read-only, not trained. The status is read as it is now.
pub async fn officer_accounts<C: ConnectionTrait>(
    db: &C,
    area: UnitId,
    on: chrono::NaiveDate,
) -> DomainResult<Vec<(UserId, UnitId)>> {
    // The end of `on` is the start of the next day.
    let end = crate::clock::start_of_vietnam_day(on.succ_opt().unwrap_or(on));
    let roles = [Role::ProvinceOfficer, Role::CommuneOfficer].map(|r| r.as_str());
    let rows: Vec<(Uuid, i32)> = user::Entity::find()
        .select_only()
        .columns([user::Column::Id, user::Column::UnitId])
        .filter(user::Column::UnitId.in_subquery(units::subtree_ids(area)))
        .filter(user::Column::Role.is_in(roles))
        .filter(user::Column::Status.eq(UserStatus::Active.as_str()))
        .filter(user::Column::CreatedAt.lt(end))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, unit)| (UserId(id), UnitId(unit)))
        .collect())
}
