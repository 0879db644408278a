//! The council's scoring of one dossier: each member's selection on the product set's real sheet,
//! totalled by the real scorer (`ocop_evaluations::score`) and rated by `rate_council`, so the
//! stars of a generated certificate are what its sheets give.

use std::collections::BTreeMap;

use ocop_evaluations::{CriteriaSheet, ScoreSummary, Selection, StarResult, rate_council, score};

use crate::rng::Rng;

pub struct Scored {
    /// Each member's selection and total, in seat order.
    pub sheets: Vec<(Selection, u32)>,
    pub result: StarResult,
}

/// One member's choices: the best option of each leaf with probability `best`, another scored
/// option otherwise; one alternative per choose-one node.
fn selection(sheet: &CriteriaSheet, rng: &mut Rng, best: f64) -> Selection {
    let mut chosen_alternative: BTreeMap<String, String> = BTreeMap::new();
    let mut out = BTreeMap::new();
    for leaf in sheet.leaves() {
        if let Some((node, alternative)) = leaf.alternative {
            let kept = chosen_alternative
                .entry(node.to_string())
                .or_insert_with(|| alternative.to_string());
            if kept != alternative {
                continue;
            }
        }
        let scored: Vec<(usize, u32)> = (0..leaf.node.options().len())
            .filter_map(|i| leaf.node.option_points(i).map(|p| (i, p)))
            .collect();
        let Some(&top) = scored.iter().max_by_key(|(_, p)| *p) else {
            continue;
        };
        let (index, _) = if rng.chance(best) {
            top
        } else {
            *rng.pick(&scored)
        };
        out.insert(leaf.node.code().to_string(), index as u32);
    }
    Selection(out)
}

/// A council of `members` scoring one dossier, aiming high enough for 3 to 5 stars; `None` when
/// even the best choices do not rate (a sheet whose minimums cannot be met this way).
pub fn score_dossier(sheet: &CriteriaSheet, rng: &mut Rng, members: usize) -> Option<Scored> {
    // Aim: roughly half 3★, 40% 4★, the rest 5★; raised when a try does not rate.
    let mut best = *rng.pick(&[0.55, 0.7, 0.85, 0.97]);
    for _ in 0..6 {
        let mut sheets = Vec::with_capacity(members);
        let mut summaries: Vec<ScoreSummary> = Vec::with_capacity(members);
        for _ in 0..members {
            let choices = selection(sheet, rng, best);
            let Ok(summary) = score(sheet, &choices) else {
                continue;
            };
            sheets.push((choices, summary.total));
            summaries.push(summary);
        }
        if let Ok(result) = rate_council(sheet, &summaries)
            && result.stars >= 3
            && sheets.len() == members
        {
            return Some(Scored { sheets, result });
        }
        best = (best + 0.15).min(1.0);
    }
    None
}
