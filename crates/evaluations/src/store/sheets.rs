//! The members' score sheets. Fairness rules kept here: a member scores on the dossier's own
//! criteria version; a member whose subject filed the dossier, or who declared a conflict, takes
//! no part; a member sees the others' sheets only after submitting their own (or once the result
//! is frozen); a submitted sheet never changes.

use ocop_core::store::change::Change;
use std::collections::{BTreeMap, HashMap};

use ocop_core::store::update_if_version;
use ocop_core::{Action, Caller, DomainError, DomainResult, Precondition};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, QueryOrder};

use super::councils::{
    bump, check_version, council_of, find_round, frozen_result, level_of, still_open, user_names,
};
use super::criteria;
use super::cycles::{self, state_of};
use super::entities::{cycle, recusal, round, sheet};
use crate::{
    CouncilResult, CriteriaSheet, CycleState, RecognitionLevel, RecusalIn, ScoreSummary, Selection,
    SheetIn, SheetOut, SheetsOut,
};

fn parse_choices(model: &sheet::Model) -> DomainResult<Selection> {
    serde_json::from_str(&model.choices)
        .map_err(|e| DomainError::Internal(format!("stored sheet {}: {e}", model.id)))
}

/// The council's result on a dossier from the submitted sheets of `round_id`.
pub(crate) async fn council_result_of<C: ConnectionTrait>(
    db: &C,
    c: &cycle::Model,
    round_id: Option<Uuid>,
) -> DomainResult<CouncilResult> {
    let round_id = round_id.ok_or_else(|| DomainError::field("round_id", "required"))?;
    let sheet_doc = criteria::sheet_of(db, c.criteria_set_id).await?;
    let rows = sheet::Entity::find()
        .filter(sheet::Column::RoundId.eq(round_id))
        .filter(sheet::Column::CycleId.eq(c.id))
        .filter(sheet::Column::SubmittedAt.is_not_null())
        .all(db)
        .await?;
    let mut summaries: Vec<ScoreSummary> = Vec::with_capacity(rows.len());
    for row in &rows {
        let choices = parse_choices(row)?;
        summaries.push(crate::score(&sheet_doc, &choices).map_err(crate::into_domain_error)?);
    }
    let rated = match summaries.is_empty() {
        true => None,
        false => Some(crate::rate_council(&sheet_doc, &summaries)?),
    };
    let result = super::findings::apply(db, round_id, c, rated).await?;
    Ok(CouncilResult {
        round_id,
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
    let rows = sheet::Entity::find()
        .filter(sheet::Column::RoundId.eq(round_id))
        .filter(sheet::Column::CycleId.eq(cycle_id))
        .filter(sheet::Column::SubmittedAt.is_not_null())
        .all(db)
        .await?;
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
struct SheetScope {
    round: round::Model,
    cycle: cycle::Model,
    seated: bool,
    excluded: bool,
    frozen: bool,
}

async fn sheet_scope<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    round_id: Uuid,
    cycle_id: Uuid,
) -> DomainResult<SheetScope> {
    let round = find_round(db, caller, round_id).await?;
    let agenda_column = match level_of(&round) {
        RecognitionLevel::Central => cycle::Column::CentralRoundId,
        _ => cycle::Column::RoundId,
    };
    let c = cycle::Entity::find_by_id(cycle_id)
        .filter(agenda_column.eq(round_id))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("cycle"))?;
    let council = council_of(db, round_id, std::slice::from_ref(&c)).await?;
    let me = caller.principal.user_id.0;
    let seated = council.seats.iter().any(|s| s.user_id == me);
    let frozen = round.closed_at.is_some() || frozen_result(&round, &c)?.is_some();
    if !seated {
        // Others reach a dossier's sheets only through their own scope.
        cycles::find_in_scope(db, &caller.principal, cycle_id).await?;
    }
    Ok(SheetScope {
        excluded: council.excluded.contains(&(cycle_id, me)),
        round,
        cycle: c,
        seated,
        frozen,
    })
}

/// A stored sheet with its totals on `sheet_doc`, the dossier's criteria sheet (the same for
/// every member's sheet on the dossier).
fn sheet_out(
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
        id: model.id,
        round_id: model.round_id,
        cycle_id: model.cycle_id,
        member_name: names.get(&model.member_id).cloned().unwrap_or_default(),
        member_id: model.member_id,
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
    round_id: Uuid,
    cycle_id: Uuid,
) -> DomainResult<SheetsOut> {
    let scope = sheet_scope(db, caller, round_id, cycle_id).await?;
    let sheet_doc = criteria::sheet_of(db, scope.cycle.criteria_set_id).await?;
    let rows = sheet::Entity::find()
        .filter(sheet::Column::RoundId.eq(round_id))
        .filter(sheet::Column::CycleId.eq(cycle_id))
        .order_by_asc(sheet::Column::CreatedAt)
        .all(db)
        .await?;
    let names = user_names(db, rows.iter().map(|r| r.member_id)).await?;
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

/// Saves a member's sheet; `submit` makes it final.
pub async fn save_sheet(
    db: &DatabaseConnection,
    caller: &Caller,
    round_id: Uuid,
    cycle_id: Uuid,
    precondition: Precondition,
    input: SheetIn,
) -> DomainResult<SheetOut> {
    caller.principal.require(Action::SheetsScore)?;
    let mut txn = Change::begin(db, caller).await?;
    let scope = sheet_scope(&txn, caller, round_id, cycle_id).await?;
    still_open(&scope.round)?;
    if !scope.seated {
        return Err(DomainError::Forbidden {
            reason: "not_on_council",
        });
    }
    if scope.excluded {
        return Err(DomainError::Forbidden {
            reason: "conflict_of_interest",
        });
    }
    if scope.frozen
        || (level_of(&scope.round) == RecognitionLevel::Province
            && state_of(&scope.cycle)? != CycleState::AwaitingCouncil)
    {
        return Err(DomainError::Conflict {
            code: "scoring_closed",
            field: None,
        });
    }
    let me = caller.principal.user_id.0;
    let existing = sheet::Entity::find()
        .filter(sheet::Column::RoundId.eq(round_id))
        .filter(sheet::Column::CycleId.eq(cycle_id))
        .filter(sheet::Column::MemberId.eq(me))
        .one(&txn)
        .await?;
    precondition.check(existing.as_ref().map(|s| s.version))?;
    if existing.as_ref().is_some_and(|s| s.submitted_at.is_some()) {
        return Err(DomainError::Conflict {
            code: "sheet_submitted",
            field: None,
        });
    }
    // Scored on the dossier's own criteria version, whatever has been published since.
    let sheet_doc = criteria::sheet_of(&txn, scope.cycle.criteria_set_id).await?;
    let summary = crate::score(&sheet_doc, &input.choices).map_err(crate::into_domain_error)?;
    let complete = crate::unanswered(&sheet_doc, &input.choices).is_empty();
    if input.submit && !complete {
        return Err(DomainError::field("choices", "incomplete"));
    }
    let now = caller.at;
    let choices =
        serde_json::to_string(&input.choices).map_err(|e| DomainError::Internal(e.to_string()))?;
    let total = complete.then_some(summary.total as i32);
    let submitted_at = input.submit.then_some(now);
    let saved = match existing {
        Some(row) => {
            let read_version = row.version;
            let id = row.id;
            let mut active: sheet::ActiveModel = row.into();
            active.choices = Set(choices);
            active.total = Set(total);
            active.submitted_at = Set(submitted_at);
            active.updated_at = Set(now);
            active.version = Set(read_version + 1);
            update_if_version::<sheet::Entity, _>(
                &txn,
                active,
                sheet::Column::Id,
                sheet::Column::Version,
                id,
                read_version,
            )
            .await?;
            sheet::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(DomainError::not_found("score_sheet"))?
        }
        None => {
            sheet::ActiveModel {
                id: Set(Uuid::now_v7()),
                round_id: Set(round_id),
                cycle_id: Set(cycle_id),
                member_id: Set(me),
                criteria_set_id: Set(scope.cycle.criteria_set_id),
                choices: Set(choices),
                total: Set(total),
                submitted_at: Set(submitted_at),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            }
            .insert(&txn)
            .await
            // Another first save of this member's sheet won the race: to this one, the sheet
            // it thought absent now exists.
            .map_err(|err| match ocop_core::store::classify_db_error(err) {
                DomainError::Conflict {
                    code: "duplicate", ..
                } => DomainError::StaleVersion {
                    expected: 0,
                    current: 1,
                },
                other => other,
            })?
        }
    };
    txn.audit("score_sheet", saved.id.to_string(), if input.submit { "sheet.submit" } else { "sheet.save" }, serde_json::json!({"round_id": round_id, "cycle_id": cycle_id, "total": total, "choices": input.choices}));
    txn.commit().await?;
    let names = user_names(db, [me]).await?;
    sheet_out(&sheet_doc, saved, &names)
}

/// A member declares a conflict of interest and takes no part in scoring the dossier. The
/// council changes, so the round's version moves on; the new version is returned.
pub async fn recuse(
    db: &DatabaseConnection,
    caller: &Caller,
    round_id: Uuid,
    cycle_id: Uuid,
    read_version: i32,
    input: RecusalIn,
) -> DomainResult<i32> {
    caller.principal.require(Action::SheetsScore)?;
    let mut txn = Change::begin(db, caller).await?;
    let scope = sheet_scope(&txn, caller, round_id, cycle_id).await?;
    check_version(&scope.round, read_version)?;
    still_open(&scope.round)?;
    if !scope.seated {
        return Err(DomainError::Forbidden {
            reason: "not_on_council",
        });
    }
    let me = caller.principal.user_id.0;
    let submitted = sheet::Entity::find()
        .filter(sheet::Column::RoundId.eq(round_id))
        .filter(sheet::Column::CycleId.eq(cycle_id))
        .filter(sheet::Column::MemberId.eq(me))
        .filter(sheet::Column::SubmittedAt.is_not_null())
        .count(&txn)
        .await?;
    if submitted > 0 {
        return Err(DomainError::Conflict {
            code: "sheet_submitted",
            field: None,
        });
    }
    if !scope.excluded {
        recusal::ActiveModel {
            round_id: Set(round_id),
            cycle_id: Set(cycle_id),
            user_id: Set(me),
            reason: Set(input.reason.trim().to_string()),
            created_at: Set(caller.at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        // A draft of an excluded member must not count.
        sheet::Entity::delete_many()
            .filter(sheet::Column::RoundId.eq(round_id))
            .filter(sheet::Column::CycleId.eq(cycle_id))
            .filter(sheet::Column::MemberId.eq(me))
            .exec(&txn)
            .await?;
    }
    txn.audit(
        "round",
        round_id.to_string(),
        "council.recusal",
        serde_json::json!({"cycle_id": cycle_id, "reason": input.reason}),
    );
    let version = if scope.excluded {
        scope.round.version
    } else {
        bump(&txn, &scope.round).await?;
        scope.round.version + 1
    };
    txn.commit().await?;
    Ok(version)
}
