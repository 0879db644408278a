//! Progress of a target: the actual from the records, its percentage of the way to the target,
//! and a status by the method statistics offices use for SDG progress (UN ESCAP's "progress
//! assessment methodology", also used by UNSD): the observed rate of change since the start of
//! the period against the rate needed to reach the target by the period's end.
//!
//! ```text
//! ratio = (actual − start) / ((target − start) × elapsed)       elapsed = days run / days in period
//! ratio ≥ 0.95  on track          0.5 ≤ ratio < 0.95  needs acceleration
//! 0 ≤ ratio < 0.5  limited progress          ratio < 0   moving away
//! ```
//! We use the linear rate, not the compound one, because counts start from zero (a compound
//! rate from a zero baseline is undefined). `start` is the baseline for a stock and zero for a
//! flow, which counts only what happened within the period. A target already reached is *met*
//! (for "at most" caps, only once the period is over: until then a cap can still be broken).

use chrono::NaiveDate;
use ocop_core::UnitId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Accumulation, Direction, Measure, Metric, MetricFilter, TargetId};

/// A measured value: a count or an amount (`denominator` absent), or a share as its numerator
/// and denominator, so that shares add up across units by summing both parts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Quantity {
    pub numerator: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<i64>,
}

impl Quantity {
    pub fn count(n: i64) -> Self {
        Self {
            numerator: n,
            denominator: None,
        }
    }

    pub fn share(numerator: i64, denominator: i64) -> Self {
        Self {
            numerator,
            denominator: Some(denominator),
        }
    }

    /// The value targets are written in: the count or amount, or a share in basis points.
    /// `None` for a share of nothing (0 / 0).
    pub fn value(self) -> Option<f64> {
        match self.denominator {
            None => Some(self.numerator as f64),
            Some(0) => None,
            Some(d) => Some(self.numerator as f64 * 10_000.0 / d as f64),
        }
    }

    /// Adds two quantities of one metric: numerators and denominators separately.
    pub fn plus(self, other: Quantity) -> Quantity {
        Quantity {
            numerator: self.numerator + other.numerator,
            denominator: match (self.denominator, other.denominator) {
                (None, None) => None,
                (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
            },
        }
    }

    /// The zero of a metric's measure.
    pub fn zero(measure: Measure) -> Quantity {
        match measure {
            Measure::Share => Quantity::share(0, 0),
            _ => Quantity::count(0),
        }
    }
}

/// Sums per-unit quantities into the groups a roll-up shows. `groups` maps a unit of the records
/// to the group(s) it counts in (the children of the unit asked, or the unit itself); a unit in
/// no group is outside the area and not counted. Shares are summed part by part, never averaged.
pub fn roll_up(
    measure: Measure,
    per_unit: &[(UnitId, Quantity)],
    groups: &std::collections::HashMap<UnitId, Vec<UnitId>>,
) -> std::collections::BTreeMap<UnitId, Quantity> {
    let mut out = std::collections::BTreeMap::new();
    for (unit, q) in per_unit {
        for group in groups.get(unit).into_iter().flatten() {
            let slot = out.entry(*group).or_insert_with(|| Quantity::zero(measure));
            *slot = slot.plus(*q);
        }
    }
    out
}

/// The SDG-style status of a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProgressStatus {
    Met,
    OnTrack,
    NeedsAcceleration,
    LimitedProgress,
    MovingAway,
}

impl ProgressStatus {
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Met => "Đã đạt",
            Self::OnTrack => "Đúng tiến độ",
            Self::NeedsAcceleration => "Cần đẩy nhanh",
            Self::LimitedProgress => "Tiến triển chậm",
            Self::MovingAway => "Đi ngược mục tiêu",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Self::Met => "Met",
            Self::OnTrack => "On track",
            Self::NeedsAcceleration => "Needs acceleration",
            Self::LimitedProgress => "Limited progress",
            Self::MovingAway => "Moving away",
        }
    }
}

pub const ON_TRACK_RATIO: f64 = 0.95;
pub const ACCELERATION_RATIO: f64 = 0.5;

/// The numbers a status was decided from, so that a reader can check it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StatusBasis {
    /// Where the path to the target starts: the baseline (a stock) or zero (a flow).
    pub start: f64,
    /// Days of the period run by the day asked, and in all.
    pub days_elapsed: i64,
    pub days_in_period: i64,
    /// Where the straight path from `start` to the target stands on the day asked.
    pub expected: f64,
    /// Change per year observed since the start, and needed to reach the target by the end.
    pub observed_rate: Option<f64>,
    pub required_rate: Option<f64>,
    /// observed ÷ required; absent for a met target or a cap.
    pub ratio: Option<f64>,
}

