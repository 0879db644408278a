//! The catalogue's last change as one API process last read it: the outbox position of the
//! newest `catalogue_item` event, which the feed's and the facets' ETags are made of. Reading it
//! is one indexed statement, but it is the only statement a cached feed page costs, so it caps
//! the feed's rate on PostgreSQL; a server keeps the value for a moment instead.
//!
//! Stale for at most [`LastChange::new`]'s `hold`, and only towards changes committed by other
//! processes: every commit in this process (any change, through `Change::commit`) makes the next
//! read ask the database again, so a process always serves its own writes. (The api holds
//! nothing when the public reads go to a read replica: a value read there may predate the
//! process's own commits.) Harmless because the
//! feed is a cacheable view that already allows more (`Cache-Control: max-age=60`); a mirror
//! that must be exact follows the changes feed, which reads the outbox every time.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use ocop_core::DomainResult;
use sea_orm::ConnectionTrait;

use super::feed;

/// Commits in this process since it started (every app of a test process shares it, which only
/// makes the memo forget more often).
static COMMITS: AtomicU64 = AtomicU64::new(0);

/// A change committed in this process.
pub(crate) fn note_commit() {
    COMMITS.fetch_add(1, Ordering::SeqCst);
}

#[derive(Debug, Clone, Copy)]
struct Kept {
    position: i64,
    /// [`COMMITS`] before the read that gave it.
    commits: u64,
    read_at: Instant,
}

/// The memo of one server.
#[derive(Debug)]
pub struct LastChange {
    hold: Duration,
    kept: Mutex<Option<Kept>>,
}

impl LastChange {
    /// A memo that trusts a value for `hold` (zero: never, every read asks the database).
    pub fn new(hold: Duration) -> Self {
        Self {
            hold,
            kept: Mutex::new(None),
        }
    }

    /// The last change: kept, or read from `db` and kept.
    pub async fn read<C: ConnectionTrait>(&self, db: &C) -> DomainResult<i64> {
        if let Some(position) = self.fresh() {
            return Ok(position);
        }
        // Counted before the read: a commit during it makes the kept value stale at once.
        let commits = COMMITS.load(Ordering::SeqCst);
        let read_at = Instant::now();
        let position = feed::last_change(db).await?;
        self.keep(Kept {
            position,
            commits,
            read_at,
        });
        Ok(position)
    }

    fn fresh(&self) -> Option<i64> {
        let kept = (*self.kept.lock().unwrap_or_else(PoisonError::into_inner))?;
        let unchanged = kept.commits == COMMITS.load(Ordering::SeqCst);
        (unchanged && kept.read_at.elapsed() < self.hold).then_some(kept.position)
    }

    fn keep(&self, kept: Kept) {
        *self.kept.lock().unwrap_or_else(PoisonError::into_inner) = Some(kept);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept_now(position: i64) -> Kept {
        Kept {
            position,
            commits: COMMITS.load(Ordering::SeqCst),
            read_at: Instant::now(),
        }
    }

    // One test: the commit counter is shared by every test of the process, so the steps that
    // depend on it must not interleave with another test's commits.
    #[test]
    fn a_kept_value_serves_until_a_commit_here_and_never_with_no_hold_or_a_commit_during_its_read()
    {
        let memo = LastChange::new(Duration::from_secs(3600));
        assert_eq!(memo.fresh(), None);
        memo.keep(kept_now(41));
        assert_eq!(memo.fresh(), Some(41));
        note_commit();
        assert_eq!(memo.fresh(), None, "a commit here makes it ask again");

        let never = LastChange::new(Duration::ZERO);
        never.keep(kept_now(7));
        assert_eq!(never.fresh(), None);

        let before = COMMITS.load(Ordering::SeqCst);
        note_commit();
        memo.keep(Kept {
            position: 9,
            commits: before,
            read_at: Instant::now(),
        });
        assert_eq!(memo.fresh(), None, "read while a commit landed");
    }
}
