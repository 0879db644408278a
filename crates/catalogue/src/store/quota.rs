//! Request quotas of the public paths: a fixed one-minute window per caller (`key:<id>` or
//! `ip:<address>`), counted in `api_quota` so that every API process behind a load balancer adds
//! to the same count and the limit holds across them.
//!
//! The count is one atomic upsert on the primary (the precedent is `count_attempt` in
//! ocop-core's sessions store): an operational counter, not a domain change, so it bypasses the
//! change helper. To keep the hot path off the database, a process takes a *lease* of several
//! requests at a time (the count grows by the lease) and serves them from memory. A lease is
//! only ever granted out of what the count leaves under the limit, so the requests granted by
//! all processes together never exceed it; what a process leased and did not serve before the
//! window closes is lost, so a caller may be UNDER-served, never over-served. A process fetches
//! one lease at a time per caller (the caller's other requests wait for it and share it), and
//! leases are small (a hundredth of the limit, at most 1,000, and a single request for limits
//! under 200), so the loss is at most about 1% of the limit per process and window, and a caller
//! at thousands of requests a second fetches a few leases a second, not hundreds (each is a
//! commit on the primary that the caller's requests wait for).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use ocop_core::{DomainError, DomainResult};
use sea_orm::{ConnectionTrait, Statement};

/// The window's length.
pub const WINDOW_SECONDS: i64 = 60;
const WINDOW: TimeDelta = TimeDelta::seconds(WINDOW_SECONDS);
/// How long old windows are kept before a process that opens a new window deletes them.
const KEEP_WINDOWS_FOR: TimeDelta = TimeDelta::hours(1);
/// The largest lease a process takes at once.
const MAX_LEASE: i64 = 1_000;

/// Adds `$3` to the caller's count of the window and answers the count after it. One
/// statement, so concurrent processes never lose an increment. `excluded.used` is the `$3` of
/// the row that was not inserted (on both databases).
const TAKE: &str = r#"
INSERT INTO api_quota (bucket, window_start, used) VALUES ($1, $2, $3)
ON CONFLICT (bucket, window_start) DO UPDATE SET used = api_quota.used + excluded.used
RETURNING used
"#;

const FORGET_BEFORE: &str = "DELETE FROM api_quota WHERE window_start < $1";

/// The answer for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    pub allowed: bool,
    /// The requests per window.
    pub limit: i64,
    /// What the caller may still ask for in this window (as far as this process knows).
    pub remaining: i64,
    /// Seconds until the window closes (1 to 60).
    pub reset_seconds: i64,
}

/// The requests a lease holds, per window and bucket; at most one window's worth of buckets.
#[derive(Debug, Default)]
pub struct QuotaLeases {
    state: Mutex<Leases>,
}

