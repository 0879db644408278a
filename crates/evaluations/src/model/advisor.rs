//! What would lift a sheet to the next star: every criterion that could score more, and the
//! smallest set of changes that reaches the next level (its band and every minimum of that
//! level and below).
//!
//! "Smallest" is, in order: fewest criteria changed; then fewest points added; then, among
//! plans equal on both, the one that leaves earlier criteria (in sheet order) untouched and
//! takes the smaller step on the earliest criterion it does change. Only upward moves are
//! considered (lowering a criterion never helps), and a choose-one section stays in the
//! alternative the scorer chose: which case applies is a fact about the product, not a lever.
//! A choose-one section with no alternative chosen yet is left out and reported.
//!
//! The search is exact:
//! 1. Unmet minimums of the target level and below must be fixed, each by the lowest option
//!    that reaches it: these criteria (`forced`) change in every plan.
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
use crate::scoring::{self, Selection, SelectionError};
use crate::stars::{self, StarResult, band_floor};

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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LevelPlan {
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
    /// `None` at 5★, or when even every best option cannot reach the next level.
    pub next_level: Option<LevelPlan>,
    /// Choose-one sections with no alternative chosen: left out of the search.
    pub undecided_choices: Vec<String>,
}

/// One criterion as the search sees it.
struct Item {
    code: String,
    current: Option<u32>,
    points: Points,
    /// Options above the current points, ascending, one per points value (the lowest index).
    ups: Vec<(u32, Points)>,
}

/// Everything that could improve, and the plan for the next level.
pub fn advise(sheet: &CriteriaSheet, selection: &Selection) -> Result<Advice, Vec<SelectionError>> {
    let summary = scoring::score(sheet, selection)?;
    let current = stars::rate_sheet(sheet, &summary);
    let (items, undecided) = items(sheet, selection, &summary);
    let improvements = items
        .iter()
        .filter_map(|item| {
            let &(best_option, best_points) = item.ups.last()?;
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
    let next_level = match current.stars {
        5 => None,
        s => plan(sheet, &items, summary.total, s + 1),
    };
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
    let (items, _) = items(sheet, selection, &summary);
    Ok(plan(sheet, &items, summary.total, target_stars))
}

fn items(
    sheet: &CriteriaSheet,
    selection: &Selection,
    summary: &scoring::ScoreSummary,
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
                    continue;
                }
            }
        }
        let points = summary.criteria.get(code).copied().unwrap_or(0);
        let mut ups: Vec<(u32, Points)> = Vec::new();
        for i in 0..leaf.node.options().len() {
            let (Some(p), Ok(index)) = (leaf.node.option_points(i), u32::try_from(i)) else {
                continue;
            };
            if p > points && !ups.iter().any(|&(_, q)| q == p) {
                ups.push((index, p));
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

fn plan(sheet: &CriteriaSheet, items: &[Item], total: Points, target: u8) -> Option<LevelPlan> {
    // Step 1: the minimums of the target and lower levels, per criterion the highest points
    // needed and the lowest level needing them.
    let mut forced: Vec<Option<(Points, u8)>> = vec![None; items.len()];
    for m in stars::minimums(sheet)
        .into_iter()
        .filter(|m| m.level <= target)
    {
        let i = items.iter().position(|it| it.code == m.criterion_code)?;
        if items[i].points >= m.points {
            continue;
        }
        let entry = forced[i].get_or_insert((m.points, m.level));
        entry.0 = entry.0.max(m.points);
        entry.1 = entry.1.min(m.level);
    }
    // Each criterion's choices as (option, increment over its base); the base of a forced one
    // is its lowest option reaching the minimum.
    let mut base: Vec<Option<(u32, Points)>> = vec![None; items.len()];
    let mut choices: Vec<Vec<(u32, Points)>> = Vec::with_capacity(items.len());
    let mut after_forced = total;
    for (i, item) in items.iter().enumerate() {
        let from = match forced[i] {
            Some((need, _)) => {
                let &(opt, p) = item.ups.iter().find(|&&(_, p)| p >= need)?;
                base[i] = Some((opt, p));
                after_forced += p - item.points;
                p
            }
            None => item.points,
        };
        choices.push(
            item.ups
                .iter()
                .filter(|&&(_, p)| p > from)
                .map(|&(o, p)| (o, p - from))
                .collect(),
        );
    }
    let deficit = band_floor(target).saturating_sub(after_forced) as usize;
    // Step 2: the fewest extra criteria, greedily on largest gains.
    let free: usize = (0..items.len())
        .filter(|&i| base[i].is_some())
        .map(|i| choices[i].last().map_or(0, |c| c.1 as usize))
        .sum();
    let mut gains: Vec<usize> = (0..items.len())
        .filter(|&i| base[i].is_none())
        .filter_map(|i| choices[i].last().map(|c| c.1 as usize))
        .collect();
    gains.sort_unstable_by(|a, b| b.cmp(a));
    let mut reach = free;
    let mut k = 0;
    while reach < deficit {
        reach += *gains.get(k)?;
        k += 1;
    }
    // Step 3: suffix DP. can[i][j][e]: items i.. can add exactly e points using j extra criteria.
    let cap = reach;
    let n = items.len();
    let mut can = vec![vec![vec![false; cap + 1]; k + 1]; n + 1];
    can[n][0][0] = true;
    for i in (0..n).rev() {
        let cost = usize::from(base[i].is_none());
        for j in 0..=k {
            for e in 0..=cap {
                let mut ok = can[i + 1][j][e];
                if !ok && j >= cost {
                    ok = choices[i].iter().any(|&(_, inc)| {
                        e >= inc as usize && can[i + 1][j - cost][e - inc as usize]
                    });
                }
                can[i][j][e] = ok;
            }
        }
    }
    let mut e = (deficit..=cap).find(|&e| can[0][k][e])?;
    // Rebuild in sheet order: keep a criterion at its base when the rest can still make it,
    // else the smallest step that can.
    let mut j = k;
    let mut changes = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let cost = usize::from(base[i].is_none());
        let mut to = base[i];
        if !can[i + 1][j][e] {
            let &(opt, inc) = choices[i].iter().find(|&&(_, inc)| {
                e >= inc as usize && j >= cost && can[i + 1][j - cost][e - inc as usize]
            })?;
            let from = base[i].map_or(item.points, |b| b.1);
            to = Some((opt, from + inc));
            e -= inc as usize;
            j -= cost;
        }
        if let Some((to_option, to_points)) = to {
            changes.push(Change {
                criterion_code: item.code.clone(),
                from_option: item.current,
                to_option,
                from_points: item.points,
                to_points,
                required_by_level: forced[i].map(|f| f.1),
            });
        }
    }
    let points_added: Points = changes.iter().map(|c| c.to_points - c.from_points).sum();
    Some(LevelPlan {
        target_stars: target,
        changes,
        points_added,
        total_after: total + points_added,
    })
}

#[cfg(test)]
mod tests;
