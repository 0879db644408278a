//! Evaluation rounds, their councils and agendas; closing a round freezes its results. The
//! members' score sheets are in [`super::sheets`].

use ocop_core::store::change::Change;
use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use ocop_core::store::update_if_version;
use ocop_core::store::users::user;
use ocop_core::{Action, Caller, DomainError, DomainResult, FieldError, Role, Scope};
use ocop_products::store::products::product;
use ocop_subjects::store::subject;
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, QueryOrder, QuerySelect};

use super::cycles::{self, central_result, council_result, state_of};
use super::entities::{cycle, event, recusal, round, seat, sheet};
use super::{criteria, sheets};
use crate::{
    AgendaIn, AgendaItem, CouncilIn, CouncilMemberOut, CouncilPosition, CouncilResult, CycleState,
    MySheet, RecognitionLevel, RoundIn, RoundOut, RoundQuery, TransitionIn,
};

pub(crate) async fn user_names<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> DomainResult<HashMap<Uuid, String>> {
    let ids: HashSet<Uuid> = ids.into_iter().collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect())
}

pub(crate) fn level_of(model: &round::Model) -> RecognitionLevel {
    RecognitionLevel::parse(&model.level).unwrap_or(RecognitionLevel::Province)
}

pub(crate) async fn find_round<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: Uuid,
) -> DomainResult<round::Model> {
    caller.principal.require(Action::RoundsRead)?;
    round::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::not_found("round"))
}

pub(crate) fn still_open(model: &round::Model) -> DomainResult<()> {
    if model.closed_at.is_some() {
        return Err(DomainError::Conflict {
            code: "round_closed",
            field: None,
        });
    }
    Ok(())
}

/// Only the round's chair acts for the council (closing it, recording a finding).
pub(crate) async fn require_chair<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    round_id: Uuid,
) -> DomainResult<()> {
    let chair = seat::Entity::find()
        .filter(seat::Column::RoundId.eq(round_id))
        .filter(seat::Column::UserId.eq(caller.principal.user_id.0))
        .filter(seat::Column::Position.eq(CouncilPosition::Chair.as_str()))
        .one(db)
        .await?;
    match chair {
        Some(_) => Ok(()),
        None => Err(DomainError::Forbidden {
            reason: "council_chair_only",
        }),
    }
}

pub(crate) fn check_version(model: &round::Model, read_version: i32) -> DomainResult<()> {
    if model.version != read_version {
        return Err(DomainError::StaleVersion {
            expected: read_version,
            current: model.version,
        });
    }
    Ok(())
}

pub(crate) async fn bump<C: ConnectionTrait>(db: &C, model: &round::Model) -> DomainResult<()> {
    let active = round::ActiveModel {
        version: Set(model.version + 1),
        ..Default::default()
    };
    update_if_version::<round::Entity, _>(
        db,
        active,
        round::Column::Id,
        round::Column::Version,
        model.id,
        model.version,
    )
    .await
}

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
    let mut txn = Change::begin(db, caller).await?;
    let instrument = criteria::instrument_in_force(&txn, opened_on)
        .await?
        .ok_or_else(|| DomainError::field("opened_on", "no_instrument_in_force"))?;
    let deadline = instrument
        .round_deadline(input.level, opened_on)
        .ok_or_else(|| DomainError::field("opened_on", "no_round_calendar"))?;
    let model = round::ActiveModel {
        id: Set(Uuid::now_v7()),
        level: Set(input.level.as_str().into()),
        year: Set(deadline.forwarded_before.year()),
        name: Set(input.name.trim().to_string()),
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
    .insert(&txn)
    .await?;
    txn.audit("round", model.id.to_string(), "round.create", serde_json::json!({"level": model.level, "name": model.name, "decide_before": model.decide_before}));
    txn.commit().await?;
    get_round(db, caller, model.id).await
}

pub async fn list_rounds<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    query: &RoundQuery,
) -> DomainResult<Vec<RoundOut>> {
    caller.principal.require(Action::RoundsRead)?;
    let mut select = round::Entity::find();
    if let Some(year) = query.year {
        select = select.filter(round::Column::Year.eq(year));
    }
    if let Some(level) = query.level {
        select = select.filter(round::Column::Level.eq(level.as_str()));
    }
    match query.closed {
        Some(true) => select = select.filter(round::Column::ClosedAt.is_not_null()),
        Some(false) => select = select.filter(round::Column::ClosedAt.is_null()),
        None => {}
    }
    let mut out = Vec::new();
    for model in select
        .order_by_desc(round::Column::OpenedOn)
        .order_by_desc(round::Column::Id)
        .all(db)
        .await?
    {
        out.push(round_out(db, caller, model).await?);
    }
    Ok(out)
}

