//! Finding rows: the chair's findings on a round's dossiers, a ground printed on the sheet that
//! the options cannot express ("Hồ sơ bị loại khi …", "Bị loại nếu …", unacceptable
//! impurities), read with their grounds as printed and applied to a council's result.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use ocop_core::{Caller, DomainError, DomainResult, UserId};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, PaginatorTrait};

use super::criteria;
use super::entities::cycle;
use crate::{CriteriaSheet, FindingOut, Ground, StarResult};

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
    Ground::from_parts(&model.ground, &model.ground_ref).ok_or_else(|| {
        DomainError::Internal(format!(
            "dossier_finding.ground: unknown value {:?}/{:?} ({})",
            model.ground, model.ground_ref, model.id
        ))
    })
}

/// The findings of `round_ids` on the dossiers of `agenda`, by (round, dossier), with their
/// grounds as printed on each dossier's sheet; one query, and each sheet read once.
pub(crate) async fn findings_of<C: ConnectionTrait>(
    db: &C,
    round_ids: &[Uuid],
    agenda: &[cycle::Model],
) -> DomainResult<HashMap<(Uuid, Uuid), FindingOut>> {
    let rows = finding::Entity::find()
        .filter(finding::Column::RoundId.is_in(round_ids.iter().copied()))
        .all(db)
        .await?;
    let mut sheets: HashMap<i32, CriteriaSheet> = HashMap::new();
    let mut out = HashMap::new();
    for row in rows {
        let Some(c) = agenda.iter().find(|c| c.id == row.cycle_id) else {
            continue;
        };
        let sheet = match sheets.entry(c.criteria_set_id) {
            Entry::Occupied(read) => read.into_mut(),
            Entry::Vacant(slot) => slot.insert(criteria::sheet_of(db, c.criteria_set_id).await?),
        };
        let ground = stored_ground(&row)?;
        let reason = ground
            .on(sheet, &row.note)
            .ok_or_else(|| DomainError::Internal(format!("finding {}: no such ground", row.id)))?;
        out.insert(
            (row.round_id, row.cycle_id),
            FindingOut {
                ground,
                reason,
                recorded_by: UserId(row.recorded_by),
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
    let found = findings_of(db, &[round_id], std::slice::from_ref(c)).await?;
    match (result, found.get(&(round_id, c.id))) {
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

/// Removes the finding on the dossier in the round; returns the removed finding's id.
pub(crate) async fn remove<C: ConnectionTrait>(
    db: &C,
    round_id: Uuid,
    cycle_id: Uuid,
) -> DomainResult<Option<Uuid>> {
    let existing = finding::Entity::find()
        .filter(finding::Column::RoundId.eq(round_id))
        .filter(finding::Column::CycleId.eq(cycle_id))
        .one(db)
        .await?;
    finding::Entity::delete_many()
        .filter(finding::Column::RoundId.eq(round_id))
        .filter(finding::Column::CycleId.eq(cycle_id))
        .exec(db)
        .await?;
    Ok(existing.map(|f| f.id))
}

/// Stores a finding on the dossier in the round (the earlier one removed first by the caller).
pub(crate) async fn insert<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    round_id: Uuid,
    cycle_id: Uuid,
    ground: &Ground,
    note: &str,
) -> DomainResult<finding::Model> {
    let (kind, ground_ref) = ground.parts();
    Ok(finding::ActiveModel {
        id: Set(Uuid::now_v7()),
        round_id: Set(round_id),
        cycle_id: Set(cycle_id),
        ground: Set(kind.to_string()),
        ground_ref: Set(ground_ref),
        note: Set(note.to_string()),
        recorded_by: Set(caller.principal.user_id.0),
        recorded_at: Set(caller.at),
    }
    .insert(db)
    .await?)
}
