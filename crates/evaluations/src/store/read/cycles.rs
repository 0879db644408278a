//! [`CycleOut`]: one cycle or a page of them, with names, sets, certificates and chairs read in
//! one query per kind; the detail adds the history and the attachments. The advisor reads here
//! too, since it only reads the dossier.

use std::collections::{BTreeMap, HashMap};

use ocop_core::{
    Action, Caller, DomainError, DomainResult, Page, PageQuery, ProductId, SubjectId, UnitId,
    UserId, text,
};
use ocop_products::store::products;
use ocop_subjects::store::{self as subjects, SubjectRef, refs_by_ids};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::CaseStatement;
use sea_orm::{Condition, ConnectionTrait, PaginatorTrait, QueryOrder};

use crate::store::cycles::{
    central_result, council_result, dossier_type_of, find_in_scope, from_json, parse_state,
    scope_condition, state_of,
};
use crate::store::entities::{attachment, certificate, cycle, event, seat};
use crate::store::read::order_of;
use crate::store::{attachments, criteria, people, sheets};
use crate::{
    Advice, AdviceSource, AttachmentOut, CertificateId, CriteriaSheet, CycleEventOut, CycleId,
    CycleOut, CycleQuery, CycleSortField, CycleState, Form01, Form03, RoundId, Selection,
};

pub async fn get<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: CycleId,
) -> DomainResult<CycleOut> {
    let model = find_in_scope(db, &caller.principal, id).await?;
    to_outs(db, caller, vec![model], true)
        .await?
        .pop()
        .ok_or(DomainError::not_found("cycle"))
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    query: &CycleQuery,
) -> DomainResult<Page<CycleOut>> {
    let principal = &caller.principal;
    principal.require(Action::CyclesRead)?;
    let (page, per_page) = PageQuery {
        page: query.page,
        per_page: query.per_page,
    }
    .resolve()?;
    let mut select = cycle::Entity::find().filter(scope_condition(&principal.scope()));
    if let Some(state) = query.state {
        select = select.filter(cycle::Column::State.eq(state.as_str()));
    }
    if let Some(year) = query.year {
        select = select.filter(cycle::Column::Year.eq(year));
    }
    if let Some(product) = query.product_id {
        select = select.filter(cycle::Column::ProductId.eq(product.0));
    }
    if let Some(round) = query.round_id {
        select = select.filter(
            Condition::any()
                .add(cycle::Column::RoundId.eq(round.0))
                .add(cycle::Column::CentralRoundId.eq(round.0)),
        );
    }
    if let Some(q) = query.q.as_deref().map(text::fold).filter(|q| !q.is_empty()) {
        // Cycles hold no names: the product's and the subject's folded names are searched
        // through subqueries of the same statement, inside the cycle's own scope.
        select = select.filter(
            Condition::any()
                .add(cycle::Column::ProductId.in_subquery(products::ids_named_like(&q)))
                .add(cycle::Column::SubjectId.in_subquery(subjects::ids_named_like(&q))),
        );
    }
    let (field, direction) = query.sort.unwrap_or_default().field();
    let key: Expr = match field {
        CycleSortField::UpdatedAt => Expr::col((cycle::Entity, cycle::Column::UpdatedAt)),
        CycleSortField::Year => Expr::col((cycle::Entity, cycle::Column::Year)),
        CycleSortField::State => state_rank(),
        CycleSortField::ProductName => {
            products::name_key((cycle::Entity, cycle::Column::ProductId))
        }
    };
    let paginator = select
        .order_by(key, order_of(direction))
        .order_by_asc(cycle::Column::Id)
        .paginate(db, per_page);
    let total = paginator.num_items().await?;
    let models = paginator.fetch_page(page - 1).await?;
    Ok(Page {
        items: to_outs(db, caller, models, false).await?,
        page,
        per_page,
        total,
    })
}

/// The state's place in the state machine, so that a sort by state follows the cycle rather than
/// the alphabet.
fn state_rank() -> Expr {
    let mut rank = CaseStatement::new();
    for (i, state) in CycleState::ALL.iter().enumerate() {
        rank = rank.case(cycle::Column::State.eq(state.as_str()), i as i32);
    }
    rank.finally(CycleState::ALL.len() as i32).into()
}

/// The names and facts around cycles, one query per kind.
struct Context {
    products: HashMap<Uuid, String>,
    subjects: HashMap<Uuid, SubjectRef>,
    /// The product set's code and name, by criteria set.
    sets: HashMap<i32, (String, String)>,
    certificates: HashMap<Uuid, Uuid>,
    chairs: HashMap<Uuid, Uuid>,
}

async fn context<C: ConnectionTrait>(db: &C, models: &[cycle::Model]) -> DomainResult<Context> {
    let product_ids: Vec<Uuid> = models.iter().map(|m| m.product_id).collect();
    let subject_ids: Vec<Uuid> = models.iter().map(|m| m.subject_id).collect();
    let cycle_ids: Vec<Uuid> = models.iter().map(|m| m.id).collect();
    let round_ids: Vec<Uuid> = models.iter().filter_map(|m| m.round_id).collect();
    let set_ids: Vec<i32> = models.iter().map(|m| m.criteria_set_id).collect();
    Ok(Context {
        products: products::names_by_ids(db, product_ids).await?,
        subjects: refs_by_ids(db, subject_ids).await?,
        sets: criteria::product_set_labels(db, set_ids).await?,
        certificates: certificate::Entity::find()
            .filter(certificate::Column::CycleId.is_in(cycle_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.cycle_id, c.id))
            .collect(),
        chairs: seat::Entity::find()
            .filter(seat::Column::RoundId.is_in(round_ids))
            .filter(seat::Column::Position.eq("chair"))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.round_id, s.user_id))
            .collect(),
    })
}

