//! Star rank: the band of the average total, limited by the star minimums.
//!
//! Bands (Art. 3.3 of 26/2026), half-open: below 30 → 1★, 30 to below 50 → 2★, 50 to below 70
//! → 3★, 70 to below 90 → 4★, 90 to 100 → 5★.
//!
//! Minimums: an option marked `***`/`****`/`*****` is the least a product must reach on that
//! criterion to be rated 3/4/5 stars; the marked option or any higher-scoring one satisfies it,
//! and level N needs the minimums of every level from 3 to N (our reading of the one-line
//! legend, as in `criteria/README.md`). Reaching a minimum is judged on points, not on the
//! option's position: "higher-scoring" is about points, and points are what a council average
//! has.
//!
//! The rank is the highest level whose band the average reaches and whose minimums, with all
//! lower levels', are met. So a product missing a 3★ minimum is rated `min(band, 2)`: the 1–2★
//! ranks have no minimums, and 1–2★ products get no recognition, which is what "cannot be
//! recognised, whatever its score" means. A product in the 5★ band missing only a 5★ minimum
//! is rated 4★.
//!
//! A council: the text rates by "tổng điểm trung bình" (Art. 3.3), the average of members'
//! totals, and says nothing of how minimums combine across members. We apply each minimum to
//! the members' average points on that criterion — the same averaging the text uses for the
//! total — rather than invent a vote: a minimum worth `p` points is met when the average of the
//! members' points on that criterion is at least `p`. For one sheet that is just its points.

use ocop_core::{DomainError, DomainResult};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::criteria::CriteriaSheet;
use crate::scoring::ScoreSummary;
use crate::{Hundredths, Points};

/// The star band of an average, ignoring minimums.
pub fn band(average: Hundredths) -> u8 {
    (2..=5)
        .rev()
        .find(|&stars| average.reaches(band_floor(stars)))
        .unwrap_or(1)
}

/// The lowest average in the band of `stars` (0 for 1★).
pub fn band_floor(stars: u8) -> Points {
    match stars {
        0 | 1 => 0,
        2 => 30,
        3 => 50,
        4 => 70,
        _ => 90,
    }
}

/// A star minimum of a sheet: a marked option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Minimum {
    #[schema(example = "1.1")]
    pub criterion_code: String,
    /// 3, 4 or 5.
    pub level: u8,
    pub option_index: u32,
    pub option_text: String,
    pub points: u32,
}

/// Every minimum of a sheet, in sheet order and then by level.
pub fn minimums(sheet: &CriteriaSheet) -> Vec<Minimum> {
    let mut out = Vec::new();
    for leaf in sheet.leaves() {
        let mut marked: Vec<Minimum> = leaf
            .node
            .options()
            .iter()
            .enumerate()
            .filter_map(|(i, option)| {
                Some(Minimum {
                    criterion_code: leaf.node.code().to_string(),
                    level: option.min_star_marker?,
                    option_index: u32::try_from(i).ok()?,
                    option_text: option.text.clone(),
                    points: leaf.node.option_points(i)?,
                })
            })
            .collect();
        marked.sort_by_key(|m| m.level);
        out.extend(marked);
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StarResult {
    /// The total of one sheet, or the average of the members' totals (two decimals, truncated).
    #[schema(example = 85.33)]
    pub average: Hundredths,
    /// The band of the average alone.
    pub band_stars: u8,
    /// The rank: the band, limited by the minimums.
    pub stars: u8,
    /// Every minimum not met at a level up to the band, so the chair sees what blocked which
    /// level. Empty when the band is 1★ or 2★ (those levels have none).
    pub unmet: Vec<UnmetMinimum>,
}

impl StarResult {
    /// 3★ and above are recognised and certified; 1–2★ are not (Art. 4).
    pub fn recognisable(&self) -> bool {
        self.stars >= 3
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UnmetMinimum {
    pub criterion_code: String,
    pub required_level: u8,
    pub required_option_index: u32,
    pub required_option_text: String,
    pub required_points: u32,
    /// The sheet's points on the criterion, or the members' average (0 when unanswered).
    #[schema(example = 1.67)]
    pub achieved_points: Hundredths,
}

/// The rank of one sheet: a producer's self-assessment or one member's sheet.
pub fn rate_sheet(sheet: &CriteriaSheet, summary: &ScoreSummary) -> StarResult {
    rate(sheet, u64::from(summary.total), 1, |code| {
        u64::from(summary.criteria.get(code).copied().unwrap_or(0))
    })
}

/// The rank of a council's result from the members' submitted sheets (each scored on `sheet`).
pub fn rate_council(sheet: &CriteriaSheet, members: &[ScoreSummary]) -> DomainResult<StarResult> {
    if members.is_empty() {
        return Err(DomainError::field("member_sheets", "required"));
    }
    let n = members.len() as u64;
    let total: u64 = members.iter().map(|m| u64::from(m.total)).sum();
    Ok(rate(sheet, total, n, |code| {
        members
            .iter()
            .map(|m| u64::from(m.criteria.get(code).copied().unwrap_or(0)))
            .sum()
    }))
}

/// `total_sum` and `criterion_sum` are sums over `count` sheets; comparisons are made on the
/// exact sums (`sum >= threshold * count`), never on a rounded average.
fn rate(
    sheet: &CriteriaSheet,
    total_sum: u64,
    count: u64,
    criterion_sum: impl Fn(&str) -> u64,
) -> StarResult {
    let average = Hundredths::average(total_sum, count);
    let band_stars = band(average);
    let unmet: Vec<UnmetMinimum> = minimums(sheet)
        .into_iter()
        .filter(|m| m.level <= band_stars)
        .filter_map(|m| {
            let sum = criterion_sum(&m.criterion_code);
            (sum < u64::from(m.points) * count).then(|| UnmetMinimum {
                achieved_points: Hundredths::average(sum, count),
                criterion_code: m.criterion_code,
                required_level: m.level,
                required_option_index: m.option_index,
                required_option_text: m.option_text,
                required_points: m.points,
            })
        })
        .collect();
    // Levels are cumulative: the first level with an unmet minimum caps the rank below it.
    let stars = unmet
        .iter()
        .map(|u| u.required_level - 1)
        .min()
        .map_or(band_stars, |cap| cap.min(band_stars));
    StarResult {
        average,
        band_stars,
        stars,
        unmet,
    }
}

#[cfg(test)]
mod tests;
