//! An entry's version as platforms see it. A write bumps the stored version; the lapse of a
//! certificate by the passing of time is a change platforms see too, with no write: it counts as
//! one more version from the lapse day on. So a consumer that keeps the higher version never
//! takes an older state for a newer one, an expiry included.

use chrono::NaiveDate;

/// The version seen on `today` of an entry stored at `stored` that lapses on `lapses_on`.
pub fn seen_version(stored: i32, lapses_on: NaiveDate, today: NaiveDate) -> i32 {
    if lapses_on <= today {
        stored + 1
    } else {
        stored
    }
}

/// The version to store when a write on `today` changes an entry stored as `old` (version and
/// lapse day), or creates it.
pub fn next_stored_version(old: Option<(i32, NaiveDate)>, today: NaiveDate) -> i32 {
    old.map_or(1, |(version, lapses_on)| {
        seen_version(version, lapses_on, today) + 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, d).unwrap_or_default()
    }

    #[test]
    fn the_lapse_day_adds_one_version_and_a_later_write_goes_past_it() {
        assert_eq!(seen_version(4, day(10), day(9)), 4);
        assert_eq!(seen_version(4, day(10), day(10)), 5);
        assert_eq!(seen_version(4, day(10), day(20)), 5);
        assert_eq!(next_stored_version(Some((4, day(10))), day(9)), 5);
        assert_eq!(next_stored_version(Some((4, day(10))), day(11)), 6);
        assert_eq!(next_stored_version(None, day(11)), 1);
    }
}
