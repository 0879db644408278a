//! A product's annual cycle: opening it, editing the dossier, and every move of the state
//! machine. A move is checked by the pure [`crate::transition`] against facts read by the
//! store, written with its history row, audit row and event in one change, and guarded by the
//! cycle's version. [`move_cycle`] is shared with the round's agenda and closing.

use chrono::NaiveDate;
use ocop_core::store::change::Change;
use ocop_core::{Action, Caller, DomainError, DomainResult, FieldError, Role};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, DatabaseConnection};
use serde_json::json;

use super::certificates;
use crate::events::{CYCLE_DOSSIER_UPDATED, CYCLE_MOVED, CYCLE_OPENED};
use crate::store::cycles::{find_in_scope, reload, save, state_of, to_json};
use crate::store::entities::cycle;
use crate::store::read::cycles::get;
use crate::store::{criteria, cycles, facts, sheets};
use crate::{
    CycleId, CycleIn, CycleOut, CycleState, DossierPart, DossierPatch, DossierType, Stars,
    TransitionIn,
};

/// Opens a product's cycle for a year: a new idea, or a product already made entering at
/// implementation. The dossier is scored on the latest sheet of the product's set under the
/// instrument in force today, fixed here so that a later version never changes its scoring.
pub async fn open(
    db: &DatabaseConnection,
    caller: &Caller,
    input: CycleIn,
    today: NaiveDate,
) -> DomainResult<CycleOut> {
    let principal = &caller.principal;
    // The producer or the commune registers an idea (Art. 6); administrators correct data but
    // make no legal act.
    principal.require(Action::CyclesOpen)?;
    if principal.role == Role::SystemAdmin {
        return Err(DomainError::Forbidden { reason: "role" });
    }
    if !CycleState::ENTRY.contains(&input.entry) {
        return Err(DomainError::field("entry", "not_an_entry_state"));
    }
    let mut change = Change::begin(db, caller).await?;
    let product = ocop_products::store::products::get(&change, principal, input.product_id).await?;
    let held =
        crate::store::certificates::current_for_product(&change, input.product_id, today).await?;
    let mut errors = Vec::new();
    match (input.dossier_type, &held) {
        (DossierType::FirstRating, Some(_)) => {
            errors.push(FieldError::new("dossier_type", "already_certified"))
        }
        (DossierType::Upgrade | DossierType::ReRating, None) => {
            errors.push(FieldError::new("dossier_type", "no_valid_certificate"))
        }
        _ => {}
    }
    if input.dossier_type == DossierType::ReRating && input.entry != CycleState::Implementation {
        errors.push(FieldError::new(
            "entry",
            "re_rating_starts_at_implementation",
        ));
    }
    let instrument = criteria::instrument_in_force(&change, today)
        .await?
        .ok_or(DomainError::Internal("no instrument in force".into()))?;
    let set =
        criteria::latest_set_for(&change, &instrument.code, &product.product_set.code).await?;
    let Some(set_id) = set else {
        errors.push(FieldError::new("product_id", "no_criteria_for_product_set"));
        return Err(DomainError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors));
    }
    let now = caller.at;
    let model = cycle::ActiveModel {
        id: Set(CycleId::new().0),
        product_id: Set(product.id.0),
        subject_id: Set(product.subject_id.0),
        year: Set(input.year),
        dossier_type: Set(input.dossier_type.as_str().into()),
        state: Set(input.entry.as_str().into()),
        idea: Set(input.idea.trim().to_string()),
        business_plan: Set(None),
        form01: Set(None),
        criteria_set_id: Set(set_id),
        self_assessment: Set(None),
        self_assessment_total: Set(None),
        samples: Set(0),
        form03: Set(None),
        submitted_on: Set(None),
        round_id: Set(None),
        council_result: Set(None),
        central_round_id: Set(None),
        central_result: Set(None),
        decided_on: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        council_stars: Set(None),
        council_average_hundredths: Set(None),
        central_stars: Set(None),
        central_average_hundredths: Set(None),
    }
    .insert(&change)
    .await
    .map_err(|e| match ocop_core::store::classify_db_error(e) {
        DomainError::Conflict { .. } => DomainError::Conflict {
            code: "cycle_exists_for_year",
            field: Some("year"),
        },
        other => other,
    })?;
    record_move(&mut change, caller, &model, None, input.entry, None).await?;
    change.emit(
        CYCLE_OPENED,
        model.id,
        model.version,
        &json!({
            "product_id": model.product_id,
            "subject_id": model.subject_id,
            "year": model.year,
            "dossier_type": input.dossier_type,
            "state": input.entry,
        }),
    )?;
    change.commit().await?;
    get(db, caller, CycleId(model.id)).await
}

