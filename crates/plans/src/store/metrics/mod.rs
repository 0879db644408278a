//! The metric tallies: per-unit quantities behind every target's actual, computed from the
//! live records of an area (a unit and its subtree, history included) and grouped by the
//! records' units. Certificates, cycles, subjects and accounts are read through the named
//! aggregate queries of their crates; plans' own tables (activities, participants, points of
//! sale, listings, revenue) in the submodules. Every metric is a bounded number of queries,
//! never one per row; the stars and level filters apply to the rows the lower crates return.

mod activities;
mod certificates;
mod trade;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ocop_core::store::units;
use ocop_core::{DomainResult, UnitId};
use ocop_evaluations::store::tallies as certs;
use ocop_subjects::store::tallies as subjects;
use sea_orm::entity::prelude::*;
use sea_orm::{Condition, ConnectionTrait};

use crate::model::{ActivityKind, Metric, MetricFilter, Quantity};

/// The quantity of `metric` per unit of `area`: a flow counts what happened on the days
/// `window` (inclusive; empty when it ends before it starts), a stock the records on `on`.
pub async fn tally<C: ConnectionTrait>(
    db: &C,
    metric: Metric,
    filter: &MetricFilter,
    area: UnitId,
    window: (NaiveDate, NaiveDate),
    on: NaiveDate,
) -> DomainResult<Vec<(UnitId, Quantity)>> {
    use Metric::*;
    let (from, to) = window;
    if to < from && metric.accumulation() == crate::model::Accumulation::Flow {
        return Ok(Vec::new());
    }
    Ok(match metric {
        ProductsRecognised | ReRatedProducts => {
            counts(certificates::recognised(db, metric, filter, area, window).await?)
        }
        CertifiedProducts => {
            let rows = certs::in_force(db, area, on).await?;
            counts(count_by(
                rows.into_iter()
                    .filter(|c| stars_in(filter, c.stars))
                    .map(|c| c.unit_id),
            ))
        }
        HighStarShare => {
            let floor = Metric::high_star_floor(filter);
            let rows = certs::in_force(db, area, on).await?;
            shares(rows.into_iter().map(|c| {
                let high = c.stars >= floor && filter.max_stars.is_none_or(|m| c.stars <= m);
                (c.unit_id, high)
            }))
        }
        ProductIdeas => counts(certs::ideas(db, area, from, to).await?),
        NewSubjects => {
            counts(subjects::registered(db, area, from, to, &filter.subject_kinds).await?)
        }
        WomenLedShare => subjects::women_led(db, area, on, &filter.subject_kinds)
            .await?
            .into_iter()
            .map(|(u, women, all)| (u, Quantity::share(women, all)))
            .collect(),
        TrainingsHeld => {
            counts(activities::held(db, area, &[ActivityKind::Training], window).await?)
        }
        TradeEvents => {
            let kinds = [ActivityKind::Fair, ActivityKind::TradePromotion];
            counts(activities::held(db, area, &kinds, window).await?)
        }
        PeopleTrained => counts(activities::people_trained(db, area, filter, window).await?),
        OfficersTrainedShare => activities::officers_trained(db, area, window).await?,
        ListedShare => trade::listed_share(db, area, on).await?,
        PointsOfSale => counts(trade::points_open(db, area, filter, on).await?),
        ExpiredWithoutReRating => {
            let rows = certs::expired_without_successor(db, area, from, to).await?;
            counts(count_by(
                rows.into_iter()
                    .filter(|(_, s)| stars_in(filter, *s))
                    .map(|(u, _)| u),
            ))
        }
        ReportedRevenue => trade::revenue_reported(db, area, filter, window).await?,
    })
}

/// Whether `stars` lies within the filter's stars bounds.
fn stars_in(filter: &MetricFilter, stars: u8) -> bool {
    filter.min_stars.is_none_or(|m| stars >= m) && filter.max_stars.is_none_or(|m| stars <= m)
}

fn counts(rows: Vec<(UnitId, i64)>) -> Vec<(UnitId, Quantity)> {
    rows.into_iter()
        .map(|(u, n)| (u, Quantity::count(n)))
        .collect()
}

/// Counts of the units given, one per item.
fn count_by(units: impl Iterator<Item = UnitId>) -> Vec<(UnitId, i64)> {
    let mut out: BTreeMap<UnitId, i64> = BTreeMap::new();
    for u in units {
        *out.entry(u).or_default() += 1;
    }
    out.into_iter().collect()
}

/// Shares per unit from (unit, counted in the numerator) items, each in the denominator.
fn shares(items: impl Iterator<Item = (UnitId, bool)>) -> Vec<(UnitId, Quantity)> {
    let mut out: BTreeMap<UnitId, (i64, i64)> = BTreeMap::new();
    for (u, yes) in items {
        let slot = out.entry(u).or_default();
        slot.0 += i64::from(yes);
        slot.1 += 1;
    }
    out.into_iter()
        .map(|(u, (n, d))| (u, Quantity::share(n, d)))
        .collect()
}

fn in_area<Col: ColumnTrait>(column: Col, area: UnitId) -> Condition {
    Condition::all().add(column.in_subquery(units::subtree_ids(area)))
}

/// The units of a tally with their quantities summed, whatever groups they fall in.
pub fn total(measure: crate::model::Measure, per_unit: &[(UnitId, Quantity)]) -> Quantity {
    per_unit
        .iter()
        .fold(Quantity::zero(measure), |acc, (_, q)| acc.plus(*q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stars_filter_takes_both_bounds_inclusive() {
        let three_to_four = MetricFilter {
            min_stars: Some(3),
            max_stars: Some(4),
            ..Default::default()
        };
        assert!(stars_in(&three_to_four, 3) && stars_in(&three_to_four, 4));
        assert!(!stars_in(&three_to_four, 5));
        assert!(stars_in(&MetricFilter::default(), 5));
    }

    #[test]
    fn each_record_counts_once_in_its_unit() {
        let rows = count_by([UnitId(2), UnitId(1), UnitId(2)].into_iter());
        assert_eq!(rows, vec![(UnitId(1), 1), (UnitId(2), 2)]);
    }

    #[test]
    fn a_share_counts_every_record_in_the_denominator_and_the_yes_in_the_numerator() {
        let rows = shares([(UnitId(1), true), (UnitId(1), false), (UnitId(2), false)].into_iter());
        assert_eq!(
            rows,
            vec![
                (UnitId(1), Quantity::share(1, 2)),
                (UnitId(2), Quantity::share(0, 1)),
            ]
        );
        assert_eq!(
            total(crate::model::Measure::Share, &rows),
            Quantity::share(1, 3)
        );
    }
}
