//! Round rows: finding a round, its level and state, its agenda and council (seats, recusals,
//! members of the dossier's own subject), and the row writes of a round's changes. The read
//! model is in [`super::read::rounds`]; the members' sheets in [`super::sheets`].

use std::collections::{HashMap, HashSet};

use ocop_core::store::update_if_version;
use ocop_core::{Action, Caller, DomainError, DomainResult};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, PaginatorTrait, QueryOrder};

use super::criteria::parse_level;
use super::cycles::{central_result, council_result};
use super::entities::{cycle, recusal, round, seat, sheet};
use super::people;
use crate::{CouncilPosition, CouncilResult, RecognitionLevel, RoundId};

pub(crate) fn level_of(model: &round::Model) -> DomainResult<RecognitionLevel> {
    parse_level("evaluation_round.level", &model.level)
}

pub(crate) fn parse_position(value: &str) -> DomainResult<CouncilPosition> {
    CouncilPosition::parse(value).ok_or_else(|| {
        DomainError::Internal(format!("council_seat.position: unknown value {value:?}"))
    })
}

pub(crate) async fn find_round<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: RoundId,
) -> DomainResult<round::Model> {
    caller.principal.require(Action::RoundsRead)?;
    round::Entity::find_by_id(id.0)
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

/// Moves the round to its next version (what it holds changed); returns that version.
pub(crate) async fn bump<C: ConnectionTrait>(db: &C, model: &round::Model) -> DomainResult<i32> {
    save_next(db, model, <round::ActiveModel as Default>::default()).await
}

/// Marks the round closed by the caller, under the version read; returns the new version.
pub(crate) async fn mark_closed<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    model: &round::Model,
) -> DomainResult<i32> {
    let active = round::ActiveModel {
        closed_at: Set(Some(caller.at)),
        closed_by: Set(Some(caller.principal.user_id.0)),
        ..Default::default()
    };
    save_next(db, model, active).await
}

/// Writes `active` as the round's next version, only while it still has the version read.
async fn save_next<C: ConnectionTrait>(
    db: &C,
    model: &round::Model,
    mut active: round::ActiveModel,
) -> DomainResult<i32> {
    active.version = Set(model.version + 1);
    update_if_version::<round::Entity, _>(
        db,
        active,
        round::Column::Id,
        round::Column::Version,
        model.id,
        model.version,
    )
    .await?;
    Ok(model.version + 1)
}

/// The cycle column that puts a dossier on a round of this level.
pub(crate) fn agenda_column(model: &round::Model) -> DomainResult<cycle::Column> {
    Ok(match level_of(model)? {
        RecognitionLevel::Central => cycle::Column::CentralRoundId,
        _ => cycle::Column::RoundId,
    })
}

/// The dossiers on a round's agenda.
pub(crate) async fn agenda_of<C: ConnectionTrait>(
    db: &C,
    model: &round::Model,
) -> DomainResult<Vec<cycle::Model>> {
    Ok(cycle::Entity::find()
        .filter(agenda_column(model)?.eq(model.id))
        .order_by_asc(cycle::Column::CreatedAt)
        .all(db)
        .await?)
}

/// A dossier on the round's agenda, or not found.
pub(crate) async fn on_agenda<C: ConnectionTrait>(
    db: &C,
    model: &round::Model,
    cycle_id: Uuid,
) -> DomainResult<cycle::Model> {
    cycle::Entity::find_by_id(cycle_id)
        .filter(agenda_column(model)?.eq(model.id))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("cycle"))
}

/// The result a round froze for a dossier, if it has.
pub(crate) fn frozen_result(
    round: &round::Model,
    c: &cycle::Model,
) -> DomainResult<Option<CouncilResult>> {
    let result = match level_of(round)? {
        RecognitionLevel::Central => central_result(c)?,
        _ => council_result(c)?,
    };
    Ok(result.filter(|r| r.round_id.0 == round.id))
}

