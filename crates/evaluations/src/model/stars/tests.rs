use super::*;
use crate::scoring::{Selection, score};
use crate::test_sheets::{best_of_small, small};

/// The best selection with some leaves moved to other options.
fn best_but(changes: &[(&str, u32)]) -> Selection {
    let mut selection = best_of_small();
    for (code, option) in changes {
        selection.0.insert(code.to_string(), *option);
    }
    selection
}

fn rated(selection: &Selection) -> StarResult {
    let sheet = small();
    rate_sheet(&sheet, &score(&sheet, selection).unwrap())
}

fn council(selections: &[Selection]) -> StarResult {
    let sheet = small();
    let sheets: Vec<_> = selections
        .iter()
        .map(|s| score(&sheet, s).unwrap())
        .collect();
    rate_council(&sheet, &sheets).unwrap()
}

fn unmet(result: &StarResult) -> Vec<(&str, u8)> {
    result
        .unmet
        .iter()
        .map(|u| (u.criterion_code.as_str(), u.required_level))
        .collect()
}

#[test]
fn bands_are_half_open_at_30_50_70_and_90() {
    let cases = [
        (0, 1),
        (2999, 1),
        (3000, 2),
        (4999, 2),
        (5000, 3),
        (6999, 3),
        (7000, 4),
        (8999, 4),
        (9000, 5),
        (10_000, 5),
    ];
    for (hundredths, stars) in cases {
        assert_eq!(
            band(Hundredths(hundredths)),
            stars,
            "{}",
            Hundredths(hundredths)
        );
    }
}

#[test]
fn the_minimums_of_a_sheet_are_its_marked_options_in_sheet_order() {
    let got: Vec<_> = minimums(&small())
        .into_iter()
        .map(|m| (m.criterion_code, m.level, m.option_index, m.points))
        .collect();
    let expected = [
        ("1.1", 3, 1, 4),
        ("1.2", 4, 1, 5),
        ("1.2", 5, 2, 10),
        ("3.2", 3, 1, 3),
    ];
    let expected: Vec<_> = expected
        .into_iter()
        .map(|(c, l, i, p)| (c.to_string(), l, i, p))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn a_product_meeting_every_minimum_gets_its_band() {
    let result = rated(&best_of_small());
    assert_eq!(
        (result.average, result.band_stars, result.stars),
        (Hundredths(9900), 5, 5)
    );
    assert!(result.unmet.is_empty());
    assert!(result.recognisable());
}

#[test]
fn missing_a_three_star_minimum_caps_the_rank_at_two_whatever_the_score() {
    let result = rated(&best_but(&[("3.2", 0)]));
    assert_eq!(
        (result.average, result.band_stars, result.stars),
        (Hundredths(9000), 5, 2)
    );
    assert_eq!(unmet(&result), [("3.2", 3)]);
    assert!(!result.recognisable());
}

#[test]
fn missing_only_a_five_star_minimum_rates_four_stars() {
    let result = rated(&best_but(&[("1.2", 1)]));
    assert_eq!((result.band_stars, result.stars), (5, 4));
    assert_eq!(unmet(&result), [("1.2", 5)]);
}

#[test]
fn missing_a_four_star_minimum_in_the_four_star_band_rates_three_stars() {
    let result = rated(&best_but(&[("1.2", 0)]));
    assert_eq!(
        (result.average, result.band_stars, result.stars),
        (Hundredths(8900), 4, 3)
    );
    // The 5★ minimum of 1.2 lies above the band and is not listed.
    assert_eq!(unmet(&result), [("1.2", 4)]);
}

#[test]
fn unmet_minimums_carry_what_was_required_and_what_was_achieved() {
    let result = rated(&best_but(&[("1.1", 0)]));
    assert_eq!((result.band_stars, result.stars), (4, 2));
    let u = &result.unmet[0];
    assert_eq!(u.criterion_code, "1.1");
    assert_eq!(
        (u.required_level, u.required_option_index, u.required_points),
        (3, 1, 4)
    );
    assert_eq!(u.required_option_text, "1.1 option 1");
    assert_eq!(u.achieved_points, Hundredths(0));
}

#[test]
fn a_higher_scoring_option_than_the_marked_one_meets_the_minimum() {
    for option in [1, 2, 3] {
        let result = rated(&best_but(&[("1.1", option)]));
        assert!(unmet(&result).is_empty(), "option {option}");
    }
}

#[test]
fn an_unanswered_criterion_does_not_meet_its_minimum() {
    let mut selection = best_of_small();
    selection.0.remove("3.2");
    let result = rated(&selection);
    assert_eq!(result.stars, 2);
    assert_eq!(unmet(&result), [("3.2", 3)]);
}

#[test]
fn in_the_one_or_two_star_bands_no_minimum_is_listed() {
    let result = rated(&Selection::default());
    assert_eq!((result.band_stars, result.stars), (1, 1));
    assert!(result.unmet.is_empty());
}

#[test]
fn a_council_is_rated_on_the_average_of_its_members_totals() {
    // 99 + 93 + 89 = 281, average 93.66 (truncated).
    let result = council(&[
        best_of_small(),
        best_but(&[("1.1", 1)]),
        best_but(&[("1.1", 0)]),
    ]);
    assert_eq!(result.average, Hundredths(9366));
    assert_eq!(result.band_stars, 5);
    // 1.1: (10 + 4 + 0) / 3 = 4.66 >= 4, met although one member scored it 0.
    assert_eq!(result.stars, 5);
}

#[test]
fn a_council_minimum_is_judged_on_the_members_average_not_on_a_majority() {
    // Two of three members reach 1.1's 3★ option (4 points), but the average is 2.66.
    let result = council(&[
        best_but(&[("1.1", 1)]),
        best_but(&[("1.1", 1)]),
        best_but(&[("1.1", 0)]),
    ]);
    assert_eq!((result.band_stars, result.stars), (5, 2));
    assert_eq!(unmet(&result), [("1.1", 3)]);
    assert_eq!(result.unmet[0].achieved_points, Hundredths(266));
}

#[test]
fn a_council_average_just_below_a_band_edge_stays_in_the_lower_band() {
    // 90 + 90 + 89 = 269 → 89.66, 4★, never rounded up to 90.
    let ninety = best_but(&[("5.1.2", 1), ("1.1", 2)]);
    let result = council(&[ninety.clone(), ninety, best_but(&[("1.1", 0)])]);
    assert_eq!(result.average, Hundredths(8966));
    assert_eq!(result.band_stars, 4);
}

#[test]
fn a_council_without_sheets_cannot_be_rated() {
    let sheet = small();
    assert!(matches!(
        rate_council(&sheet, &[]),
        Err(DomainError::Validation(_))
    ));
}

#[test]
fn a_council_of_one_rates_like_that_sheet() {
    for selection in [
        best_of_small(),
        best_but(&[("1.2", 1)]),
        best_but(&[("3.2", 0)]),
    ] {
        assert_eq!(council(std::slice::from_ref(&selection)), rated(&selection));
    }
}
