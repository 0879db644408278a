//! Refuses a sheet that does not add up, with every reason at once.
//!
//! The arithmetic of 26/2026 (Art. 3.1 and Phụ lục II): the parts are A40 B25 C35 and total
//! 100; a part equals the sum of its sections; a parent equals the sum of its children, or the
//! maximum of one alternative in a choose-one node; a leaf's maximum equals its best option.
//!
//! Printed anomalies do not fail the load. An option flagged `source_anomaly` may exceed its
//! leaf's maximum (I.2.b item 7 prints 13 for 3, I.5.a 6.1.1 prints 11) because scoring caps a
//! leaf at its maximum, so the best option is compared after that cap. An empty points cell is
//! allowed only when flagged. A leaf without options is allowed only when a `scoring_note` says
//! why (criterion 2.4 / 2.3 prints a maximum and no options): it cannot be chosen and scores 0,
//! which the stated maxima already account for.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::criteria::{CriteriaSheet, Node};
use crate::{Instrument, Points};

/// One reason a sheet is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    /// `sheet`, a part (`A`), or a node as `part:code` (`A:1.2`).
    #[schema(example = "C:7")]
    pub node: String,
    pub rule: ProblemRule,
    /// The value printed on the sheet, when the rule compares numbers.
    pub stated: Option<i64>,
    /// The value computed from the rest of the sheet.
    pub computed: Option<i64>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProblemRule {
    UnknownInstrument,
    /// The parts are not the instrument's A/B/C split.
    PartSplit,
    PartsTotal,
    /// `total_points` differs from the sum of the parts.
    TotalPoints,
    SectionsSum,
    ChildrenSum,
    ChooseOneMax,
    /// A choose-one node needs at least two alternatives, not nested in another choose-one.
    ChooseOneShape,
    /// Star minimums inside an alternative: the text never does this and says nothing of how
    /// it would apply to the alternative not chosen, so we refuse rather than guess.
    MinimumInAlternative,
    LeafBestOption,
    OptionAboveMax,
    /// An empty points cell without a `source_anomaly` saying so.
    UnexplainedEmptyPoints,
    /// A leaf without options and without a `scoring_note` saying why.
    LeafWithoutOptions,
    /// A node with both options and children: which would score?
    OptionsAndChildren,
    DuplicateCode,
    StarMarker,
    StarRequirements,
    MandatoryFlag,
}

/// Validates a sheet against the part split of the instrument printed on it.
pub fn validate(sheet: &CriteriaSheet) -> Result<(), Vec<Problem>> {
    match Instrument::parse(&sheet.decision) {
        Some(instrument) => validate_with(sheet, &instrument.part_split()),
        None => Err(vec![problem(
            "sheet",
            ProblemRule::UnknownInstrument,
            None,
            format!(
                "unknown instrument {:?}; give its part split explicitly",
                sheet.decision
            ),
        )]),
    }
}

/// Validates a sheet against an explicit part split (for an instrument imported as data).
pub fn validate_with(sheet: &CriteriaSheet, split: &[(&str, Points)]) -> Result<(), Vec<Problem>> {
    let mut out = Vec::new();
    let stated: Vec<(&str, Points)> = sheet
        .parts
        .iter()
        .map(|p| (p.code.as_str(), p.max_points))
        .collect();
    if stated != split {
        out.push(problem(
            "sheet",
            ProblemRule::PartSplit,
            None,
            format!("parts are {stated:?}; the instrument sets {split:?}"),
        ));
    }
    let parts_sum = sheet.max_total();
    if parts_sum != 100 {
        out.push(numbers("sheet", ProblemRule::PartsTotal, 100, parts_sum));
    }
    if sheet.total_points != parts_sum {
        out.push(numbers(
            "sheet",
            ProblemRule::TotalPoints,
            sheet.total_points,
            parts_sum,
        ));
    }
    let mut seen = BTreeSet::new();
    for part in &sheet.parts {
        let sections: Points = part.sections.iter().map(|s| s.max_points).sum();
        if sections != part.max_points {
            out.push(numbers(
                &part.code,
                ProblemRule::SectionsSum,
                part.max_points,
                sections,
            ));
        }
        for section in &part.sections {
            check_node(section, &part.code, false, &mut seen, &mut out);
        }
    }
    if out.is_empty() { Ok(()) } else { Err(out) }
}