/// Who sits on the council and who is excluded from which dossier.
pub(crate) struct Council {
    pub(crate) seats: Vec<seat::Model>,
    /// (cycle, member) pairs that take no part: declared or same subject.
    pub(crate) excluded: HashSet<(Uuid, Uuid)>,
}

impl Council {
    pub(crate) fn seated(&self, user: Uuid) -> bool {
        self.seats.iter().any(|s| s.user_id == user)
    }
}

pub(crate) async fn council_of<C: ConnectionTrait>(
    db: &C,
    round_id: Uuid,
    agenda: &[cycle::Model],
) -> DomainResult<Council> {
    let agendas = HashMap::from([(round_id, agenda.to_vec())]);
    Ok(councils_of(db, &agendas)
        .await?
        .remove(&round_id)
        .unwrap_or(Council {
            seats: Vec::new(),
            excluded: HashSet::new(),
        }))
}

/// The councils of several rounds, each with its agenda: seats, recusals and members read in
/// one query each.
pub(crate) async fn councils_of<C: ConnectionTrait>(
    db: &C,
    agendas: &HashMap<Uuid, Vec<cycle::Model>>,
) -> DomainResult<HashMap<Uuid, Council>> {
    let round_ids: Vec<Uuid> = agendas.keys().copied().collect();
    let seats = seat::Entity::find()
        .filter(seat::Column::RoundId.is_in(round_ids.clone()))
        .order_by_asc(seat::Column::Id)
        .all(db)
        .await?;
    let recusals = recusal::Entity::find()
        .filter(recusal::Column::RoundId.is_in(round_ids.clone()))
        .all(db)
        .await?;
    let members = people::users(db, seats.iter().map(|s| s.user_id)).await?;
    let mut out: HashMap<Uuid, Council> = round_ids
        .iter()
        .map(|id| {
            let council = Council {
                seats: Vec::new(),
                excluded: HashSet::new(),
            };
            (*id, council)
        })
        .collect();
    for seat in seats {
        if let Some(council) = out.get_mut(&seat.round_id) {
            council.seats.push(seat);
        }
    }
    for r in recusals {
        if let Some(council) = out.get_mut(&r.round_id) {
            council.excluded.insert((r.cycle_id, r.user_id));
        }
    }
    for (round_id, council) in &mut out {
        let agenda = agendas.get(round_id).map(Vec::as_slice).unwrap_or_default();
        for c in agenda {
            for seat in &council.seats {
                let same_subject = members
                    .get(&seat.user_id)
                    .is_some_and(|m| m.subject_id.map(|s| s.0) == Some(c.subject_id));
                if same_subject {
                    council.excluded.insert((c.id, seat.user_id));
                }
            }
        }
    }
    Ok(out)
}

/// How many sheets are submitted in the round, on one dossier or (without it) on any.
pub(crate) async fn submitted_sheets<C: ConnectionTrait>(
    db: &C,
    round_id: Uuid,
    cycle_id: Option<Uuid>,
) -> DomainResult<u64> {
    let mut select = sheet::Entity::find()
        .filter(sheet::Column::RoundId.eq(round_id))
        .filter(sheet::Column::SubmittedAt.is_not_null());
    if let Some(cycle_id) = cycle_id {
        select = select.filter(sheet::Column::CycleId.eq(cycle_id));
    }
    Ok(select.count(db).await?)
}

/// Replaces the round's seats.
pub(crate) async fn replace_seats<C: ConnectionTrait>(
    db: &C,
    round_id: Uuid,
    seats: &[(Uuid, CouncilPosition)],
) -> DomainResult<()> {
    seat::Entity::delete_many()
        .filter(seat::Column::RoundId.eq(round_id))
        .exec(db)
        .await?;
    for (user_id, position) in seats {
        seat::ActiveModel {
            round_id: Set(round_id),
            user_id: Set(*user_id),
            position: Set(position.as_str().into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
