//! What each move needs beyond the role.

use super::*;

#[test]
fn every_return_needs_a_reason() {
    let returns = [
        (S::IdeaRegistered, S::IdeaReturned, Role::CommuneOfficer),
        (S::PlanSubmitted, S::IdeaAccepted, Role::CommuneOfficer),
        (
            S::DossierSubmitted,
            S::DossierReturnedForCompletion,
            Role::CommuneOfficer,
        ),
        (
            S::DossierResubmitted,
            S::DossierReturnedForCompletion,
            Role::CommuneOfficer,
        ),
        (
            S::CommuneChecked,
            S::DossierReturnedForCompletion,
            Role::ProvinceOfficer,
        ),
        (
            S::PotentialFiveStars,
            S::NotRecognised,
            Role::ProvinceOfficer,
        ),
    ];
    for (from, to, role) in returns {
        for reason in [None, Some("   ".to_string())] {
            let ctx = TransitionContext {
                reason,
                ..ready(from, to)
            };
            let err = transition(from, to, role, &ctx).unwrap_err();
            assert_eq!(
                codes(err),
                pairs(&[("reason", "required")]),
                "{from:?} -> {to:?}"
            );
        }
    }
}

#[test]
fn a_dossier_needs_forms_01_and_02_and_five_samples() {
    let ctx = TransitionContext {
        form_01: false,
        form_02: false,
        samples: 4,
        ..ready(S::Implementation, S::DossierSubmitted)
    };
    for (from, to) in [
        (S::Implementation, S::DossierSubmitted),
        (S::DossierReturnedForCompletion, S::DossierResubmitted),
    ] {
        let err = transition(from, to, Role::Producer, &ctx).unwrap_err();
        let expected = [
            ("form_01", "required"),
            ("form_02", "required"),
            ("samples", "too_few"),
        ];
        assert_eq!(codes(err), pairs(&expected));
    }
}

#[test]
fn community_tourism_files_no_samples() {
    let ctx = TransitionContext {
        product_set: "VI.1".into(),
        samples: 0,
        ..ready(S::Implementation, S::DossierSubmitted)
    };
    assert_eq!(
        transition(S::Implementation, S::DossierSubmitted, Role::Producer, &ctx).unwrap(),
        S::DossierSubmitted
    );
}

#[test]
fn the_commune_check_needs_form_03_and_a_plan_needs_the_plan() {
    let ctx = TransitionContext {
        form_03: false,
        ..ready(S::DossierSubmitted, S::CommuneChecked)
    };
    let err = transition(
        S::DossierSubmitted,
        S::CommuneChecked,
        Role::CommuneOfficer,
        &ctx,
    )
    .unwrap_err();
    assert_eq!(codes(err), pairs(&[("form_03", "required")]));
    let ctx = TransitionContext {
        business_plan: false,
        ..ready(S::IdeaAccepted, S::PlanSubmitted)
    };
    let err = transition(S::IdeaAccepted, S::PlanSubmitted, Role::Producer, &ctx).unwrap_err();
    assert_eq!(codes(err), pairs(&[("business_plan", "required")]));
}

#[test]
fn only_the_chair_closes_scoring_and_records_the_result() {
    for (from, to) in [
        (S::AwaitingCouncil, S::Scored),
        (S::Scored, S::ResultDecided),
    ] {
        let ctx = TransitionContext {
            acting_as_chair: false,
            ..ready(from, to)
        };
        let err = transition(from, to, Role::CouncilMember, &ctx).unwrap_err();
        assert!(matches!(
            err,
            DomainError::Forbidden {
                reason: "council_chair_only"
            }
        ));
    }
}

#[test]
fn scoring_closes_only_with_sheets_and_a_result_is_a_result() {
    let ctx = TransitionContext {
        member_sheets: 0,
        ..ready(S::AwaitingCouncil, S::Scored)
    };
    let err = transition(S::AwaitingCouncil, S::Scored, Role::CouncilMember, &ctx).unwrap_err();
    assert_eq!(codes(err), pairs(&[("member_sheets", "required")]));
    let ctx = TransitionContext {
        stars: None,
        average: None,
        ..ready(S::Scored, S::ResultDecided)
    };
    let err = transition(S::Scored, S::ResultDecided, Role::CouncilMember, &ctx).unwrap_err();
    assert_eq!(
        codes(err),
        pairs(&[("stars", "required"), ("average", "required")])
    );
}

