//! Annual plans (kế hoạch năm) of a unit: the province's and its communes', and those of the
//! districts abolished in 2025, kept readable. A plan is drafted, approved by a decision, and
//! closed when its year is over; only a draft's contents change.

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::{DomainError, DomainResult, UnitId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::{PhaseId, PlanId, word_enum};

word_enum! {
    /// Where a plan stands.
    pub enum PlanState {
        /// Being written; targets and activities may be changed freely.
        Draft = "draft",
        /// Approved by a decision: targets are fixed, activities are carried out and reported.
        Approved = "approved",
        /// The year is over; the plan is a record.
        Closed = "closed",
    }
}

impl PlanState {
    /// The moves a plan may make: forward only, one step at a time, and an approved plan may be
    /// sent back to draft for an amending decision.
    pub fn can_move_to(self, to: PlanState) -> bool {
        matches!(
            (self, to),
            (Self::Draft, Self::Approved)
                | (Self::Approved, Self::Closed)
                | (Self::Approved, Self::Draft)
        )
    }

    pub fn next_states(self) -> Vec<PlanState> {
        PlanState::ALL
            .iter()
            .copied()
            .filter(|to| self.can_move_to(*to))
            .collect()
    }

    /// Whether the targets may still be added, changed or removed.
    pub fn targets_editable(self) -> bool {
        self == Self::Draft
    }

    /// Whether activities may be recorded and reported on (not once the plan is closed).
    pub fn activities_editable(self) -> bool {
        self != Self::Closed
    }
}

/// Checks a move and the facts it needs: approving needs the decision's number and date.
pub fn check_plan_move(
    from: PlanState,
    to: PlanState,
    decision_number: Option<&str>,
    decision_date: Option<NaiveDate>,
) -> DomainResult<()> {
    if !from.can_move_to(to) {
        return Err(DomainError::InvalidTransition {
            from: from.as_str().into(),
            to: to.as_str().into(),
            allowed: from
                .next_states()
                .iter()
                .map(|s| s.as_str().into())
                .collect(),
        });
    }
    if to == PlanState::Approved {
        if decision_number.is_none_or(|n| n.trim().is_empty()) {
            return Err(DomainError::field("decision_number", "required"));
        }
        if decision_date.is_none() {
            return Err(DomainError::field("decision_date", "required"));
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
pub struct PlanIn {
    /// The unit whose plan this is: the province, or a commune (or a historical district).
    pub unit_id: UnitId,
    /// The phase it carries out, if any.
    pub phase_id: Option<PhaseId>,
    #[validate(range(min = 2018, max = 2100))]
    pub year: i32,
    #[validate(length(min = 3, max = 300))]
    pub title: String,
    #[validate(length(max = 4000))]
    pub summary: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
pub struct PlanPatch {
    #[validate(length(min = 3, max = 300))]
    pub title: Option<String>,
    #[validate(length(max = 4000))]
    pub summary: Option<String>,
    pub phase_id: Option<PhaseId>,
}

/// Moves a plan: approve (with its decision), close, or send back to draft.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
pub struct PlanTransitionIn {
    pub to: PlanState,
    #[validate(length(max = 100))]
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PlanOut {
    pub id: PlanId,
    pub unit_id: UnitId,
    pub unit_name: String,
    pub phase_id: Option<PhaseId>,
    pub year: i32,
    pub title: String,
    pub summary: Option<String>,
    pub state: PlanState,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub target_count: i64,
    pub activity_count: i64,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct PlanQuery {
    /// Plans of this unit and the units under it (default: the caller's scope).
    pub unit_id: Option<UnitId>,
    pub year: Option<i32>,
    pub phase_id: Option<PhaseId>,
    pub state: Option<PlanState>,
    #[validate(range(min = 1))]
    pub page: Option<u64>,
    #[validate(range(min = 1, max = 200))]
    pub per_page: Option<u64>,
}

/// The first and last day of a span of calendar years.
pub fn year_span(start_year: i32, end_year: i32) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(start_year, 1, 1).unwrap_or(NaiveDate::MIN);
    let last = NaiveDate::from_ymd_opt(end_year, 12, 31).unwrap_or(NaiveDate::MAX);
    (first, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_moves_forward_and_back_to_draft_only_from_approved() {
        use PlanState::*;
        assert!(Draft.can_move_to(Approved));
        assert!(Approved.can_move_to(Closed));
        assert!(Approved.can_move_to(Draft));
        assert!(!Draft.can_move_to(Closed));
        assert!(!Closed.can_move_to(Draft));
        assert!(!Closed.can_move_to(Approved));
    }

    #[test]
    fn approving_needs_the_decision() {
        let day = NaiveDate::from_ymd_opt(2027, 1, 15);
        assert!(
            check_plan_move(
                PlanState::Draft,
                PlanState::Approved,
                Some("12/QĐ-UBND"),
                day
            )
            .is_ok()
        );
        let missing = check_plan_move(PlanState::Draft, PlanState::Approved, Some(" "), day);
        assert!(
            matches!(missing, Err(DomainError::Validation(f)) if f[0].field == "decision_number")
        );
        let undated = check_plan_move(PlanState::Draft, PlanState::Approved, Some("12"), None);
        assert!(
            matches!(undated, Err(DomainError::Validation(f)) if f[0].field == "decision_date")
        );
        assert!(matches!(
            check_plan_move(PlanState::Closed, PlanState::Approved, Some("1"), day),
            Err(DomainError::InvalidTransition { .. })
        ));
    }
}
