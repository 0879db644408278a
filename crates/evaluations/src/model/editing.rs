//! Who edits which part of a dossier in which state: the one rule the server enforces and the
//! SPA uses to offer its fields and buttons.
//!
//! The producer's side (the producer, or the commune officer helping them) writes the business
//! plan while the idea stands, and the forms, self-assessment, samples and files while the
//! dossier is with them; files may already be gathered once the idea is accepted. The commune
//! officer writes Mẫu 03 while checking.

use ocop_core::Role;
use serde::{Deserialize, Serialize};

use crate::CycleState;

/// A part of the dossier that is edited on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DossierPart {
    BusinessPlan,
    Form01,
    SelfAssessment,
    Samples,
    Attachments,
    Form03,
}

impl DossierPart {
    pub const ALL: [DossierPart; 6] = [
        Self::BusinessPlan,
        Self::Form01,
        Self::SelfAssessment,
        Self::Samples,
        Self::Attachments,
        Self::Form03,
    ];

    /// The field that names the part in a refusal.
    pub fn field(self) -> &'static str {
        match self {
            Self::BusinessPlan => "business_plan",
            Self::Form01 => "form_01",
            Self::SelfAssessment => "self_assessment",
            Self::Samples => "samples",
            Self::Attachments => "file",
            Self::Form03 => "form_03",
        }
    }

    /// The roles that write this part (in the states [`DossierPart::open_in`] allows).
    pub fn written_by(self, role: Role) -> bool {
        match self {
            Self::Form03 => role == Role::CommuneOfficer,
            _ => matches!(role, Role::Producer | Role::CommuneOfficer),
        }
    }

    /// Whether the part may change while the cycle is in `state`.
    pub fn open_in(self, state: CycleState) -> bool {
        use CycleState::*;
        match self {
            Self::BusinessPlan => matches!(state, IdeaRegistered | IdeaReturned | IdeaAccepted),
            Self::Form01 | Self::SelfAssessment | Self::Samples => {
                matches!(
                    state,
                    PlanApproved | Implementation | DossierReturnedForCompletion
                )
            }
            Self::Attachments => matches!(
                state,
                IdeaAccepted | PlanApproved | Implementation | DossierReturnedForCompletion
            ),
            Self::Form03 => matches!(state, DossierSubmitted | DossierResubmitted),
        }
    }
}

/// Whether `role` may edit `part` of a dossier in `state` now.
pub fn may_edit(role: Role, state: CycleState, part: DossierPart) -> bool {
    part.written_by(role) && part.open_in(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_producer_writes_the_plan_only_while_the_idea_stands() {
        for state in CycleState::ALL {
            let expected = matches!(
                state,
                CycleState::IdeaRegistered | CycleState::IdeaReturned | CycleState::IdeaAccepted
            );
            assert_eq!(
                may_edit(Role::Producer, state, DossierPart::BusinessPlan),
                expected,
                "{state:?}"
            );
        }
    }

    #[test]
    fn forms_and_samples_are_open_while_the_dossier_is_with_the_producer() {
        let open = [
            CycleState::PlanApproved,
            CycleState::Implementation,
            CycleState::DossierReturnedForCompletion,
        ];
        for part in [
            DossierPart::Form01,
            DossierPart::SelfAssessment,
            DossierPart::Samples,
        ] {
            for state in CycleState::ALL {
                assert_eq!(
                    part.open_in(state),
                    open.contains(&state),
                    "{part:?} {state:?}"
                );
            }
        }
    }

    #[test]
    fn files_may_be_gathered_from_the_accepted_idea_on() {
        assert!(DossierPart::Attachments.open_in(CycleState::IdeaAccepted));
        assert!(!DossierPart::Attachments.open_in(CycleState::IdeaRegistered));
        assert!(!DossierPart::Attachments.open_in(CycleState::DossierSubmitted));
        assert!(DossierPart::Attachments.open_in(CycleState::DossierReturnedForCompletion));
    }

    #[test]
    fn only_the_commune_officer_writes_form_03_and_only_while_checking() {
        for role in Role::ALL {
            for state in CycleState::ALL {
                let expected = role == Role::CommuneOfficer
                    && matches!(
                        state,
                        CycleState::DossierSubmitted | CycleState::DossierResubmitted
                    );
                assert_eq!(may_edit(role, state, DossierPart::Form03), expected);
            }
        }
    }

    #[test]
    fn no_one_else_edits_the_producers_side() {
        for role in Role::ALL {
            let side = matches!(role, Role::Producer | Role::CommuneOfficer);
            for part in DossierPart::ALL
                .into_iter()
                .filter(|p| *p != DossierPart::Form03)
            {
                assert_eq!(part.written_by(role), side, "{role:?} {part:?}");
            }
        }
    }
}