#[derive(Debug, Default)]
struct Leases {
    window: Option<DateTime<Utc>>,
    /// Each bucket's lease behind an async lock: the requests of one caller in one process
    /// fetch one lease at a time and share it, instead of each taking a lease of its own and
    /// leaving their remainders unused.
    buckets: HashMap<String, Arc<tokio::sync::Mutex<Lease>>>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Lease {
    /// Requests leased and not yet served.
    left: i64,
    /// The window's count as last read from the database.
    used: i64,
}

/// The window holding `now`.
pub fn window_start(now: DateTime<Utc>) -> DateTime<Utc> {
    now.duration_trunc(WINDOW).unwrap_or(now)
}

/// Seconds from `now` to the end of its window, rounded up.
fn reset_seconds(now: DateTime<Utc>) -> i64 {
    let end = window_start(now) + WINDOW;
    let micros = (end - now).num_microseconds().unwrap_or(0);
    (micros + 999_999) / 1_000_000
}

/// How many requests a process leases at once under `limit`.
pub fn lease_size(limit: i64) -> i64 {
    (limit / 100).clamp(1, MAX_LEASE)
}

impl QuotaLeases {
    /// Takes one request of `bucket`'s `limit` in the window holding `now`; `db` must be the
    /// primary. Refused requests are not counted once the window is known to be used up.
    pub async fn take<C: ConnectionTrait>(
        &self,
        db: &C,
        bucket: &str,
        limit: i64,
        now: DateTime<Utc>,
    ) -> DomainResult<Grant> {
        let window = window_start(now);
        let grant = |allowed, remaining: i64| Grant {
            allowed,
            limit,
            remaining: remaining.clamp(0, limit),
            reset_seconds: reset_seconds(now),
        };
        let (lease, opened) = {
            let mut state = self.lock()?;
            let straggler = state
                .window
                .is_some_and(|current| current > window && current - window <= WINDOW);
            if straggler {
                // Read the clock just before another request opened the next window: counted
                // in its own window, without a lease to keep.
                (Arc::default(), false)
            } else {
                let opened = state.window != Some(window);
                if opened {
                    // A new window (or a clock that went back a day, as a fixed day does at
                    // midnight): every lease of the old one is void.
                    state.window = Some(window);
                    state.buckets.clear();
                }
                let lease = state.buckets.entry(bucket.to_string()).or_default();
                (Arc::clone(lease), opened)
            }
        };
        if opened {
            self.forget_old_windows(db, window).await;
        }
        let mut lease = lease.lock().await;
        if lease.left > 0 {
            lease.left -= 1;
            return Ok(grant(true, limit - lease.used + lease.left));
        }
        if lease.used >= limit {
            // Used up by all processes together: refused without counting.
            return Ok(grant(false, 0));
        }
        let block = lease_size(limit);
        let used = count(db, bucket, window, block).await?;
        // What was left under the limit before this lease, and so what of it is granted.
        let granted = (limit - (used - block)).clamp(0, block);
        lease.used = lease.used.max(used);
        if granted == 0 {
            return Ok(grant(false, 0));
        }
        lease.left += granted - 1;
        Ok(grant(true, limit - lease.used + lease.left))
    }

    fn lock(&self) -> DomainResult<std::sync::MutexGuard<'_, Leases>> {
        self.state
            .lock()
            .map_err(|_| DomainError::Internal("quota leases poisoned".into()))
    }

    /// Deletes windows older than an hour: once per window and process, and a failure only
    /// delays it (the rows are bookkeeping).
    async fn forget_old_windows<C: ConnectionTrait>(&self, db: &C, window: DateTime<Utc>) {
        let statement = Statement::from_sql_and_values(
            db.get_database_backend(),
            FORGET_BEFORE,
            [(window - KEEP_WINDOWS_FOR).into()],
        );
        if let Err(e) = db.execute_raw(statement).await {
            log::warn!("api_quota: old windows not deleted: {e}");
        }
    }
}

/// Adds `by` to the window's count of `bucket`; answers the count after it.
async fn count<C: ConnectionTrait>(
    db: &C,
    bucket: &str,
    window: DateTime<Utc>,
    by: i64,
) -> DomainResult<i64> {
    let by = i32::try_from(by).map_err(|_| DomainError::Internal("lease too large".into()))?;
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        TAKE,
        [bucket.into(), window.into(), by.into()],
    );
    let row = db
        .query_one_raw(statement)
        .await?
        .ok_or_else(|| DomainError::Internal("api_quota upsert returned no row".into()))?;
    let used: i32 = row.try_get("", "used")?;
    Ok(i64::from(used))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn windows_are_whole_minutes_and_reset_counts_up_to_their_end() {
        let at = Utc.with_ymd_and_hms(2027, 3, 10, 5, 6, 7).unwrap();
        assert_eq!(
            window_start(at),
            Utc.with_ymd_and_hms(2027, 3, 10, 5, 6, 0).unwrap()
        );
        assert_eq!(reset_seconds(at), 53);
        assert_eq!(reset_seconds(window_start(at)), 60);
        assert_eq!(reset_seconds(at + TimeDelta::milliseconds(500)), 53);
    }

    #[test]
    fn small_limits_lease_one_request_so_they_are_served_exactly() {
        assert_eq!(lease_size(1), 1);
        assert_eq!(lease_size(60), 1);
        assert_eq!(lease_size(199), 1);
        assert_eq!(lease_size(600), 6);
        assert_eq!(lease_size(100_000), MAX_LEASE);
        assert_eq!(lease_size(10_000), 100);
    }
}
