use super::*;
use crate::test_sheets::{best_of_small, sel, small};

fn errors(selection: &Selection) -> Vec<(String, SelectionErrorCode)> {
    score(&small(), selection)
        .unwrap_err()
        .into_iter()
        .map(|e| (e.criterion_code, e.code))
        .collect()
}

#[test]
fn an_empty_selection_scores_zero_everywhere() {
    let summary = score(&small(), &Selection::default()).unwrap();
    assert_eq!(summary.total, 0);
    assert!(summary.parts.iter().all(|p| p.points == 0));
    assert!(summary.criteria.is_empty());
}

#[test]
fn the_best_options_score_99_because_the_unprinted_criterion_cannot_score() {
    let summary = score(&small(), &best_of_small()).unwrap();
    assert_eq!(summary.total, 99);
    let parts: Vec<_> = summary
        .parts
        .iter()
        .map(|p| (p.code.as_str(), p.points))
        .collect();
    assert_eq!(parts, [("A", 40), ("B", 24), ("C", 35)]);
}

#[test]
fn subtotals_add_up_by_section_and_part() {
    let summary = score(
        &small(),
        &sel(&[("1.1", 1), ("1.2", 1), ("2", 1), ("5.1.2", 1)]),
    )
    .unwrap();
    let a = &summary.parts[0];
    let sections: Vec<_> = a
        .sections
        .iter()
        .map(|s| (s.code.as_str(), s.points, s.max_points))
        .collect();
    assert_eq!(sections, [("1", 9, 20), ("2", 10, 20)]);
    assert_eq!(a.points, 19);
    assert_eq!(summary.parts[2].sections[1].points, 2);
    assert_eq!(summary.total, 21);
}

#[test]
fn a_printed_typo_is_capped_at_the_leaf_maximum_and_reported() {
    let summary = score(&small(), &sel(&[("5.1.1", 2)])).unwrap();
    assert_eq!(summary.criteria["5.1.1"], 12);
    assert_eq!(summary.total, 12);
    assert_eq!(summary.capped, ["5.1.1"]);
}

#[test]
fn choosing_inside_one_alternative_says_which_case_applies() {
    let summary = score(&small(), &sel(&[("4.b", 0)])).unwrap();
    assert_eq!(
        summary.alternatives.get("4").map(String::as_str),
        Some("4.b")
    );
    assert_eq!(summary.parts[2].sections[0].points, 5);
}

#[test]
fn choosing_in_two_alternatives_of_a_choose_one_section_is_refused() {
    assert_eq!(
        errors(&sel(&[("4.a", 1), ("4.b", 0)])),
        [("4".to_string(), SelectionErrorCode::TwoAlternatives)]
    );
}

#[test]
fn an_unknown_code_is_refused_by_name() {
    assert_eq!(
        errors(&sel(&[("9.9", 0)])),
        [("9.9".to_string(), SelectionErrorCode::UnknownCriterion)]
    );
}

#[test]
fn a_section_or_parent_criterion_cannot_be_chosen_directly() {
    assert_eq!(
        errors(&sel(&[("5.1", 0)])),
        [("5.1".to_string(), SelectionErrorCode::NotALeaf)]
    );
    assert_eq!(
        errors(&sel(&[("1", 0)])),
        [("1".to_string(), SelectionErrorCode::NotALeaf)]
    );
}

#[test]
fn an_option_index_out_of_range_is_refused() {
    assert_eq!(
        errors(&sel(&[("1.2", 3)])),
        [("1.2".to_string(), SelectionErrorCode::OptionOutOfRange)]
    );
}

#[test]
fn a_first_option_whose_points_cell_is_empty_scores_zero() {
    let summary = score(&small(), &sel(&[("5.1.2", 0)])).unwrap();
    assert_eq!(summary.criteria.get("5.1.2"), Some(&0));
    assert!(!unanswered(&small(), &sel(&[("5.1.2", 0)])).contains(&"5.1.2".to_string()));
}

#[test]
fn an_empty_points_cell_further_down_cannot_be_chosen() {
    let mut sheet = small();
    let Some(leaf) = sheet.parts[2].sections[1].criteria[0].children.get_mut(1) else {
        panic!("5.1.2 moved")
    };
    assert_eq!(leaf.code, "5.1.2");
    leaf.options[1].points = None;
    let got = check_selection(&sheet, &sel(&[("5.1.2", 1)])).unwrap_err();
    assert_eq!(got[0].code, SelectionErrorCode::OptionWithoutPoints);
    assert!(check_selection(&sheet, &sel(&[("5.1.2", 0)])).is_ok());
}

#[test]
fn a_criterion_without_options_cannot_be_chosen() {
    assert_eq!(
        errors(&sel(&[("3.3", 0)])),
        [("3.3".to_string(), SelectionErrorCode::NoOptions)]
    );
}

#[test]
fn all_bad_choices_are_reported_at_once_in_sheet_order() {
    let got = errors(&sel(&[
        ("5.1.2", 9),
        ("1.2", 7),
        ("4.a", 0),
        ("4.b", 1),
        ("zz", 0),
    ]));
    let codes: Vec<_> = got.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["1.2", "4", "5.1.2", "zz"]);
}

#[test]
fn selection_errors_become_validation_errors_on_bracketed_fields() {
    let err = into_domain_error(score(&small(), &sel(&[("1.2", 9)])).unwrap_err());
    let DomainError::Validation(fields) = err else {
        panic!("expected validation")
    };
    assert_eq!(fields[0].field, "choices[1.2]");
    assert_eq!(fields[0].code, "option_out_of_range");
}

#[test]
fn a_selection_travels_as_a_plain_json_object() {
    let selection = sel(&[("1.1", 2), ("4.a", 1)]);
    let json = serde_json::to_string(&selection).unwrap();
    assert_eq!(json, r#"{"1.1":2,"4.a":1}"#);
    assert_eq!(serde_json::from_str::<Selection>(&json).unwrap(), selection);
}

#[test]
fn unanswered_lists_leaves_to_answer_and_undecided_choices_once() {
    let sheet = small();
    let missing = unanswered(&sheet, &sel(&[("1.1", 0), ("5.1.1", 1)]));
    // 3.3 has nothing to choose; section 4 has no alternative chosen yet.
    assert_eq!(missing, ["1.2", "2", "3.1", "3.2", "4", "5.1.2"]);
    let missing = unanswered(&sheet, &sel(&[("4.b", 1)]));
    assert!(
        missing.iter().all(|c| c != "4" && c != "4.a" && c != "4.b"),
        "{missing:?}"
    );
    assert!(unanswered(&sheet, &best_of_small()).is_empty());
}
