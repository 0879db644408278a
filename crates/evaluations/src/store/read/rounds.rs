//! [`RoundOut`]: one round or a list of them with their councils and agendas. A list reads every
//! kind of fact once for all its rounds (agendas, seats, recusals, names, sheets, findings), so
//! it costs the same few queries for one round or a hundred.

use std::collections::{HashMap, HashSet};

use ocop_core::{Action, Caller, DomainError, DomainResult, Scope, UserId, text};
use ocop_products::store::products;
use ocop_subjects::store as subjects;
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{ExprTrait, LikeExpr};
use sea_orm::{Condition, ConnectionTrait, QueryOrder, QuerySelect};

use crate::store::cycles::{scope_condition, state_of};
use crate::store::entities::{cycle, round, sheet};
use crate::store::read::order_of;
use crate::store::rounds::{
    Council, councils_of, find_round, frozen_result, level_of, parse_position,
};
use crate::store::{criteria, findings, people};
use crate::{
    AgendaItem, CouncilMemberOut, CycleId, FindingOut, MySheet, RecognitionLevel, RoundId,
    RoundOut, RoundQuery, RoundSort, RoundSortField,
};

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
    if let Some(q) = query.q.as_deref().map(text::fold).filter(|q| !q.is_empty()) {
        select = select.filter(
            Expr::col(round::Column::SearchName)
                .like(LikeExpr::new(text::like_contains(&q)).escape('\\')),
        );
    }
    select = match query.sort.map(RoundSort::field) {
        None => select.order_by_desc(round::Column::OpenedOn),
        Some((field, direction)) => {
            let column = match field {
                RoundSortField::CreatedAt => round::Column::CreatedAt,
                RoundSortField::DecisionDueOn => round::Column::DecideBefore,
                RoundSortField::Name => round::Column::SearchName,
            };
            select.order_by(column, order_of(direction))
        }
    };
    let models = select.order_by_desc(round::Column::Id).all(db).await?;
    to_outs(db, caller, models).await
}

pub async fn get_round<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: RoundId,
) -> DomainResult<RoundOut> {
    let model = find_round(db, caller, id).await?;
    to_outs(db, caller, vec![model])
        .await?
        .pop()
        .ok_or(DomainError::not_found("round"))
}

/// The agendas of `models`, by round, in one query.
async fn agendas_of<C: ConnectionTrait>(
    db: &C,
    models: &[round::Model],
) -> DomainResult<HashMap<Uuid, Vec<cycle::Model>>> {
    let ids: Vec<Uuid> = models.iter().map(|m| m.id).collect();
    let mut central = HashSet::new();
    for m in models {
        if level_of(m)? == RecognitionLevel::Central {
            central.insert(m.id);
        }
    }
    let cycles = cycle::Entity::find()
        .filter(
            Condition::any()
                .add(cycle::Column::RoundId.is_in(ids.clone()))
                .add(cycle::Column::CentralRoundId.is_in(ids.clone())),
        )
        .order_by_asc(cycle::Column::CreatedAt)
        .all(db)
        .await?;
    let mut out: HashMap<Uuid, Vec<cycle::Model>> =
        ids.iter().map(|id| (*id, Vec::new())).collect();
    for c in cycles {
        // A dossier sits on a province round through `round_id` and on a central one through
        // `central_round_id`; the other column may name a round of the other level.
        if let Some(r) = c.round_id.filter(|r| !central.contains(r))
            && let Some(agenda) = out.get_mut(&r)
        {
            agenda.push(c.clone());
        }
        if let Some(r) = c.central_round_id.filter(|r| central.contains(r))
            && let Some(agenda) = out.get_mut(&r)
        {
            agenda.push(c);
        }
    }
    Ok(out)
}

/// The dossiers of the agendas the caller sees: a round's council sees all it scores; anyone
/// else sees only the dossiers they may read on their own (a commune officer, their commune's;
/// a producer, their own), so an agenda never shows what `GET /cycles/{id}` would refuse.
async fn readable<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    all: &[Uuid],
) -> DomainResult<Option<HashSet<Uuid>>> {
    let scope = caller.principal.scope();
    if matches!(scope, Scope::All) {
        return Ok(None);
    }
    Ok(Some(
        cycle::Entity::find()
            .select_only()
            .column(cycle::Column::Id)
            .filter(cycle::Column::Id.is_in(all.iter().copied()))
            .filter(scope_condition(&scope))
            .into_tuple::<Uuid>()
            .all(db)
            .await?
            .into_iter()
            .collect(),
    ))
}

