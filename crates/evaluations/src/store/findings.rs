//! The chair's findings on a round's dossiers: a ground printed on the sheet that the options
//! cannot express ("Hồ sơ bị loại khi …", "Bị loại nếu …", unacceptable impurities). Recorded
//! and withdrawn while the round is open, under the round's version; applied when it closes.

use ocop_core::store::change::Change;
use std::collections::HashMap;

use ocop_core::{Action, Caller, DomainError, DomainResult};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection};

use super::councils::{
    bump, check_version, find_round, get_round, level_of, require_chair, still_open,
};
use super::criteria;
use super::cycles::state_of;
use super::entities::{cycle, round};
use crate::{CycleState, FindingIn, FindingOut, Ground, RecognitionLevel, RoundOut, StarResult};

pub(crate) mod finding {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "dossier_finding")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub round_id: Uuid,
        pub cycle_id: Uuid,
        pub ground: String,
        pub ground_ref: String,
        #[sea_orm(column_type = "Text")]
        pub note: String,
        pub recorded_by: Uuid,
        pub recorded_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

fn stored_ground(model: &finding::Model) -> DomainResult<Ground> {
    Ground::from_parts(&model.ground, &model.ground_ref)
        .ok_or_else(|| DomainError::Internal(format!("finding {}: ground", model.id)))
}

/// The findings of a round, by dossier, with their grounds as printed on each dossier's sheet.
pub(crate) async fn findings_of<C: ConnectionTrait>(
    db: &C,
    round_id: Uuid,
    agenda: &[cycle::Model],
) -> DomainResult<HashMap<Uuid, FindingOut>> {
    let rows = finding::Entity::find()
        .filter(finding::Column::RoundId.eq(round_id))
        .all(db)
        .await?;
    let mut out = HashMap::new();
    for row in rows {
        let Some(c) = agenda.iter().find(|c| c.id == row.cycle_id) else {
            continue;
        };
        let sheet = criteria::sheet_of(db, c.criteria_set_id).await?;
        let ground = stored_ground(&row)?;
        let reason = ground
            .on(&sheet, &row.note)
            .ok_or_else(|| DomainError::Internal(format!("finding {}: no such ground", row.id)))?;
        out.insert(
            row.cycle_id,
            FindingOut {
                ground,
                reason,
                recorded_by: row.recorded_by,
                recorded_at: row.recorded_at,
            },
        );
    }
    Ok(out)
}

/// The council's result with the finding on the dossier applied, if the chair recorded one.
/// Without any submitted sheet the result has no average: only the finding decides it.
pub(crate) async fn apply<C: ConnectionTrait>(
    db: &C,
    round_id: Uuid,
    c: &cycle::Model,
    result: Option<StarResult>,
) -> DomainResult<StarResult> {
    let found = findings_of(db, round_id, std::slice::from_ref(c)).await?;
    match (result, found.get(&c.id)) {
        (Some(result), Some(f)) => Ok(result.not_rated_for(f.reason.clone())),
        (Some(result), None) => Ok(result),
        (None, Some(f)) => Ok(StarResult {
            average: crate::Hundredths::ZERO,
            band_stars: 1,
            stars: 0,
            unmet: Vec::new(),
            not_rated: Some(f.reason.clone()),
        }),
        (None, None) => Err(DomainError::field("member_sheets", "required")),
    }
}

/// Whether the chair recorded a finding on the dossier in the round.
pub(crate) async fn has_finding<C: ConnectionTrait>(
    db: &C,
    round_id: Uuid,
    cycle_id: Uuid,
) -> DomainResult<bool> {
    Ok(finding::Entity::find()
        .filter(finding::Column::RoundId.eq(round_id))
        .filter(finding::Column::CycleId.eq(cycle_id))
        .count(db)
        .await?
        > 0)
}

/// The round, open, at the version read, with the caller in the chair, and the dossier on its
/// agenda still waiting for its result.
async fn chair_scope<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    round_id: Uuid,
    cycle_id: Uuid,
    read_version: i32,
) -> DomainResult<(round::Model, cycle::Model)> {
    caller.principal.require(Action::SheetsScore)?;
    let model = find_round(db, caller, round_id).await?;
    require_chair(db, caller, round_id).await?;
    check_version(&model, read_version)?;
    still_open(&model)?;
    let agenda_column = match level_of(&model) {
        RecognitionLevel::Central => cycle::Column::CentralRoundId,
        _ => cycle::Column::RoundId,
    };
    let c = cycle::Entity::find_by_id(cycle_id)
        .filter(agenda_column.eq(round_id))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("cycle"))?;
    let pending = match level_of(&model) {
        RecognitionLevel::Central => c.central_result.is_none(),
        _ => state_of(&c)? == CycleState::AwaitingCouncil,
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
    round_id: Uuid,
    cycle_id: Uuid,
    read_version: i32,
    input: FindingIn,
) -> DomainResult<RoundOut> {
    let mut txn = Change::begin(db, caller).await?;
    let (model, c) = chair_scope(&txn, caller, round_id, cycle_id, read_version).await?;
    let sheet = criteria::sheet_of(&txn, c.criteria_set_id).await?;
    let note = input.note.trim().to_string();
    if input.ground.on(&sheet, &note).is_none() {
        let field = match input.ground {
            Ground::Disqualifier(_) => "ground.disqualifier",
            Ground::Criterion(_) => "ground.criterion",
        };
        return Err(DomainError::field(field, "no_such_ground"));
    }
    finding::Entity::delete_many()
        .filter(finding::Column::RoundId.eq(round_id))
        .filter(finding::Column::CycleId.eq(cycle_id))
        .exec(&txn)
        .await?;
    let (ground, ground_ref) = input.ground.parts();
    finding::ActiveModel {
        id: Set(Uuid::now_v7()),
        round_id: Set(round_id),
        cycle_id: Set(cycle_id),
        ground: Set(ground.to_string()),
        ground_ref: Set(ground_ref.clone()),
        note: Set(note.clone()),
        recorded_by: Set(caller.principal.user_id.0),
        recorded_at: Set(caller.at),
    }
    .insert(&txn)
    .await?;
    bump(&txn, &model).await?;
    txn.audit("round", round_id.to_string(), "round.finding_record", serde_json::json!({"cycle_id": cycle_id, "ground": ground, "ref": ground_ref, "note": note}));
    txn.commit().await?;
    get_round(db, caller, round_id).await
}

/// The chair withdraws the finding on a dossier; the dossier is rated on its sheets again.
pub async fn withdraw(
    db: &DatabaseConnection,
    caller: &Caller,
    round_id: Uuid,
    cycle_id: Uuid,
    read_version: i32,
) -> DomainResult<RoundOut> {
    let mut txn = Change::begin(db, caller).await?;
    let (model, _) = chair_scope(&txn, caller, round_id, cycle_id, read_version).await?;
    let removed = finding::Entity::delete_many()
        .filter(finding::Column::RoundId.eq(round_id))
        .filter(finding::Column::CycleId.eq(cycle_id))
        .exec(&txn)
        .await?;
    if removed.rows_affected == 0 {
        return Err(DomainError::not_found("finding"));
    }
    bump(&txn, &model).await?;
    txn.audit(
        "round",
        round_id.to_string(),
        "round.finding_withdraw",
        serde_json::json!({"cycle_id": cycle_id}),
    );
    txn.commit().await?;
    get_round(db, caller, round_id).await
}
