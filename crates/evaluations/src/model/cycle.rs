//! The annual OCOP cycle of one product in one year, as a state machine with roles.
//!
//! No official list of states exists (OCOP.md §2 derives one); this is ours, following the six
//! steps and the 26/2026 procedure (Art. 6–7): idea → business plan → implementation → dossier
//! filed at the commune (Mẫu 01 + Mẫu 02, 5 samples except community tourism) → the commune's
//! check and Mẫu 03 within 15 working days → the provincial council → result → recognition by
//! the province (3–4★) or, at 90 points or more, forwarding to the ministry (5★).
//!
//! Who does what (the one table, [`MOVES`]):
//! - the producer registers and revises, submits plans and dossiers;
//! - the commune officer decides on ideas and plans (districts, which did this before July
//!   2025, are gone) and checks dossiers, issuing Mẫu 03;
//! - the province officer (the provincial OCOP body) takes a checked dossier onto a council's
//!   agenda or sends it back, and records the recognition decisions — the provincial
//!   chairman's, or the ministry's for 5★, since the ministry has no role in this system;
//! - the council chair closes the scoring and records the council's result; other members only
//!   score (their sheets are not cycle moves);
//! - system administrators, the historical district officer and viewers make no move: these
//!   are legal acts of competent bodies, and a data correction is not one of them.
//!
//! A product already in production enters at [`CycleState::Implementation`]; a new idea at
//! [`CycleState::IdeaRegistered`].

use ocop_core::error::FieldErrors;
use ocop_core::{DomainError, DomainResult, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Hundredths;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CycleState {
    IdeaRegistered,
    IdeaReturned,
    IdeaAccepted,
    PlanSubmitted,
    PlanApproved,
    Implementation,
    DossierSubmitted,
    DossierReturnedForCompletion,
    DossierResubmitted,
    /// Complete, checked by the commune, Mẫu 03 issued and forwarded to the province.
    CommuneChecked,
    AwaitingCouncil,
    Scored,
    ResultDecided,
    Recognised,
    NotRecognised,
    /// 90 points or more at the province, forwarded to the ministry (Art. 7).
    PotentialFiveStars,
}

impl CycleState {
    pub const ALL: [CycleState; 16] = [
        Self::IdeaRegistered,
        Self::IdeaReturned,
        Self::IdeaAccepted,
        Self::PlanSubmitted,
        Self::PlanApproved,
        Self::Implementation,
        Self::DossierSubmitted,
        Self::DossierReturnedForCompletion,
        Self::DossierResubmitted,
        Self::CommuneChecked,
        Self::AwaitingCouncil,
        Self::Scored,
        Self::ResultDecided,
        Self::Recognised,
        Self::NotRecognised,
        Self::PotentialFiveStars,
    ];

    /// Where a cycle may begin: a new idea, or a product already made.
    pub const ENTRY: [CycleState; 2] = [Self::IdeaRegistered, Self::Implementation];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::IdeaRegistered => "idea_registered",
            Self::IdeaReturned => "idea_returned",
            Self::IdeaAccepted => "idea_accepted",
            Self::PlanSubmitted => "plan_submitted",
            Self::PlanApproved => "plan_approved",
            Self::Implementation => "implementation",
            Self::DossierSubmitted => "dossier_submitted",
            Self::DossierReturnedForCompletion => "dossier_returned_for_completion",
            Self::DossierResubmitted => "dossier_resubmitted",
            Self::CommuneChecked => "commune_checked",
            Self::AwaitingCouncil => "awaiting_council",
            Self::Scored => "scored",
            Self::ResultDecided => "result_decided",
            Self::Recognised => "recognised",
            Self::NotRecognised => "not_recognised",
            Self::PotentialFiveStars => "potential_five_stars",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// No move leaves it this year.
    pub fn is_terminal(self) -> bool {
        MOVES.iter().all(|(from, _, _)| *from != self)
    }
}

/// What a move needs beyond the role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Needs {
    Nothing,
    /// A return or refusal: the producer must be told why.
    Reason,
    BusinessPlan,
    /// Mẫu 01 + Mẫu 02 + 5 samples (none for community tourism, Art. 6.2.d).
    Dossier,
    /// Mẫu 03, the commune's report.
    Form03,
    /// The chair, and at least one member's sheet.
    ChairWithSheets,
    ChairWithResult,
    /// The decision, for a 3★ or 4★ result.
    ProvinceRecognition,
    /// A result of 1★ or 2★.
    BelowThreeStars,
    /// An average of 90 or more.
    NinetyPoints,
    /// The decision (ministry 5★, or province 3–4★ after a central score below 90).
    CentralOutcome,
}