/// What [`assess`] needs about a target.
#[derive(Debug, Clone, Copy)]
pub struct Assessment {
    pub direction: Direction,
    pub accumulation: Accumulation,
    /// The baseline's value (a stock's start), if known.
    pub baseline: Option<f64>,
    pub target: f64,
    pub period: (NaiveDate, NaiveDate),
}

/// The status of a target whose actual is `actual` on `as_of`.
pub fn assess(a: &Assessment, actual: f64, as_of: NaiveDate) -> (ProgressStatus, StatusBasis) {
    let (first, last) = a.period;
    let days_in_period = (last - first).num_days() + 1;
    // A day counts as run once it has begun; the period's first day is one day in.
    let days_elapsed = ((as_of - first).num_days() + 1).clamp(1, days_in_period);
    let elapsed = days_elapsed as f64 / days_in_period as f64;
    let start = match a.accumulation {
        Accumulation::Flow => 0.0,
        Accumulation::Stock => a.baseline.unwrap_or(0.0),
    };
    let expected = start + (a.target - start) * elapsed;
    let years_elapsed = days_elapsed as f64 / 365.25;
    let years_in_period = days_in_period as f64 / 365.25;
    let observed_rate = (actual - start) / years_elapsed;
    let required_rate = (a.target - start) / years_in_period;
    let mut basis = StatusBasis {
        start,
        days_elapsed,
        days_in_period,
        expected,
        observed_rate: Some(observed_rate),
        required_rate: Some(required_rate),
        ratio: None,
    };
    let period_over = as_of >= last;
    let status = match a.direction {
        Direction::AtLeast if actual >= a.target => ProgressStatus::Met,
        Direction::AtMost if a.target >= start => {
            // A cap: never exceeded is met at the end, on the path is on track until then.
            if actual > a.target {
                ProgressStatus::MovingAway
            } else if period_over {
                ProgressStatus::Met
            } else if actual <= expected {
                ProgressStatus::OnTrack
            } else {
                ProgressStatus::NeedsAcceleration
            }
        }
        Direction::AtMost if actual <= a.target => ProgressStatus::Met,
        // Needs to move (up for "at least", down for a reduction) and has not arrived.
        _ if required_rate == 0.0 => ProgressStatus::MovingAway,
        _ => {
            let ratio = observed_rate / required_rate;
            basis.ratio = Some(ratio);
            status_of_ratio(ratio)
        }
    };
    (status, basis)
}

/// The band a ratio of observed to required rate falls in.
pub fn status_of_ratio(ratio: f64) -> ProgressStatus {
    if ratio >= ON_TRACK_RATIO {
        ProgressStatus::OnTrack
    } else if ratio >= ACCELERATION_RATIO {
        ProgressStatus::NeedsAcceleration
    } else if ratio >= 0.0 {
        ProgressStatus::LimitedProgress
    } else {
        ProgressStatus::MovingAway
    }
}

/// How far along the way from start to target the actual is, in percent (may pass 100). None
/// when there is no way to go: the target is the start, or an "at least" target lies below a
/// start that already met it.
pub fn percent_of_target(
    direction: Direction,
    start: f64,
    target: f64,
    actual: f64,
) -> Option<f64> {
    let span = target - start;
    if span == 0.0 || (direction == Direction::AtLeast && span < 0.0) {
        return None;
    }
    Some((actual - start) / span * 100.0)
}

/// One unit's part of a target's actual.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct UnitActual {
    pub unit_id: UnitId,
    pub unit_name: String,
    pub actual: Quantity,
    /// The actual in the target's terms (basis points for a share); absent for 0 / 0.
    pub value: Option<f64>,
}

/// A target with its progress on the day asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TargetProgress {
    pub target_id: TargetId,
    pub title: String,
    pub metric: Metric,
    pub measure: Measure,
    pub accumulation: Accumulation,
    pub filter: MetricFilter,
    pub direction: Direction,
    /// The area counted: the target's unit, narrowed to the unit asked when that lies under it.
    pub unit_id: UnitId,
    pub unit_name: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// As typed, or computed from the records on the day before the period (stocks).
    pub baseline: Quantity,
    pub baseline_value: Option<f64>,
    pub target: i64,
    pub target_max: Option<i64>,
    pub actual: Quantity,
    pub actual_value: Option<f64>,
    pub percent: Option<f64>,
    pub status: ProgressStatus,
    pub basis: StatusBasis,
    /// Above the top of a range target.
    pub above_range: bool,
    /// The actual split over the units directly under the area (communes under a province).
    pub by_unit: Vec<UnitActual>,
}

/// `GET /api/v1/plans/{id}/progress`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PlanProgress {
    pub plan_id: super::PlanId,
    /// The unit the figures are rolled up to.
    pub unit_id: UnitId,
    pub as_of: NaiveDate,
    pub targets: Vec<TargetProgress>,
}

#[cfg(test)]
mod tests;
