//! Use cases of users: create and change within the caller's scope, the first system
//! administrator, and the record of a sign-in. Audit only: user changes emit no events.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, DatabaseConnection};

use crate::error::FieldErrors;
use crate::store::audit::{self, Actor};
use crate::store::change::Change;
use crate::store::sessions;
use crate::store::units;
use crate::store::users::{self as store, normalize_email, to_out, user};
use crate::users::{UserIn, UserOut, UserPatch, UserStatus};
use crate::{Caller, DomainError, DomainResult, Principal, Role, SubjectId, UnitId, UserId};

/// Records a successful sign-in: the user's last login and an audit row with the address.
pub async fn record_login(
    db: &DatabaseConnection,
    id: UserId,
    ip: Option<&str>,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let mut change = Change::begin(db, Actor::System(now)).await?;
    store::set_last_login(&change, id, change.at()).await?;
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
    let mut change = Change::begin(db, Actor::System(now)).await?;
    if store::count_admins(&change).await? > 0 {
        return Ok(false);
    }
    let row = user::ActiveModel {
        id: Set(UserId::new().0),
        email: Set(normalize_email(email)),
        full_name: Set(full_name.to_string()),
        // Derived from the name by the store.
        search_name: Default::default(),
        password_hash: Set(password_hash),
        role: Set(Role::SystemAdmin.as_str().to_string()),
        unit_id: Set(unit_id.0),
        subject_id: Set(None),
        status: Set(UserStatus::Active.as_str().to_string()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        last_login_at: Set(None),
    };
    let model = store::insert(&change, row).await?;
    change.audit_record("user", model.id, "user.bootstrap_admin", &to_out(&model)?)?;
    change.commit().await?;
    Ok(true)
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

/// Creates a user with a role below the caller's, in the caller's scope.
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
    let mut change = Change::begin(db, caller).await?;
    units::find_assignable(&change, principal, input.unit_id, "unit_id", today).await?;
    let now = caller.at;
    let row = user::ActiveModel {
        id: Set(UserId::new().0),
        email: Set(normalize_email(&input.email)),
        full_name: Set(input.full_name.trim().to_string()),
        search_name: Default::default(),
        password_hash: Set(password_hash),
        role: Set(input.role.as_str().to_string()),
        unit_id: Set(input.unit_id.0),
        subject_id: Set(input.subject_id.map(|s| s.0)),
        status: Set(UserStatus::Active.as_str().to_string()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        last_login_at: Set(None),
    };
    let out = to_out(&store::insert(&change, row).await?)?;
    change.audit_record("user", out.id, "user.create", &out)?;
    change.commit().await?;
    Ok(out)
}

/// Changes a user read at `expected_version`. Disabling a user or changing the password ends
/// their sessions.
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
    let mut change = Change::begin(db, caller).await?;
    let current = store::get(&change, principal, id).await?;
    let before = to_out(&current)?;
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
        units::find_assignable(&change, principal, unit, "unit_id", today).await?;
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
    store::save_versioned(&change, model, &current, caller.at).await?;
    let updated = store::get(&change, principal, id).await?;
    let after = to_out(&updated)?;
    let mut changes = audit::diff(&before, &after);
    if password_changed && let Some(map) = changes.as_object_mut() {
        map.insert("password".into(), serde_json::json!("changed"));
    }
    change.audit("user", id, "user.update", changes);
    if password_changed || after.status == UserStatus::Disabled {
        sessions::revoke_all_for_user(&change, id, caller.at).await?;
    }
    change.commit().await?;
    Ok(after)
}