#[test]
fn the_province_recognises_three_and_four_stars_only_with_a_decision() {
    let decide = |stars: u8, decision: bool| {
        let ctx = TransitionContext {
            stars: Some(stars),
            recognition_decision: decision,
            ..ready(S::ResultDecided, S::Recognised)
        };
        transition(S::ResultDecided, S::Recognised, Role::ProvinceOfficer, &ctx)
    };
    assert!(decide(3, true).is_ok());
    assert!(decide(4, true).is_ok());
    for stars in [1, 2, 5] {
        let err = decide(stars, true).unwrap_err();
        assert_eq!(
            codes(err),
            pairs(&[("stars", "not_recognised_by_province")]),
            "{stars}"
        );
    }
    assert_eq!(
        codes(decide(4, false).unwrap_err()),
        pairs(&[("recognition_decision", "required")])
    );
}

#[test]
fn only_one_or_two_stars_are_not_recognised_at_province() {
    let ctx = TransitionContext {
        stars: Some(3),
        ..ready(S::ResultDecided, S::NotRecognised)
    };
    let err = transition(
        S::ResultDecided,
        S::NotRecognised,
        Role::ProvinceOfficer,
        &ctx,
    )
    .unwrap_err();
    assert_eq!(codes(err), pairs(&[("stars", "recognisable")]));
}

#[test]
fn ninety_points_or_more_go_to_the_ministry() {
    let forward = |hundredths: i64| {
        let ctx = TransitionContext {
            average: Some(Hundredths(hundredths)),
            ..ready(S::ResultDecided, S::PotentialFiveStars)
        };
        transition(
            S::ResultDecided,
            S::PotentialFiveStars,
            Role::ProvinceOfficer,
            &ctx,
        )
    };
    assert!(forward(9000).is_ok());
    assert!(forward(10_000).is_ok());
    assert_eq!(
        codes(forward(8999).unwrap_err()),
        pairs(&[("average", "below_ninety")])
    );
}

#[test]
fn after_the_ministry_the_province_records_five_stars_or_three_to_four() {
    for stars in [3, 4, 5] {
        let ctx = TransitionContext {
            stars: Some(stars),
            ..ready(S::PotentialFiveStars, S::Recognised)
        };
        assert!(
            transition(
                S::PotentialFiveStars,
                S::Recognised,
                Role::ProvinceOfficer,
                &ctx
            )
            .is_ok()
        );
    }
    let ctx = TransitionContext {
        stars: Some(2),
        ..ready(S::PotentialFiveStars, S::Recognised)
    };
    let err = transition(
        S::PotentialFiveStars,
        S::Recognised,
        Role::ProvinceOfficer,
        &ctx,
    )
    .unwrap_err();
    assert_eq!(codes(err), pairs(&[("stars", "not_recognisable")]));
}

#[test]
fn an_illegal_move_lists_what_the_role_may_do_from_there() {
    let err = transition(
        S::DossierSubmitted,
        S::Recognised,
        Role::CommuneOfficer,
        &ready(S::DossierSubmitted, S::Recognised),
    )
    .unwrap_err();
    let DomainError::InvalidTransition { from, to, allowed } = err else {
        panic!("expected invalid transition")
    };
    assert_eq!(
        (from.as_str(), to.as_str()),
        ("dossier_submitted", "recognised")
    );
    assert_eq!(
        allowed,
        ["dossier_returned_for_completion", "commune_checked"]
    );
}

#[test]
fn a_result_not_rated_is_scored_without_sheets_and_never_forwarded_at_ninety() {
    let found = TransitionContext {
        member_sheets: 0,
        not_rated: true,
        ..ready(S::AwaitingCouncil, S::Scored)
    };
    assert!(transition(S::AwaitingCouncil, S::Scored, Role::CouncilMember, &found).is_ok());
    let stopped = TransitionContext {
        stars: Some(0),
        not_rated: true,
        ..ready(S::ResultDecided, S::PotentialFiveStars)
    };
    let err = transition(
        S::ResultDecided,
        S::PotentialFiveStars,
        Role::ProvinceOfficer,
        &stopped,
    )
    .unwrap_err();
    assert_eq!(codes(err), [("stars".to_string(), "not_rated".to_string())]);
    let refused = TransitionContext {
        stars: Some(0),
        not_rated: true,
        ..ready(S::ResultDecided, S::NotRecognised)
    };
    assert!(
        transition(
            S::ResultDecided,
            S::NotRecognised,
            Role::ProvinceOfficer,
            &refused
        )
        .is_ok()
    );
}
