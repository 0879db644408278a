//! The use cases of subjects: register, change, archive and delete. Each checks the caller's
//! rights, runs in one [`Change`] (transaction, audit row, outbox event) and commits; reads go
//! through the scoped queries of [`crate::store`].

use std::collections::HashMap;

use chrono::NaiveDate;
use ocop_core::store::change::Change;
use ocop_core::store::{audit, units};
use ocop_core::{Action, Caller, DomainError, DomainResult, Principal, SubjectId, text};
use sea_orm::{ActiveValue::Set, DatabaseConnection};
use serde_json::json;

use crate::events::{SUBJECT_ARCHIVED, SUBJECT_CREATED, SUBJECT_DELETED, SUBJECT_UPDATED};
use crate::model::*;
use crate::store::{self, subject};

fn clean(s: &str) -> String {
    s.trim().to_string()
}

fn clean_code(code: Option<String>) -> Option<String> {
    code.map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty())
}

fn clean_opt(s: Option<String>) -> Option<String> {
    s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// Registers a subject in a commune of the caller's scope.
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    input: SubjectIn,
    today: NaiveDate,
) -> DomainResult<SubjectOut> {
    let principal = &caller.principal;
    principal.require(Action::SubjectsCreate)?;
    check_kind_rules(input.kind, input.member_count, input.founded_on, today)?;
    let mut change = Change::begin(db, caller).await?;
    let unit = units::find_assignable(&change, principal, input.unit_id, "unit_id", today).await?;
    if unit.level != ocop_core::units::UnitLevel::Commune.as_str() {
        return Err(DomainError::field("unit_id", "not_a_commune"));
    }
    let now = caller.at;
    let row = subject::ActiveModel {
        id: Set(SubjectId::new().0),
        kind: Set(input.kind.as_str().to_string()),
        search_name: Set(text::fold(&input.name)),
        name: Set(clean(&input.name)),
        registration_code: Set(clean_code(input.registration_code)),
        legal_representative: Set(clean(&input.legal_representative)),
        address: Set(clean(&input.address)),
        unit_id: Set(unit.id),
        phone: Set(clean_opt(input.phone)),
        email: Set(clean_opt(input.email)),
        founded_on: Set(input.founded_on),
        member_count: Set(input.member_count),
        women_led: Set(input.women_led),
        status: Set(SubjectStatus::Active.as_str().to_string()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let model = store::insert(&change, row).await?;
    let out = store::to_out(model, &HashMap::from([(unit.id, unit.name)]))?;
    change.audit_record("subject", out.id, "subject.create", &out)?;
    change.emit(SUBJECT_CREATED, out.id, out.version, &out)?;
    change.commit().await?;
    Ok(out)
}

/// Changes a subject read at `expected_version`.
pub async fn patch(
    db: &DatabaseConnection,
    caller: &Caller,
    id: SubjectId,
    expected_version: i32,
    patch: SubjectPatch,
    today: NaiveDate,
) -> DomainResult<SubjectOut> {
    authorize_patch(&caller.principal, &patch)?;
    // Archiving through an edit of the status is announced as the archive endpoint's is.
    let event = if patch.status == Some(SubjectStatus::Archived) {
        SUBJECT_ARCHIVED
    } else {
        SUBJECT_UPDATED
    };
    let mut change = Change::begin(db, caller).await?;
    let after = apply_patch(&mut change, caller, id, expected_version, patch, today).await?;
    change.emit(event, after.id, after.version, &after)?;
    change.commit().await?;
    Ok(after)
}

/// Archives a subject: it stays, with its products and history, but is marked as no longer operating.
pub async fn archive(
    db: &DatabaseConnection,
    caller: &Caller,
    id: SubjectId,
    expected_version: i32,
    today: NaiveDate,
) -> DomainResult<SubjectOut> {
    let patch = SubjectPatch {
        status: Some(SubjectStatus::Archived),
        ..Default::default()
    };
    caller.principal.require(Action::SubjectsAdminister)?;
    authorize_patch(&caller.principal, &patch)?;
    let mut change = Change::begin(db, caller).await?;
    let after = apply_patch(&mut change, caller, id, expected_version, patch, today).await?;
    change.emit(SUBJECT_ARCHIVED, after.id, after.version, &after)?;
    change.commit().await?;
    Ok(after)
}

/// Who may change what: identity and standing of a subject are the officers' to change, not
/// the producer's.
fn authorize_patch(principal: &Principal, patch: &SubjectPatch) -> DomainResult<()> {
    principal.require(Action::SubjectsUpdate)?;
    if patch.status.is_some()
        || patch.registration_code.is_some()
        || patch.unit_id.is_some()
        || patch.kind.is_some()
    {
        principal.require(Action::SubjectsAdminister)?;
    }
    Ok(())
}

/// Writes a patch and its audit row within `change`; the caller names the event.
async fn apply_patch(
    change: &mut Change<'_>,
    caller: &Caller,
    id: SubjectId,
    expected_version: i32,
    patch: SubjectPatch,
    today: NaiveDate,
) -> DomainResult<SubjectOut> {
    let principal = &caller.principal;
    let current = store::get_model(&*change, principal, id).await?;
    if current.version != expected_version {
        return Err(DomainError::StaleVersion {
            expected: expected_version,
            current: current.version,
        });
    }
    let kind = patch
        .kind
        .map_or_else(|| store::kind_of(&current.kind), Ok)?;
    let member_count = patch.member_count.unwrap_or(current.member_count);
    let founded_on = patch.founded_on.unwrap_or(current.founded_on);
    check_kind_rules(kind, member_count, founded_on, today)?;
    let mut unit_id = current.unit_id;
    if let Some(unit) = patch.unit_id {
        let unit = units::find_assignable(&*change, principal, unit, "unit_id", today).await?;
        if unit.level != ocop_core::units::UnitLevel::Commune.as_str() {
            return Err(DomainError::field("unit_id", "not_a_commune"));
        }
        unit_id = unit.id;
    }
    let names = store::unit_names(&*change, [current.unit_id, unit_id]).await?;
    let before = store::to_out(current.clone(), &names)?;

    let mut model: subject::ActiveModel = current.clone().into();
    model.kind = Set(kind.as_str().to_string());
    if let Some(name) = patch.name {
        model.search_name = Set(text::fold(&name));
        model.name = Set(clean(&name));
    }
    if let Some(code) = patch.registration_code {
        model.registration_code = Set(clean_code(code));
    }
    if let Some(rep) = patch.legal_representative {
        model.legal_representative = Set(clean(&rep));
    }
    if let Some(address) = patch.address {
        model.address = Set(clean(&address));
    }
    model.unit_id = Set(unit_id);
    if let Some(phone) = patch.phone {
        model.phone = Set(clean_opt(phone));
    }
    if let Some(email) = patch.email {
        model.email = Set(clean_opt(email));
    }
    model.founded_on = Set(founded_on);
    model.member_count = Set(member_count);
    if let Some(women_led) = patch.women_led {
        model.women_led = Set(women_led);
    }
    if let Some(status) = patch.status {
        model.status = Set(status.as_str().to_string());
    }
    let after = store::save_versioned(&*change, model, &current, caller.at).await?;
    let after = store::to_out(after, &names)?;
    change.audit(
        "subject",
        id,
        "subject.update",
        audit::diff(&before, &after),
    );
    Ok(after)
}

/// Deletes a subject registered by mistake. One that has products (or users) is refused: archive it.
pub async fn delete(
    db: &DatabaseConnection,
    caller: &Caller,
    id: SubjectId,
    expected_version: i32,
) -> DomainResult<()> {
    let principal = &caller.principal;
    principal.require(Action::SubjectsAdminister)?;
    let mut change = Change::begin(db, caller).await?;
    let current = store::get_model(&change, principal, id).await?;
    if current.version != expected_version {
        return Err(DomainError::StaleVersion {
            expected: expected_version,
            current: current.version,
        });
    }
    let names = store::unit_names(&change, [current.unit_id]).await?;
    let before = store::to_out(current.clone(), &names)?;
    store::delete(&change, current.id).await?;
    change.audit_record("subject", id, "subject.delete", &before)?;
    // A deletion is one change past the last version anyone read.
    change.emit(
        SUBJECT_DELETED,
        id,
        current.version + 1,
        &json!({ "id": id }),
    )?;
    change.commit().await?;
    Ok(())
}
