//! What would lift a sheet to the next star: every criterion that could score more, and the
//! smallest set of changes that reaches the next level (its band and every minimum of that
//! level and below).
//!
//! "Smallest" is, in order: fewest criteria changed; then fewest points added; then, among
//! plans equal on both, the one that leaves earlier criteria (in sheet order) untouched and
//! takes the smaller step on the earliest criterion it does change. Only upward moves are
//! considered (lowering a criterion never helps), and a choose-one section stays in the
//! alternative the scorer chose: which case applies is a fact about the product, not a lever.
//! A choose-one section with no alternative chosen yet is reported, and the plan may answer it
//! in either alternative (each leaf answered is one change): leaving it out would miss the
//! cheapest plan when answering it is all that is missing.
//!
//! A sheet stopped by a note read from its options (a 0 where II.2.a says a 0 stops) is not
//! rated, so the plan lifts the stop first: every leaf that triggers it moves to its lowest
//! option above 0 (`lifts_stop`), and the plan targets the rank the sheet would have without
//! the stop, at least 1★.
//!
//! The search is exact, once per way of answering the undecided sections (at most 3 sections
//! × 2 alternatives in VI.1, so 27 searches):
//! 1. Unmet minimums of the target level and below, and stops, must be fixed, each by the
//!    lowest option that does: these criteria (`forced`) change in every plan.
//! 2. If points are still short by `D`, the forced criteria may go higher for free (they are
//!    counted already), and other criteria are added. The fewest extra criteria is found
//!    greedily: sort the others by their largest possible gain and take the top k until the
//!    free headroom plus their gains reaches `D`. This is optimal: any k criteria can add at
//!    most the sum of their own largest gains, which is at most the sum of the k largest
//!    gains; so if the top k cannot reach `D` no k criteria can, and if they can, they do.
//! 3. With k fixed, a small dynamic programme over (criteria used, points added) — at most
//!    ~40 leaves × k × 100 points — finds the fewest points at or above `D`, and rebuilds the
//!    plan in sheet order with the tie-break above.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Points;
use crate::criteria::CriteriaSheet;
use crate::scoring::{self, ScoreSummary, Selection, SelectionError};
use crate::stars::{self, StarResult};
use crate::stops::Trigger;

mod search;

/// A criterion that could score more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Improvement {
    pub criterion_code: String,
    pub title: String,
    pub current_option: Option<u32>,
    pub current_points: u32,
    pub best_option: u32,
    pub best_points: u32,
    /// Points the best option would add.
    pub gain: u32,
}

/// One change of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Change {
    pub criterion_code: String,
    pub from_option: Option<u32>,
    pub to_option: u32,
    pub from_points: u32,
    pub to_points: u32,
    /// The lowest star level whose minimum forces this change, if one does.
    pub required_by_level: Option<u8>,
    /// The change lifts a stop: the criterion's 0 leaves the sheet not rated.
    #[serde(default)]
    pub lifts_stop: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LevelPlan {
    #[schema(minimum = 2, maximum = 5, format = "uint8")]
    pub target_stars: u8,
    pub changes: Vec<Change>,
    pub points_added: u32,
    pub total_after: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Advice {
    pub current: StarResult,
    /// In sheet order.
    pub improvements: Vec<Improvement>,
    /// `None` at 5★, or when even every best option cannot reach the next level. On a sheet
    /// not rated because of a stop, the plan lifts the stop and reaches the rank the sheet
    /// would have without it.
    pub next_level: Option<LevelPlan>,
    /// Choose-one sections with no alternative chosen; the plan may answer them.
    pub undecided_choices: Vec<String>,
}

/// One criterion as the search sees it.
struct Item {
    code: String,
    current: Option<u32>,
    points: Points,
    /// Options above the current one, ascending, one per points value (the last such option).
    ups: Vec<(u32, Points)>,
}

/// Everything that could improve, and the plan for the next level.
pub fn advise(sheet: &CriteriaSheet, selection: &Selection) -> Result<Advice, Vec<SelectionError>> {
    let summary = scoring::score(sheet, selection)?;
    let current = stars::rate_sheet(sheet, &summary);
    let (items, undecided) = items(sheet, selection, &summary, &[]);
    let improvements = items
        .iter()
        .filter_map(|item| {
            let &(best_option, best_points) = item.ups.last().filter(|u| u.1 > item.points)?;
            Some(Improvement {
                title: sheet
                    .find(&item.code)
                    .map(|n| n.title().to_string())
                    .unwrap_or_default(),
                criterion_code: item.code.clone(),
                current_option: item.current,
                current_points: item.points,
                best_option,
                best_points,
                gain: best_points - item.points,
            })
        })
        .collect();
    let target = match (&current.not_rated, current.stars) {
        (Some(_), _) => Some(stars::rank_without_stops(sheet, &summary).max(1)),
        (None, 5) => None,
        (None, s) => Some(s + 1),
    };
    let next_level = target.and_then(|t| best_plan(sheet, selection, &summary, t));
    Ok(Advice {
        current,
        improvements,
        next_level,
        undecided_choices: undecided,
    })
}

/// The smallest plan that reaches at least `target_stars` (1–5), `None` if none can.
pub fn plan_for_level(
    sheet: &CriteriaSheet,
    selection: &Selection,
    target_stars: u8,
) -> Result<Option<LevelPlan>, Vec<SelectionError>> {
    let summary = scoring::score(sheet, selection)?;
    Ok(best_plan(sheet, selection, &summary, target_stars))
}

/// The smallest plan over every way of answering the undecided choose-one sections; on equal
/// size, leaving them undecided, then the earlier alternative.
fn best_plan(
    sheet: &CriteriaSheet,
    selection: &Selection,
    summary: &ScoreSummary,
    target: u8,
) -> Option<LevelPlan> {
    let (_, undecided) = items(sheet, selection, summary, &[]);
    let lifts = stop_leaves(sheet, summary);
    let mut best: Option<LevelPlan> = None;
    for answered in answer_combinations(sheet, &undecided) {
        let (items, _) = items(sheet, selection, summary, &answered);
        let Some(plan) = search::plan(sheet, &items, &lifts, summary.total, target) else {
            continue;
        };
        let size = |p: &LevelPlan| (p.changes.len(), p.points_added);
        if best.as_ref().is_none_or(|b| size(&plan) < size(b)) {
            best = Some(plan);
        }
    }
    best
}

/// Leaves answered 0 that trigger a stop: the plan must lift each.
fn stop_leaves(sheet: &CriteriaSheet, summary: &ScoreSummary) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for rule in crate::sheet_rules(sheet) {
        if let Trigger::Zero(leaves) = rule.trigger {
            for code in leaves {
                if summary.criteria.get(&code) == Some(&0) && !out.contains(&code) {
                    out.push(code);
                }
            }
        }
    }
    out
}

