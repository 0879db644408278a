//! The scoring rules against the real sheets where an independent scorer disagreed: the I.5.a
//! typo and its corrected version, the stop notes, the empty points cells of 1.2 and the
//! advisor's undecided choose-one sections.
// A test binary: its helpers may panic, like the tests themselves.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use ocop_evaluations::{
    CriteriaSheet, NotRatedKind, Selection, Trigger, advise, rate_sheet, score, sheet_rules,
    unanswered, validate,
};

fn sheet(code: &str) -> CriteriaSheet {
    let path = format!(
        "{}/../../data/criteria/26-2026/{code}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn tea_v2() -> CriteriaSheet {
    sheet("corrections/I.5.a.v2")
}

/// Every leaf at its best option (the first alternative of a choose-one), then `changes`.
fn best_but(sheet: &CriteriaSheet, changes: &[(&str, u32)]) -> Selection {
    let mut out = Selection::default();
    for leaf in sheet.leaves() {
        if let Some((node, alt)) = leaf.alternative
            && sheet.find(node).unwrap().children()[0].code != alt
        {
            continue;
        }
        // On equal points the later option: the earlier may tie only by a capped typo.
        let best = (0..leaf.node.options().len())
            .filter_map(|i| Some((leaf.node.option_points(i)?, i)))
            .max();
        if let Some((_, i)) = best {
            out.0.insert(leaf.node.code().to_string(), i as u32);
        }
    }
    for (code, option) in changes {
        out.0.insert(code.to_string(), *option);
    }
    out
}

fn rank(sheet: &CriteriaSheet, selection: &Selection) -> (u32, u8) {
    let summary = score(sheet, selection).unwrap();
    (summary.total, rate_sheet(sheet, &summary).stars)
}

#[test]
fn the_corrected_tea_sheet_changes_only_the_misprinted_option_and_says_why() {
    let (v1, v2) = (sheet("I.5.a"), tea_v2());
    assert!(validate(&v2).is_ok());
    let option =
        |s: &CriteriaSheet, code: &str, i: usize| s.find(code).unwrap().options()[i].clone();
    assert_eq!(option(&v1, "6.1.1", 1).points, Some(11));
    assert_eq!(option(&v2, "6.1.1", 1).points, Some(1));
    let leaves = |s: &CriteriaSheet| -> Vec<(String, Vec<Option<u32>>)> {
        s.leaves()
            .iter()
            .map(|l| {
                let points = l.node.options().iter().map(|o| o.points).collect();
                (l.node.code().to_string(), points)
            })
            .collect()
    };
    let mut expected = leaves(&v1);
    for (code, points) in &mut expected {
        if code == "6.1.1" {
            points[1] = Some(1);
        }
    }
    assert_eq!(leaves(&v2), expected);
    assert_eq!(v1.parts.len(), v2.parts.len());
    let [correction] = v2.corrections.as_slice() else {
        panic!("one correction expected")
    };
    assert_eq!(
        (
            correction.criterion_code.as_str(),
            correction.option_index,
            correction.printed_points,
            correction.corrected_points
        ),
        ("6.1.1", 1, Some(11), Some(1))
    );
    assert!(correction.source.contains("criteria/README.md"));
    assert!(v1.corrections.is_empty());
}

#[test]
fn a_capped_tie_does_not_meet_the_four_star_minimum_on_the_published_tea_sheet() {
    // The published sheet still caps 11 to 2; the option is not "Sạch" all the same.
    let v1 = sheet("I.5.a");
    let selection = best_but(&v1, &[("6.1.1", 1)]);
    assert_eq!(rank(&v1, &selection), (99, 3));
    let summary = score(&v1, &selection).unwrap();
    let result = rate_sheet(&v1, &summary);
    let unmet: Vec<_> = result
        .unmet
        .iter()
        .map(|u| (u.criterion_code.as_str(), u.required_level))
        .collect();
    assert_eq!(unmet, [("6.1.1", 4)]);
}

#[test]
fn the_corrected_tea_sheet_gives_what_the_sheet_gives() {
    let v2 = tea_v2();
    assert_eq!(rank(&v2, &best_but(&v2, &[("6.1.1", 1)])), (98, 3));
    assert_eq!(rank(&v2, &best_but(&v2, &[])).1, 5);
}

#[test]
fn a_zero_on_a_sensory_criterion_of_bottled_water_stops_the_rating() {
    let water = sheet("II.2.a");
    for code in ["6.1", "6.2", "6.3", "6.4"] {
        let selection = best_but(&water, &[(code, 0)]);
        let summary = score(&water, &selection).unwrap();
        let result = rate_sheet(&water, &summary);
        assert_eq!(result.stars, 0, "{code}");
        let reason = result.not_rated.unwrap();
        assert_eq!(reason.kind, NotRatedKind::Stopped);
        assert_eq!(reason.criterion_code.as_deref(), Some("6.4"));
        assert!(reason.rule.contains("0 điểm"), "{}", reason.rule);
    }
    // Above 0 everywhere, the sheet is rated as before.
    assert_eq!(rank(&water, &best_but(&water, &[("6.1", 1)])).1, 5);
    // Unanswered is not 0: a draft is not stopped.
    let mut draft = best_but(&water, &[]);
    draft.0.remove("6.1");
    let summary = score(&water, &draft).unwrap();
    assert!(rate_sheet(&water, &summary).not_rated.is_none());
}

#[test]
fn a_cosmetic_without_a_product_declaration_is_not_rated() {
    let cosmetics = sheet("III.2");
    let summary = score(&cosmetics, &best_but(&cosmetics, &[("6", 0)])).unwrap();
    let result = rate_sheet(&cosmetics, &summary);
    assert_eq!(result.stars, 0);
    assert_eq!(
        result.not_rated.unwrap().criterion_code.as_deref(),
        Some("6")
    );
    assert_eq!(rank(&cosmetics, &best_but(&cosmetics, &[("6", 1)])).1, 5);
}

#[test]
fn notes_on_facts_outside_the_options_are_left_to_the_council() {
    let trigger = |set: &str, code: &str| {
        sheet_rules(&sheet(set))
            .into_iter()
            .find(|r| r.criterion_code == code)
            .unwrap()
    };
    // Unacceptable impurities, a lacking declaration with no option for it, a copied product.
    assert_eq!(trigger("I.1.a", "6.1").trigger, Trigger::Finding);
    assert_eq!(trigger("III.3", "6").trigger, Trigger::Finding);
    let copied = trigger("I.3.a", "2.1");
    assert_eq!(
        (copied.kind, copied.trigger),
        (NotRatedKind::Eliminated, Trigger::Finding)
    );
    assert!(copied.text.contains("Bị loại"));
    // The IP note is printed on an option.
    assert!(trigger("IV.1", "6.2").text.contains("sở hữu trí tuệ"));
    // Nothing chosen triggers them: the best sheet with the lowest impurity option is rated.
    let honey = sheet("I.2.b");
    assert_eq!(rank(&honey, &best_but(&honey, &[("6.1", 0)])).1, 3);
}

#[test]
fn an_empty_points_cell_on_the_first_option_of_1_2_scores_zero() {
    for set in ["I.2.b", "I.3.c", "I.4.b", "I.5.a"] {
        let s = sheet(set);
        assert_eq!(s.find("1.2").unwrap().options()[0].points, None, "{set}");
        let selection = best_but(&s, &[("1.2", 0)]);
        let summary = score(&s, &selection).unwrap();
        assert_eq!(summary.criteria.get("1.2"), Some(&0), "{set}");
        assert!(unanswered(&s, &selection).is_empty(), "{set}");
    }
}

#[test]
fn the_advisor_answers_an_undecided_case_when_that_alone_reaches_five_stars() {
    let tourism = sheet("VI.1");
    let mut selection = best_but(
        &tourism,
        &[
            ("1.3", 2),
            ("1.4", 0),
            ("2.2", 0),
            ("3.2", 0),
            ("4.3", 0),
            ("5.2", 0),
            ("5.3", 0),
            ("11", 0),
            ("17", 0),
            ("9.a", 0),
        ],
    );
    selection.0.remove("8.a");
    assert_eq!(rank(&tourism, &selection), (87, 4));
    let advice = advise(&tourism, &selection).unwrap();
    assert_eq!(advice.undecided_choices, ["8"]);
    let plan = advice.next_level.unwrap();
    let changes: Vec<_> = plan
        .changes
        .iter()
        .map(|c| (c.criterion_code.as_str(), c.to_option))
        .collect();
    assert_eq!(changes, [("8.a", 1)]);
    assert_eq!((plan.total_after, plan.target_stars), (90, 5));
}

#[test]
fn the_advisor_lifts_a_stop_before_anything_else() {
    let water = sheet("II.2.a");
    let selection = best_but(&water, &[("6.1", 0)]);
    let advice = advise(&water, &selection).unwrap();
    assert_eq!(advice.current.stars, 0);
    let plan = advice.next_level.unwrap();
    assert_eq!(plan.target_stars, 5);
    assert_eq!(plan.changes.len(), 1);
    assert_eq!(plan.changes[0].criterion_code, "6.1");
    assert!(plan.changes[0].lifts_stop);
    let mut after = selection.clone();
    after.0.insert("6.1".into(), plan.changes[0].to_option);
    assert_eq!(rank(&water, &after).1, 5);
}
