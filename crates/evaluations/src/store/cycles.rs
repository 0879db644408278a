//! A product's annual cycle: opening it, filing the dossier, and every move of the state
//! machine. A move is checked by the pure [`crate::transition`] against facts read here, written
//! with its event and audit row in one transaction, and guarded by the cycle's version.

use ocop_core::store::change::Change;
use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, Utc};
use ocop_core::store::update_if_version;
use ocop_core::{
    Action, Caller, DomainError, DomainResult, FieldError, Page, PageQuery, Principal, ProductId,
    Role, Scope, SubjectId, UnitId,
};
use ocop_products::store::products::product;
use ocop_subjects::store::{ids_in_scope, subject};
use sea_orm::entity::prelude::*;
use sea_orm::{
    ActiveValue::Set, Condition, ConnectionTrait, DatabaseConnection, PaginatorTrait, QueryOrder,
};

use super::entities::{attachment, certificate, cycle, event, seat, sheet};
use super::{attachments, certificates, councils, criteria, sheets};
use crate::{
    Advice, AdviceSource, CouncilResult, CriteriaSheet, CycleEventOut, CycleIn, CycleOut,
    CycleQuery, CycleState, DossierPatch, DossierType, Form01, Form03, Selection,
    TransitionContext, TransitionIn,
};

/// The rows a scope may see: cycles of the subjects in it.
pub(crate) fn scope_condition(scope: &Scope) -> Condition {
    match scope {
        Scope::All => Condition::all(),
        Scope::Subtree(_) | Scope::Nothing => {
            Condition::all().add(cycle::Column::SubjectId.in_subquery(ids_in_scope(scope)))
        }
        Scope::Subject(id) => Condition::all().add(cycle::Column::SubjectId.eq(id.0)),
    }
}

pub(crate) async fn find_in_scope<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: Uuid,
) -> DomainResult<cycle::Model> {
    principal.require(Action::CyclesRead)?;
    cycle::Entity::find_by_id(id)
        .filter(scope_condition(&principal.scope()))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("cycle"))
}

pub(crate) fn state_of(model: &cycle::Model) -> DomainResult<CycleState> {
    CycleState::parse(&model.state)
        .ok_or_else(|| DomainError::Internal(format!("cycle {}: state {}", model.id, model.state)))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &Option<String>) -> DomainResult<Option<T>> {
    text.as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| DomainError::Internal(format!("stored document: {e}")))
}

fn to_json<T: serde::Serialize>(value: &T) -> DomainResult<String> {
    serde_json::to_string(value).map_err(|e| DomainError::Internal(e.to_string()))
}

pub(crate) fn council_result(model: &cycle::Model) -> DomainResult<Option<CouncilResult>> {
    from_json(&model.council_result)
}

pub(crate) fn central_result(model: &cycle::Model) -> DomainResult<Option<CouncilResult>> {
    from_json(&model.central_result)
}

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
    let mut txn = Change::begin(db, caller).await?;
    let product = ocop_products::store::products::get(&txn, principal, input.product_id).await?;
    let held = certificates::current_for_product(&txn, input.product_id, today).await?;
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
    let instrument = criteria::instrument_in_force(&txn, today)
        .await?
        .ok_or(DomainError::Internal("no instrument in force".into()))?;
    let set = criteria::latest_set_for(&txn, &instrument.code, &product.product_set.code).await?;
    let Some(set_id) = set else {
        errors.push(FieldError::new("product_id", "no_criteria_for_product_set"));
        return Err(DomainError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors));
    }
    let now = caller.at;
    let model = cycle::ActiveModel {
        id: Set(Uuid::now_v7()),
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
    }
    .insert(&txn)
    .await
    .map_err(|e| match ocop_core::store::classify_db_error(e) {
        DomainError::Conflict { .. } => DomainError::Conflict {
            code: "cycle_exists_for_year",
            field: Some("year"),
        },
        other => other,
    })?;
    record_event(&mut txn, caller, &model, None, input.entry, None).await?;
    txn.commit().await?;
    get(db, caller, model.id).await
}

/// Writes `changes` over the cycle with the next version, while it still has `read_version`:
/// every change of a cycle goes through here.
pub(crate) async fn save<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    read_version: i32,
    mut changes: cycle::ActiveModel,
    now: chrono::DateTime<Utc>,
) -> DomainResult<()> {
    changes.version = Set(read_version + 1);
    changes.updated_at = Set(now);
    update_if_version::<cycle::Entity, _>(
        db,
        changes,
        cycle::Column::Id,
        cycle::Column::Version,
        id,
        read_version,
    )
    .await
}