pub async fn get_round<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: Uuid,
) -> DomainResult<RoundOut> {
    let model = find_round(db, caller, id).await?;
    round_out(db, caller, model).await
}

/// The dossiers on a round's agenda.
async fn agenda_of<C: ConnectionTrait>(
    db: &C,
    model: &round::Model,
) -> DomainResult<Vec<cycle::Model>> {
    let column = match level_of(model) {
        RecognitionLevel::Central => cycle::Column::CentralRoundId,
        _ => cycle::Column::RoundId,
    };
    Ok(cycle::Entity::find()
        .filter(column.eq(model.id))
        .order_by_asc(cycle::Column::CreatedAt)
        .all(db)
        .await?)
}

/// The result a round froze for a dossier, if it has.
pub(crate) fn frozen_result(
    round: &round::Model,
    c: &cycle::Model,
) -> DomainResult<Option<CouncilResult>> {
    let result = match level_of(round) {
        RecognitionLevel::Central => central_result(c)?,
        _ => council_result(c)?,
    };
    Ok(result.filter(|r| r.round_id == round.id))
}

/// Who sits on the council and who is excluded from which dossier.
pub(crate) struct Council {
    pub(crate) seats: Vec<seat::Model>,
    /// (cycle, member) pairs that take no part: declared or same subject.
    pub(crate) excluded: HashSet<(Uuid, Uuid)>,
}

pub(crate) async fn council_of<C: ConnectionTrait>(
    db: &C,
    round_id: Uuid,
    agenda: &[cycle::Model],
) -> DomainResult<Council> {
    let seats = seat::Entity::find()
        .filter(seat::Column::RoundId.eq(round_id))
        .order_by_asc(seat::Column::Id)
        .all(db)
        .await?;
    let mut excluded: HashSet<(Uuid, Uuid)> = recusal::Entity::find()
        .filter(recusal::Column::RoundId.eq(round_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.cycle_id, r.user_id))
        .collect();
    let members: Vec<user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(seats.iter().map(|s| s.user_id)))
        .all(db)
        .await?;
    for c in agenda {
        for m in &members {
            if m.subject_id == Some(c.subject_id) {
                excluded.insert((c.id, m.id));
            }
        }
    }
    Ok(Council { seats, excluded })
}

