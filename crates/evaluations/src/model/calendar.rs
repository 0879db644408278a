//! Evaluation rounds and working-day deadlines.
//!
//! Rounds of 26/2026 (Art. 5): the province decides before 30/6 on dossiers the commune
//! forwarded before 30/4, and before 30/12 on those forwarded before 30/10; the ministry decides
//! before 30/9 on dossiers the province forwarded before 30/7, and before 30/3 on those
//! forwarded before 30/1. "Before" (trước ngày) is strict on both sides: a dossier forwarded on
//! 30/4 itself misses the first provincial round, and `decide_before` is the first day that is
//! too late. A dossier forwarded after the year's last cut-off falls into the first round of
//! the next year. Extra rounds allowed by the council's rules are not modelled: they only add
//! earlier deadlines. Earlier instruments fixed no national calendar.
//!
//! Working days: Monday to Friday, less the public holidays and compensatory days off the
//! caller passes (Vietnam's holidays follow the lunar calendar and are announced yearly, so
//! they are data). The day of receipt is not counted.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{Instrument, RecognitionLevel};

/// Working days the commune has to check a dossier and issue Mẫu 03 (Art. 7).
pub const COMMUNE_CHECK_WORKING_DAYS: u32 = 15;

/// The round a forwarded dossier falls into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RoundDeadline {
    pub level: RecognitionLevel,
    /// The round's cut-off: dossiers forwarded before this day are in it.
    pub forwarded_before: NaiveDate,
    /// The decision must be made before this day.
    pub decide_before: NaiveDate,
}

/// A day of the year, (month, day).
pub type MonthDay = (u32, u32);

/// (forwarded before, decide before), in calendar order of the cut-off.
fn rounds(instrument: Instrument, level: RecognitionLevel) -> &'static [(MonthDay, MonthDay)] {
    match (instrument, level) {
        (Instrument::Qd26Of2026, RecognitionLevel::Province) => {
            &[((4, 30), (6, 30)), ((10, 30), (12, 30))]
        }
        (Instrument::Qd26Of2026, RecognitionLevel::Central) => {
            &[((1, 30), (3, 30)), ((7, 30), (9, 30))]
        }
        _ => &[],
    }
}

/// The round deadline for a dossier forwarded on `forwarded_on` to `level`; `None` where the
/// instrument sets no calendar for that level.
pub fn round_deadline(
    instrument: Instrument,
    level: RecognitionLevel,
    forwarded_on: NaiveDate,
) -> Option<RoundDeadline> {
    deadline_in(rounds(instrument, level), level, forwarded_on)
}

/// The round deadline from a calendar of (forwarded before, decide before) pairs in calendar
/// order of the cut-off; `None` for an empty calendar.
pub fn deadline_in(
    table: &[(MonthDay, MonthDay)],
    level: RecognitionLevel,
    forwarded_on: NaiveDate,
) -> Option<RoundDeadline> {
    let year = forwarded_on.year();
    let at = |y: i32, (m, d): (u32, u32)| NaiveDate::from_ymd_opt(y, m, d);
    for y in [year, year + 1] {
        for &(cutoff, decide) in table {
            let forwarded_before = at(y, cutoff)?;
            if forwarded_on < forwarded_before {
                return Some(RoundDeadline {
                    level,
                    forwarded_before,
                    decide_before: at(y, decide)?,
                });
            }
        }
    }
    None
}

/// The `days`-th working day after `start`.
pub fn add_working_days(start: NaiveDate, days: u32, days_off: &[NaiveDate]) -> NaiveDate {
    let mut day = start;
    let mut left = days;
    while left > 0 {
        let Some(next) = day.checked_add_days(Days::new(1)) else {
            return NaiveDate::MAX;
        };
        day = next;
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        if !weekend && !days_off.contains(&day) {
            left -= 1;
        }
    }
    day
}

/// The last day for the commune's check of a dossier received on `received_on`.
pub fn commune_check_due(received_on: NaiveDate, days_off: &[NaiveDate]) -> NaiveDate {
    add_working_days(received_on, COMMUNE_CHECK_WORKING_DAYS, days_off)
}

