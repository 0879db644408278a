//! The alerts that are someone's own work: a council member's unscored sheets, a producer's
//! returned dossiers. Each reads its facts once for every row, never per row.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use ocop_core::{DomainResult, Principal};
use ocop_products::store::products;
use sea_orm::entity::prelude::*;
use sea_orm::{Condition, ConnectionTrait, QueryOrder, QuerySelect, QueryTrait};

use crate::store::entities::{cycle, event, recusal, round, seat, sheet};
use crate::store::rounds::{frozen_result, level_of};
use crate::{AlertKind, AlertOut, CycleState, RecognitionLevel};

/// The states in which a dossier or an idea is back with its producer.
pub(super) const RETURNED: [CycleState; 2] = [
    CycleState::IdeaReturned,
    CycleState::DossierReturnedForCompletion,
];

/// Rounds still open, oldest deadline first; for a council member, only those they sit on.
pub(super) async fn open_rounds<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    seated_only: bool,
) -> DomainResult<Vec<round::Model>> {
    let mut select = round::Entity::find().filter(round::Column::ClosedAt.is_null());
    if seated_only {
        select = select.filter(
            round::Column::Id.in_subquery(
                seat::Entity::find()
                    .select_only()
                    .column(seat::Column::RoundId)
                    .filter(seat::Column::UserId.eq(principal.user_id.0))
                    .into_query(),
            ),
        );
    }
    Ok(select
        .order_by_asc(round::Column::DecideBefore)
        .all(db)
        .await?)
}

/// The dossiers on the agenda of `rounds` (the caller's open rounds) on which the caller has
/// not submitted a sheet, leaving out those they take no part in (recused, or their own
/// subject's) and those whose result the round has already frozen.
pub(super) async fn sheets_to_score<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    rounds: &[round::Model],
    today: NaiveDate,
) -> DomainResult<Vec<AlertOut>> {
    if rounds.is_empty() {
        return Ok(Vec::new());
    }
    let me = principal.user_id.0;
    let mut central = Vec::new();
    let mut province = Vec::new();
    for r in rounds {
        match level_of(r)? {
            RecognitionLevel::Central => central.push(r.id),
            _ => province.push(r.id),
        }
    }
    let round_ids: Vec<Uuid> = rounds.iter().map(|r| r.id).collect();
    let agenda = cycle::Entity::find()
        .filter(
            Condition::any()
                .add(cycle::Column::RoundId.is_in(province))
                .add(cycle::Column::CentralRoundId.is_in(central)),
        )
        .order_by_asc(cycle::Column::CreatedAt)
        .all(db)
        .await?;
    let submitted: HashSet<(Uuid, Uuid)> = sheet::Entity::find()
        .select_only()
        .column(sheet::Column::RoundId)
        .column(sheet::Column::CycleId)
        .filter(sheet::Column::MemberId.eq(me))
        .filter(sheet::Column::RoundId.is_in(round_ids.clone()))
        .filter(sheet::Column::SubmittedAt.is_not_null())
        .into_tuple::<(Uuid, Uuid)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let recused: HashSet<(Uuid, Uuid)> = recusal::Entity::find()
        .select_only()
        .column(recusal::Column::RoundId)
        .column(recusal::Column::CycleId)
        .filter(recusal::Column::UserId.eq(me))
        .filter(recusal::Column::RoundId.is_in(round_ids))
        .into_tuple::<(Uuid, Uuid)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let names = products::names_by_ids(db, agenda.iter().map(|c| c.product_id)).await?;
    let mut out = Vec::new();
    for r in rounds {
        let on_this = |c: &&cycle::Model| match level_of(r) {
            Ok(RecognitionLevel::Central) => c.central_round_id == Some(r.id),
            _ => c.round_id == Some(r.id),
        };
        for c in agenda.iter().filter(on_this) {
            let key = (r.id, c.id);
            // A member takes no part in their own subject's dossier, as the council excludes it.
            let own = principal.subject_id.is_some_and(|s| s.0 == c.subject_id);
            if own
                || submitted.contains(&key)
                || recused.contains(&key)
                || frozen_result(r, c)?.is_some()
            {
                continue;
            }
            out.push(AlertOut {
                kind: AlertKind::SheetToScore,
                due_on: Some(r.decide_before),
                overdue: r.decide_before < today,
                title: names.get(&c.product_id).cloned().unwrap_or_default(),
                target: "cycle".into(),
                target_id: c.id,
                round_id: Some(r.id),
                detail: None,
            });
        }
    }
    Ok(out)
}

/// The reason recorded with the move that returned each of `cycles`, when it was the last
/// return: one query for all.
pub(super) async fn return_reasons<C: ConnectionTrait>(
    db: &C,
    cycles: &[Uuid],
) -> DomainResult<HashMap<Uuid, String>> {
    if cycles.is_empty() {
        return Ok(HashMap::new());
    }
    let events = event::Entity::find()
        .filter(event::Column::CycleId.is_in(cycles.iter().copied()))
        .filter(event::Column::ToState.is_in(RETURNED.map(CycleState::as_str)))
        .order_by_asc(event::Column::At)
        .order_by_asc(event::Column::Id)
        .all(db)
        .await?;
    let mut out = HashMap::new();
    // Oldest first, so the latest return's reason is the one kept.
    for e in events {
        match e.reason {
            Some(reason) => out.insert(e.cycle_id, reason),
            None => out.remove(&e.cycle_id),
        };
    }
    Ok(out)
}