use CycleState as S;
use Needs as N;
use Role as R;

/// Every legal move: from, to, who, and what it needs. The single source of truth.
pub const MOVES: &[(CycleState, CycleState, &[Role])] = &[
    (S::IdeaRegistered, S::IdeaAccepted, &[R::CommuneOfficer]),
    (S::IdeaRegistered, S::IdeaReturned, &[R::CommuneOfficer]),
    (S::IdeaReturned, S::IdeaRegistered, &[R::Producer]),
    (S::IdeaAccepted, S::PlanSubmitted, &[R::Producer]),
    (S::PlanSubmitted, S::PlanApproved, &[R::CommuneOfficer]),
    // A plan sent back for revision: the idea stands, the producer reworks the plan.
    (S::PlanSubmitted, S::IdeaAccepted, &[R::CommuneOfficer]),
    (S::PlanApproved, S::Implementation, &[R::Producer]),
    (S::Implementation, S::DossierSubmitted, &[R::Producer]),
    (
        S::DossierSubmitted,
        S::DossierReturnedForCompletion,
        &[R::CommuneOfficer],
    ),
    (S::DossierSubmitted, S::CommuneChecked, &[R::CommuneOfficer]),
    (
        S::DossierReturnedForCompletion,
        S::DossierResubmitted,
        &[R::Producer],
    ),
    (
        S::DossierResubmitted,
        S::DossierReturnedForCompletion,
        &[R::CommuneOfficer],
    ),
    (
        S::DossierResubmitted,
        S::CommuneChecked,
        &[R::CommuneOfficer],
    ),
    // The provincial body checks form and content again and may ask for completion.
    (
        S::CommuneChecked,
        S::DossierReturnedForCompletion,
        &[R::ProvinceOfficer],
    ),
    (S::CommuneChecked, S::AwaitingCouncil, &[R::ProvinceOfficer]),
    (S::AwaitingCouncil, S::Scored, &[R::CouncilMember]),
    (S::Scored, S::ResultDecided, &[R::CouncilMember]),
    (S::ResultDecided, S::Recognised, &[R::ProvinceOfficer]),
    (S::ResultDecided, S::NotRecognised, &[R::ProvinceOfficer]),
    (
        S::ResultDecided,
        S::PotentialFiveStars,
        &[R::ProvinceOfficer],
    ),
    (S::PotentialFiveStars, S::Recognised, &[R::ProvinceOfficer]),
    (
        S::PotentialFiveStars,
        S::NotRecognised,
        &[R::ProvinceOfficer],
    ),
];

fn needs(from: CycleState, to: CycleState) -> Needs {
    match (from, to) {
        (_, S::IdeaReturned | S::DossierReturnedForCompletion) => N::Reason,
        (S::PlanSubmitted, S::IdeaAccepted) | (S::PotentialFiveStars, S::NotRecognised) => {
            N::Reason
        }
        (_, S::PlanSubmitted) => N::BusinessPlan,
        (_, S::DossierSubmitted | S::DossierResubmitted) => N::Dossier,
        (_, S::CommuneChecked) => N::Form03,
        (_, S::Scored) => N::ChairWithSheets,
        (_, S::ResultDecided) => N::ChairWithResult,
        (S::ResultDecided, S::Recognised) => N::ProvinceRecognition,
        (S::ResultDecided, S::NotRecognised) => N::BelowThreeStars,
        (_, S::PotentialFiveStars) => N::NinetyPoints,
        (S::PotentialFiveStars, S::Recognised) => N::CentralOutcome,
        _ => N::Nothing,
    }
}

/// The facts a move is checked against, gathered by the caller from the dossier.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransitionContext {
    pub reason: Option<String>,
    /// The product's set: `VI.1` (community tourism) files no samples.
    pub product_set: String,
    pub business_plan: bool,
    pub form_01: bool,
    pub form_02: bool,
    pub samples: u32,
    pub form_03: bool,
    /// The acting council member chairs this council.
    pub acting_as_chair: bool,
    pub member_sheets: u32,
    /// The council's result, once known.
    pub average: Option<Hundredths>,
    pub stars: Option<u8>,
    /// The result is not rated (a stop, an elimination or the chair's finding): it needs no
    /// sheet to be scored, and its points forward nothing to the ministry.
    pub not_rated: bool,
    /// The recognition decision (number, date, signer) is recorded.
    pub recognition_decision: bool,
}

