//! The chair's findings on a round's dossiers: recorded and withdrawn while the round is open,
//! under the round's version; applied when it closes.

use ocop_core::store::change::Change;
use ocop_core::{Action, Caller, DomainError, DomainResult};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::json;

use crate::events::{FINDING_RECORDED, FINDING_WITHDRAWN};
use crate::store::entities::{cycle, round};
use crate::store::read::rounds::get_round;
use crate::store::rounds::{
    bump, check_version, find_round, level_of, on_agenda, require_chair, still_open,
};
use crate::store::{criteria, cycles, findings};
use crate::{CycleId, CycleState, FindingIn, Ground, RecognitionLevel, RoundId, RoundOut};

/// The round, open, at the version read, with the caller in the chair, and the dossier on its
/// agenda still waiting for its result.
async fn chair_scope<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    round_id: RoundId,
    cycle_id: CycleId,
    read_version: i32,
) -> DomainResult<(round::Model, cycle::Model)> {
    caller.principal.require(Action::SheetsScore)?;
    let model = find_round(db, caller, round_id).await?;
    require_chair(db, caller, round_id.0).await?;
    check_version(&model, read_version)?;
    still_open(&model)?;
    let c = on_agenda(db, &model, cycle_id.0).await?;
    let pending = match level_of(&model)? {
        RecognitionLevel::Central => c.central_result.is_none(),
        _ => cycles::state_of(&c)? == CycleState::AwaitingCouncil,
    };
    if !pending {
        return Err(DomainError::Conflict {
            code: "scoring_closed",
            field: None,
        });
    }
    Ok((model, c))
}

/// The chair records which printed ground applies to a dossier (replacing an earlier finding).
pub async fn record(
    db: &DatabaseConnection,
    caller: &Caller,
    round_id: RoundId,
    cycle_id: CycleId,
    read_version: i32,
    input: FindingIn,
) -> DomainResult<RoundOut> {
    let mut change = Change::begin(db, caller).await?;
    let (model, c) = chair_scope(&change, caller, round_id, cycle_id, read_version).await?;
    let sheet = criteria::sheet_of(&change, c.criteria_set_id).await?;
    let note = input.note.trim().to_string();
    if input.ground.on(&sheet, &note).is_none() {
        let field = match input.ground {
            Ground::Disqualifier(_) => "ground.disqualifier",
            Ground::Criterion(_) => "ground.criterion",
        };
        return Err(DomainError::field(field, "no_such_ground"));
    }
    let replaced = findings::remove(&change, round_id.0, cycle_id.0).await?;
    let stored = findings::insert(
        &change,
        caller,
        round_id.0,
        cycle_id.0,
        &input.ground,
        &note,
    )
    .await?;
    bump(&change, &model).await?;
    let (ground, ground_ref) = input.ground.parts();
    change.audit(
        "round",
        round_id.to_string(),
        "round.finding_record",
        json!({"cycle_id": cycle_id, "ground": ground, "ref": ground_ref, "note": note}),
    );
    // A finding never changes once stored (a new one replaces it): version 1.
    change.emit(
        FINDING_RECORDED,
        stored.id,
        1,
        &json!({
            "round_id": round_id,
            "cycle_id": cycle_id,
            "ground": input.ground,
            "note": note,
            "replaces": replaced,
        }),
    )?;
    change.commit().await?;
    get_round(db, caller, round_id).await
}

/// The chair withdraws the finding on a dossier; the dossier is rated on its sheets again.
pub async fn withdraw(
    db: &DatabaseConnection,
    caller: &Caller,
    round_id: RoundId,
    cycle_id: CycleId,
    read_version: i32,
) -> DomainResult<RoundOut> {
    let mut change = Change::begin(db, caller).await?;
    let (model, _) = chair_scope(&change, caller, round_id, cycle_id, read_version).await?;
    let removed = findings::remove(&change, round_id.0, cycle_id.0)
        .await?
        .ok_or(DomainError::not_found("finding"))?;
    bump(&change, &model).await?;
    change.audit(
        "round",
        round_id.to_string(),
        "round.finding_withdraw",
        json!({"cycle_id": cycle_id}),
    );
    change.emit(
        FINDING_WITHDRAWN,
        removed,
        1,
        &json!({"round_id": round_id, "cycle_id": cycle_id}),
    )?;
    change.commit().await?;
    get_round(db, caller, round_id).await
}