#[cfg(test)]
mod tests {
    use super::*;
    use RecognitionLevel::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn deadline(level: RecognitionLevel, on: NaiveDate) -> (NaiveDate, NaiveDate) {
        let r = round_deadline(Instrument::Qd26Of2026, level, on).unwrap();
        assert_eq!(r.level, level);
        (r.forwarded_before, r.decide_before)
    }

    #[test]
    fn a_dossier_forwarded_before_30_april_is_decided_before_30_june() {
        assert_eq!(
            deadline(Province, d(2026, 1, 1)),
            (d(2026, 4, 30), d(2026, 6, 30))
        );
        assert_eq!(
            deadline(Province, d(2026, 4, 29)),
            (d(2026, 4, 30), d(2026, 6, 30))
        );
    }

    #[test]
    fn a_dossier_forwarded_on_30_april_waits_for_the_december_round() {
        assert_eq!(
            deadline(Province, d(2026, 4, 30)),
            (d(2026, 10, 30), d(2026, 12, 30))
        );
        assert_eq!(
            deadline(Province, d(2026, 10, 29)),
            (d(2026, 10, 30), d(2026, 12, 30))
        );
    }

    #[test]
    fn a_dossier_forwarded_from_30_october_falls_into_next_years_june_round() {
        assert_eq!(
            deadline(Province, d(2026, 10, 30)),
            (d(2027, 4, 30), d(2027, 6, 30))
        );
        assert_eq!(
            deadline(Province, d(2026, 12, 31)),
            (d(2027, 4, 30), d(2027, 6, 30))
        );
    }

    #[test]
    fn the_ministry_decides_before_30_march_and_30_september() {
        assert_eq!(
            deadline(Central, d(2027, 1, 29)),
            (d(2027, 1, 30), d(2027, 3, 30))
        );
        assert_eq!(
            deadline(Central, d(2027, 1, 30)),
            (d(2027, 7, 30), d(2027, 9, 30))
        );
        assert_eq!(
            deadline(Central, d(2027, 7, 29)),
            (d(2027, 7, 30), d(2027, 9, 30))
        );
        assert_eq!(
            deadline(Central, d(2027, 7, 30)),
            (d(2028, 1, 30), d(2028, 3, 30))
        );
        assert_eq!(
            deadline(Central, d(2026, 11, 15)),
            (d(2027, 1, 30), d(2027, 3, 30))
        );
    }

    #[test]
    fn earlier_instruments_and_districts_have_no_national_calendar() {
        let on = d(2024, 3, 1);
        assert_eq!(round_deadline(Instrument::Qd148Of2023, Province, on), None);
        assert_eq!(round_deadline(Instrument::Qd1048Of2019, Central, on), None);
        assert_eq!(round_deadline(Instrument::Qd26Of2026, District, on), None);
    }

    #[test]
    fn working_days_skip_weekends_and_days_off_and_not_the_day_of_receipt() {
        // Friday 2026-06-05 + 1 working day = Monday 2026-06-08.
        assert_eq!(add_working_days(d(2026, 6, 5), 1, &[]), d(2026, 6, 8));
        assert_eq!(add_working_days(d(2026, 6, 5), 0, &[]), d(2026, 6, 5));
        // With Monday off, Tuesday.
        assert_eq!(
            add_working_days(d(2026, 6, 5), 1, &[d(2026, 6, 8)]),
            d(2026, 6, 9)
        );
    }

    #[test]
    fn the_commune_has_fifteen_working_days_to_check_a_dossier() {
        // Received Monday 2026-06-01: three full weeks, due Monday 2026-06-22.
        assert_eq!(commune_check_due(d(2026, 6, 1), &[]), d(2026, 6, 22));
        // Received on a Saturday: counting starts Monday.
        assert_eq!(commune_check_due(d(2026, 6, 6), &[]), d(2026, 6, 26));
        // National Day 2 September 2026 (a Wednesday) off: one day later.
        assert_eq!(commune_check_due(d(2026, 8, 31), &[]), d(2026, 9, 21));
        assert_eq!(
            commune_check_due(d(2026, 8, 31), &[d(2026, 9, 2)]),
            d(2026, 9, 22)
        );
    }
}
