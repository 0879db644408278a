//! People who log in: the `app_user` table and user management within a scope.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{ExprTrait, Func};
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, PaginatorTrait, QueryOrder};
use serde::Deserialize;
use utoipa::IntoParams;

use super::audit::Actor;
use super::change::Change;
use super::{audit, units};
use crate::error::FieldErrors;
use crate::users::{UserIn, UserOut, UserPatch, UserStatus};
use crate::{Caller, DomainError, DomainResult, Page, Principal, Role, SubjectId, UnitId, UserId};

pub mod user {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "app_user")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub email: String,
        pub full_name: String,
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

pub fn to_out(m: &user::Model) -> UserOut {
    UserOut {
        id: UserId(m.id),
        email: m.email.clone(),
        full_name: m.full_name.clone(),
        role: Role::parse(&m.role).unwrap_or(Role::Viewer),
        unit_id: UnitId(m.unit_id),
        subject_id: m.subject_id.map(SubjectId),
        status: UserStatus::parse(&m.status).unwrap_or(UserStatus::Disabled),
        version: m.version,
        created_at: m.created_at,
    }
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

/// Records a successful sign-in: the user's last login and an audit row with the address.
pub async fn record_login(
    db: &DatabaseConnection,
    id: UserId,
    ip: Option<&str>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let mut change = Change::begin(db, Actor::System(now)).await?;
    user::Entity::update_many()
        .col_expr(user::Column::LastLoginAt, Expr::value(change.at()))
        .filter(user::Column::Id.eq(id.0))
        .exec(&change)
        .await?;
    change.audit("user", id, "auth.login", serde_json::json!({ "ip": ip }));
    change.commit().await
}

/// Creates the first system administrator when none exists. Returns whether it did.
pub async fn ensure_admin(
    db: &DatabaseConnection,
    email: &str,
    full_name: &str,
    password_hash: String,
    unit_id: UnitId,
    now: DateTime<Utc>,
) -> DomainResult<bool> {
    let mut txn = Change::begin(db, audit::Actor::System(now)).await?;
    let admins = user::Entity::find()
        .filter(user::Column::Role.eq(Role::SystemAdmin.as_str()))
        .count(&txn)
        .await?;
    if admins > 0 {
        return Ok(false);
    }
    let model = user::ActiveModel {
        id: Set(UserId::new().0),
        email: Set(normalize_email(email)),
        full_name: Set(full_name.to_string()),
        password_hash: Set(password_hash),
        role: Set(Role::SystemAdmin.as_str().to_string()),
        unit_id: Set(unit_id.0),
        subject_id: Set(None),
        status: Set(UserStatus::Active.as_str().to_string()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        last_login_at: Set(None),
    }
    .insert(&txn)
    .await?;
    txn.audit(
        "user",
        model.id.to_string(),
        "user.bootstrap_admin",
        serde_json::to_value(to_out(&model)).unwrap_or_default(),
    );
    txn.commit().await?;
    Ok(true)
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
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
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = crate::text::like_contains(&q.to_lowercase());
        cond = cond.add(
            Condition::any()
                .add(Expr::col(user::Column::Email).like(pattern.clone()))
                .add(Expr::expr(Func::lower(Expr::col(user::Column::FullName))).like(pattern)),
        );
    }
    let paginator = user::Entity::find()
        .filter(cond)
        .order_by_asc(user::Column::Email)
        .paginate(db, per_page);
    let total = paginator.num_items().await?;
    let items = paginator.fetch_page(page - 1).await?;
    Ok(Page {
        items: items.iter().map(to_out).collect(),
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

/// Checks the role and subject a caller wants to give a user. `subject_unit` is the unit of the
/// named subject as the caller can see it (`None` when the caller cannot see it).
fn check_grant(
    principal: &Principal,
    role: Role,
    subject_id: Option<SubjectId>,
    subject_unit: Option<UnitId>,
) -> DomainResult<()> {
    if !principal.role.can_grant(role) {
        return Err(DomainError::Forbidden { reason: "grant" });
    }
    let mut errors = FieldErrors::default();
    match (role, subject_id) {
        (Role::Producer, None) => errors.push("subject_id", "required"),
        // A council member may name the subject they belong to, so that the council excludes
        // them from that subject's dossiers.
        (Role::Producer | Role::CouncilMember, Some(_)) => {
            errors.check(subject_unit.is_some(), "subject_id", "unknown_subject")
        }
        (_, Some(_)) => errors.push("subject_id", "only_for_producer"),
        _ => {}
    }
    errors.into_result()
}

pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    input: UserIn,
    password_hash: String,
    subject_unit: Option<UnitId>,
    today: NaiveDate,
) -> DomainResult<UserOut> {
    let principal = &caller.principal;
    check_grant(principal, input.role, input.subject_id, subject_unit)?;
    let mut txn = Change::begin(db, caller).await?;
    units::find_assignable(&txn, principal, input.unit_id, "unit_id", today).await?;
    let now = caller.at;
    let model = user::ActiveModel {
        id: Set(UserId::new().0),
        email: Set(normalize_email(&input.email)),
        full_name: Set(input.full_name.trim().to_string()),
        password_hash: Set(password_hash),
        role: Set(input.role.as_str().to_string()),
        unit_id: Set(input.unit_id.0),
        subject_id: Set(input.subject_id.map(|s| s.0)),
        status: Set(UserStatus::Active.as_str().to_string()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        last_login_at: Set(None),
    }
    .insert(&txn)
    .await?;
    let out = to_out(&model);
    txn.audit(
        "user",
        out.id.to_string(),
        "user.create",
        serde_json::to_value(&out).unwrap_or_default(),
    );
    txn.commit().await?;
    Ok(out)
}

pub async fn patch(
    db: &DatabaseConnection,
    caller: &Caller,
    id: UserId,
    expected_version: i32,
    patch: UserPatch,
    new_password_hash: Option<String>,
    today: NaiveDate,
) -> DomainResult<UserOut> {
    let principal = &caller.principal;
    let mut txn = Change::begin(db, caller).await?;
    let current = get(&txn, principal, id).await?;
    let before = to_out(&current);
    // Editing someone means holding a role above theirs, and the new role must be grantable too.
    if !principal.role.can_grant(before.role)
        || patch.role.is_some_and(|r| !principal.role.can_grant(r))
    {
        return Err(DomainError::Forbidden { reason: "grant" });
    }
    if patch
        .role
        .is_some_and(|r| (r == Role::Producer) != before.subject_id.is_some())
    {
        return Err(DomainError::field("role", "producer_needs_subject"));
    }
    if current.version != expected_version {
        return Err(DomainError::StaleVersion {
            expected: expected_version,
            current: current.version,
        });
    }
    if let Some(unit) = patch.unit_id {
        units::find_assignable(&txn, principal, unit, "unit_id", today).await?;
    }
    let mut model: user::ActiveModel = current.clone().into();
    if let Some(name) = patch.full_name {
        model.full_name = Set(name.trim().to_string());
    }
    if let Some(role) = patch.role {
        model.role = Set(role.as_str().to_string());
    }
    if let Some(unit) = patch.unit_id {
        model.unit_id = Set(unit.0);
    }
    if let Some(status) = patch.status {
        model.status = Set(status.as_str().to_string());
    }
    let password_changed = new_password_hash.is_some();
    if let Some(hash) = new_password_hash {
        model.password_hash = Set(hash);
    }
    model.version = Set(current.version + 1);
    model.updated_at = Set(caller.at);
    super::update_if_version::<user::Entity, _>(
        &txn,
        model,
        user::Column::Id,
        user::Column::Version,
        current.id,
        current.version,
    )
    .await?;
    let updated = get(&txn, principal, id).await?;
    let after = to_out(&updated);
    let mut changes = audit::diff(&before, &after);
    if password_changed && let Some(map) = changes.as_object_mut() {
        map.insert("password".into(), serde_json::json!("changed"));
    }
    txn.audit("user", id.to_string(), "user.update", changes);
    if password_changed || after.status == UserStatus::Disabled {
        super::sessions::revoke_all_for_user(&txn, id, caller.at).await?;
    }
    txn.commit().await?;
    Ok(after)
}
