//! Score sheet rows and what is read from them: the council's result on a dossier, the modal
//! choices for the advisor, and [`SheetOut`] as a member may see it. Fairness rules kept here: a
//! member scores on the dossier's own criteria version; a member whose subject filed the
//! dossier, or who declared a conflict, takes no part; a member sees the others' sheets only
//! after submitting their own (or once the result is frozen).

use std::collections::{BTreeMap, HashMap};

use ocop_core::store::update_if_version;
use ocop_core::{Caller, DomainError, DomainResult, UserId};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use super::entities::{cycle, recusal, round, sheet};
use super::rounds::{council_of, find_round, frozen_result, on_agenda};
use super::{criteria, cycles, findings, people};
use crate::{
    CouncilResult, CriteriaSheet, CycleId, RoundId, ScoreSummary, Selection, SheetId, SheetOut,
    SheetsOut,
};

fn parse_choices(model: &sheet::Model) -> DomainResult<Selection> {
    serde_json::from_str(&model.choices)
        .map_err(|e| DomainError::Internal(format!("stored sheet {}: {e}", model.id)))
}

async fn submitted<C: ConnectionTrait>(
    db: &C,
    round_id: Uuid,
    cycle_id: Uuid,
) -> DomainResult<Vec<sheet::Model>> {
    Ok(sheet::Entity::find()
        .filter(sheet::Column::RoundId.eq(round_id))
        .filter(sheet::Column::CycleId.eq(cycle_id))
        .filter(sheet::Column::SubmittedAt.is_not_null())
        .all(db)
        .await?)
}

/// The council's result on a dossier from the submitted sheets of `round_id`.
pub(crate) async fn council_result_of<C: ConnectionTrait>(
    db: &C,
    c: &cycle::Model,
    round_id: Option<Uuid>,
) -> DomainResult<CouncilResult> {
    let round_id = round_id.ok_or_else(|| DomainError::field("round_id", "required"))?;
    let sheet_doc = criteria::sheet_of(db, c.criteria_set_id).await?;
    let rows = submitted(db, round_id, c.id).await?;
    let mut summaries: Vec<ScoreSummary> = Vec::with_capacity(rows.len());
    for row in &rows {
        let choices = parse_choices(row)?;
        summaries.push(crate::score(&sheet_doc, &choices).map_err(crate::into_domain_error)?);
    }
    let rated = match summaries.is_empty() {
        true => None,
        false => Some(crate::rate_council(&sheet_doc, &summaries)?),
    };
    let result = findings::apply(db, round_id, c, rated).await?;
    Ok(CouncilResult {
        round_id: RoundId(round_id),
        sheets: rows.len() as u32,
        result,
    })
}

/// Per criterion, the option most members chose; on a tie the lower-scoring one, so the advice
/// never assumes more than the council gave.
pub(crate) async fn modal_selection<C: ConnectionTrait>(
    db: &C,
    round_id: Uuid,
    cycle_id: Uuid,
) -> DomainResult<Selection> {
    let rows = submitted(db, round_id, cycle_id).await?;
    let mut votes: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
    for row in &rows {
        for (code, option) in parse_choices(row)?.0 {
            *votes.entry(code).or_default().entry(option).or_default() += 1;
        }
    }
    let Some(first) = rows.first() else {
        return Err(DomainError::field("source", "not_scored"));
    };
    let sheet_doc = criteria::sheet_of(db, first.criteria_set_id).await?;
    let mut selection = BTreeMap::new();
    for (code, counts) in votes {
        let points = |option: u32| {
            sheet_doc
                .find(&code)
                .and_then(|n| n.options().get(option as usize).and_then(|o| o.points))
                .unwrap_or(0)
        };
        let best = counts.iter().max_by(|(a_opt, a_n), (b_opt, b_n)| {
            a_n.cmp(b_n).then(points(**b_opt).cmp(&points(**a_opt)))
        });
        if let Some((option, _)) = best {
            selection.insert(code, *option);
        }
    }
    Ok(Selection(selection))
}

/// The round, dossier and seat a member works on, with the checks every sheet action shares.
pub(crate) struct SheetScope {
    pub(crate) round: round::Model,
    pub(crate) cycle: cycle::Model,
    pub(crate) seated: bool,
    pub(crate) excluded: bool,
    pub(crate) frozen: bool,
}

pub(crate) async fn sheet_scope<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    round_id: RoundId,
    cycle_id: CycleId,
) -> DomainResult<SheetScope> {
    let round = find_round(db, caller, round_id).await?;
    let c = on_agenda(db, &round, cycle_id.0).await?;
    let council = council_of(db, round_id.0, std::slice::from_ref(&c)).await?;
    let me = caller.principal.user_id.0;
    let seated = council.seated(me);
    let frozen = round.closed_at.is_some() || frozen_result(&round, &c)?.is_some();
    if !seated {
        // Others reach a dossier's sheets only through their own scope.
        cycles::find_in_scope(db, &caller.principal, cycle_id).await?;
    }
    Ok(SheetScope {
        excluded: council.excluded.contains(&(cycle_id.0, me)),
        round,
        cycle: c,
        seated,
        frozen,
    })
}

