use super::*;

/// The expected table, written out independently of [`MOVES`]: `from -> to : role`.
const EXPECTED: &str = "
    idea_registered                 -> idea_accepted                   : commune_officer
    idea_registered                 -> idea_returned                   : commune_officer
    idea_returned                   -> idea_registered                 : producer
    idea_accepted                   -> plan_submitted                  : producer
    plan_submitted                  -> plan_approved                   : commune_officer
    plan_submitted                  -> idea_accepted                   : commune_officer
    plan_approved                   -> implementation                  : producer
    implementation                  -> dossier_submitted               : producer
    dossier_submitted               -> dossier_returned_for_completion : commune_officer
    dossier_submitted               -> commune_checked                 : commune_officer
    dossier_returned_for_completion -> dossier_resubmitted             : producer
    dossier_resubmitted             -> dossier_returned_for_completion : commune_officer
    dossier_resubmitted             -> commune_checked                 : commune_officer
    commune_checked                 -> dossier_returned_for_completion : province_officer
    commune_checked                 -> awaiting_council                : province_officer
    awaiting_council                -> scored                          : council_member
    scored                          -> result_decided                  : council_member
    result_decided                  -> recognised                      : province_officer
    result_decided                  -> not_recognised                  : province_officer
    result_decided                  -> potential_five_stars            : province_officer
    potential_five_stars            -> recognised                      : province_officer
    potential_five_stars            -> not_recognised                  : province_officer
";

fn expected() -> Vec<(CycleState, CycleState, Role)> {
    EXPECTED
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let (states, role) = line.split_once(':').unwrap();
            let (from, to) = states.split_once("->").unwrap();
            (
                CycleState::parse(from.trim()).unwrap(),
                CycleState::parse(to.trim()).unwrap(),
                Role::parse(role.trim()).unwrap(),
            )
        })
        .collect()
}

/// A context meeting every requirement of the move `from → to`.
fn ready(from: CycleState, to: CycleState) -> TransitionContext {
    let (stars, average) = match (from, to) {
        (S::ResultDecided, S::NotRecognised) => (2, 4500),
        (S::PotentialFiveStars, S::Recognised) | (_, S::PotentialFiveStars) => (5, 9250),
        _ => (4, 8000),
    };
    TransitionContext {
        reason: Some("thiếu phiếu kiểm nghiệm".into()),
        product_set: "I.6".into(),
        business_plan: true,
        form_01: true,
        form_02: true,
        samples: 5,
        form_03: true,
        acting_as_chair: true,
        member_sheets: 7,
        average: Some(Hundredths(average)),
        stars: Some(stars),
        not_rated: false,
        recognition_decision: true,
    }
}

fn codes(err: DomainError) -> Vec<(String, String)> {
    match err {
        DomainError::Validation(fields) => fields.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected validation, got {other:?}"),
    }
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn every_state_pair_and_role_behaves_as_the_expected_table_says() {
    let table = expected();
    assert_eq!(
        table.len(),
        MOVES.len(),
        "the expected table and MOVES differ in size"
    );
    let mut checked = 0;
    for from in CycleState::ALL {
        for to in CycleState::ALL {
            for role in Role::ALL {
                let got = transition(from, to, role, &ready(from, to));
                let role_moves = table.iter().any(|(_, _, r)| *r == role);
                let edge = table.iter().any(|(f, t, _)| (*f, *t) == (from, to));
                let mine = table.contains(&(from, to, role));
                let case = format!("{} -> {} as {}", from.as_str(), to.as_str(), role.as_str());
                match got {
                    Ok(state) => assert!(mine && state == to, "{case}: unexpectedly allowed"),
                    Err(DomainError::Forbidden { reason }) => {
                        assert!(
                            !mine && (edge || !role_moves),
                            "{case}: unexpectedly forbidden"
                        );
                        assert_eq!(reason, "role", "{case}");
                    }
                    Err(DomainError::InvalidTransition {
                        from: f,
                        to: t,
                        mut allowed,
                    }) => {
                        assert!(!edge && role_moves, "{case}: unexpectedly invalid");
                        assert_eq!((f.as_str(), t.as_str()), (from.as_str(), to.as_str()));
                        let mut want: Vec<String> = table
                            .iter()
                            .filter(|(f, _, r)| *f == from && *r == role)
                            .map(|(_, t, _)| t.as_str().to_string())
                            .collect();
                        want.sort();
                        allowed.sort();
                        assert_eq!(allowed, want, "{case}");
                    }
                    Err(other) => panic!("{case}: unexpected {other:?}"),
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 16 * 16 * 7);
}

#[test]
fn administrators_district_officers_and_viewers_make_no_move() {
    for role in [Role::SystemAdmin, Role::DistrictOfficer, Role::Viewer] {
        for from in CycleState::ALL {
            assert!(allowed_moves(from, role).is_empty(), "{role:?}");
        }
    }
}

#[test]
fn state_names_round_trip_through_text_and_json() {
    for state in CycleState::ALL {
        assert_eq!(CycleState::parse(state.as_str()), Some(state));
        let json = serde_json::to_string(&state).unwrap();
        assert_eq!(json, format!("\"{}\"", state.as_str()));
    }
}

#[test]
fn only_the_recognition_outcomes_are_terminal() {
    let terminal: Vec<_> = CycleState::ALL
        .into_iter()
        .filter(|s| s.is_terminal())
        .collect();
    assert_eq!(terminal, [S::Recognised, S::NotRecognised]);
    for entry in CycleState::ENTRY {
        assert!(!entry.is_terminal());
    }
}

#[test]
fn exactly_the_returns_and_refusals_the_server_checks_need_a_reason() {
    use CycleState as S;
    let expected = [
        (S::IdeaRegistered, S::IdeaReturned),
        (S::PlanSubmitted, S::IdeaAccepted),
        (S::DossierSubmitted, S::DossierReturnedForCompletion),
        (S::DossierResubmitted, S::DossierReturnedForCompletion),
        (S::CommuneChecked, S::DossierReturnedForCompletion),
        (S::PotentialFiveStars, S::NotRecognised),
    ];
    for from in S::ALL {
        for to in S::ALL {
            assert_eq!(
                needs_reason(from, to),
                expected.contains(&(from, to)),
                "{from:?} -> {to:?}"
            );
        }
    }
    // A 1-2 star result is refused on the council's own reasons.
    assert!(!needs_reason(S::ResultDecided, S::NotRecognised));
    // What needs a reason is refused without one.
    for (from, to) in expected {
        let role = MOVES
            .iter()
            .find(|(f, t, _)| *f == from && *t == to)
            .map(|(_, _, roles)| roles[0])
            .unwrap();
        let err = transition(from, to, role, &TransitionContext::default()).unwrap_err();
        assert!(
            format!("{err:?}").contains("reason"),
            "{from:?} -> {to:?}: {err:?}"
        );
    }
}

mod requirements;
