//! The exact search of the smallest plan over the leaves the advisor may change (see the
//! parent module for the steps and why the greedy count is optimal).

use super::{Change, Item, LevelPlan};
use crate::Points;
use crate::criteria::CriteriaSheet;
use crate::stars::{self, band_floor};

/// A criterion every plan must change: the points it needs, the lowest level whose minimum
/// needs them, and whether it lifts a stop.
#[derive(Clone, Copy)]
struct Forced {
    /// The points needed and the marked option's index: the option must reach both.
    need: (Points, u32),
    level: Option<u8>,
    lifts_stop: bool,
}

pub(super) fn plan(
    sheet: &CriteriaSheet,
    items: &[Item],
    lifts: &[String],
    total: Points,
    target: u8,
) -> Option<LevelPlan> {
    // Step 1: the minimums of the target and lower levels, per criterion the highest points
    // needed and the lowest level needing them.
    let mut forced: Vec<Option<Forced>> = vec![None; items.len()];
    for m in stars::minimums(sheet)
        .into_iter()
        .filter(|m| m.level <= target)
    {
        let i = items.iter().position(|it| it.code == m.criterion_code)?;
        // Judged as the rank judges it: a capped tie before the marked option falls short.
        let reached = items[i]
            .current
            .is_some_and(|o| (items[i].points, o) >= (m.points, m.option_index));
        if reached {
            continue;
        }
        let need = (m.points, m.option_index);
        let entry = forced[i].get_or_insert(Forced {
            need,
            level: Some(m.level),
            lifts_stop: false,
        });
        entry.need = entry.need.max(need);
        entry.level = Some(entry.level.map_or(m.level, |l| l.min(m.level)));
    }
    for code in lifts {
        let i = items.iter().position(|it| &it.code == code)?;
        let entry = forced[i].get_or_insert(Forced {
            need: (1, 0),
            level: None,
            lifts_stop: true,
        });
        entry.lifts_stop = true;
    }
    // Each criterion's choices as (option, increment over its base); the base of a forced one
    // is its lowest option reaching the minimum.
    let mut base: Vec<Option<(u32, Points)>> = vec![None; items.len()];
    let mut choices: Vec<Vec<(u32, Points)>> = Vec::with_capacity(items.len());
    let mut after_forced = total;
    for (i, item) in items.iter().enumerate() {
        let from = match forced[i] {
            Some(Forced { need, .. }) => {
                let &(opt, p) = item.ups.iter().find(|&&(o, p)| (p, o) >= need)?;
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
                required_by_level: forced[i].and_then(|f| f.level),
                lifts_stop: forced[i].is_some_and(|f| f.lifts_stop),
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
