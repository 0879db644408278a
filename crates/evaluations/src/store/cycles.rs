//! Cycle rows: the scoped reads, the stored documents (forms, frozen results) decoded loudly,
//! and the row writes every use case of a cycle goes through (`save` under the version read,
//! `insert_event` for its history). The read model is in [`super::read::cycles`].

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::store::update_if_version;
use ocop_core::{Action, Caller, DomainError, DomainResult, Principal, Scope};
use ocop_products::store::products;
use ocop_subjects::store::ids_in_scope;
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, QueryOrder, QuerySelect};

use super::entities::{cycle, event};
use crate::{CouncilResult, CycleId, CycleState, DossierType, RoundId};

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
    id: CycleId,
) -> DomainResult<cycle::Model> {
    principal.require(Action::CyclesRead)?;
    cycle::Entity::find_by_id(id.0)
        .filter(scope_condition(&principal.scope()))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("cycle"))
}

/// The cycle as it is now, unscoped: for a use case that already found it in scope.
pub(crate) async fn reload<C: ConnectionTrait>(db: &C, id: Uuid) -> DomainResult<cycle::Model> {
    cycle::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::not_found("cycle"))
}

/// A stored state; rows only ever hold the names of [`CycleState`], so another is a fault.
pub(crate) fn parse_state(column: &str, value: &str) -> DomainResult<CycleState> {
    CycleState::parse(value)
        .ok_or_else(|| DomainError::Internal(format!("{column}: unknown cycle state {value:?}")))
}

pub(crate) fn state_of(model: &cycle::Model) -> DomainResult<CycleState> {
    parse_state("evaluation_cycle.state", &model.state)
}

pub(crate) fn dossier_type_of(model: &cycle::Model) -> DomainResult<DossierType> {
    DossierType::parse(&model.dossier_type).ok_or_else(|| {
        DomainError::Internal(format!(
            "evaluation_cycle.dossier_type: unknown value {:?}",
            model.dossier_type
        ))
    })
}

pub(crate) fn from_json<T: serde::de::DeserializeOwned>(
    text: &Option<String>,
) -> DomainResult<Option<T>> {
    text.as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| DomainError::Internal(format!("stored document: {e}")))
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> DomainResult<String> {
    serde_json::to_string(value).map_err(|e| DomainError::Internal(e.to_string()))
}

/// A result's stars and average (integer hundredths): the columns written beside its document.
pub(crate) fn figures(result: &CouncilResult) -> (i16, i64) {
    (i16::from(result.result.stars), result.result.average.0)
}

pub(crate) fn council_result(model: &cycle::Model) -> DomainResult<Option<CouncilResult>> {
    from_json(&model.council_result)
}

pub(crate) fn central_result(model: &cycle::Model) -> DomainResult<Option<CouncilResult>> {
    from_json(&model.central_result)
}

/// Writes `changes` over the cycle with the next version, while it still has `read_version`:
/// every change of a cycle's contents goes through here.
pub(crate) async fn save<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    read_version: i32,
    mut changes: cycle::ActiveModel,
    now: DateTime<Utc>,
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

/// Puts the cycle on a province round's agenda. The move to `awaiting_council` made in the same
/// change already took the cycle's version, so this does not take it again.
pub(crate) async fn set_round<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    round_id: RoundId,
) -> DomainResult<()> {
    let active = cycle::ActiveModel {
        round_id: Set(Some(round_id.0)),
        ..Default::default()
    };
    cycle::Entity::update_many()
        .set(active)
        .filter(cycle::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Appends a move to the cycle's history, with when the stay it ends began: the instant of the
/// cycle's last move so far. Moves are made in a change that takes the cycle's version, so no
/// other move lands between that read and this write.
pub(crate) async fn insert_event<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    cycle_id: Uuid,
    from: Option<CycleState>,
    to: CycleState,
    reason: Option<String>,
) -> DomainResult<()> {
    let from_state_since = event::Entity::find()
        .select_only()
        .column(event::Column::At)
        .filter(event::Column::CycleId.eq(cycle_id))
        .order_by_desc(event::Column::At)
        .order_by_desc(event::Column::Id)
        .into_tuple::<DateTime<Utc>>()
        .one(db)
        .await?;
    event::ActiveModel {
        id: Set(Uuid::now_v7()),
        cycle_id: Set(cycle_id),
        from_state: Set(from.map(|s| s.as_str().to_string())),
        to_state: Set(to.as_str().to_string()),
        actor_id: Set(caller.principal.user_id.0),
        reason: Set(reason),
        at: Set(caller.at),
        from_state_since: Set(from_state_since),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The day a dossier was forwarded to the province: when the commune checked it.
pub(crate) async fn forwarded_on<C: ConnectionTrait>(
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
    let names = products::names_by_ids(db, models.iter().map(|m| m.product_id)).await?;
    Ok(models
        .into_iter()
        .map(|m| {
            let name = names.get(&m.product_id).cloned().unwrap_or_default();
            (m, name)
        })
        .collect())
}
