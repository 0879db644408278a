//! Aggregate counts of subjects over an area (a unit and its subtree, history included),
//! grouped by the subject's unit: what plans' targets measure. Each is one grouped query; the
//! day an instant belongs to is its day in Vietnam.

use std::collections::HashMap;

use chrono::NaiveDate;
use ocop_core::clock::start_of_vietnam_day;
use ocop_core::store::units;
use ocop_core::{DomainResult, UnitId};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, QuerySelect};

use super::subject;
use crate::{SubjectKind, SubjectStatus};

/// The instant the day after `day` starts: the end of `day`, exclusive.
fn end_of(day: NaiveDate) -> DateTimeUtc {
    start_of_vietnam_day(day.succ_opt().unwrap_or(day))
}

fn in_area(area: UnitId) -> sea_orm::Condition {
    sea_orm::Condition::all().add(subject::Column::UnitId.in_subquery(units::subtree_ids(area)))
}

fn of_kinds(kinds: &[SubjectKind]) -> sea_orm::Condition {
    if kinds.is_empty() {
        sea_orm::Condition::all()
    } else {
        sea_orm::Condition::all().add(subject::Column::Kind.is_in(kinds.iter().map(|k| k.as_str())))
    }
}

/// Subjects registered (created) on the days `from..=to`, per unit; `kinds` empty = every kind.
pub async fn registered<C: ConnectionTrait>(
    db: &C,
    area: UnitId,
    from: NaiveDate,
    to: NaiveDate,
    kinds: &[SubjectKind],
) -> DomainResult<Vec<(UnitId, i64)>> {
    let rows: Vec<(i32, i64)> = subject::Entity::find()
        .select_only()
        .column(subject::Column::UnitId)
        .column_as(subject::Column::Id.count(), "n")
        .filter(in_area(area))
        .filter(of_kinds(kinds))
        .filter(subject::Column::CreatedAt.gte(start_of_vietnam_day(from)))
        .filter(subject::Column::CreatedAt.lt(end_of(to)))
        .group_by(subject::Column::UnitId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(u, n)| (UnitId(u), n)).collect())
}

/// Active subjects created by the end of `on`, per unit: (unit, led by a woman, all). The status
/// and the women-led flag are not dated: they are read as they are now.
pub async fn women_led<C: ConnectionTrait>(
    db: &C,
    area: UnitId,
    on: NaiveDate,
    kinds: &[SubjectKind],
) -> DomainResult<Vec<(UnitId, i64, i64)>> {
    let rows: Vec<(i32, bool, i64)> = subject::Entity::find()
        .select_only()
        .column(subject::Column::UnitId)
        .column(subject::Column::WomenLed)
        .column_as(subject::Column::Id.count(), "n")
        .filter(in_area(area))
        .filter(of_kinds(kinds))
        .filter(subject::Column::Status.eq(SubjectStatus::Active.as_str()))
        .filter(subject::Column::CreatedAt.lt(end_of(on)))
        .group_by(subject::Column::UnitId)
        .group_by(subject::Column::WomenLed)
        .into_tuple()
        .all(db)
        .await?;
    let mut per_unit: HashMap<i32, (i64, i64)> = HashMap::new();
    for (unit, women, n) in rows {
        let slot = per_unit.entry(unit).or_default();
        if women {
            slot.0 += n;
        }
        slot.1 += n;
    }
    let mut out: Vec<_> = per_unit
        .into_iter()
        .map(|(u, (women, all))| (UnitId(u), women, all))
        .collect();
    out.sort_by_key(|(u, _, _)| *u);
    Ok(out)
}

/// The unit of each subject of `ids` of one of `kinds` (empty = every kind); unknown ids and
/// other kinds are left out. One query.
pub async fn units_of<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
    kinds: &[SubjectKind],
) -> DomainResult<HashMap<Uuid, UnitId>> {
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, i32)> = subject::Entity::find()
        .select_only()
        .columns([subject::Column::Id, subject::Column::UnitId])
        .filter(subject::Column::Id.is_in(ids))
        .filter(of_kinds(kinds))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, u)| (id, UnitId(u))).collect())
}
