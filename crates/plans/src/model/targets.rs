//! Targets (chỉ tiêu): a metric of the catalogue, for a unit's area, over a period (a year or a
//! phase), with a baseline, a target value or range, and a direction. Shares keep their
//! numerator and denominator apart so that they roll up by summing both.

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::{DomainError, DomainResult, UnitId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::{
    Accumulation, Measure, Metric, MetricFilter, PlanId, Quantity, TargetId, word_enum, year_span,
};

word_enum! {
    /// Which way is better.
    pub enum Direction {
        /// At least the target (most targets: more products, more people trained).
        AtLeast = "at_least",
        /// At most the target (certificates lapsing without re-rating).
        AtMost = "at_most",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
pub struct TargetIn {
    pub metric: Metric,
    #[serde(default)]
    pub filter: MetricFilter,
    /// What the plan's text says, e.g. "Công nhận 10–12 sản phẩm đạt 3–4 sao".
    #[validate(length(min = 3, max = 500))]
    pub title: String,
    /// The area counted: the plan's unit or a unit under it.
    pub unit_id: UnitId,
    /// First and last year of the period (the same for a yearly target).
    #[validate(range(min = 2018, max = 2100))]
    pub start_year: i32,
    #[validate(range(min = 2018, max = 2100))]
    pub end_year: i32,
    pub direction: Direction,
    /// The target; for shares in basis points (10% = 1000), for money in đồng.
    #[validate(range(min = 0))]
    pub target: i64,
    /// The top of a range target ("10–12 products").
    #[validate(range(min = 0))]
    pub target_max: Option<i64>,
    /// The baseline as typed from the plan's text. Left out, it is computed from the records on
    /// the day before the period starts (a stock) or is zero (a flow).
    pub baseline: Option<Quantity>,
}

/// Changes to a draft plan's target; the metric stays (a different metric is another target).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
pub struct TargetPatch {
    #[validate(length(min = 3, max = 500))]
    pub title: Option<String>,
    pub filter: Option<MetricFilter>,
    pub unit_id: Option<UnitId>,
    #[validate(range(min = 2018, max = 2100))]
    pub start_year: Option<i32>,
    #[validate(range(min = 2018, max = 2100))]
    pub end_year: Option<i32>,
    pub direction: Option<Direction>,
    #[validate(range(min = 0))]
    pub target: Option<i64>,
    /// `null` keeps the range's top; send `clear_target_max` to drop it.
    #[validate(range(min = 0))]
    pub target_max: Option<i64>,
    #[serde(default)]
    pub clear_target_max: bool,
    pub baseline: Option<Quantity>,
    #[serde(default)]
    pub clear_baseline: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TargetOut {
    pub id: TargetId,
    pub plan_id: PlanId,
    pub metric: Metric,
    pub measure: Measure,
    pub filter: MetricFilter,
    pub title: String,
    pub unit_id: UnitId,
    pub unit_name: String,
    pub start_year: i32,
    pub end_year: i32,
    pub direction: Direction,
    pub target: i64,
    pub target_max: Option<i64>,
    pub baseline: Option<Quantity>,
    pub position: i32,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TargetOut {
    pub fn period(&self) -> (NaiveDate, NaiveDate) {
        year_span(self.start_year, self.end_year)
    }
}

/// The rules a target's numbers follow, checked on create and on every change.
pub fn check_target(
    metric: Metric,
    filter: &MetricFilter,
    (start_year, end_year): (i32, i32),
    plan_year: i32,
    target: i64,
    target_max: Option<i64>,
    baseline: Option<&Quantity>,
) -> DomainResult<()> {
    metric.check_filter(filter)?;
    if end_year < start_year {
        return Err(DomainError::field("end_year", "before_start"));
    }
    if !(start_year..=end_year).contains(&plan_year) {
        return Err(DomainError::field("start_year", "period_outside_plan_year"));
    }
    let share = metric.measure() == Measure::Share;
    if share && target > 10_000 {
        return Err(DomainError::field("target", "range"));
    }
    if let Some(max) = target_max {
        if max < target {
            return Err(DomainError::field("target_max", "below_target"));
        }
        if share && max > 10_000 {
            return Err(DomainError::field("target_max", "range"));
        }
    }
    if let Some(baseline) = baseline {
        // A flow counts what happens within the period, so it starts from zero: a typed
        // starting figure would have nothing to stand for.
        if metric.accumulation() == Accumulation::Flow {
            return Err(DomainError::field("baseline", "not_for_metric"));
        }
        if baseline.numerator < 0 {
            return Err(DomainError::field("baseline.numerator", "range"));
        }
        match (share, baseline.denominator) {
            (true, None) => return Err(DomainError::field("baseline.denominator", "required")),
            (true, Some(d)) if d <= 0 || baseline.numerator > d => {
                return Err(DomainError::field("baseline.denominator", "range"));
            }
            (false, Some(_)) => {
                return Err(DomainError::field("baseline.denominator", "not_for_metric"));
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(
        metric: Metric,
        target: i64,
        max: Option<i64>,
        baseline: Option<Quantity>,
    ) -> DomainResult<()> {
        check_target(
            metric,
            &MetricFilter::default(),
            (2027, 2027),
            2027,
            target,
            max,
            baseline.as_ref(),
        )
    }

    fn field(result: DomainResult<()>) -> String {
        match result {
            Err(DomainError::Validation(f)) => f[0].field.clone(),
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn a_range_is_in_order_and_a_share_at_most_one_hundred_percent() {
        assert!(check(Metric::ProductsRecognised, 10, Some(12), None).is_ok());
        assert_eq!(
            field(check(Metric::ProductsRecognised, 12, Some(10), None)),
            "target_max"
        );
        assert_eq!(
            field(check(Metric::ListedShare, 10_001, None, None)),
            "target"
        );
    }

    #[test]
    fn a_share_baseline_needs_its_denominator_and_a_count_has_none() {
        let share = Quantity {
            numerator: 3,
            denominator: None,
        };
        assert_eq!(
            field(check(Metric::ListedShare, 10_000, None, Some(share))),
            "baseline.denominator"
        );
        let count = Quantity {
            numerator: 3,
            denominator: Some(4),
        };
        assert_eq!(
            field(check(Metric::CertifiedProducts, 10, None, Some(count))),
            "baseline.denominator"
        );
        let ok = Quantity {
            numerator: 3,
            denominator: Some(4),
        };
        assert!(check(Metric::ListedShare, 10_000, None, Some(ok)).is_ok());
    }

    #[test]
    fn a_flow_takes_no_baseline() {
        let count = Quantity {
            numerator: 3,
            denominator: None,
        };
        let r = check(Metric::PeopleTrained, 10, None, Some(count));
        assert!(
            matches!(&r, Err(DomainError::Validation(f)) if f[0].field == "baseline" && f[0].code == "not_for_metric"),
            "{r:?}"
        );
        assert!(check(Metric::CertifiedProducts, 10, None, Some(count)).is_ok());
        assert!(check(Metric::PeopleTrained, 10, None, None).is_ok());
    }

    #[test]
    fn the_period_holds_the_plan_year() {
        let r = check_target(
            Metric::CertifiedProducts,
            &MetricFilter::default(),
            (2021, 2025),
            2027,
            80,
            None,
            None,
        );
        assert_eq!(field(r), "start_year");
        let phase = check_target(
            Metric::CertifiedProducts,
            &MetricFilter::default(),
            (2026, 2030),
            2027,
            80,
            None,
            None,
        );
        assert!(phase.is_ok());
    }
}