/// For each undecided choose-one node, none or one of its alternatives: every combination,
/// "none" first.
fn answer_combinations(sheet: &CriteriaSheet, undecided: &[String]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for node in undecided {
        let alternatives: Vec<String> = sheet
            .find(node)
            .map(|n| n.children().iter().map(|c| c.code.clone()).collect())
            .unwrap_or_default();
        let mut next = Vec::with_capacity(out.len() * (alternatives.len() + 1));
        for combo in &out {
            next.push(combo.clone());
            for alt in &alternatives {
                let mut with = combo.clone();
                with.push(alt.clone());
                next.push(with);
            }
        }
        out = next;
    }
    out
}

/// The leaves the search may change: those outside choose-one sections, those of the chosen
/// alternatives, and those of the undecided alternatives in `answered`.
fn items(
    sheet: &CriteriaSheet,
    selection: &Selection,
    summary: &ScoreSummary,
    answered: &[String],
) -> (Vec<Item>, Vec<String>) {
    let mut items = Vec::new();
    let mut undecided: Vec<String> = Vec::new();
    for leaf in sheet.leaves() {
        let code = leaf.node.code();
        if let Some((node, alt)) = leaf.alternative {
            match summary.alternatives.get(node) {
                Some(chosen) if chosen == alt => {}
                Some(_) => continue,
                None => {
                    if !undecided.iter().any(|u| u == node) {
                        undecided.push(node.to_string());
                    }
                    if !answered.iter().any(|a| a == alt) {
                        continue;
                    }
                }
            }
        }
        let points = summary.criteria.get(code).copied().unwrap_or(0);
        let mut ups: Vec<(u32, Points)> = Vec::new();
        for i in 0..leaf.node.options().len() {
            let (Some(p), Ok(index)) = (leaf.node.option_points(i), u32::try_from(i)) else {
                continue;
            };
            // Same points further down counts as up: it reaches a minimum a capped tie does not.
            let up = p > points || (p == points && selection.get(code).is_some_and(|c| index > c));
            if !up {
                continue;
            }
            // One per points value, the last: equal in points, it reaches at least as many
            // minimums.
            match ups.iter_mut().find(|(_, q)| *q == p) {
                Some(same) => same.0 = same.0.max(index),
                None => ups.push((index, p)),
            }
        }
        ups.sort_by_key(|&(i, p)| (p, i));
        items.push(Item {
            code: code.to_string(),
            current: selection.get(code),
            points,
            ups,
        });
    }
    (items, undecided)
}

#[cfg(test)]
mod tests;
