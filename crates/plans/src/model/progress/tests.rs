use std::collections::HashMap;

use chrono::NaiveDate;
use ocop_core::UnitId;

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn year(y: i32) -> (NaiveDate, NaiveDate) {
    (day(y, 1, 1), day(y, 12, 31))
}

fn at_least_flow(target: f64) -> Assessment {
    Assessment {
        direction: Direction::AtLeast,
        accumulation: Accumulation::Flow,
        baseline: None,
        target,
        period: year(2027),
    }
}

#[test]
fn a_target_reached_is_met_whatever_the_day() {
    let (status, basis) = assess(&at_least_flow(10.0), 10.0, day(2027, 2, 1));
    assert_eq!(status, ProgressStatus::Met);
    assert_eq!(basis.ratio, None);
}

#[test]
fn the_bands_follow_the_ratio_of_observed_to_required_rate() {
    // Half the year run (day 182 of 365): the path expects about 5 of 10.
    let mid = day(2027, 7, 1);
    let cases = [
        (5.0, ProgressStatus::OnTrack),
        (3.0, ProgressStatus::NeedsAcceleration),
        (1.0, ProgressStatus::LimitedProgress),
    ];
    for (actual, expected) in cases {
        let (status, basis) = assess(&at_least_flow(10.0), actual, mid);
        assert_eq!(status, expected, "actual {actual}: ratio {:?}", basis.ratio);
    }
}

#[test]
fn band_edges_belong_to_the_better_band() {
    assert_eq!(status_of_ratio(0.95), ProgressStatus::OnTrack);
    assert_eq!(
        status_of_ratio(0.949_999),
        ProgressStatus::NeedsAcceleration
    );
    assert_eq!(status_of_ratio(0.5), ProgressStatus::NeedsAcceleration);
    assert_eq!(status_of_ratio(0.499_999), ProgressStatus::LimitedProgress);
    assert_eq!(status_of_ratio(0.0), ProgressStatus::LimitedProgress);
    assert_eq!(status_of_ratio(-0.000_001), ProgressStatus::MovingAway);
}

#[test]
fn a_stock_below_its_baseline_is_moving_away() {
    let a = Assessment {
        direction: Direction::AtLeast,
        accumulation: Accumulation::Stock,
        baseline: Some(50.0),
        target: 80.0,
        period: (day(2026, 1, 1), day(2030, 12, 31)),
    };
    let (status, basis) = assess(&a, 45.0, day(2027, 6, 30));
    assert_eq!(status, ProgressStatus::MovingAway);
    assert!(basis.ratio.unwrap() < 0.0);
    assert_eq!(basis.start, 50.0);
}

#[test]
fn a_zero_baseline_still_gives_a_rate() {
    let a = Assessment {
        direction: Direction::AtLeast,
        accumulation: Accumulation::Stock,
        baseline: Some(0.0),
        target: 10_000.0,
        period: year(2027),
    };
    let (status, basis) = assess(&a, 6_000.0, day(2027, 7, 1));
    assert_eq!(status, ProgressStatus::OnTrack);
    assert!(basis.ratio.unwrap() > 1.0);
}

#[test]
fn a_descending_target_is_met_at_or_below_and_judged_by_its_fall() {
    let reduce = Assessment {
        direction: Direction::AtMost,
        accumulation: Accumulation::Stock,
        baseline: Some(20.0),
        target: 10.0,
        period: year(2027),
    };
    assert_eq!(
        assess(&reduce, 10.0, day(2027, 3, 1)).0,
        ProgressStatus::Met
    );
    // Half way through, fallen from 20 to 15: exactly on the path.
    assert_eq!(
        assess(&reduce, 15.0, day(2027, 7, 2)).0,
        ProgressStatus::OnTrack
    );
    assert_eq!(
        assess(&reduce, 22.0, day(2027, 7, 2)).0,
        ProgressStatus::MovingAway
    );
}

#[test]
fn a_cap_is_met_only_when_the_period_is_over_unbroken() {
    let cap = Assessment {
        direction: Direction::AtMost,
        accumulation: Accumulation::Flow,
        baseline: None,
        target: 4.0,
        period: year(2027),
    };
    assert_eq!(
        assess(&cap, 1.0, day(2027, 7, 1)).0,
        ProgressStatus::OnTrack
    );
    assert_eq!(
        assess(&cap, 3.0, day(2027, 7, 1)).0,
        ProgressStatus::NeedsAcceleration
    );
    assert_eq!(
        assess(&cap, 5.0, day(2027, 7, 1)).0,
        ProgressStatus::MovingAway
    );
    assert_eq!(assess(&cap, 4.0, day(2027, 12, 31)).0, ProgressStatus::Met);
}

#[test]
fn a_target_equal_to_its_start_and_not_met_is_moving_away() {
    let a = Assessment {
        direction: Direction::AtLeast,
        accumulation: Accumulation::Stock,
        baseline: Some(5.0),
        target: 5.0,
        period: year(2027),
    };
    assert_eq!(assess(&a, 5.0, day(2027, 5, 1)).0, ProgressStatus::Met);
    assert_eq!(
        assess(&a, 4.0, day(2027, 5, 1)).0,
        ProgressStatus::MovingAway
    );
}

#[test]
fn shares_roll_up_by_summing_parts_not_averaging_percentages() {
    // Commune A: 1 of 1 listed (100%); commune B: 1 of 9 (11%). The district: 2 of 10 = 20%,
    // where the average of percentages would say 55%.
    let (a, b, district) = (UnitId(1), UnitId(2), UnitId(10));
    let groups = HashMap::from([(a, vec![district]), (b, vec![district])]);
    let rolled = roll_up(
        Measure::Share,
        &[(a, Quantity::share(1, 1)), (b, Quantity::share(1, 9))],
        &groups,
    );
    assert_eq!(rolled[&district], Quantity::share(2, 10));
    assert_eq!(rolled[&district].value(), Some(2_000.0));
}

#[test]
fn a_unit_outside_every_group_is_not_counted() {
    let groups = HashMap::from([(UnitId(1), vec![UnitId(10)])]);
    let rolled = roll_up(
        Measure::Count,
        &[
            (UnitId(1), Quantity::count(3)),
            (UnitId(99), Quantity::count(7)),
        ],
        &groups,
    );
    assert_eq!(rolled.len(), 1);
    assert_eq!(rolled[&UnitId(10)], Quantity::count(3));
}

#[test]
fn a_share_of_nothing_has_no_value() {
    assert_eq!(Quantity::share(0, 0).value(), None);
    assert_eq!(Quantity::count(0).value(), Some(0.0));
}

#[test]
fn percent_runs_from_the_start_to_the_target() {
    use Direction::*;
    assert_eq!(percent_of_target(AtLeast, 50.0, 80.0, 65.0), Some(50.0));
    assert_eq!(percent_of_target(AtLeast, 0.0, 10.0, 12.0), Some(120.0));
    assert_eq!(percent_of_target(AtLeast, 5.0, 5.0, 5.0), None);
    // 10% wanted where 86% was already reached: no way to go, no percentage.
    assert_eq!(percent_of_target(AtLeast, 8_571.0, 1_000.0, 8_571.0), None);
    // A reduction from 20 to 10, at 15: half way.
    assert_eq!(percent_of_target(AtMost, 20.0, 10.0, 15.0), Some(50.0));
}
