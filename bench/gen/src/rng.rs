//! A small seeded generator (SplitMix64): the same seed gives the same catalogue, and the bench
//! needs no extra dependency for it.

use chrono::{DateTime, Days, NaiveDate, Utc};
use uuid::Uuid;

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// A UUIDv7 stamped at `at`, as the app's ids are (time-ordered, random tail).
    pub fn uuid_at(&mut self, at: DateTime<Utc>) -> Uuid {
        let mut tail = [0u8; 10];
        tail[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        tail[8..].copy_from_slice(&self.next_u64().to_le_bytes()[..2]);
        let millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
        uuid::Builder::from_unix_timestamp_millis(millis, &tail).into_uuid()
    }

    /// A moment during `day` (office hours, Vietnam time ≈ 01:00–10:00 UTC).
    pub fn instant_on(&mut self, day: NaiveDate) -> DateTime<Utc> {
        let seconds = self.between(3_600, 36_000);
        day.and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc() + chrono::Duration::seconds(seconds))
            .unwrap_or_default()
    }

    /// A moment on a day `lo..=hi` days from `day`.
    pub fn instant_within(&mut self, day: NaiveDate, lo: i64, hi: i64) -> DateTime<Utc> {
        let offset = self.between(lo, hi);
        self.instant_on(add_days(day, offset))
    }
}

pub fn add_days(day: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        day.checked_add_days(Days::new(n as u64)).unwrap_or(day)
    } else {
        day.checked_sub_days(Days::new(n.unsigned_abs()))
            .unwrap_or(day)
    }
}
