use super::*;
use crate::Hundredths;
use crate::stars::band;
use crate::test_sheets::{best_of_small, sel, small};

fn changes(plan: &LevelPlan) -> Vec<(&str, u32)> {
    plan.changes
        .iter()
        .map(|c| (c.criterion_code.as_str(), c.to_option))
        .collect()
}

/// The selection with the plan applied.
fn applied(selection: &Selection, plan: &LevelPlan) -> Selection {
    let mut out = selection.clone();
    for c in &plan.changes {
        out.0.insert(c.criterion_code.clone(), c.to_option);
    }
    out
}

fn stars_of(sheet: &CriteriaSheet, selection: &Selection) -> u8 {
    stars::rate_sheet(sheet, &scoring::score(sheet, selection).unwrap()).stars
}

#[test]
fn every_criterion_that_could_score_more_is_listed_with_its_gain() {
    let advice = advise(&small(), &sel(&[("1.1", 2), ("4.b", 0), ("5.1.1", 2)])).unwrap();
    let got: Vec<_> = advice
        .improvements
        .iter()
        .map(|i| {
            (
                i.criterion_code.as_str(),
                i.current_points,
                i.best_option,
                i.gain,
            )
        })
        .collect();
    // 5.1.1 is at its (capped) maximum; 3.3 has no options; 4.a is not the chosen case.
    let expected = [
        ("1.1", 7, 3, 3),
        ("1.2", 0, 2, 10),
        ("2", 0, 2, 20),
        ("3.1", 0, 2, 15),
        ("3.2", 0, 2, 9),
        ("4.b", 5, 1, 10),
        ("5.1.2", 0, 2, 8),
    ];
    assert_eq!(got, expected);
    assert!(advice.undecided_choices.is_empty());
}

#[test]
fn a_five_star_sheet_has_no_next_level() {
    let advice = advise(&small(), &best_of_small()).unwrap();
    assert_eq!(advice.current.stars, 5);
    assert_eq!(advice.next_level, None);
}

#[test]
fn a_missed_three_star_minimum_is_fixed_by_its_marked_option_alone() {
    let mut selection = best_of_small();
    selection.0.insert("3.2".into(), 0);
    let advice = advise(&small(), &selection).unwrap();
    assert_eq!((advice.current.band_stars, advice.current.stars), (5, 2));
    let plan = advice.next_level.unwrap();
    assert_eq!(plan.target_stars, 3);
    assert_eq!(changes(&plan), [("3.2", 1)]);
    assert_eq!(plan.changes[0].required_by_level, Some(3));
    assert_eq!((plan.points_added, plan.total_after), (3, 93));
}

#[test]
fn from_nothing_two_stars_take_two_criteria_and_exactly_thirty_points() {
    let plan = plan_for_level(&small(), &Selection::default(), 2)
        .unwrap()
        .unwrap();
    // 2 → 20 and 1.2 → 10: earlier 1.1 left alone, the smaller step on 1.2 cannot make it.
    assert_eq!(changes(&plan), [("1.2", 2), ("2", 2)]);
    assert_eq!(plan.points_added, 30);
}

#[test]
fn an_undecided_choose_one_section_is_reported_and_the_plan_may_answer_it() {
    let advice = advise(&small(), &Selection::default()).unwrap();
    assert_eq!(advice.undecided_choices, ["4"]);
    assert!(
        advice
            .improvements
            .iter()
            .all(|i| !i.criterion_code.starts_with("4."))
    );
    // Without section 4 the best reachable is 84: 5★ needs answering it.
    let plan = plan_for_level(&small(), &Selection::default(), 5)
        .unwrap()
        .unwrap();
    assert!(changes(&plan).contains(&("4.a", 1)), "{plan:?}");
    assert!(scoring::score(&small(), &applied(&Selection::default(), &plan)).is_ok());
}

#[test]
fn answering_an_undecided_case_alone_is_advised_when_it_is_enough() {
    // Everything else at its best: 84 points, 4★; 4.a → 15 alone makes 99.
    let mut selection = best_of_small();
    selection.0.remove("4.a");
    let advice = advise(&small(), &selection).unwrap();
    assert_eq!(advice.current.stars, 4);
    let plan = advice.next_level.unwrap();
    assert_eq!(changes(&plan), [("4.a", 1)]);
}

#[test]
fn advice_on_an_invalid_selection_returns_the_selection_errors() {
    assert!(advise(&small(), &sel(&[("9.9", 0)])).is_err());
}

// ---- exhaustive comparison with brute force -------------------------------------------------

/// One leaf the brute force may change: its current points, and every option it can take.
struct Lever {
    code: String,
    current: Points,
    options: Vec<Points>,
}

/// The levers when the undecided section 4 is left alone (`None`) or answered in `answer`.
fn levers(sheet: &CriteriaSheet, selection: &Selection, answer: Option<&str>) -> Vec<Lever> {
    let summary = scoring::score(sheet, selection).unwrap();
    sheet
        .leaves()
        .into_iter()
        .filter(|leaf| match leaf.alternative {
            Some((node, alt)) => match summary.alternatives.get(node) {
                Some(chosen) => chosen == alt,
                None => answer == Some(alt),
            },
            None => true,
        })
        .map(|leaf| Lever {
            code: leaf.node.code().to_string(),
            current: summary.criteria.get(leaf.node.code()).copied().unwrap_or(0),
            options: (0..leaf.node.options().len())
                .filter_map(|i| leaf.node.option_points(i))
                .collect(),
        })
        .collect()
}

