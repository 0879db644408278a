//! The retry schedule of the Standard Webhooks specification (at once, 5 s, 5 min, 30 min, 2 h,
//! 5 h, 10 h, 14 h, 20 h, 24 h), with a jitter drawn from the message id, and a receiver's
//! `Retry-After` honoured.

use chrono::{DateTime, TimeDelta, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The spec's schedule: the wait before each attempt (the first goes at once).
const SCHEDULE_SECONDS: [i64; 10] = [
    0,
    5,
    5 * 60,
    30 * 60,
    2 * 3600,
    5 * 3600,
    10 * 3600,
    14 * 3600,
    20 * 3600,
    24 * 3600,
];

/// How many attempts a message gets.
pub const MAX_ATTEMPTS: i32 = SCHEDULE_SECONDS.len() as i32;

/// The wait after `attempts_made` failed attempts of message `msg_id` before the next one, or
/// `None` when the schedule is done. The spec's delay plus a jitter of up to +10%, drawn from
/// the message id and the attempt (so messages failing together spread out, and a test can
/// compute the exact delay).
pub fn retry_delay(attempts_made: i32, msg_id: Uuid) -> Option<TimeDelta> {
    let index = usize::try_from(attempts_made).ok()?;
    let base_seconds = *SCHEDULE_SECONDS.get(index)?;
    let base = TimeDelta::seconds(base_seconds);
    let digest = Sha256::new()
        .chain_update(msg_id.as_bytes())
        .chain_update(attempts_made.to_be_bytes())
        .finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    // Milliseconds of jitter in [0, base / 10).
    let span_ms = base_seconds * 100;
    let jitter = if span_ms == 0 {
        0
    } else {
        i64::try_from(u64::from_be_bytes(first) % span_ms.unsigned_abs()).unwrap_or(0)
    };
    Some(base + TimeDelta::milliseconds(jitter))
}

/// The longest a receiver's `Retry-After` may push the next attempt: the schedule's own
/// longest wait.
const RETRY_AFTER_CAP_SECONDS: i64 = 24 * 3600;

/// The wait before the next attempt when the receiver asked for `retry_after` (a 429 or 503
/// with `Retry-After`): the schedule's, or the receiver's when longer (capped at a day), so a
/// throttled receiver is not hit again before it said it can take more. `None` when the schedule
/// is done: a receiver cannot extend it.
pub fn next_attempt_delay(
    attempts_made: i32,
    msg_id: Uuid,
    retry_after: Option<TimeDelta>,
) -> Option<TimeDelta> {
    let scheduled = retry_delay(attempts_made, msg_id)?;
    let asked = retry_after
        .unwrap_or_default()
        .min(TimeDelta::seconds(RETRY_AFTER_CAP_SECONDS));
    Some(scheduled.max(asked))
}

/// A `Retry-After` header's wait from `now`: delay-seconds or an HTTP date (RFC 9110 10.2.3).
/// `None` when absent, unreadable or already past.
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<TimeDelta> {
    let value = value.trim();
    let wait = match value.parse::<i64>() {
        // Past the cap it makes no difference; keeps a huge value from overflowing.
        Ok(seconds) => TimeDelta::try_seconds(seconds.min(RETRY_AFTER_CAP_SECONDS + 1))?,
        Err(_) => {
            DateTime::parse_from_rfc2822(value)
                .ok()?
                .with_timezone(&Utc)
                - now
        }
    };
    (wait > TimeDelta::zero()).then_some(wait)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receivers_retry_after_delays_the_next_attempt_but_never_ends_the_schedule_later() {
        let id = Uuid::from_u128(5);
        let now = DateTime::parse_from_rfc3339("2027-03-10T01:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default();
        assert_eq!(parse_retry_after("120", now), Some(TimeDelta::seconds(120)));
        assert_eq!(
            parse_retry_after("Wed, 10 Mar 2027 01:10:00 GMT", now),
            Some(TimeDelta::minutes(10))
        );
        assert_eq!(
            parse_retry_after("Wed, 10 Mar 2027 00:10:00 GMT", now),
            None
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
        // A receiver's absurd value is a long wait, capped, not a crash.
        let huge = parse_retry_after("99999999999999999", now);
        assert!(huge.is_some_and(|w| w > TimeDelta::days(1)), "{huge:?}");
        assert_eq!(next_attempt_delay(1, id, huge), Some(TimeDelta::days(1)));
        // Longer than the schedule's 5 s: the receiver's wait.
        assert_eq!(
            next_attempt_delay(1, id, Some(TimeDelta::seconds(120))),
            Some(TimeDelta::seconds(120))
        );
        // Shorter: the schedule's.
        assert_eq!(
            next_attempt_delay(3, id, Some(TimeDelta::seconds(1))),
            retry_delay(3, id)
        );
        // Capped at a day; and no attempt past the schedule.
        assert_eq!(
            next_attempt_delay(1, id, Some(TimeDelta::days(30))),
            Some(TimeDelta::days(1))
        );
        assert_eq!(
            next_attempt_delay(MAX_ATTEMPTS, id, Some(TimeDelta::seconds(9))),
            None
        );
        assert_eq!(next_attempt_delay(2, id, None), retry_delay(2, id));
    }

    #[test]
    fn retries_follow_the_schedule_with_up_to_ten_percent_jitter() {
        let id = Uuid::from_u128(99);
        assert_eq!(retry_delay(0, id), Some(TimeDelta::zero()));
        let expected = [5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400];
        for (made, base) in (1..).zip(expected) {
            let delay = retry_delay(made, id).unwrap_or_default();
            assert!(delay >= TimeDelta::seconds(base), "{made}: {delay}");
            assert!(
                delay < TimeDelta::seconds(base) * 11 / 10,
                "{made}: {delay}"
            );
            assert_eq!(retry_delay(made, id), Some(delay), "deterministic");
        }
        assert_eq!(retry_delay(MAX_ATTEMPTS, id), None);
        assert_eq!(retry_delay(-1, id), None);
        // Two messages failing together do not come back together.
        assert_ne!(retry_delay(3, id), retry_delay(3, Uuid::from_u128(100)));
    }
}
