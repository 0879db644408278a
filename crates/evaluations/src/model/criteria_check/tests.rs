use serde_json::{Value, json};

use super::*;
use crate::test_sheets::small;

/// The small sheet, changed through its JSON form.
fn mutated(change: impl FnOnce(&mut Value)) -> CriteriaSheet {
    let mut value = serde_json::to_value(small()).unwrap();
    change(&mut value);
    serde_json::from_value(value).unwrap()
}

fn rules(sheet: &CriteriaSheet) -> Vec<(String, ProblemRule)> {
    validate(sheet)
        .unwrap_err()
        .into_iter()
        .map(|p| (p.node, p.rule))
        .collect()
}

fn one(node: &str, rule: ProblemRule) -> Vec<(String, ProblemRule)> {
    vec![(node.to_string(), rule)]
}

#[test]
fn the_small_sheet_is_consistent_despite_its_flagged_anomalies() {
    assert_eq!(validate(&small()), Ok(()));
}

#[test]
fn a_sheet_survives_a_json_round_trip_unchanged() {
    let sheet = small();
    let back: CriteriaSheet =
        serde_json::from_str(&serde_json::to_string(&sheet).unwrap()).unwrap();
    assert_eq!(back, sheet);
}

#[test]
fn an_unknown_instrument_is_refused_unless_its_split_is_given() {
    let sheet = mutated(|v| v["decision"] = json!("7/2030/QĐ-TTg"));
    assert_eq!(rules(&sheet), one("sheet", ProblemRule::UnknownInstrument));
    assert_eq!(
        validate_with(&sheet, &[("A", 40), ("B", 25), ("C", 35)]),
        Ok(())
    );
}

#[test]
fn a_sheet_must_have_its_instruments_part_split() {
    let sheet = mutated(|v| v["decision"] = json!("1048/QĐ-TTg"));
    assert_eq!(rules(&sheet), one("sheet", ProblemRule::PartSplit));
}

#[test]
fn the_printed_total_must_equal_the_sum_of_the_parts() {
    let sheet = mutated(|v| v["total_points"] = json!(99));
    let problems = validate(&sheet).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].rule, ProblemRule::TotalPoints);
    assert_eq!(
        (problems[0].stated, problems[0].computed),
        (Some(99), Some(100))
    );
}

#[test]
fn parts_must_total_100_and_each_part_its_sections() {
    let sheet = mutated(|v| {
        v["parts"][0]["max_points"] = json!(41);
        v["total_points"] = json!(101);
    });
    let got = rules(&sheet);
    assert!(
        got.contains(&("sheet".into(), ProblemRule::PartSplit)),
        "{got:?}"
    );
    assert!(
        got.contains(&("sheet".into(), ProblemRule::PartsTotal)),
        "{got:?}"
    );
    assert!(
        got.contains(&("A".into(), ProblemRule::SectionsSum)),
        "{got:?}"
    );
}

#[test]
fn a_parent_must_equal_the_sum_of_its_children() {
    let sheet = mutated(|v| {
        v["parts"][2]["sections"][1]["criteria"][0]["children"][1]["max_points"] = json!(7)
    });
    let got = rules(&sheet);
    assert!(
        got.contains(&("C:5.1".into(), ProblemRule::ChildrenSum)),
        "{got:?}"
    );
}

#[test]
fn a_choose_one_section_is_worth_its_best_alternative_not_their_sum() {
    // Summing the alternatives (30) would be wrong; 15 is right, as the small sheet shows.
    let sheet = mutated(|v| v["parts"][2]["sections"][0]["max_points"] = json!(30));
    let got = rules(&sheet);
    assert!(
        got.contains(&("C:4".into(), ProblemRule::ChooseOneMax)),
        "{got:?}"
    );
}

#[test]
fn a_choose_one_section_needs_two_alternatives() {
    let sheet = mutated(|v| {
        let alts = v["parts"][2]["sections"][0]["criteria"]
            .as_array_mut()
            .unwrap();
        alts.pop();
    });
    assert_eq!(rules(&sheet), one("C:4", ProblemRule::ChooseOneShape));
}

#[test]
fn a_leaf_maximum_must_equal_its_best_option() {
    let sheet = mutated(|v| {
        v["parts"][1]["sections"][0]["criteria"][0]["options"][2]["points"] = json!(14)
    });
    assert_eq!(rules(&sheet), one("B:3.1", ProblemRule::LeafBestOption));
}