/// The dossiers of an agenda the caller sees: the round's council sees all it scores; anyone
/// else sees only the dossiers they may read on their own (a commune officer, their commune's;
/// a producer, their own), so the agenda never shows what `GET /cycles/{id}` would refuse.
async fn visible_on_agenda<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    agenda: &[cycle::Model],
    seated: bool,
) -> DomainResult<HashSet<Uuid>> {
    let scope = caller.principal.scope();
    if seated || matches!(scope, Scope::All) {
        return Ok(agenda.iter().map(|c| c.id).collect());
    }
    Ok(cycle::Entity::find()
        .select_only()
        .column(cycle::Column::Id)
        .filter(cycle::Column::Id.is_in(agenda.iter().map(|c| c.id)))
        .filter(cycles::scope_condition(&scope))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

async fn round_out<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    model: round::Model,
) -> DomainResult<RoundOut> {
    let agenda = agenda_of(db, &model).await?;
    let council = council_of(db, model.id, &agenda).await?;
    let names = user_names(db, council.seats.iter().map(|s| s.user_id)).await?;
    let products: HashMap<Uuid, String> = product::Entity::find()
        .filter(product::Column::Id.is_in(agenda.iter().map(|c| c.product_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let subjects: HashMap<Uuid, String> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(agenda.iter().map(|c| c.subject_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let sets = criteria::product_sets(db, agenda.iter().map(|c| c.criteria_set_id)).await?;
    let sheets = sheet::Entity::find()
        .filter(sheet::Column::RoundId.eq(model.id))
        .all(db)
        .await?;
    let me = caller.principal.user_id.0;
    let seated = council.seats.iter().any(|s| s.user_id == me);
    let visible = visible_on_agenda(db, caller, &agenda, seated).await?;
    let mut findings = super::findings::findings_of(db, model.id, &agenda).await?;
    let mut items = Vec::with_capacity(agenda.len());
    for c in agenda.iter().filter(|c| visible.contains(&c.id)) {
        let eligible = council
            .seats
            .iter()
            .filter(|s| !council.excluded.contains(&(c.id, s.user_id)))
            .count();
        let submitted = sheets
            .iter()
            .filter(|s| s.cycle_id == c.id && s.submitted_at.is_some())
            .count();
        let mine = sheets
            .iter()
            .find(|s| s.cycle_id == c.id && s.member_id == me);
        let my_sheet = if !seated {
            MySheet::None
        } else if council.excluded.contains(&(c.id, me)) {
            MySheet::Excluded
        } else {
            match mine {
                Some(s) if s.submitted_at.is_some() => MySheet::Submitted,
                Some(_) => MySheet::Draft,
                None => MySheet::None,
            }
        };
        items.push(AgendaItem {
            cycle_id: c.id,
            product_name: products.get(&c.product_id).cloned().unwrap_or_default(),
            subject_name: subjects.get(&c.subject_id).cloned().unwrap_or_default(),
            product_set: sets.get(&c.criteria_set_id).cloned().unwrap_or_default(),
            criteria_set_id: c.criteria_set_id,
            state: state_of(c)?,
            eligible_members: eligible as u32,
            submitted_sheets: submitted as u32,
            my_sheet,
            result: frozen_result(&model, c)?.map(|r| r.result),
            finding: findings.remove(&c.id),
        });
    }
    Ok(RoundOut {
        id: model.id,
        level: level_of(&model),
        year: model.year,
        name: model.name,
        instrument: model.instrument,
        opened_on: model.opened_on,
        forwarded_before: model.forwarded_before,
        decide_before: model.decide_before,
        closed_at: model.closed_at,
        council: council
            .seats
            .iter()
            .map(|s| CouncilMemberOut {
                user_id: s.user_id,
                name: names.get(&s.user_id).cloned().unwrap_or_default(),
                position: CouncilPosition::parse(&s.position).unwrap_or(CouncilPosition::Member),
            })
            .collect(),
        agenda: items,
        version: model.version,
        created_at: model.created_at,
    })
}

/// Seats the council. Members must be active council-member users; once a sheet is submitted
/// the council can no longer change, since the sheets would no longer be the council's.
pub async fn set_council(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    read_version: i32,
    input: CouncilIn,
) -> DomainResult<RoundOut> {
    caller.principal.require(Action::RoundsManage)?;
    let mut txn = Change::begin(db, caller).await?;
    let model = find_round(&txn, caller, id).await?;
    check_version(&model, read_version)?;
    still_open(&model)?;
    let submitted = sheet::Entity::find()
        .filter(sheet::Column::RoundId.eq(id))
        .filter(sheet::Column::SubmittedAt.is_not_null())
        .count(&txn)
        .await?;
    if submitted > 0 {
        return Err(DomainError::Conflict {
            code: "scoring_started",
            field: Some("member_ids"),
        });
    }
    let mut seats: Vec<(Uuid, CouncilPosition, String)> =
        vec![(input.chair_id, CouncilPosition::Chair, "chair_id".into())];
    if let Some(secretary) = input.secretary_id {
        seats.push((secretary, CouncilPosition::Secretary, "secretary_id".into()));
    }
    for (i, member) in input.member_ids.iter().enumerate() {
        seats.push((*member, CouncilPosition::Member, format!("member_ids[{i}]")));
    }
    let users: HashMap<Uuid, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(seats.iter().map(|s| s.0)))
        .all(&txn)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (user_id, _, field) in &seats {
        if !seen.insert(*user_id) {
            errors.push(FieldError::new(field.clone(), "duplicate"));
            continue;
        }
        match users.get(user_id) {
            None => errors.push(FieldError::new(field.clone(), "unknown_user")),
            Some(u) if u.role != Role::CouncilMember.as_str() => {
                errors.push(FieldError::new(field.clone(), "not_a_council_member"))
            }
            Some(u) if u.status != "active" => {
                errors.push(FieldError::new(field.clone(), "inactive"))
            }
            Some(_) => {}
        }
    }
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors));
    }
    seat::Entity::delete_many()
        .filter(seat::Column::RoundId.eq(id))
        .exec(&txn)
        .await?;
    for (user_id, position, _) in &seats {
        seat::ActiveModel {
            round_id: Set(id),
            user_id: Set(*user_id),
            position: Set(position.as_str().into()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    bump(&txn, &model).await?;
    txn.audit("round", id.to_string(), "round.council", serde_json::json!({"chair": input.chair_id, "secretary": input.secretary_id, "members": input.member_ids}));
    txn.commit().await?;
    get_round(db, caller, id).await
}

/// The day a dossier was forwarded to the province: when the commune checked it.
async fn forwarded_on<C: ConnectionTrait>(
    db: &C,
    cycle_id: Uuid,
) -> DomainResult<Option<NaiveDate>> {
    Ok(event::Entity::find()
        .filter(event::Column::CycleId.eq(cycle_id))
        .filter(event::Column::ToState.eq(CycleState::CommuneChecked.as_str()))
        .order_by_desc(event::Column::At)
        .one(db)
        .await?
        .map(|e| ocop_core::clock::vietnam_day(e.at)))
}

/// Puts a dossier before the round's council: a checked dossier forwarded before the round's
/// cut-off for a province round (the cycle moves to awaiting council), or a 90-point candidate
/// for a central round.
pub async fn add_to_agenda(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    read_version: i32,
    input: AgendaIn,
    today: NaiveDate,
) -> DomainResult<RoundOut> {
    caller.principal.require(Action::RoundsManage)?;
    let mut txn = Change::begin(db, caller).await?;
    let model = find_round(&txn, caller, id).await?;
    check_version(&model, read_version)?;
    still_open(&model)?;
    let c = cycles::find_in_scope(&txn, &caller.principal, input.cycle_id).await?;
    let state = state_of(&c)?;
    match level_of(&model) {
        RecognitionLevel::Central => {
            if state != CycleState::PotentialFiveStars || c.central_round_id.is_some() {
                return Err(DomainError::Conflict {
                    code: "not_a_five_star_candidate",
                    field: Some("cycle_id"),
                });
            }
            let active = cycle::ActiveModel {
                central_round_id: Set(Some(id)),
                ..Default::default()
            };
            cycles::save(&txn, c.id, c.version, active, caller.at).await?;
        }
        _ => {
            if let Some(day) = forwarded_on(&txn, c.id).await?
                && day >= model.forwarded_before
            {
                return Err(DomainError::field("cycle_id", "after_round_cutoff"));
            }
            let moved = cycles::move_cycle(
                &mut txn,
                caller,
                c,
                TransitionIn {
                    to: CycleState::AwaitingCouncil,
                    reason: None,
                    decision: None,
                },
                today,
            )
            .await?;
            let active = cycle::ActiveModel {
                round_id: Set(Some(id)),
                ..Default::default()
            };
            cycle::Entity::update_many()
                .set(active)
                .filter(cycle::Column::Id.eq(moved.id))
                .exec(&txn)
                .await?;
        }
    }
    bump(&txn, &model).await?;
    txn.audit(
        "round",
        id.to_string(),
        "round.agenda_add",
        serde_json::json!({"cycle_id": input.cycle_id}),
    );
    txn.commit().await?;
    get_round(db, caller, id).await
}

/// The chair closes the round: every dossier on it is scored from the submitted sheets and the
/// results freeze. Refused while a dossier has no submitted sheet.
pub async fn close_round(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    read_version: i32,
    today: NaiveDate,
) -> DomainResult<RoundOut> {
    caller.principal.require(Action::SheetsScore)?;
    let mut txn = Change::begin(db, caller).await?;
    let model = find_round(&txn, caller, id).await?;
    require_chair(&txn, caller, id).await?;
    check_version(&model, read_version)?;
    still_open(&model)?;
    let agenda = agenda_of(&txn, &model).await?;
    let pending: Vec<cycle::Model> = agenda
        .into_iter()
        .filter(|c| match level_of(&model) {
            RecognitionLevel::Central => c.central_result.is_none(),
            _ => state_of(c).is_ok_and(|s| s == CycleState::AwaitingCouncil),
        })
        .collect();
    let mut errors = Vec::new();
    for (i, c) in pending.iter().enumerate() {
        let submitted = sheet::Entity::find()
            .filter(sheet::Column::RoundId.eq(id))
            .filter(sheet::Column::CycleId.eq(c.id))
            .filter(sheet::Column::SubmittedAt.is_not_null())
            .count(&txn)
            .await?;
        // A dossier the chair found disqualified needs no sheet: it will not be rated.
        if submitted == 0 && !super::findings::has_finding(&txn, id, c.id).await? {
            errors.push(FieldError::new(format!("agenda[{i}]"), "unscored"));
        }
    }
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors));
    }
    for c in pending {
        match level_of(&model) {
            RecognitionLevel::Central => {
                let result = sheets::council_result_of(&txn, &c, Some(id)).await?;
                let active = cycle::ActiveModel {
                    central_result: Set(Some(
                        serde_json::to_string(&result)
                            .map_err(|e| DomainError::Internal(e.to_string()))?,
                    )),
                    ..Default::default()
                };
                cycles::save(&txn, c.id, c.version, active, caller.at).await?;
            }
            _ => {
                let input = TransitionIn {
                    to: CycleState::Scored,
                    reason: None,
                    decision: None,
                };
                cycles::move_cycle(&mut txn, caller, c, input, today).await?;
            }
        }
    }
    let active = round::ActiveModel {
        closed_at: Set(Some(caller.at)),
        closed_by: Set(Some(caller.principal.user_id.0)),
        version: Set(model.version + 1),
        ..Default::default()
    };
    update_if_version::<round::Entity, _>(
        &txn,
        active,
        round::Column::Id,
        round::Column::Version,
        id,
        model.version,
    )
    .await?;
    txn.audit(
        "round",
        id.to_string(),
        "round.close",
        serde_json::json!({}),
    );
    txn.commit().await?;
    get_round(db, caller, id).await
}
