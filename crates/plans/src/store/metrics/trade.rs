//! The trade tallies: products listed online, points of sale open and revenue reported.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, NaiveDate};
use ocop_core::{DomainResult, Scope, UnitId};
use ocop_evaluations::store::tallies as certs;
use ocop_subjects::store::tallies as subjects;
use sea_orm::entity::prelude::*;
use sea_orm::{Condition, ConnectionTrait, QuerySelect};

use super::{in_area, shares};
use crate::model::{MetricFilter, Quantity};
use crate::store::entities::{listing, point_of_sale, revenue};

/// The products in force on `on` and how many of them are live on a platform that day. The
/// listings are read for the area's products by a subquery (never a bound list of ids, which
/// a province's catalogue would overflow) and met with the products in force here.
pub(super) async fn listed_share<C: ConnectionTrait>(
    db: &C,
    area: UnitId,
    on: NaiveDate,
) -> DomainResult<Vec<(UnitId, Quantity)>> {
    let in_force = certs::in_force(db, area, on).await?;
    if in_force.is_empty() {
        return Ok(Vec::new());
    }
    let listed: HashSet<Uuid> = listing::Entity::find()
        .select_only()
        .column(listing::Column::ProductId)
        .distinct()
        .filter(listing::Column::ProductId.in_subquery(
            ocop_products::store::products::ids_visible_to(&Scope::Subtree(area)),
        ))
        .filter(listing::Column::Since.lte(on))
        .filter(
            Condition::any()
                .add(listing::Column::Until.is_null())
                .add(listing::Column::Until.gte(on)),
        )
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(shares(
        in_force
            .into_iter()
            .map(|c| (c.unit_id, listed.contains(&c.product_id))),
    ))
}

/// Points of sale of the area open on `on` (opened by then, not closed by then), per unit.
pub(super) async fn points_open<C: ConnectionTrait>(
    db: &C,
    area: UnitId,
    filter: &MetricFilter,
    on: NaiveDate,
) -> DomainResult<Vec<(UnitId, i64)>> {
    let mut select = point_of_sale::Entity::find()
        .select_only()
        .column(point_of_sale::Column::UnitId)
        .column_as(point_of_sale::Column::Id.count(), "n")
        .filter(in_area(point_of_sale::Column::UnitId, area))
        .filter(point_of_sale::Column::OpenedOn.lte(on))
        .filter(
            Condition::any()
                .add(point_of_sale::Column::ClosedOn.is_null())
                .add(point_of_sale::Column::ClosedOn.gt(on)),
        );
    if !filter.point_kinds.is_empty() {
        select = select.filter(
            point_of_sale::Column::Kind.is_in(filter.point_kinds.iter().map(|k| k.as_str())),
        );
    }
    let rows: Vec<(i32, i64)> = select
        .group_by(point_of_sale::Column::UnitId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(u, n)| (UnitId(u), n)).collect())
}

/// Revenue the area's subjects reported by the window's last day for the years the window
/// touches, by subject's unit. A corrected report replaces its amount (the audit trail keeps
/// the earlier one), so a past day shows the latest amount of the reports made by then.
pub(super) async fn revenue_reported<C: ConnectionTrait>(
    db: &C,
    area: UnitId,
    filter: &MetricFilter,
    window: (NaiveDate, NaiveDate),
) -> DomainResult<Vec<(UnitId, Quantity)>> {
    let (from, to) = window;
    let rows: Vec<(Uuid, i64)> = revenue::Entity::find()
        .select_only()
        .columns([revenue::Column::SubjectId, revenue::Column::Amount])
        .filter(
            revenue::Column::SubjectId
                .in_subquery(ocop_subjects::store::ids_in_scope(&Scope::Subtree(area))),
        )
        .filter(revenue::Column::Year.gte(from.year()))
        .filter(revenue::Column::Year.lte(to.year()))
        .filter(revenue::Column::ReportedOn.lte(to))
        .into_tuple()
        .all(db)
        .await?;
    let unit_of =
        subjects::units_of(db, rows.iter().map(|(s, _)| *s), &filter.subject_kinds).await?;
    let mut out: BTreeMap<UnitId, i64> = BTreeMap::new();
    for (subject, amount) in rows {
        if let Some(unit) = unit_of.get(&subject) {
            *out.entry(*unit).or_default() += amount;
        }
    }
    Ok(out
        .into_iter()
        .map(|(u, n)| (u, Quantity::count(n)))
        .collect())
}