/// A stored sheet with its totals on `sheet_doc`, the dossier's criteria sheet (the same for
/// every member's sheet on the dossier).
pub(crate) fn sheet_out(
    sheet_doc: &CriteriaSheet,
    model: sheet::Model,
    names: &HashMap<Uuid, String>,
) -> DomainResult<SheetOut> {
    let choices = parse_choices(&model)?;
    let unanswered = crate::unanswered(sheet_doc, &choices);
    let score = crate::score(sheet_doc, &choices).ok();
    let stars = score
        .as_ref()
        .filter(|_| unanswered.is_empty())
        .map(|s| crate::rate_sheet(sheet_doc, s));
    Ok(SheetOut {
        id: SheetId(model.id),
        round_id: RoundId(model.round_id),
        cycle_id: CycleId(model.cycle_id),
        member_name: names.get(&model.member_id).cloned().unwrap_or_default(),
        member_id: UserId(model.member_id),
        criteria_set_id: model.criteria_set_id,
        choices,
        unanswered,
        score,
        stars,
        submitted_at: model.submitted_at,
        updated_at: model.updated_at,
        version: model.version,
    })
}

/// The sheets of one dossier in a round, as the caller may see them.
pub async fn sheets<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    round_id: RoundId,
    cycle_id: CycleId,
) -> DomainResult<SheetsOut> {
    let scope = sheet_scope(db, caller, round_id, cycle_id).await?;
    let sheet_doc = criteria::sheet_of(db, scope.cycle.criteria_set_id).await?;
    let rows = sheet::Entity::find()
        .filter(sheet::Column::RoundId.eq(round_id.0))
        .filter(sheet::Column::CycleId.eq(cycle_id.0))
        .order_by_asc(sheet::Column::CreatedAt)
        .all(db)
        .await?;
    let names = people::user_names(db, rows.iter().map(|r| r.member_id)).await?;
    let me = caller.principal.user_id.0;
    let (mine, others): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.member_id == me);
    let mine = mine.into_iter().next();
    let own_submitted = mine.as_ref().is_some_and(|s| s.submitted_at.is_some());
    let may_see_others = scope.frozen || (scope.seated && !scope.excluded && own_submitted);
    let mut visible = Vec::new();
    if may_see_others {
        // Drafts stay private to their author even then.
        for row in others.into_iter().filter(|r| r.submitted_at.is_some()) {
            visible.push(sheet_out(&sheet_doc, row, &names)?);
        }
    }
    Ok(SheetsOut {
        mine: match mine {
            Some(row) => Some(sheet_out(&sheet_doc, row, &names)?),
            None => None,
        },
        others: visible,
        others_hidden: !may_see_others,
    })
}

/// The member's sheet on the dossier in the round, if they have one.
pub(crate) async fn member_sheet<C: ConnectionTrait>(
    db: &C,
    round_id: Uuid,
    cycle_id: Uuid,
    member: Uuid,
) -> DomainResult<Option<sheet::Model>> {
    Ok(sheet::Entity::find()
        .filter(sheet::Column::RoundId.eq(round_id))
        .filter(sheet::Column::CycleId.eq(cycle_id))
        .filter(sheet::Column::MemberId.eq(member))
        .one(db)
        .await?)
}

/// Writes `active` over the sheet under the version read and returns the sheet as stored.
pub(crate) async fn update<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    read_version: i32,
    mut active: sheet::ActiveModel,
) -> DomainResult<sheet::Model> {
    active.version = Set(read_version + 1);
    update_if_version::<sheet::Entity, _>(
        db,
        active,
        sheet::Column::Id,
        sheet::Column::Version,
        id,
        read_version,
    )
    .await?;
    sheet::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::not_found("score_sheet"))
}

/// Stores a member's first sheet. Another first save of the same sheet that won the race is,
/// to this one, a stale precondition: the sheet it thought absent now exists.
pub(crate) async fn insert<C: ConnectionTrait>(
    db: &C,
    active: sheet::ActiveModel,
) -> DomainResult<sheet::Model> {
    active
        .insert(db)
        .await
        .map_err(|err| match ocop_core::store::classify_db_error(err) {
            DomainError::Conflict {
                code: "duplicate", ..
            } => DomainError::StaleVersion {
                expected: 0,
                current: 1,
            },
            other => other,
        })
}

/// Records a member's recusal from a dossier and drops their draft, which must not count.
pub(crate) async fn recuse_member<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    round_id: Uuid,
    cycle_id: Uuid,
    reason: &str,
) -> DomainResult<()> {
    let me = caller.principal.user_id.0;
    recusal::ActiveModel {
        round_id: Set(round_id),
        cycle_id: Set(cycle_id),
        user_id: Set(me),
        reason: Set(reason.to_string()),
        created_at: Set(caller.at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    sheet::Entity::delete_many()
        .filter(sheet::Column::RoundId.eq(round_id))
        .filter(sheet::Column::CycleId.eq(cycle_id))
        .filter(sheet::Column::MemberId.eq(me))
        .exec(db)
        .await?;
    Ok(())
}