fn check_node(
    node: &dyn Node,
    part: &str,
    in_alternative: bool,
    seen: &mut BTreeSet<String>,
    out: &mut Vec<Problem>,
) {
    let at = format!("{part}:{}", node.code());
    if node.code().trim().is_empty() || !seen.insert(node.code().to_string()) {
        let msg = "codes address choices, so each must be present and unique in the sheet";
        out.push(problem(&at, ProblemRule::DuplicateCode, None, msg.into()));
    }
    check_markers(node, &at, in_alternative, out);
    if node.is_leaf() {
        check_leaf(node, &at, out);
        return;
    }
    if !node.options().is_empty() {
        let msg = "a node with children cannot also have options".into();
        out.push(problem(&at, ProblemRule::OptionsAndChildren, None, msg));
    }
    let maxima = node.children().iter().map(|c| c.max_points);
    if node.is_choose_one() {
        if node.children().len() < 2 || in_alternative {
            let msg =
                "a choose-one node needs two or more alternatives and cannot be nested in another"
                    .into();
            out.push(problem(&at, ProblemRule::ChooseOneShape, None, msg));
        }
        let best = maxima.max().unwrap_or(0);
        if best != node.max_points() {
            out.push(numbers(
                &at,
                ProblemRule::ChooseOneMax,
                node.max_points(),
                best,
            ));
        }
    } else {
        let sum: Points = maxima.sum();
        if sum != node.max_points() {
            out.push(numbers(
                &at,
                ProblemRule::ChildrenSum,
                node.max_points(),
                sum,
            ));
        }
    }
    for child in node.children() {
        check_node(
            child,
            part,
            in_alternative || node.is_choose_one(),
            seen,
            out,
        );
    }
}

fn check_leaf(node: &dyn Node, at: &str, out: &mut Vec<Problem>) {
    if node.options().is_empty() {
        if node.scoring_note().is_none() {
            let msg = "a leaf without options needs a scoring_note saying why".into();
            out.push(problem(at, ProblemRule::LeafWithoutOptions, None, msg));
        }
        return;
    }
    for (i, option) in node.options().iter().enumerate() {
        match option.points {
            None if option.source_anomaly.is_none() => {
                let msg = format!("option {i} has no points and no source_anomaly");
                out.push(problem(at, ProblemRule::UnexplainedEmptyPoints, None, msg));
            }
            Some(p) if p > node.max_points() && option.source_anomaly.is_none() => {
                out.push(Problem {
                    message: format!("option {i} is worth more than the maximum"),
                    ..numbers(at, ProblemRule::OptionAboveMax, node.max_points(), p)
                });
            }
            _ => {}
        }
    }
    let best = (0..node.options().len())
        .filter_map(|i| node.option_points(i))
        .max();
    if let Some(best) = best
        && best != node.max_points()
    {
        out.push(numbers(
            at,
            ProblemRule::LeafBestOption,
            node.max_points(),
            best,
        ));
    }
}

fn check_markers(node: &dyn Node, at: &str, in_alternative: bool, out: &mut Vec<Problem>) {
    let mut marked = BTreeMap::new();
    for (i, option) in node.options().iter().enumerate() {
        let Some(level) = option.min_star_marker else {
            continue;
        };
        if in_alternative {
            let msg = "star minimums inside a choose-one alternative are not supported".into();
            out.push(problem(at, ProblemRule::MinimumInAlternative, None, msg));
        }
        let ok = (3..=5).contains(&level) && option.points.is_some();
        if !ok || marked.insert(level, i).is_some() {
            let msg = format!(
                "option {i}: a marker is 3, 4 or 5, once per level, on an option with points"
            );
            out.push(problem(at, ProblemRule::StarMarker, None, msg));
        }
    }
    let derived: BTreeMap<u8, (u32, &str, Option<Points>)> = marked
        .iter()
        .filter_map(|(level, i)| {
            let option = node.options().get(*i)?;
            let index = u32::try_from(*i).ok()?;
            Some((
                *level,
                (index, option.text.as_str(), node.option_points(*i)),
            ))
        })
        .collect();
    let stated: BTreeMap<u8, (u32, &str, Option<Points>)> = node
        .min_star_requirements()
        .iter()
        .map(|(level, r)| {
            (
                *level,
                (r.option_index, r.option_text.as_str(), Some(r.points)),
            )
        })
        .collect();
    if derived != stated {
        let msg = "min_star_requirements disagree with the options' markers".into();
        out.push(problem(at, ProblemRule::StarRequirements, None, msg));
    }
    if node.mandatory() != marked.contains_key(&3) {
        let msg = "mandatory must be true exactly when an option carries a 3-star marker".into();
        out.push(problem(at, ProblemRule::MandatoryFlag, None, msg));
    }
}

fn problem(node: &str, rule: ProblemRule, stated: Option<i64>, message: String) -> Problem {
    Problem {
        node: node.to_string(),
        rule,
        stated,
        computed: None,
        message,
    }
}

fn numbers(node: &str, rule: ProblemRule, stated: Points, computed: Points) -> Problem {
    Problem {
        node: node.to_string(),
        rule,
        stated: Some(i64::from(stated)),
        computed: Some(i64::from(computed)),
        message: format!("stated {stated}, computed {computed}"),
    }
}

#[cfg(test)]
mod tests;
