//! Rounds as acts: convening one (deadlines from the instrument's calendar), seating its
//! council, putting dossiers before it, and closing it, which freezes every result.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use ocop_core::store::change::Change;
use ocop_core::{Action, Caller, DomainError, DomainResult, FieldError, Role, UserId};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, DatabaseConnection};
use serde_json::json;

use super::cycles::move_cycle;
use crate::events::{
    CYCLE_CENTRAL_RESULT_RECORDED, CYCLE_CENTRAL_ROUND_SET, ROUND_AGENDA_CHANGED, ROUND_CLOSED,
    ROUND_COUNCIL_SET, ROUND_CREATED,
};
use crate::store::entities::{cycle, round};
use crate::store::read::rounds::get_round;
use crate::store::rounds::{
    agenda_of, bump, check_version, find_round, level_of, mark_closed, replace_seats,
    require_chair, still_open, submitted_sheets,
};
use crate::store::{criteria, cycles, findings, people, sheets};
use crate::{
    AgendaIn, CouncilIn, CouncilPosition, CycleState, RecognitionLevel, RoundId, RoundIn, RoundOut,
    TransitionIn,
};

/// Convenes a round; its deadlines are the instrument's calendar for the day it opens.
pub async fn create_round(
    db: &DatabaseConnection,
    caller: &Caller,
    input: RoundIn,
    today: NaiveDate,
) -> DomainResult<RoundOut> {
    caller.principal.require(Action::RoundsManage)?;
    if input.level == RecognitionLevel::District {
        return Err(DomainError::field("level", "abolished"));
    }
    let opened_on = input.opened_on.unwrap_or(today);
    let mut change = Change::begin(db, caller).await?;
    let instrument = criteria::instrument_in_force(&change, opened_on)
        .await?
        .ok_or_else(|| DomainError::field("opened_on", "no_instrument_in_force"))?;
    let deadline = instrument
        .round_deadline(input.level, opened_on)
        .ok_or_else(|| DomainError::field("opened_on", "no_round_calendar"))?;
    let model = round::ActiveModel {
        id: Set(RoundId::new().0),
        level: Set(input.level.as_str().into()),
        year: Set(deadline.forwarded_before.year()),
        name: Set(input.name.trim().to_string()),
        search_name: Set(ocop_core::text::fold(&input.name)),
        instrument: Set(instrument.code.clone()),
        opened_on: Set(opened_on),
        forwarded_before: Set(deadline.forwarded_before),
        decide_before: Set(deadline.decide_before),
        closed_at: Set(None),
        closed_by: Set(None),
        created_by: Set(caller.principal.user_id.0),
        version: Set(1),
        created_at: Set(caller.at),
    }
    .insert(&change)
    .await?;
    let recorded =
        json!({"level": model.level, "name": model.name, "decide_before": model.decide_before});
    change.audit(
        "round",
        model.id.to_string(),
        "round.create",
        recorded.clone(),
    );
    change.emit(ROUND_CREATED, model.id, model.version, &recorded)?;
    change.commit().await?;
    get_round(db, caller, RoundId(model.id)).await
}

/// Seats the council. Members must be active council-member users; once a sheet is submitted
/// the council can no longer change, since the sheets would no longer be the council's.
pub async fn set_council(
    db: &DatabaseConnection,
    caller: &Caller,
    id: RoundId,
    read_version: i32,
    input: CouncilIn,
) -> DomainResult<RoundOut> {
    caller.principal.require(Action::RoundsManage)?;
    let mut change = Change::begin(db, caller).await?;
    let model = find_round(&change, caller, id).await?;
    check_version(&model, read_version)?;
    still_open(&model)?;
    if submitted_sheets(&change, id.0, None).await? > 0 {
        return Err(DomainError::Conflict {
            code: "scoring_started",
            field: Some("member_ids"),
        });
    }
    let mut seats: Vec<(UserId, CouncilPosition, String)> =
        vec![(input.chair_id, CouncilPosition::Chair, "chair_id".into())];
    if let Some(secretary) = input.secretary_id {
        seats.push((secretary, CouncilPosition::Secretary, "secretary_id".into()));
    }
    for (i, member) in input.member_ids.iter().enumerate() {
        seats.push((*member, CouncilPosition::Member, format!("member_ids[{i}]")));
    }
    let users = people::users(&change, seats.iter().map(|s| s.0.0)).await?;
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (user_id, _, field) in &seats {
        if !seen.insert(*user_id) {
            errors.push(FieldError::new(field.clone(), "duplicate"));
            continue;
        }
        match users.get(&user_id.0) {
            None => errors.push(FieldError::new(field.clone(), "unknown_user")),
            Some(u) if u.role != Role::CouncilMember => {
                errors.push(FieldError::new(field.clone(), "not_a_council_member"))
            }
            Some(u) if u.status != ocop_core::users::UserStatus::Active => {
                errors.push(FieldError::new(field.clone(), "inactive"))
            }
            Some(_) => {}
        }
    }
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors));
    }
    let placed: Vec<(Uuid, CouncilPosition)> = seats.iter().map(|(u, p, _)| (u.0, *p)).collect();
    replace_seats(&change, id.0, &placed).await?;
    let version = bump(&change, &model).await?;
    let recorded = json!({"chair": input.chair_id, "secretary": input.secretary_id, "members": input.member_ids});
    change.audit("round", id.to_string(), "round.council", recorded.clone());
    change.emit(ROUND_COUNCIL_SET, id, version, &recorded)?;
    change.commit().await?;
    get_round(db, caller, id).await
}