/// An independent oracle of the rank: the highest level within the band whose minimums, and
/// all lower levels', are met.
fn oracle_stars(total: Points, points: &[(String, Points)], minimums: &[stars::Minimum]) -> u8 {
    let band = band(Hundredths::from_points(total));
    (1..=band)
        .rev()
        .find(|&level| {
            minimums.iter().filter(|m| m.level <= level).all(|m| {
                points
                    .iter()
                    .any(|(c, p)| *c == m.criterion_code && *p >= m.points)
            })
        })
        .unwrap_or(1)
}

/// (criteria changed, points added) of the best plan reaching `target`, by trying everything.
fn brute_force(
    levers: &[Lever],
    base_total: Points,
    minimums: &[stars::Minimum],
    target: u8,
) -> Option<(usize, i64)> {
    let mut best: Option<(usize, i64)> = None;
    let mut chosen: Vec<(String, Points)> = Vec::new();
    fn go(
        i: usize,
        levers: &[Lever],
        chosen: &mut Vec<(String, Points)>,
        state: (usize, i64),
        ctx: (Points, &[stars::Minimum], u8),
        best: &mut Option<(usize, i64)>,
    ) {
        if i == levers.len() {
            // Lowering is allowed here, though it never helps: the oracle must not assume it.
            let total = Points::try_from(i64::from(ctx.0) + state.1).unwrap();
            if oracle_stars(total, chosen, ctx.1) >= ctx.2 && best.is_none_or(|b| state < b) {
                *best = Some(state);
            }
            return;
        }
        let lever = &levers[i];
        chosen.push((lever.code.clone(), lever.current));
        go(i + 1, levers, chosen, state, ctx, best);
        chosen.pop();
        for &p in &lever.options {
            chosen.push((lever.code.clone(), p));
            let delta = i64::from(p) - i64::from(lever.current);
            go(
                i + 1,
                levers,
                chosen,
                (state.0 + 1, state.1 + delta),
                ctx,
                best,
            );
            chosen.pop();
        }
    }
    go(
        0,
        levers,
        &mut chosen,
        (0, 0),
        (base_total, minimums, target),
        &mut best,
    );
    best
}

/// Deterministic pseudo-random selections covering every leaf state and choose-one case.
fn selections() -> Vec<Selection> {
    let sheet = small();
    let mut seed: u64 = 0x5EED;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % n
    };
    let mut out = vec![Selection::default(), best_of_small()];
    for _ in 0..40 {
        let case = next(3);
        let mut selection = Selection::default();
        for leaf in sheet.leaves() {
            if let Some((_, alt)) = leaf.alternative
                && (case == 2 || alt != ["4.a", "4.b"][case])
            {
                continue;
            }
            let choosable: Vec<u32> = (0..leaf.node.options().len())
                .filter(|&i| leaf.node.option_points(i).is_some())
                .map(|i| i as u32)
                .collect();
            let pick = next(choosable.len() + 1);
            if let Some(&option) = choosable.get(pick) {
                selection.0.insert(leaf.node.code().to_string(), option);
            }
        }
        out.push(selection);
    }
    out
}

#[test]
fn the_independent_oracle_agrees_with_the_real_rank() {
    let sheet = small();
    let minimums = stars::minimums(&sheet);
    for selection in selections() {
        let summary = scoring::score(&sheet, &selection).unwrap();
        let points: Vec<_> = summary.criteria.clone().into_iter().collect();
        assert_eq!(
            oracle_stars(summary.total, &points, &minimums),
            stars::rate_sheet(&sheet, &summary).stars,
            "{selection:?}"
        );
    }
}

#[test]
fn every_plan_reaches_its_level_and_is_as_small_as_brute_force_finds() {
    let sheet = small();
    let minimums = stars::minimums(&sheet);
    for selection in selections() {
        let total = scoring::score(&sheet, &selection).unwrap().total;
        let answers = [None, Some("4.a"), Some("4.b")];
        let levers: Vec<_> = answers
            .iter()
            .map(|a| levers(&sheet, &selection, *a))
            .collect();
        for target in 1..=5 {
            let plan = plan_for_level(&sheet, &selection, target).unwrap();
            let expected = levers
                .iter()
                .filter_map(|l| brute_force(l, total, &minimums, target))
                .min();
            let got = plan
                .as_ref()
                .map(|p| (p.changes.len(), i64::from(p.points_added)));
            assert_eq!(got, expected, "target {target}, {selection:?}");
            if let Some(plan) = plan {
                let after = applied(&selection, &plan);
                assert!(stars_of(&sheet, &after) >= target, "{plan:?}");
                assert_eq!(
                    scoring::score(&sheet, &after).unwrap().total,
                    plan.total_after
                );
                assert!(plan.changes.iter().all(|c| c.to_points > c.from_points));
            }
        }
    }
}

#[test]
fn the_next_level_of_the_advice_is_the_plan_for_one_star_more() {
    let sheet = small();
    for selection in selections() {
        let advice = advise(&sheet, &selection).unwrap();
        let expected = match advice.current.stars {
            5 => None,
            s => plan_for_level(&sheet, &selection, s + 1).unwrap(),
        };
        assert_eq!(advice.next_level, expected);
    }
}