/// The history and files of `ids`, one query each.
async fn details<C: ConnectionTrait>(
    db: &C,
    ids: Vec<Uuid>,
) -> DomainResult<(
    BTreeMap<Uuid, Vec<CycleEventOut>>,
    BTreeMap<Uuid, Vec<AttachmentOut>>,
)> {
    let mut events: BTreeMap<Uuid, Vec<CycleEventOut>> = BTreeMap::new();
    let mut files: BTreeMap<Uuid, Vec<AttachmentOut>> = BTreeMap::new();
    let rows = event::Entity::find()
        .filter(event::Column::CycleId.is_in(ids.clone()))
        .order_by_asc(event::Column::At)
        .order_by_asc(event::Column::Id)
        .all(db)
        .await?;
    let names = people::user_names(db, rows.iter().map(|e| e.actor_id)).await?;
    for e in rows {
        events.entry(e.cycle_id).or_default().push(CycleEventOut {
            from_state: e
                .from_state
                .as_deref()
                .map(|s| parse_state("cycle_event.from_state", s))
                .transpose()?,
            to_state: parse_state("cycle_event.to_state", &e.to_state)?,
            actor_name: names.get(&e.actor_id).cloned().unwrap_or_default(),
            actor_id: UserId(e.actor_id),
            reason: e.reason,
            at: e.at,
        });
    }
    for a in attachment::Entity::find()
        .filter(attachment::Column::CycleId.is_in(ids))
        .order_by_asc(attachment::Column::CreatedAt)
        .all(db)
        .await?
    {
        files
            .entry(a.cycle_id)
            .or_default()
            .push(attachments::to_out(a)?);
    }
    Ok((events, files))
}

pub(crate) async fn to_outs<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    models: Vec<cycle::Model>,
    detailed: bool,
) -> DomainResult<Vec<CycleOut>> {
    let ctx = context(db, &models).await?;
    let (mut events, mut files) = if detailed {
        details(db, models.iter().map(|m| m.id).collect()).await?
    } else {
        Default::default()
    };
    let mut out = Vec::with_capacity(models.len());
    for m in models {
        let state = state_of(&m)?;
        let product = ctx.products.get(&m.product_id);
        let subject = ctx.subjects.get(&m.subject_id);
        let set = ctx.sets.get(&m.criteria_set_id);
        let chair = m.round_id.and_then(|r| ctx.chairs.get(&r)).copied();
        let acting_as_chair = chair == Some(caller.principal.user_id.0);
        out.push(CycleOut {
            id: CycleId(m.id),
            product_id: ProductId(m.product_id),
            product_name: product.cloned().unwrap_or_default(),
            product_set: set.map(|(code, _)| code.clone()).unwrap_or_default(),
            product_set_name: set.map(|(_, name)| name.clone()).unwrap_or_default(),
            subject_id: SubjectId(m.subject_id),
            subject_name: subject.map(|s| s.name.clone()).unwrap_or_default(),
            unit_id: subject.map_or(UnitId(0), |s| s.unit_id),
            year: m.year,
            dossier_type: dossier_type_of(&m)?,
            state,
            allowed_moves: allowed_for(caller, state, acting_as_chair),
            idea: m.idea.clone(),
            business_plan: m.business_plan.clone(),
            form_01: from_json::<Form01>(&m.form01)?,
            criteria_set_id: m.criteria_set_id,
            self_assessment: from_json::<Selection>(&m.self_assessment)?,
            self_assessment_total: m.self_assessment_total.map(|t| t.max(0) as u32),
            samples: m.samples.max(0) as u32,
            form_03: from_json::<Form03>(&m.form03)?,
            attachments: files.remove(&m.id).unwrap_or_default(),
            submitted_on: m.submitted_on,
            check_due_on: m
                .submitted_on
                .filter(|_| {
                    matches!(
                        state,
                        CycleState::DossierSubmitted | CycleState::DossierResubmitted
                    )
                })
                .map(|d| crate::commune_check_due(d, &[])),
            round_id: m.round_id.map(RoundId),
            council: council_result(&m)?,
            central_round_id: m.central_round_id.map(RoundId),
            central_council: central_result(&m)?,
            certificate_id: ctx.certificates.get(&m.id).copied().map(CertificateId),
            events: events.remove(&m.id).unwrap_or_default(),
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        });
    }
    Ok(out)
}

/// The moves the caller may make, less those made elsewhere: the agenda endpoint puts a dossier
/// before a council, and only the chair scores and decides.
fn allowed_for(caller: &Caller, state: CycleState, acting_as_chair: bool) -> Vec<CycleState> {
    crate::allowed_moves(state, caller.principal.role)
        .into_iter()
        .filter(|to| *to != CycleState::AwaitingCouncil)
        .filter(|to| {
            acting_as_chair || !matches!(to, CycleState::Scored | CycleState::ResultDecided)
        })
        .collect()
}

/// The advisor on a dossier: the producer's self-assessment, or the council's modal choices.
pub async fn advice<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: CycleId,
    source: AdviceSource,
) -> DomainResult<Advice> {
    let model = find_in_scope(db, &caller.principal, id).await?;
    let sheet: CriteriaSheet = criteria::sheet_of(db, model.criteria_set_id).await?;
    let selection = match source {
        AdviceSource::SelfAssessment => from_json::<Selection>(&model.self_assessment)?
            .ok_or_else(|| DomainError::field("source", "no_self_assessment"))?,
        AdviceSource::Council => {
            let round = model
                .round_id
                .filter(|_| model.council_result.is_some())
                .ok_or_else(|| DomainError::field("source", "not_scored"))?;
            sheets::modal_selection(db, round, model.id).await?
        }
    };
    crate::advise(&sheet, &selection).map_err(crate::into_domain_error)
}
