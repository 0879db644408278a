//! The activity tallies: activities held in a window, the people trained at the classes and
//! the share of officer accounts trained. A participant counts from the Vietnamese day it was
//! recorded, so adding one today leaves a past day's figure as it was.

use std::collections::HashSet;

use chrono::NaiveDate;
use ocop_core::clock::start_of_vietnam_day;
use ocop_core::store::users;
use ocop_core::{DomainResult, UnitId};
use sea_orm::entity::prelude::*;
use sea_orm::{Condition, ConnectionTrait, QuerySelect, QueryTrait};

use super::{count_by, in_area, shares};
use crate::model::{ActivityKind, ActivityStatus, MetricFilter, Quantity, held_on};
use crate::store::entities::{activity, participant};

/// Activities finished and held (see [`held_on`]) on the days of `window`, in SQL: the end
/// day when there is one, else the start day.
fn held_in(window: (NaiveDate, NaiveDate)) -> Condition {
    let (from, to) = window;
    Condition::any()
        .add(
            Condition::all()
                .add(activity::Column::EndsOn.gte(from))
                .add(activity::Column::EndsOn.lte(to)),
        )
        .add(
            Condition::all()
                .add(activity::Column::EndsOn.is_null())
                .add(activity::Column::StartsOn.gte(from))
                .add(activity::Column::StartsOn.lte(to)),
        )
}

fn done_of_kinds(kinds: &[ActivityKind], window: (NaiveDate, NaiveDate)) -> Condition {
    Condition::all()
        .add(activity::Column::Status.eq(ActivityStatus::Done.as_str()))
        .add(activity::Column::Kind.is_in(kinds.iter().map(|k| k.as_str())))
        .add(held_in(window))
}

/// Finished activities of `kinds` of the area held in the window, per unit.
pub(super) async fn held<C: ConnectionTrait>(
    db: &C,
    area: UnitId,
    kinds: &[ActivityKind],
    window: (NaiveDate, NaiveDate),
) -> DomainResult<Vec<(UnitId, i64)>> {
    let rows: Vec<(i32, Option<NaiveDate>, Option<NaiveDate>)> = activity::Entity::find()
        .select_only()
        .columns([
            activity::Column::UnitId,
            activity::Column::StartsOn,
            activity::Column::EndsOn,
        ])
        .filter(in_area(activity::Column::UnitId, area))
        .filter(done_of_kinds(kinds, window))
        .into_tuple()
        .all(db)
        .await?;
    // The SQL condition already holds held_on in the window; the pure rule stays the reference.
    let (from, to) = window;
    Ok(count_by(
        rows.into_iter()
            .filter(|(_, s, e)| held_on(*e, *s).is_some_and(|d| from <= d && d <= to))
            .map(|(u, _, _)| UnitId(u)),
    ))
}

/// The ids of the training classes held in the window, wherever they were held: a commune's
/// people trained at a provincial class count for the commune.
fn trainings_in(window: (NaiveDate, NaiveDate)) -> sea_orm::sea_query::SelectStatement {
    activity::Entity::find()
        .select_only()
        .column(activity::Column::Id)
        .filter(done_of_kinds(&[ActivityKind::Training], window))
        .into_query()
}

/// Participants of the trainings held in the window recorded by the end of its last day.
fn trained_in(window: (NaiveDate, NaiveDate)) -> Condition {
    let next = window.1.succ_opt().unwrap_or(window.1);
    Condition::all()
        .add(participant::Column::ActivityId.in_subquery(trainings_in(window)))
        .add(participant::Column::CreatedAt.lt(start_of_vietnam_day(next)))
}

/// Participants of the training classes held in the window, by the participant's unit.
pub(super) async fn people_trained<C: ConnectionTrait>(
    db: &C,
    area: UnitId,
    filter: &MetricFilter,
    window: (NaiveDate, NaiveDate),
) -> DomainResult<Vec<(UnitId, i64)>> {
    let mut select = participant::Entity::find()
        .select_only()
        .column(participant::Column::UnitId)
        .column_as(participant::Column::Id.count(), "n")
        .filter(trained_in(window))
        .filter(in_area(participant::Column::UnitId, area));
    if let Some(audience) = filter.audience {
        select = select.filter(participant::Column::Audience.eq(audience.as_str()));
    }
    let rows: Vec<(i32, i64)> = select
        .group_by(participant::Column::UnitId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(u, n)| (UnitId(u), n)).collect())
}

/// The officer accounts of the area on the window's last day (the denominator, by the
/// account's unit) and those of them who attended a class held in the window.
pub(super) async fn officers_trained<C: ConnectionTrait>(
    db: &C,
    area: UnitId,
    window: (NaiveDate, NaiveDate),
) -> DomainResult<Vec<(UnitId, Quantity)>> {
    let accounts = users::officer_accounts(db, area, window.1).await?;
    let trained: HashSet<Uuid> = participant::Entity::find()
        .select_only()
        .column(participant::Column::UserId)
        .filter(trained_in(window))
        .filter(participant::Column::UserId.is_not_null())
        .into_tuple::<Option<Uuid>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    Ok(shares(
        accounts
            .into_iter()
            .map(|(user, unit)| (unit, trained.contains(&user.0))),
    ))
}
