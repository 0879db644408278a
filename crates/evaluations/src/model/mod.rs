//! Wire types and pure rules of evaluation, shared with the SPA.
//!
//! - [`criteria`]: a Phụ lục II scoring sheet exactly as transcribed, and [`criteria_check`]
//!   which refuses an inconsistent one.
//! - [`instrument`]: the legal instruments (1048/2019, 148/2023, 1489/2025, 26/2026): part
//!   split and which level recognises which stars.
//! - [`scoring`]: a selection of options, its validation and its totals.
//! - [`stars`]: star band, star minimums, the rank of one sheet or of a council.
//! - [`stops`]: the stop and elimination notes, which leave a result without a rank.
//! - [`advisor`]: the fewest changes that reach the next star level.
//! - [`cycle`]: the annual cycle of a product as a state machine with roles; [`editing`]: who
//!   edits which part of the dossier in which state.
//! - [`certificates`] and [`calendar`]: validity, re-rating window, extension, rounds, working days.

pub mod advisor;
pub mod calendar;
pub mod certificate_out;
pub mod certificates;
pub mod council;
pub mod criteria;
pub mod criteria_check;
pub mod cycle;
pub mod dossier;
pub mod editing;
pub mod findings;
pub mod ids;
pub mod instrument;
pub mod library;
pub mod list_sort;
pub mod pipeline;
pub mod points;
pub mod scoring;
pub mod star;
pub mod stars;
pub mod stops;
pub mod tree;

#[cfg(test)]
mod date_properties;

#[cfg(test)]
pub(crate) mod test_sheets;

pub use advisor::{Advice, Change, Improvement, LevelPlan, advise, plan_for_level};
pub use calendar::{
    RoundDeadline, add_working_days, commune_check_due, deadline_in, round_deadline,
};
pub use certificate_out::{
    AlertKind, AlertOut, CertificateOut, CertificateQuery, PublicCertificate, RevocationOut,
    RevokeIn,
};
pub use certificates::{
    CertificateFacts, CertificateState, ReRatingFiling, ReRatingWindow, RevocationGround,
    classify_filing, expired_on, expires_on, extension_limit, re_rating_window, state_on,
};
pub use council::{
    AgendaIn, AgendaItem, CouncilIn, CouncilMemberOut, CouncilPosition, MySheet, RecusalIn,
    RoundIn, RoundOut, RoundQuery, SheetIn, SheetOut, SheetsOut,
};
pub use criteria::{
    ChildrenMode, Correction, CriteriaSetRef, CriteriaSheet, Criterion, DerivedFlags,
    MinStarRequirement, Node, Part, ScoreOption, Section,
};
pub use criteria_check::{Problem, ProblemRule, validate, validate_with};
pub use cycle::{CycleState, TransitionContext, allowed_moves, needs_reason, transition};
pub use dossier::{
    AdviceQuery, AdviceSource, AttachmentKind, AttachmentOut, CouncilResult, CycleEventOut,
    CycleIn, CycleOut, CycleQuery, DecisionIn, DossierPatch, DossierType, Form01, Form03,
    TransitionIn,
};
pub use editing::{DossierPart, may_edit};
pub use findings::{FindingIn, FindingOut, Ground};
pub use ids::{AttachmentId, CertificateId, CycleId, RoundId, SheetId};
pub use instrument::{Instrument, RecognitionLevel};
pub use library::{
    CriteriaSetOut, CriteriaSetQuery, CriteriaSetSummary, EvaluateIn, EvaluationOut, InstrumentDoc,
    InstrumentOut, RecognitionRule, evaluate, instrument_in_force,
};
pub use list_sort::{
    CertificateSort, CertificateSortField, CycleSort, CycleSortField, Direction, RoundSort,
    RoundSortField,
};
pub use pipeline::{CyclePipelineOut, PipelineQuery, StateCountOut};
pub use points::{Hundredths, Points};
pub use scoring::{
    PartScore, ScoreSummary, SectionScore, Selection, SelectionError, SelectionErrorCode,
    check_selection, into_domain_error, score, unanswered,
};
pub use star::{Stars, StarsOutOfRange};
pub use stars::{Minimum, StarResult, UnmetMinimum, band, minimums, rate_council, rate_sheet};
pub use stops::{NotRated, NotRatedKind, SheetRule, Trigger, sheet_rules, stopped_by};

#[cfg(test)]
mod schema_tests {
    use utoipa::openapi::{RefOr, schema::Schema};
    use utoipa::{PartialSchema, ToSchema};

    use super::*;

    /// The schema of `T` and of everything it refers to, as the API's OpenAPI document will
    /// collect them; a recursive type must not recurse forever.
    fn components<T: ToSchema>() -> Vec<(String, RefOr<Schema>)> {
        let mut out = vec![(T::name().to_string(), T::schema())];
        T::schemas(&mut out);
        out
    }

    fn names(list: &[(String, RefOr<Schema>)]) -> Vec<&str> {
        list.iter().map(|(n, _)| n.as_str()).collect()
    }

    #[test]
    fn the_recursive_sheet_describes_itself_without_recursing_forever() {
        let list = components::<CriteriaSheet>();
        let names = names(&list);
        for expected in [
            "CriteriaSheet",
            "Part",
            "Section",
            "Criterion",
            "ScoreOption",
        ] {
            assert!(
                names.contains(&expected),
                "{expected} missing from {names:?}"
            );
        }
        // Points are plain integers, not references to a schema named after a primitive.
        assert!(
            !names
                .iter()
                .any(|n| n.starts_with('u') && n[1..].parse::<u32>().is_ok()),
            "{names:?}"
        );
    }

    #[test]
    fn averages_are_described_as_numbers() {
        let json = serde_json::to_value(Hundredths::schema()).unwrap();
        assert_eq!(json["type"], "number");
    }

    #[test]
    fn every_wire_type_describes_itself() {
        let all = [
            components::<Advice>(),
            components::<StarResult>(),
            components::<ScoreSummary>(),
            components::<Selection>(),
            components::<SelectionError>(),
            components::<Problem>(),
            components::<CycleState>(),
            components::<CertificateFacts>(),
            components::<CertificateState>(),
            components::<RoundDeadline>(),
            components::<CriteriaSetRef>(),
            components::<Instrument>(),
        ];
        for list in all {
            let json =
                serde_json::to_string(&list.iter().map(|(_, s)| s).collect::<Vec<_>>()).unwrap();
            assert!(!json.contains("#/components/schemas/u"), "{json}");
        }
    }
}