/// Writes a move into the cycle's history and the audit chain (the event is the caller's: an
/// opening and a move announce themselves differently).
async fn record_move(
    change: &mut Change<'_>,
    caller: &Caller,
    model: &cycle::Model,
    from: Option<CycleState>,
    to: CycleState,
    reason: Option<String>,
) -> DomainResult<()> {
    cycles::insert_event(&*change, caller, model.id, from, to, reason.clone()).await?;
    change.audit(
        "cycle",
        model.id.to_string(),
        "cycle.transition",
        json!({"from": from, "to": to, "reason": reason}),
    );
    Ok(())
}

/// Edits the dossier. Who edits which part in which state is [`crate::may_edit`]; a part of
/// the producer's side asked by another role is refused by role, a closed part as locked.
pub async fn patch_dossier(
    db: &DatabaseConnection,
    caller: &Caller,
    id: CycleId,
    read_version: i32,
    patch: DossierPatch,
) -> DomainResult<CycleOut> {
    let principal = &caller.principal;
    principal.require(Action::DossierEdit)?;
    let mut change = Change::begin(db, caller).await?;
    let model = find_in_scope(&change, principal, id).await?;
    if model.version != read_version {
        return Err(DomainError::StaleVersion {
            expected: read_version,
            current: model.version,
        });
    }
    let state = state_of(&model)?;
    let parts = [
        (DossierPart::BusinessPlan, patch.business_plan.is_some()),
        (DossierPart::Form01, patch.form_01.is_some()),
        (DossierPart::SelfAssessment, patch.self_assessment.is_some()),
        (DossierPart::Samples, patch.samples.is_some()),
        (DossierPart::Form03, patch.form_03.is_some()),
    ];
    for (part, present) in parts {
        if !present {
            continue;
        }
        if !part.written_by(principal.role) {
            return Err(DomainError::Forbidden { reason: "role" });
        }
        if !part.open_in(state) {
            return Err(DomainError::Conflict {
                code: "dossier_locked",
                field: Some(part.field()),
            });
        }
    }
    let mut active: cycle::ActiveModel = model.clone().into();
    if let Some(plan) = &patch.business_plan {
        active.business_plan = Set(Some(plan.trim().to_string()).filter(|p| !p.is_empty()));
    }
    if let Some(form) = &patch.form_01 {
        active.form01 = Set(Some(to_json(form)?));
    }
    if let Some(samples) = patch.samples {
        active.samples = Set(samples as i32);
    }
    if let Some(selection) = &patch.self_assessment {
        let sheet = criteria::sheet_of(&change, model.criteria_set_id).await?;
        let summary = crate::score(&sheet, selection).map_err(crate::into_domain_error)?;
        let complete = crate::unanswered(&sheet, selection).is_empty();
        active.self_assessment = Set(Some(to_json(selection)?));
        active.self_assessment_total = Set(complete.then_some(summary.total as i32));
    }
    if let Some(form) = &patch.form_03 {
        active.form03 = Set(Some(to_json(form)?));
    }
    save(&change, model.id, read_version, active, caller.at).await?;
    let changed: Vec<&str> = parts
        .into_iter()
        .filter_map(|(part, present)| present.then_some(part.field()))
        .collect();
    change.audit(
        "cycle",
        model.id.to_string(),
        "cycle.dossier_update",
        json!({"fields": changed, "samples": patch.samples}),
    );
    change.emit(
        CYCLE_DOSSIER_UPDATED,
        model.id,
        read_version + 1,
        &json!({"fields": changed, "product_id": model.product_id}),
    )?;
    change.commit().await?;
    get(db, caller, id).await
}