/// Puts a dossier before the round's council: a checked dossier forwarded before the round's
/// cut-off for a province round (the cycle moves to awaiting council), or a 90-point candidate
/// for a central round.
pub async fn add_to_agenda(
    db: &DatabaseConnection,
    caller: &Caller,
    id: RoundId,
    read_version: i32,
    input: AgendaIn,
    today: NaiveDate,
) -> DomainResult<RoundOut> {
    caller.principal.require(Action::RoundsManage)?;
    let mut change = Change::begin(db, caller).await?;
    let model = find_round(&change, caller, id).await?;
    check_version(&model, read_version)?;
    still_open(&model)?;
    let c = cycles::find_in_scope(&change, &caller.principal, input.cycle_id).await?;
    let state = cycles::state_of(&c)?;
    match level_of(&model)? {
        RecognitionLevel::Central => {
            if state != CycleState::PotentialFiveStars || c.central_round_id.is_some() {
                return Err(DomainError::Conflict {
                    code: "not_a_five_star_candidate",
                    field: Some("cycle_id"),
                });
            }
            let active = cycle::ActiveModel {
                central_round_id: Set(Some(id.0)),
                ..Default::default()
            };
            cycles::save(&change, c.id, c.version, active, caller.at).await?;
            change.emit(
                CYCLE_CENTRAL_ROUND_SET,
                c.id,
                c.version + 1,
                &json!({"round_id": id, "product_id": c.product_id}),
            )?;
        }
        _ => {
            if let Some(day) = cycles::forwarded_on(&change, c.id).await?
                && day >= model.forwarded_before
            {
                return Err(DomainError::field("cycle_id", "after_round_cutoff"));
            }
            let to_council = TransitionIn {
                to: CycleState::AwaitingCouncil,
                reason: None,
                decision: None,
            };
            let moved = move_cycle(&mut change, caller, c, to_council, today).await?;
            cycles::set_round(&change, moved.id, id).await?;
        }
    }
    let version = bump(&change, &model).await?;
    let recorded = json!({"cycle_id": input.cycle_id});
    change.audit(
        "round",
        id.to_string(),
        "round.agenda_add",
        recorded.clone(),
    );
    change.emit(
        ROUND_AGENDA_CHANGED,
        id,
        version,
        &json!({"added": input.cycle_id}),
    )?;
    change.commit().await?;
    get_round(db, caller, id).await
}

/// The chair closes the round: every dossier on it is scored from the submitted sheets and the
/// results freeze. Refused while a dossier has no submitted sheet.
pub async fn close_round(
    db: &DatabaseConnection,
    caller: &Caller,
    id: RoundId,
    read_version: i32,
    today: NaiveDate,
) -> DomainResult<RoundOut> {
    caller.principal.require(Action::SheetsScore)?;
    let mut change = Change::begin(db, caller).await?;
    let model = find_round(&change, caller, id).await?;
    require_chair(&change, caller, id.0).await?;
    check_version(&model, read_version)?;
    still_open(&model)?;
    let level = level_of(&model)?;
    let mut pending = Vec::new();
    for c in agenda_of(&change, &model).await? {
        let waiting = match level {
            RecognitionLevel::Central => c.central_result.is_none(),
            _ => cycles::state_of(&c)? == CycleState::AwaitingCouncil,
        };
        if waiting {
            pending.push(c);
        }
    }
    let mut errors = Vec::new();
    for (i, c) in pending.iter().enumerate() {
        // A dossier the chair found disqualified needs no sheet: it will not be rated.
        if submitted_sheets(&change, id.0, Some(c.id)).await? == 0
            && !findings::has_finding(&change, id.0, c.id).await?
        {
            errors.push(FieldError::new(format!("agenda[{i}]"), "unscored"));
        }
    }
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors));
    }
    let scored: Vec<Uuid> = pending.iter().map(|c| c.id).collect();
    for c in pending {
        match level {
            RecognitionLevel::Central => {
                let result = sheets::council_result_of(&change, &c, Some(id.0)).await?;
                let (stars, average) = cycles::figures(&result);
                let active = cycle::ActiveModel {
                    central_result: Set(Some(cycles::to_json(&result)?)),
                    central_stars: Set(Some(stars)),
                    central_average_hundredths: Set(Some(average)),
                    ..Default::default()
                };
                cycles::save(&change, c.id, c.version, active, caller.at).await?;
                change.emit(
                    CYCLE_CENTRAL_RESULT_RECORDED,
                    c.id,
                    c.version + 1,
                    &json!({"round_id": id, "product_id": c.product_id, "result": result}),
                )?;
            }
            _ => {
                let input = TransitionIn {
                    to: CycleState::Scored,
                    reason: None,
                    decision: None,
                };
                move_cycle(&mut change, caller, c, input, today).await?;
            }
        }
    }
    let version = mark_closed(&change, caller, &model).await?;
    change.audit("round", id.to_string(), "round.close", json!({}));
    change.emit(ROUND_CLOSED, id, version, &json!({"scored": scored}))?;
    change.commit().await?;
    get_round(db, caller, id).await
}
