//! The retry schedule of the Standard Webhooks specification (at once, 5 s, 5 min, 30 min, 2 h,
//! 5 h, 10 h, 14 h, 20 h, 24 h), with a jitter drawn from the message id.

use chrono::TimeDelta;
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

#[cfg(test)]
mod tests {
    use super::*;

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