#[test]
fn an_unflagged_option_above_the_maximum_is_refused() {
    let sheet = mutated(|v| {
        v["parts"][1]["sections"][0]["criteria"][0]["options"][2]["points"] = json!(16)
    });
    assert_eq!(rules(&sheet), one("B:3.1", ProblemRule::OptionAboveMax));
}

#[test]
fn a_flagged_typo_above_the_maximum_is_kept_and_counted_at_the_maximum() {
    let sheet = small();
    let typo = sheet.find("5.1.1").unwrap();
    assert_eq!(typo.options()[2].points, Some(13));
    assert_eq!(typo.option_points(2), Some(12));
    // Unflag it and the same sheet is refused.
    let unflagged = mutated(|v| {
        v["parts"][2]["sections"][1]["criteria"][0]["children"][0]["options"][2]["source_anomaly"] =
            Value::Null;
    });
    assert_eq!(
        rules(&unflagged),
        one("C:5.1.1", ProblemRule::OptionAboveMax)
    );
}

#[test]
fn an_empty_points_cell_must_be_flagged() {
    let sheet = mutated(|v| {
        v["parts"][2]["sections"][1]["criteria"][0]["children"][1]["options"][0]["source_anomaly"] =
            Value::Null;
    });
    assert_eq!(
        rules(&sheet),
        one("C:5.1.2", ProblemRule::UnexplainedEmptyPoints)
    );
}

#[test]
fn a_leaf_without_options_must_say_why() {
    let sheet =
        mutated(|v| v["parts"][1]["sections"][0]["criteria"][2]["scoring_note"] = Value::Null);
    assert_eq!(rules(&sheet), one("B:3.3", ProblemRule::LeafWithoutOptions));
}

#[test]
fn a_node_cannot_have_both_options_and_children() {
    let sheet = mutated(|v| {
        v["parts"][2]["sections"][1]["criteria"][0]["options"] =
            json!([{"text": "x", "points": 20}]);
    });
    assert_eq!(rules(&sheet), one("C:5.1", ProblemRule::OptionsAndChildren));
}

#[test]
fn codes_must_be_unique_because_choices_are_addressed_by_code() {
    let sheet = mutated(|v| v["parts"][1]["sections"][0]["criteria"][1]["code"] = json!("3.1"));
    assert_eq!(rules(&sheet), one("B:3.1", ProblemRule::DuplicateCode));
}

#[test]
fn star_markers_are_three_four_or_five() {
    let sheet = mutated(|v| {
        let c = &mut v["parts"][0]["sections"][0]["criteria"][0];
        c["options"][1]["min_star_marker"] = json!(6);
        c["min_star_requirements"] =
            json!({"6": {"option_index": 1, "option_text": "1.1 option 1", "points": 4}});
        c["mandatory"] = json!(false);
    });
    // An invalid marker is not a requirement, so the stated requirements disagree too.
    let expected = [
        ("A:1.1".to_string(), ProblemRule::StarMarker),
        ("A:1.1".to_string(), ProblemRule::StarRequirements),
    ];
    assert_eq!(rules(&sheet), expected);
}

#[test]
fn star_requirements_must_agree_with_the_markers() {
    let sheet = mutated(|v| {
        v["parts"][0]["sections"][0]["criteria"][1]["min_star_requirements"]["4"]["points"] =
            json!(10);
    });
    assert_eq!(rules(&sheet), one("A:1.2", ProblemRule::StarRequirements));
}

#[test]
fn mandatory_means_exactly_a_three_star_marker() {
    let sheet = mutated(|v| v["parts"][0]["sections"][0]["criteria"][1]["mandatory"] = json!(true));
    assert_eq!(rules(&sheet), one("A:1.2", ProblemRule::MandatoryFlag));
}

#[test]
fn star_minimums_inside_a_choose_one_alternative_are_refused() {
    let sheet = mutated(|v| {
        let c = &mut v["parts"][2]["sections"][0]["criteria"][0];
        c["options"][1]["min_star_marker"] = json!(4);
        c["min_star_requirements"] =
            json!({"4": {"option_index": 1, "option_text": "4.a option 1", "points": 15}});
    });
    assert_eq!(
        rules(&sheet),
        one("C:4.a", ProblemRule::MinimumInAlternative)
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let sheet = mutated(|v| {
        v["total_points"] = json!(90);
        v["parts"][1]["sections"][0]["criteria"][2]["scoring_note"] = Value::Null;
        v["parts"][0]["sections"][0]["criteria"][1]["mandatory"] = json!(true);
    });
    assert_eq!(validate(&sheet).unwrap_err().len(), 3);
}