/// The moves `role` may make from `from`, in table order.
pub fn allowed_moves(from: CycleState, role: Role) -> Vec<CycleState> {
    MOVES
        .iter()
        .filter(|(f, _, roles)| *f == from && roles.contains(&role))
        .map(|(_, to, _)| *to)
        .collect()
}

/// Whether the move must say why: a return or a refusal the producer has to understand. Moves
/// that do not exist need nothing.
pub fn needs_reason(from: CycleState, to: CycleState) -> bool {
    MOVES.iter().any(|(f, t, _)| *f == from && *t == to) && needs(from, to) == N::Reason
}

/// Checks a move and returns the new state.
///
/// - `Forbidden` when the role makes no cycle move at all, or the move exists but belongs to
///   another role (or to the chair, and the member is not chairing);
/// - `InvalidTransition` (with the moves this role may make from `from`) when there is no such
///   move;
/// - `Validation` with every missing requirement.
pub fn transition(
    from: CycleState,
    to: CycleState,
    role: Role,
    ctx: &TransitionContext,
) -> DomainResult<CycleState> {
    let forbidden = DomainError::Forbidden { reason: "role" };
    if !MOVES.iter().any(|(_, _, roles)| roles.contains(&role)) {
        return Err(forbidden);
    }
    let Some((_, _, roles)) = MOVES.iter().find(|(f, t, _)| *f == from && *t == to) else {
        return Err(DomainError::InvalidTransition {
            from: from.as_str().to_string(),
            to: to.as_str().to_string(),
            allowed: allowed_moves(from, role)
                .iter()
                .map(|s| s.as_str().to_string())
                .collect(),
        });
    };
    if !roles.contains(&role) {
        return Err(forbidden);
    }
    let need = needs(from, to);
    if matches!(need, N::ChairWithSheets | N::ChairWithResult) && !ctx.acting_as_chair {
        return Err(DomainError::Forbidden {
            reason: "council_chair_only",
        });
    }
    let mut errors = FieldErrors::default();
    let stars = ctx.stars.unwrap_or(0);
    match need {
        N::Nothing => {}
        N::Reason => {
            let given = ctx.reason.as_deref().is_some_and(|r| !r.trim().is_empty());
            errors.check(given, "reason", "required");
        }
        N::BusinessPlan => errors.check(ctx.business_plan, "business_plan", "required"),
        N::Dossier => {
            errors.check(ctx.form_01, "form_01", "required");
            errors.check(ctx.form_02, "form_02", "required");
            if ctx.product_set.trim() != ocop_products::TOURISM_SET {
                errors.check(ctx.samples >= 5, "samples", "too_few");
            }
        }
        N::Form03 => errors.check(ctx.form_03, "form_03", "required"),
        N::ChairWithSheets => errors.check(
            ctx.member_sheets > 0 || ctx.not_rated,
            "member_sheets",
            "required",
        ),
        N::ChairWithResult => {
            errors.check(ctx.stars.is_some(), "stars", "required");
            errors.check(ctx.average.is_some(), "average", "required");
        }
        N::ProvinceRecognition => {
            // 5★ goes to the ministry; 1–2★ get no decision (Art. 4).
            errors.check(
                (3..=4).contains(&stars),
                "stars",
                "not_recognised_by_province",
            );
            errors.check(ctx.recognition_decision, "recognition_decision", "required");
        }
        N::BelowThreeStars => {
            errors.check(ctx.stars.is_some_and(|s| s <= 2), "stars", "recognisable")
        }
        N::NinetyPoints => {
            // Art. 7: products scoring 90 or more are forwarded; the text speaks of the score.
            let ninety = ctx.average.is_some_and(|a| a.reaches(90));
            errors.check(ninety, "average", "below_ninety");
            errors.check(!ctx.not_rated, "stars", "not_rated");
        }
        N::CentralOutcome => {
            errors.check((3..=5).contains(&stars), "stars", "not_recognisable");
            errors.check(ctx.recognition_decision, "recognition_decision", "required");
        }
    }
    errors.into_result().map(|()| to)
}

#[cfg(test)]
mod tests;
