//! The dossiers' history (`cycle_event`): each generated cycle's moves from the idea to where
//! it stands, so the pipeline report reads stays of realistic lengths. Moves are timed between
//! the cycle's known instants (opened, dossier submitted, result decided); about one dossier in
//! five is returned once for completion.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{DatabaseTransaction, DbErr, Value};
use uuid::Uuid;

use crate::bulk::Bulk;
use crate::rng::Rng;

/// The moves before the dossier is submitted, in order (a re-rating makes only the last).
const BEFORE_SUBMISSION: [&str; 5] = [
    "idea_registered",
    "idea_accepted",
    "plan_submitted",
    "plan_approved",
    "implementation",
];
/// The moves after the commune's check up to the decision, in order.
const AFTER_CHECK: [&str; 3] = ["awaiting_council", "scored", "result_decided"];

/// Where a generated cycle stands: decided (recognised at the instant) or still before the
/// council.
#[derive(Clone, Copy)]
pub enum Reached {
    Recognised(DateTime<Utc>),
    AwaitingCouncil,
}

/// A cycle whose history is to be written once the cycles are (the events refer to them).
#[derive(Clone, Copy)]
pub struct Cycle {
    pub id: Uuid,
    /// A re-rating starts at implementation (no idea or plan to approve).
    pub re_rating: bool,
    pub opened: DateTime<Utc>,
    pub submitted: DateTime<Utc>,
    pub reached: Reached,
}

/// Writes the moves of every cycle; returns how many.
pub async fn write(
    txn: &DatabaseTransaction,
    rng: &mut Rng,
    cycles: &[Cycle],
    actor: Uuid,
) -> Result<u64, DbErr> {
    let mut events = Bulk::new(
        txn,
        "cycle_event",
        &[
            "id",
            "cycle_id",
            "from_state",
            "to_state",
            "actor_id",
            "reason",
            "at",
            "from_state_since",
        ],
    );
    for cycle in cycles {
        let mut moves: Vec<(&str, DateTime<Utc>, Option<&str>)> = Vec::new();
        let before = if cycle.re_rating {
            &BEFORE_SUBMISSION[BEFORE_SUBMISSION.len() - 1..]
        } else {
            &BEFORE_SUBMISSION[..]
        };
        for (i, state) in before.iter().enumerate() {
            let at = between(cycle.opened, cycle.submitted, i, before.len());
            moves.push((state, at, None));
        }
        moves.push(("dossier_submitted", cycle.submitted, None));
        let mut at = cycle.submitted;
        if rng.chance(0.2) {
            at += Duration::days(rng.between(3, 12));
            moves.push((
                "dossier_returned_for_completion",
                at,
                Some("Bổ sung phiếu kiểm nghiệm chất lượng sản phẩm"),
            ));
            at += Duration::days(rng.between(5, 20));
            moves.push(("dossier_resubmitted", at, None));
        }
        at += Duration::days(rng.between(2, 10));
        moves.push(("commune_checked", at, None));
        match cycle.reached {
            Reached::Recognised(decided) => {
                // The council's steps fall between the check and the decision.
                let decided = decided.max(at + Duration::hours(4));
                for (i, state) in AFTER_CHECK.iter().enumerate() {
                    moves.push((
                        state,
                        between(at, decided, i + 1, AFTER_CHECK.len() + 1),
                        None,
                    ));
                }
                moves.push(("recognised", decided, None));
            }
            Reached::AwaitingCouncil => {
                moves.push((AFTER_CHECK[0], at + Duration::days(rng.between(1, 5)), None));
            }
        }
        let mut from: Option<(&str, DateTime<Utc>)> = None;
        for (to, at, reason) in moves {
            events
                .push(vec![
                    Value::from(rng.uuid_at(at)),
                    cycle.id.into(),
                    from.map(|(state, _)| state.to_string()).into(),
                    to.into(),
                    actor.into(),
                    reason.map(str::to_string).into(),
                    at.into(),
                    from.map(|(_, since)| since).into(),
                ])
                .await?;
            from = Some((to, at));
        }
    }
    events.flush().await?;
    Ok(events.written)
}

/// The `i`-th of `n` instants spread evenly from `from` (i = 0) towards `to`.
fn between(from: DateTime<Utc>, to: DateTime<Utc>, i: usize, n: usize) -> DateTime<Utc> {
    from + (to - from) * i as i32 / n as i32
}
