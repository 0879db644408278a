//! Who attended a training class or study tour, and which products a fair showed. Both are
//! rows of their own, announced as changes of their activity: each add or removal bumps the
//! activity's version (in the same change), so every event carries a version of its own and a
//! consumer de-duplicating on (entity, version) drops none.

use ocop_core::store::change::Change;
use ocop_core::store::{units, users};
use ocop_core::{Action, Caller, DomainError, DomainResult, ProductId};
use ocop_products::store::products as product_store;
use ocop_subjects::store as subject_store;
use sea_orm::{ActiveValue::Set, DatabaseConnection};
use serde_json::json;

use super::require_editable;
use crate::events::{
    ACTIVITY_PARTICIPANT_ADDED, ACTIVITY_PARTICIPANT_REMOVED, ACTIVITY_PRODUCT_ADDED,
    ACTIVITY_PRODUCT_REMOVED,
};
use crate::model::*;
use crate::store::activities as store;
use crate::store::entities::{activity, activity_product, participant};

/// The kind of an activity row.
fn kind_of(row: &activity::Model) -> DomainResult<ActivityKind> {
    ActivityKind::parse(&row.kind)
        .ok_or_else(|| DomainError::Internal(format!("activity kind {}", row.kind)))
}

/// Moves the activity's version on by one (checked against the version read), for a change of
/// its participants or products; answers the new version. Callers read the activity locked, so
/// two such changes run one after the other instead of one failing on a stale version.
async fn bump(
    change: &Change<'_>,
    current: &activity::Model,
    caller: &Caller,
) -> DomainResult<i32> {
    let saved = store::save_versioned(change, current.clone().into(), current, caller.at).await?;
    Ok(saved.version)
}

/// Records a person who attended a training class or study tour.
pub async fn add_participant(
    db: &DatabaseConnection,
    caller: &Caller,
    id: ActivityId,
    input: ParticipantIn,
) -> DomainResult<ParticipantOut> {
    let principal = &caller.principal;
    principal.require(Action::PlansManage)?;
    check_participant(&input)?;
    let mut change = Change::begin(db, caller).await?;
    // Locked, so that two adds of one account to the activity cannot both pass the check below.
    let (current, plan) = store::activity_model(&change, principal, id, true).await?;
    require_editable(&plan)?;
    let kind = kind_of(&current)?;
    if !kind.has_participants() {
        return Err(DomainError::field("activity", "no_participants"));
    }
    if let Some(subject) = input.subject_id
        && subject_store::ref_in_scope(&change, &principal.scope(), subject)
            .await?
            .is_none()
    {
        return Err(DomainError::field("subject_id", "unknown_subject"));
    }
    if let Some(user) = input.user_id {
        match users::get(&change, principal, user).await {
            Ok(_) => {}
            Err(DomainError::NotFound { .. }) => {
                return Err(DomainError::field("user_id", "unknown_user"));
            }
            Err(other) => return Err(other),
        }
        if store::has_user(&change, id, user).await? {
            return Err(DomainError::Conflict {
                code: "duplicate",
                field: Some("user_id"),
            });
        }
    }
    let unit = units::find_assignable(&change, principal, input.unit_id, "unit_id", caller.today())
        .await?;
    let row = participant::ActiveModel {
        id: Set(ParticipantId::new().0),
        activity_id: Set(current.id),
        full_name: Set(input.full_name.trim().to_string()),
        audience: Set(input.audience.as_str().to_string()),
        user_id: Set(input.user_id.map(|u| u.0)),
        subject_id: Set(input.subject_id.map(|s| s.0)),
        unit_id: Set(unit.id),
        position: Set(clean_opt(input.position)),
        created_at: Set(caller.at),
    };
    let model = store::insert_participant(&change, row).await?;
    let out = store::participant_outs(&change, vec![model])
        .await?
        .pop()
        .ok_or(DomainError::not_found("participant"))?;
    change.audit_record("activity", id, "activity.participant_add", &out)?;
    let bumped = bump(&change, &current, caller).await?;
    change.emit(ACTIVITY_PARTICIPANT_ADDED, id, bumped, &out)?;
    change.commit().await?;
    Ok(out)
}

/// Removes a participant recorded by mistake.
pub async fn remove_participant(
    db: &DatabaseConnection,
    caller: &Caller,
    id: ActivityId,
    participant_id: ParticipantId,
) -> DomainResult<()> {
    caller.principal.require(Action::PlansManage)?;
    let mut change = Change::begin(db, caller).await?;
    let (current, plan) = store::activity_model(&change, &caller.principal, id, true).await?;
    require_editable(&plan)?;
    let row = store::delete_participant(&change, current.id, participant_id.0).await?;
    let before = store::participant_outs(&change, vec![row]).await?;
    change.audit_record("activity", id, "activity.participant_remove", &before)?;
    let payload = json!({ "activity_id": id, "participant_id": participant_id });
    let bumped = bump(&change, &current, caller).await?;
    change.emit(ACTIVITY_PARTICIPANT_REMOVED, id, bumped, &payload)?;
    change.commit().await?;
    Ok(())
}

/// Records a product shown at a fair or trade promotion event.
pub async fn add_product(
    db: &DatabaseConnection,
    caller: &Caller,
    id: ActivityId,
    input: ActivityProductIn,
) -> DomainResult<ActivityProductOut> {
    let principal = &caller.principal;
    principal.require(Action::PlansManage)?;
    let mut change = Change::begin(db, caller).await?;
    let (current, plan) = store::activity_model(&change, principal, id, true).await?;
    require_editable(&plan)?;
    let kind = kind_of(&current)?;
    if !kind.has_products() {
        return Err(DomainError::field("activity", "no_products"));
    }
    let product = match product_store::get(&change, principal, input.product_id).await {
        Ok(p) => p,
        Err(DomainError::NotFound { .. }) => {
            return Err(DomainError::field("product_id", "unknown_product"));
        }
        Err(other) => return Err(other),
    };
    let row = activity_product::ActiveModel {
        activity_id: Set(current.id),
        product_id: Set(input.product_id.0),
        created_at: Set(caller.at),
    };
    store::insert_product(&change, row).await?;
    let out = ActivityProductOut {
        activity_id: id,
        product_id: input.product_id,
        product_name: product.name,
        subject_id: product.subject_id,
        subject_name: product.subject_name,
    };
    change.audit_record("activity", id, "activity.product_add", &out)?;
    let bumped = bump(&change, &current, caller).await?;
    change.emit(ACTIVITY_PRODUCT_ADDED, id, bumped, &out)?;
    change.commit().await?;
    Ok(out)
}

/// Takes a product off a fair's list.
pub async fn remove_product(
    db: &DatabaseConnection,
    caller: &Caller,
    id: ActivityId,
    product_id: ProductId,
) -> DomainResult<()> {
    caller.principal.require(Action::PlansManage)?;
    let mut change = Change::begin(db, caller).await?;
    let (current, plan) = store::activity_model(&change, &caller.principal, id, true).await?;
    require_editable(&plan)?;
    let row = store::delete_product(&change, current.id, product_id.0).await?;
    let before = store::product_outs(&change, vec![row]).await?;
    change.audit_record("activity", id, "activity.product_remove", &before)?;
    let payload = json!({ "activity_id": id, "product_id": product_id });
    let bumped = bump(&change, &current, caller).await?;
    change.emit(ACTIVITY_PRODUCT_REMOVED, id, bumped, &payload)?;
    change.commit().await?;
    Ok(())
}