async fn record_event(
    change: &mut Change<'_>,
    caller: &Caller,
    model: &cycle::Model,
    from: Option<CycleState>,
    to: CycleState,
    reason: Option<String>,
) -> DomainResult<()> {
    event::ActiveModel {
        id: Set(Uuid::now_v7()),
        cycle_id: Set(model.id),
        from_state: Set(from.map(|s| s.as_str().to_string())),
        to_state: Set(to.as_str().to_string()),
        actor_id: Set(caller.principal.user_id.0),
        reason: Set(reason.clone()),
        at: Set(caller.at),
    }
    .insert(&*change)
    .await?;
    change.audit(
        "cycle",
        model.id.to_string(),
        "cycle.transition",
        serde_json::json!({"from": from, "to": to, "reason": reason}),
    );
    Ok(())
}

pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> DomainResult<CycleOut> {
    let model = find_in_scope(db, &caller.principal, id).await?;
    Ok(to_outs(db, caller, vec![model], true).await?.remove(0))
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
                .add(cycle::Column::RoundId.eq(round))
                .add(cycle::Column::CentralRoundId.eq(round)),
        );
    }
    let paginator = select
        .order_by_desc(cycle::Column::UpdatedAt)
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

/// The names and facts around cycles, one query per kind.
struct Context {
    products: HashMap<Uuid, product::Model>,
    subjects: HashMap<Uuid, subject::Model>,
    sets: HashMap<i32, String>,
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
        products: product::Entity::find()
            .filter(product::Column::Id.is_in(product_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect(),
        subjects: subject::Entity::find()
            .filter(subject::Column::Id.is_in(subject_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.id, s))
            .collect(),
        sets: criteria::product_sets(db, set_ids).await?,
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

async fn to_outs<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    models: Vec<cycle::Model>,
    detailed: bool,
) -> DomainResult<Vec<CycleOut>> {
    let ctx = context(db, &models).await?;
    let mut events: BTreeMap<Uuid, Vec<CycleEventOut>> = BTreeMap::new();
    let mut files: BTreeMap<Uuid, Vec<crate::AttachmentOut>> = BTreeMap::new();
    if detailed {
        let ids: Vec<Uuid> = models.iter().map(|m| m.id).collect();
        let rows = event::Entity::find()
            .filter(event::Column::CycleId.is_in(ids.clone()))
            .order_by_asc(event::Column::At)
            .order_by_asc(event::Column::Id)
            .all(db)
            .await?;
        let names = councils::user_names(db, rows.iter().map(|e| e.actor_id)).await?;
        for e in rows {
            events.entry(e.cycle_id).or_default().push(CycleEventOut {
                from_state: e.from_state.as_deref().and_then(CycleState::parse),
                to_state: CycleState::parse(&e.to_state).unwrap_or(CycleState::IdeaRegistered),
                actor_name: names.get(&e.actor_id).cloned().unwrap_or_default(),
                actor_id: e.actor_id,
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
                .push(attachments::to_out(a));
        }
    }
    let mut out = Vec::with_capacity(models.len());
    for m in models {
        let state = state_of(&m)?;
        let product = ctx.products.get(&m.product_id);
        let subject = ctx.subjects.get(&m.subject_id);
        let chair = m.round_id.and_then(|r| ctx.chairs.get(&r)).copied();
        let acting_as_chair = chair == Some(caller.principal.user_id.0);
        out.push(CycleOut {
            id: m.id,
            product_id: ProductId(m.product_id),
            product_name: product.map(|p| p.name.clone()).unwrap_or_default(),
            product_set: ctx
                .sets
                .get(&m.criteria_set_id)
                .cloned()
                .unwrap_or_default(),
            subject_id: SubjectId(m.subject_id),
            subject_name: subject.map(|s| s.name.clone()).unwrap_or_default(),
            unit_id: UnitId(subject.map_or(0, |s| s.unit_id)),
            year: m.year,
            dossier_type: DossierType::parse(&m.dossier_type).unwrap_or(DossierType::FirstRating),
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
            round_id: m.round_id,
            council: council_result(&m)?,
            central_round_id: m.central_round_id,
            central_council: central_result(&m)?,
            certificate_id: ctx.certificates.get(&m.id).copied(),
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

/// States in which the producer's side of the dossier may change.
fn producer_may_edit(state: CycleState, field: &str) -> bool {
    use CycleState::*;
    match field {
        "business_plan" => matches!(state, IdeaRegistered | IdeaReturned | IdeaAccepted),
        _ => matches!(
            state,
            PlanApproved | Implementation | DossierReturnedForCompletion
        ),
    }
}

/// Edits the dossier. The producer (or the commune officer helping them) edits the plan while
/// the idea stands, and the forms, self-assessment and samples while the dossier is with them;
/// the commune officer writes Mẫu 03 while checking.
pub async fn patch_dossier(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    read_version: i32,
    patch: DossierPatch,
) -> DomainResult<CycleOut> {
    let principal = &caller.principal;
    principal.require(Action::DossierEdit)?;
    let mut txn = Change::begin(db, caller).await?;
    let model = find_in_scope(&txn, principal, id).await?;
    if model.version != read_version {
        return Err(DomainError::StaleVersion {
            expected: read_version,
            current: model.version,
        });
    }
    let state = state_of(&model)?;
    let producer_side = matches!(principal.role, Role::Producer | Role::CommuneOfficer);
    let locked = |field: &'static str| DomainError::Conflict {
        code: "dossier_locked",
        field: Some(field),
    };
    let mut active: cycle::ActiveModel = model.clone().into();
    let producer_fields = [
        ("business_plan", patch.business_plan.is_some()),
        ("form_01", patch.form_01.is_some()),
        ("self_assessment", patch.self_assessment.is_some()),
        ("samples", patch.samples.is_some()),
    ];
    for (field, present) in producer_fields {
        if present {
            if !producer_side {
                return Err(DomainError::Forbidden { reason: "role" });
            }
            if !producer_may_edit(state, field) {
                return Err(locked(field));
            }
        }
    }
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
        let sheet = criteria::sheet_of(&txn, model.criteria_set_id).await?;
        let summary = crate::score(&sheet, selection).map_err(crate::into_domain_error)?;
        let complete = crate::unanswered(&sheet, selection).is_empty();
        active.self_assessment = Set(Some(to_json(selection)?));
        active.self_assessment_total = Set(complete.then_some(summary.total as i32));
    }
    if let Some(form) = &patch.form_03 {
        if principal.role != Role::CommuneOfficer {
            return Err(DomainError::Forbidden { reason: "role" });
        }
        if !matches!(
            state,
            CycleState::DossierSubmitted | CycleState::DossierResubmitted
        ) {
            return Err(locked("form_03"));
        }
        active.form03 = Set(Some(to_json(form)?));
    }
    save(&txn, model.id, read_version, active, caller.at).await?;
    let changed: Vec<&str> = [
        ("business_plan", patch.business_plan.is_some()),
        ("form_01", patch.form_01.is_some()),
        ("self_assessment", patch.self_assessment.is_some()),
        ("samples", patch.samples.is_some()),
        ("form_03", patch.form_03.is_some()),
    ]
    .into_iter()
    .filter_map(|(f, p)| p.then_some(f))
    .collect();
    txn.audit(
        "cycle",
        model.id.to_string(),
        "cycle.dossier_update",
        serde_json::json!({"fields": changed, "samples": patch.samples}),
    );
    txn.commit().await?;
    get(db, caller, id).await
}

/// Makes one move of the cycle.
pub async fn transition(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    read_version: i32,
    input: TransitionIn,
    today: NaiveDate,
) -> DomainResult<CycleOut> {
    let mut txn = Change::begin(db, caller).await?;
    let model = find_in_scope(&txn, &caller.principal, id).await?;
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
    move_cycle(&mut txn, caller, model, input, today).await?;
    txn.commit().await?;
    get(db, caller, id).await
}

/// Checks and applies a move inside the caller's transaction; also used by the agenda and by
/// closing a round.
pub(crate) async fn move_cycle(
    change: &mut Change<'_>,
    caller: &Caller,
    model: cycle::Model,
    input: TransitionIn,
    today: NaiveDate,
) -> DomainResult<cycle::Model> {
    let from = state_of(&model)?;
    let ctx = transition_context(&*change, caller, &model, &input, from).await?;
    let to = crate::transition(from, input.to, caller.principal.role, &ctx)?;
    let mut active: cycle::ActiveModel = model.clone().into();
    match to {
        CycleState::DossierSubmitted | CycleState::DossierResubmitted => {
            active.submitted_on = Set(Some(today));
        }
        CycleState::Scored => {
            let result = sheets::council_result_of(&*change, &model, model.round_id).await?;
            active.council_result = Set(Some(to_json(&result)?));
        }
        CycleState::NotRecognised => active.decided_on = Set(Some(today)),
        _ => {}
    }
    let reason = input.reason.as_ref().map(|r| r.trim().to_string());
    let version = model.version;
    active.state = Set(to.as_str().to_string());
    if let (CycleState::Recognised, Some(decision)) = (to, &input.decision) {
        active.decided_on = Set(Some(decision.decided_on));
    }
    save(&*change, model.id, version, active, caller.at).await?;
    record_event(change, caller, &model, Some(from), to, reason).await?;
    let updated = cycle::Entity::find_by_id(model.id)
        .one(&*change)
        .await?
        .ok_or(DomainError::not_found("cycle"))?;
    if let (CycleState::Recognised, Some(decision), Some(stars)) = (to, &input.decision, ctx.stars)
    {
        let level = criteria::recognising_level(
            &*change,
            decision.decided_on,
            stars,
            "decision.decided_on",
        )
        .await?;
        certificates::issue(change, caller, &updated, stars, level, decision).await?;
    }
    Ok(updated)
}

async fn transition_context<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    model: &cycle::Model,
    input: &TransitionIn,
    from: CycleState,
) -> DomainResult<TransitionContext> {
    let product_set = criteria::product_sets(db, [model.criteria_set_id])
        .await?
        .remove(&model.criteria_set_id)
        .unwrap_or_default();
    let self_assessed = match from_json::<Selection>(&model.self_assessment)? {
        Some(selection) => {
            let sheet = criteria::sheet_of(db, model.criteria_set_id).await?;
            crate::unanswered(&sheet, &selection).is_empty()
        }
        None => false,
    };
    let found = match model.round_id {
        Some(round_id) => super::findings::has_finding(db, round_id, model.id).await?,
        None => false,
    };
    let (acting_as_chair, member_sheets) = match model.round_id {
        Some(round_id) => {
            let chair = seat::Entity::find()
                .filter(seat::Column::RoundId.eq(round_id))
                .filter(seat::Column::UserId.eq(caller.principal.user_id.0))
                .filter(seat::Column::Position.eq("chair"))
                .one(db)
                .await?
                .is_some();
            let sheets = sheet::Entity::find()
                .filter(sheet::Column::RoundId.eq(round_id))
                .filter(sheet::Column::CycleId.eq(model.id))
                .filter(sheet::Column::SubmittedAt.is_not_null())
                .count(db)
                .await?;
            (chair, sheets as u32)
        }
        None => (false, 0),
    };
    // Which result counts: the ministry's for a 5★ candidate, otherwise the province's.
    let result = if from == CycleState::PotentialFiveStars {
        central_result(model)?
    } else {
        council_result(model)?
    };
    Ok(TransitionContext {
        reason: input.reason.clone(),
        product_set,
        business_plan: model.business_plan.is_some(),
        form_01: model.form01.is_some(),
        form_02: self_assessed,
        samples: model.samples.max(0) as u32,
        form_03: model.form03.is_some(),
        acting_as_chair,
        member_sheets,
        average: result.as_ref().map(|r| r.result.average),
        stars: result.as_ref().map(|r| r.result.stars),
        not_rated: found
            || result
                .as_ref()
                .is_some_and(|r| r.result.not_rated.is_some()),
        recognition_decision: input.decision.is_some(),
    })
}

/// The advisor on a dossier: the producer's self-assessment, or the council's modal choices.
pub async fn advice<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: Uuid,
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

/// Cycles in scope in any of `states`, with their product's name: the alerts' input.
pub(crate) async fn list_models_in_scope<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    states: &[&str],
) -> DomainResult<Vec<(cycle::Model, String)>> {
    principal.require(Action::CyclesRead)?;
    let models = cycle::Entity::find()
        .filter(scope_condition(&principal.scope()))
        .filter(cycle::Column::State.is_in(states.iter().copied()))
        .order_by_asc(cycle::Column::SubmittedOn)
        .all(db)
        .await?;
    let names: HashMap<Uuid, String> = product::Entity::find()
        .filter(product::Column::Id.is_in(models.iter().map(|m| m.product_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(models
        .into_iter()
        .map(|m| {
            let name = names.get(&m.product_id).cloned().unwrap_or_default();
            (m, name)
        })
        .collect())
}
