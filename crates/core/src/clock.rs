//! The one clock. Nothing else in the platform reads the system time: handlers, use cases, token
//! expiry and login throttling all ask the [`Clock`] held in the application state, so a demo, a
//! training session or a test can fix the day (`OCOP_TODAY`) and every dated rule follows it.

use chrono::{
    DateTime, DurationRound, FixedOffset, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc,
};

/// Vietnam keeps UTC+7 all year (no daylight saving): deadlines and "in force" are judged by it.
const VIETNAM: FixedOffset = match FixedOffset::east_opt(7 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+7 is a valid offset"),
};

/// Vietnam's offset, for the server's deadlines and the SPA's display alike.
pub fn vietnam() -> FixedOffset {
    VIETNAM
}

/// The calendar day in Vietnam at the instant `at`.
pub fn vietnam_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&vietnam()).date_naive()
}

/// The instant at which the day `day` starts in Vietnam.
pub fn start_of_vietnam_day(day: NaiveDate) -> DateTime<Utc> {
    at_vietnam_time(day, NaiveTime::MIN)
}

fn at_vietnam_time(day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    // A fixed offset has no gaps or folds, so the local time maps to exactly one instant.
    vietnam()
        .from_local_datetime(&day.and_time(time))
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| day.and_time(time).and_utc())
}

/// Where the time comes from: the system's, or the system's time of day on a fixed day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Clock {
    fixed_day: Option<NaiveDate>,
}

impl Clock {
    /// The real time.
    pub const fn system() -> Self {
        Self { fixed_day: None }
    }

    /// Always `day` in Vietnam, at the real time of day. The time keeps running (tokens still
    /// expire, throttling windows still pass) but the day never changes, so a demo seeded on a
    /// fixed day stays on that day however long it runs.
    pub const fn fixed_on(day: NaiveDate) -> Self {
        Self {
            fixed_day: Some(day),
        }
    }

    /// The day this clock is fixed on, if any.
    pub const fn fixed_day(&self) -> Option<NaiveDate> {
        self.fixed_day
    }

    /// The current instant.
    #[allow(clippy::disallowed_methods)] // the one place that reads the system time
    pub fn now(&self) -> DateTime<Utc> {
        // To the microsecond, as PostgreSQL stores it: an instant written and read back, or
        // announced in an event, is the same on both databases.
        let read = Utc::now();
        let real = read
            .duration_trunc(TimeDelta::microseconds(1))
            .unwrap_or(read);
        match self.fixed_day {
            None => real,
            Some(day) => {
                let time_of_day = real.with_timezone(&vietnam()).time();
                at_vietnam_time(day, time_of_day)
            }
        }
    }

    /// Today in Vietnam.
    pub fn today(&self) -> NaiveDate {
        vietnam_day(self.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_fixed_clock_stays_on_its_day_in_vietnam() {
        for d in [
            day(2026, 12, 1),
            day(2028, 2, 29),
            day(2031, 12, 31),
            day(2019, 1, 1),
        ] {
            let clock = Clock::fixed_on(d);
            assert_eq!(clock.today(), d);
            assert_eq!(vietnam_day(clock.now()), d);
            assert_eq!(clock.fixed_day(), Some(d));
        }
    }

    #[test]
    fn the_vietnamese_day_starts_at_17_utc_the_evening_before() {
        let start = start_of_vietnam_day(day(2026, 12, 1));
        assert_eq!(start.to_rfc3339(), "2026-11-30T17:00:00+00:00");
        assert_eq!(vietnam_day(start), day(2026, 12, 1));
        assert_eq!(
            vietnam_day(start - chrono::Duration::seconds(1)),
            day(2026, 11, 30)
        );
    }

    #[test]
    fn the_system_clock_runs() {
        let clock = Clock::system();
        assert_eq!(clock.fixed_day(), None);
        let (a, b) = (clock.now(), clock.now());
        assert!(b >= a);
    }
}
