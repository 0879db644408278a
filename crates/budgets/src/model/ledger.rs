//! The ledger arithmetic, pure: how much a budget line has left to allocate, an allocation left
//! to disburse, whether a request fits, what a reversal restores, and the state-budget share of
//! a set of amounts. Money is integer đồng; sums are checked, never wrapping.
//!
//! The invariants the service holds in the database transaction are these functions applied to
//! the totals read (or updated conditionally) there:
//! - allocated to a line ≤ the line's amount in force (revised, else original), unless the
//!   allocation carries an approved over-allocation (who, why, decision);
//! - disbursed from an allocation (disbursements minus reversals) ≤ its amount, always;
//! - a posted disbursement is never edited: a correction is a reversal of the whole entry
//!   (then a new disbursement), and an entry is reversed at most once.

use ocop_core::Dong;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A request beyond what is left: the limit, what was already taken and what was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Overspend {
    /// The line's amount in force, or the allocation's amount.
    #[schema(value_type = i64)]
    pub limit: Dong,
    /// Already allocated from the line, or disbursed from the allocation.
    #[schema(value_type = i64)]
    pub used: Dong,
    #[schema(value_type = i64)]
    pub asked: Dong,
}

impl Overspend {
    /// What is left before the request (never negative).
    pub fn available(&self) -> Dong {
        Dong((self.limit.0 - self.used.0).max(0))
    }

    /// By how much the request goes past the limit.
    pub fn excess(&self) -> Dong {
        Dong(self.used.0.saturating_add(self.asked.0) - self.limit.0)
    }
}

/// A line's amount in force: the revised one once there is a revision (IATI budget type 2),
/// else the original (type 1).
pub fn amount_in_force(original: Dong, revised: Option<Dong>) -> Dong {
    revised.unwrap_or(original)
}

/// Whether taking `asked` more fits under `limit` with `used` already taken. `asked` must be
/// positive (zero and negative amounts are refused by validation before this).
pub fn fits(limit: Dong, used: Dong, asked: Dong) -> Result<(), Overspend> {
    let after = used.0.checked_add(asked.0);
    match after {
        Some(after) if after <= limit.0 => Ok(()),
        _ => Err(Overspend { limit, used, asked }),
    }
}

/// An allocation of `asked` from a line whose amount in force is `line` and of which
/// `allocated` is already allocated. Past the line only with an approved over-allocation.
pub fn check_allocation(
    line: Dong,
    allocated: Dong,
    asked: Dong,
    over_allocation_approved: bool,
) -> Result<(), Overspend> {
    match fits(line, allocated, asked) {
        Err(_) if over_allocation_approved => Ok(()),
        checked => checked,
    }
}

/// A disbursement of `asked` from an allocation of `allocation` of which `disbursed` (net of
/// reversals) is already paid out. No approval lifts this one.
pub fn check_disbursement(allocation: Dong, disbursed: Dong, asked: Dong) -> Result<(), Overspend> {
    fits(allocation, disbursed, asked)
}

/// A revision of a line to `revised` when `allocated` is already allocated from it: it may not
/// leave allocations above the line (they would have needed an approval they do not carry).
pub fn check_revision(revised: Dong, allocated: Dong) -> Result<(), Overspend> {
    if revised.0 >= allocated.0 {
        Ok(())
    } else {
        Err(Overspend {
            limit: revised,
            used: allocated,
            asked: Dong(0),
        })
    }
}

/// What a ledger entry is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Money paid out (chi).
    Disbursement,
    /// The undoing of a whole disbursement (bút toán đảo), posted as its own entry.
    Reversal,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Disbursement => "disbursement",
            Self::Reversal => "reversal",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Disbursement, Self::Reversal]
            .into_iter()
            .find(|k| k.as_str() == text)
    }

    /// The entry's effect on the disbursed total: its amount, or minus it.
    pub fn signed(self, amount: Dong) -> i64 {
        match self {
            Self::Disbursement => amount.0,
            Self::Reversal => -amount.0,
        }
    }
}

/// Net disbursed by a run of entries `(kind, amount)`: disbursements minus reversals. `None` on
/// an overflow no real ledger reaches.
pub fn net_disbursed(entries: impl IntoIterator<Item = (EntryKind, Dong)>) -> Option<Dong> {
    entries
        .into_iter()
        .try_fold(0i64, |sum, (kind, amount)| {
            sum.checked_add(kind.signed(amount))
        })
        .map(Dong)
}