/// Makes one move of the cycle.
pub async fn transition(
    db: &DatabaseConnection,
    caller: &Caller,
    id: CycleId,
    read_version: i32,
    input: TransitionIn,
    today: NaiveDate,
) -> DomainResult<CycleOut> {
    let mut change = Change::begin(db, caller).await?;
    let model = find_in_scope(&change, &caller.principal, id).await?;
    if model.version != read_version {
        return Err(DomainError::StaleVersion {
            expected: read_version,
            current: model.version,
        });
    }
    if input.to == CycleState::AwaitingCouncil {
        return Err(DomainError::field("to", "use_round_agenda"));
    }
    if let Some(decision) = &input.decision
        && decision.decided_on > today
    {
        return Err(DomainError::field("decision.decided_on", "in_future"));
    }
    move_cycle(&mut change, caller, model, input, today).await?;
    change.commit().await?;
    get(db, caller, id).await
}

/// Checks and applies a move inside the caller's change; also used by the agenda and by
/// closing a round. A recognition issues the certificate in the same change.
pub(crate) async fn move_cycle(
    change: &mut Change<'_>,
    caller: &Caller,
    model: cycle::Model,
    input: TransitionIn,
    today: NaiveDate,
) -> DomainResult<cycle::Model> {
    let from = state_of(&model)?;
    let ctx = facts::transition_context(&*change, caller, &model, &input, from).await?;
    let to = crate::transition(from, input.to, caller.principal.role, &ctx)?;
    let mut active: cycle::ActiveModel = model.clone().into();
    match to {
        CycleState::DossierSubmitted | CycleState::DossierResubmitted => {
            active.submitted_on = Set(Some(today));
        }
        CycleState::Scored => {
            let result = sheets::council_result_of(&*change, &model, model.round_id).await?;
            active.council_result = Set(Some(to_json(&result)?));
            let (stars, average) = cycles::figures(&result);
            active.council_stars = Set(Some(stars));
            active.council_average_hundredths = Set(Some(average));
        }
        CycleState::NotRecognised => active.decided_on = Set(Some(today)),
        _ => {}
    }
    let reason = input.reason.as_ref().map(|r| r.trim().to_string());
    active.state = Set(to.as_str().to_string());
    if let (CycleState::Recognised, Some(decision)) = (to, &input.decision) {
        active.decided_on = Set(Some(decision.decided_on));
    }
    save(&*change, model.id, model.version, active, caller.at).await?;
    record_move(change, caller, &model, Some(from), to, reason.clone()).await?;
    let updated = reload(&*change, model.id).await?;
    change.emit(
        CYCLE_MOVED,
        updated.id,
        updated.version,
        &json!({"from": from, "to": to, "reason": reason, "product_id": updated.product_id}),
    )?;
    if let (CycleState::Recognised, Some(decision), Some(stars)) = (to, &input.decision, ctx.stars)
    {
        let level = criteria::recognising_level(
            &*change,
            decision.decided_on,
            stars,
            "decision.decided_on",
        )
        .await?;
        // The state machine recognised 3 to 5 stars only; another level here is a fault.
        let stars = Stars::try_from(stars)
            .map_err(|e| DomainError::Internal(format!("recognition of {}: {e}", updated.id)))?;
        certificates::issue(change, caller, &updated, stars, level, decision).await?;
    }
    Ok(updated)
}