/// Everything the agendas need, read once for all rounds.
struct Facts {
    agendas: HashMap<Uuid, Vec<cycle::Model>>,
    councils: HashMap<Uuid, Council>,
    names: HashMap<Uuid, String>,
    products: HashMap<Uuid, String>,
    subjects: HashMap<Uuid, String>,
    sets: HashMap<i32, String>,
    sheets: Vec<sheet::Model>,
    readable: Option<HashSet<Uuid>>,
    findings: HashMap<(Uuid, Uuid), FindingOut>,
}

async fn facts<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    models: &[round::Model],
) -> DomainResult<Facts> {
    let agendas = agendas_of(db, models).await?;
    let councils = councils_of(db, &agendas).await?;
    let all: Vec<cycle::Model> = agendas.values().flatten().cloned().collect();
    let all_ids: Vec<Uuid> = all.iter().map(|c| c.id).collect();
    let round_ids: Vec<Uuid> = models.iter().map(|m| m.id).collect();
    let seated = councils
        .values()
        .flat_map(|c| c.seats.iter().map(|s| s.user_id));
    Ok(Facts {
        names: people::user_names(db, seated).await?,
        products: products::names_by_ids(db, all.iter().map(|c| c.product_id)).await?,
        subjects: subjects::names_by_ids(db, all.iter().map(|c| c.subject_id)).await?,
        sets: criteria::product_sets(db, all.iter().map(|c| c.criteria_set_id)).await?,
        sheets: sheet::Entity::find()
            .filter(sheet::Column::RoundId.is_in(round_ids.clone()))
            .all(db)
            .await?,
        readable: readable(db, caller, &all_ids).await?,
        findings: findings::findings_of(db, &round_ids, &all).await?,
        agendas,
        councils,
    })
}

async fn to_outs<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    models: Vec<round::Model>,
) -> DomainResult<Vec<RoundOut>> {
    let mut facts = facts(db, caller, &models).await?;
    let me = caller.principal.user_id.0;
    let mut out = Vec::with_capacity(models.len());
    for model in models {
        let agenda = facts.agendas.remove(&model.id).unwrap_or_default();
        let council = facts.councils.remove(&model.id).unwrap_or(Council {
            seats: Vec::new(),
            excluded: HashSet::new(),
        });
        let seated = council.seated(me);
        let sheets: Vec<&sheet::Model> = facts
            .sheets
            .iter()
            .filter(|s| s.round_id == model.id)
            .collect();
        let mut items = Vec::with_capacity(agenda.len());
        for c in &agenda {
            let visible = seated || facts.readable.as_ref().is_none_or(|r| r.contains(&c.id));
            if !visible {
                continue;
            }
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
                cycle_id: CycleId(c.id),
                product_name: facts
                    .products
                    .get(&c.product_id)
                    .cloned()
                    .unwrap_or_default(),
                subject_name: facts
                    .subjects
                    .get(&c.subject_id)
                    .cloned()
                    .unwrap_or_default(),
                product_set: facts
                    .sets
                    .get(&c.criteria_set_id)
                    .cloned()
                    .unwrap_or_default(),
                criteria_set_id: c.criteria_set_id,
                state: state_of(c)?,
                eligible_members: eligible as u32,
                submitted_sheets: submitted as u32,
                my_sheet,
                result: frozen_result(&model, c)?.map(|r| r.result),
                finding: facts.findings.remove(&(model.id, c.id)),
            });
        }
        let mut members = Vec::with_capacity(council.seats.len());
        for s in &council.seats {
            members.push(CouncilMemberOut {
                user_id: UserId(s.user_id),
                name: facts.names.get(&s.user_id).cloned().unwrap_or_default(),
                position: parse_position(&s.position)?,
            });
        }
        out.push(RoundOut {
            id: RoundId(model.id),
            level: level_of(&model)?,
            year: model.year,
            name: model.name,
            instrument: model.instrument,
            opened_on: model.opened_on,
            forwarded_before: model.forwarded_before,
            decide_before: model.decide_before,
            closed_at: model.closed_at,
            council: members,
            agenda: items,
            version: model.version,
            created_at: model.created_at,
        });
    }
    Ok(out)
}