/// Why an entry cannot be reversed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReversible {
    /// It is itself a reversal.
    IsReversal,
    /// It was reversed already.
    AlreadyReversed,
}

/// Whether an entry of `kind`, reversed already or not, may be reversed now.
pub fn check_reversal(kind: EntryKind, already_reversed: bool) -> Result<(), NotReversible> {
    match (kind, already_reversed) {
        (EntryKind::Reversal, _) => Err(NotReversible::IsReversal),
        (_, true) => Err(NotReversible::AlreadyReversed),
        _ => Ok(()),
    }
}

/// A share in per mille (‰) of `part` in `total`, rounded half up; `None` when the total is not
/// positive. Reports give 30/70-type splits in tenths of a percent without floats.
pub fn share_permille(part: Dong, total: Dong) -> Option<i64> {
    if total.0 <= 0 {
        return None;
    }
    let scaled = i128::from(part.0) * 1000;
    let total = i128::from(total.0);
    i64::try_from((scaled * 2 + total) / (total * 2)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BILLION: i64 = 1_000_000_000;

    #[test]
    fn a_request_fits_up_to_the_last_dong_and_not_one_more() {
        assert_eq!(fits(Dong(100), Dong(60), Dong(40)), Ok(()));
        let refused = fits(Dong(100), Dong(60), Dong(41));
        assert_eq!(
            refused,
            Err(Overspend {
                limit: Dong(100),
                used: Dong(60),
                asked: Dong(41)
            })
        );
        let refused = refused.expect_err("refused");
        assert_eq!(refused.available(), Dong(40));
        assert_eq!(refused.excess(), Dong(1));
        // An overflow is refused, not wrapped round into a fit.
        assert!(fits(Dong(i64::MAX), Dong(i64::MAX), Dong(1)).is_err());
    }

    #[test]
    fn an_approved_over_allocation_may_pass_the_line_but_nothing_passes_an_allocation() {
        let line = Dong(76_325 * BILLION / 1000);
        assert!(check_allocation(line, line, Dong(1), false).is_err());
        assert_eq!(check_allocation(line, line, Dong(1), true), Ok(()));
        assert!(check_disbursement(Dong(500), Dong(500), Dong(1)).is_err());
        assert_eq!(check_disbursement(Dong(500), Dong(499), Dong(1)), Ok(()));
    }

    #[test]
    fn the_revised_amount_replaces_the_original_and_may_not_fall_under_what_is_allocated() {
        assert_eq!(amount_in_force(Dong(120), None), Dong(120));
        assert_eq!(amount_in_force(Dong(120), Some(Dong(90))), Dong(90));
        assert_eq!(check_revision(Dong(90), Dong(90)), Ok(()));
        let refused = check_revision(Dong(80), Dong(90));
        assert_eq!(refused.map_err(|o| o.excess()), Err(Dong(10)));
    }

    #[test]
    fn a_reversal_restores_exactly_what_its_disbursement_took() {
        use EntryKind::*;
        let entries = [
            (Disbursement, Dong(300)),
            (Disbursement, Dong(200)),
            (Reversal, Dong(200)),
            (Disbursement, Dong(150)),
        ];
        assert_eq!(net_disbursed(entries), Some(Dong(450)));
        assert_eq!(net_disbursed([]), Some(Dong(0)));
        assert_eq!(net_disbursed([(Disbursement, Dong(i64::MAX)); 2]), None);
        assert_eq!(check_reversal(Disbursement, false), Ok(()));
        assert_eq!(
            check_reversal(Disbursement, true),
            Err(NotReversible::AlreadyReversed)
        );
        assert_eq!(
            check_reversal(Reversal, false),
            Err(NotReversible::IsReversal)
        );
        assert_eq!(EntryKind::parse("reversal"), Some(Reversal));
        assert_eq!(EntryKind::parse("refund"), None);
    }

    #[test]
    fn shares_round_half_up_in_per_mille() {
        // Hà Tĩnh 2018–2020: ≈30% state of ≈484 billion.
        assert_eq!(
            share_permille(Dong(145_200 * BILLION / 1000), Dong(484 * BILLION)),
            Some(300)
        );
        assert_eq!(share_permille(Dong(1), Dong(3)), Some(333));
        assert_eq!(share_permille(Dong(2), Dong(3)), Some(667));
        assert_eq!(share_permille(Dong(1), Dong(2000)), Some(1));
        assert_eq!(share_permille(Dong(5), Dong(0)), None);
        assert_eq!(share_permille(Dong(i64::MAX), Dong(i64::MAX)), Some(1000));
    }
}
