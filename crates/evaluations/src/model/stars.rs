//! Star rank: the band of the average total, limited by the star minimums.
//!
//! Bands (Art. 3.3 of 26/2026), half-open: below 30 → 1★, 30 to below 50 → 2★, 50 to below 70
//! → 3★, 70 to below 90 → 4★, 90 to 100 → 5★.
//!
//! Minimums: an option marked `***`/`****`/`*****` is the least a product must reach on that
//! criterion to be rated 3/4/5 stars; the marked option or any higher-scoring one satisfies it,
//! and level N needs the minimums of every level from 3 to N (our reading of the one-line
//! legend, as in `criteria/README.md`). An option reaches a minimum when it is the marked one,
//! scores more, or scores the same further down the list. An option that only ties the marked
//! one because its printed points were capped at the maximum does not: I.5.a v1 prints 11 for
//! "Có rất ít tạp chất" (a typo for 1), capped to 2, which would otherwise pass for "Sạch,
//! không phát hiện tạp chất", the 4★ minimum.
//!
//! Not rated: a stop note read from the options ([`crate::stops`]) leaves the result without a
//! rank: `stars` is 0 and `not_rated` says which note.
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
//! A member whose option does not reach the minimum counts at most `p - 1` toward it, so a
//! capped tie cannot lift the average either.

use ocop_core::{DomainError, DomainResult};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::criteria::CriteriaSheet;
use crate::scoring::ScoreSummary;
use crate::stops::{self, NotRated};
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
    #[schema(minimum = 3, maximum = 5, format = "uint8")]
    pub level: u8,
    pub option_index: u32,
    pub option_text: String,
    pub points: u32,
}

impl Minimum {
    /// What a sheet's answer counts toward this minimum: its points when the option reaches
    /// the marked one, else at most one point short of it. `None` when unanswered.
    pub fn counted(&self, summary: &ScoreSummary) -> Points {
        let code = self.criterion_code.as_str();
        let (Some(&points), Some(&option)) =
            (summary.criteria.get(code), summary.options.get(code))
        else {
            return 0;
        };
        if (points, option) >= (self.points, self.option_index) {
            points
        } else {
            points.min(self.points.saturating_sub(1))
        }
    }
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
    #[schema(minimum = 1, maximum = 5, format = "uint8")]
    pub band_stars: u8,
    /// The rank: the band, limited by the minimums; 0 when not rated.
    #[schema(minimum = 0, maximum = 5, format = "uint8")]
    pub stars: u8,
    /// Every minimum not met at a level up to the band, so the chair sees what blocked which
    /// level. Empty when the band is 1★ or 2★ (those levels have none).
    pub unmet: Vec<UnmetMinimum>,
    /// Set when a stop note, an elimination note or a "Hồ sơ bị loại khi" ground applies: the
    /// product is not rated, whatever its points (`stars` is 0).
    #[serde(default)]
    pub not_rated: Option<NotRated>,
}

impl StarResult {
    /// The same result, not rated for `reason` (a stop read from the options stays first).
    pub fn not_rated_for(mut self, reason: NotRated) -> Self {
        self.stars = 0;
        self.not_rated.get_or_insert(reason);
        self
    }

    /// 3★ and above are recognised and certified; 1–2★ are not (Art. 4).
    pub fn recognisable(&self) -> bool {
        self.stars >= 3
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UnmetMinimum {
    pub criterion_code: String,
    #[schema(minimum = 3, maximum = 5, format = "uint8")]
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
    rate(
        sheet,
        u64::from(summary.total),
        1,
        |m| u64::from(m.counted(summary)),
        |leaves| answered_zero(summary, leaves),
    )
}

/// Whether the sheet answers 0 on any of `leaves`.
fn answered_zero(summary: &ScoreSummary, leaves: &[String]) -> bool {
    leaves.iter().any(|c| summary.criteria.get(c) == Some(&0))
}

/// The rank of a council's result from the members' submitted sheets (each scored on `sheet`).
pub fn rate_council(sheet: &CriteriaSheet, members: &[ScoreSummary]) -> DomainResult<StarResult> {
    if members.is_empty() {
        return Err(DomainError::field("member_sheets", "required"));
    }
    let n = members.len() as u64;
    let total: u64 = members.iter().map(|m| u64::from(m.total)).sum();
    Ok(rate(
        sheet,
        total,
        n,
        |minimum| members.iter().map(|m| u64::from(minimum.counted(m))).sum(),
        |leaves| members.iter().all(|m| answered_zero(m, leaves)),
    ))
}

/// The rank one sheet would have if no stop applied: what lifting the stop is worth.
pub(crate) fn rank_without_stops(sheet: &CriteriaSheet, summary: &ScoreSummary) -> u8 {
    rate(
        sheet,
        u64::from(summary.total),
        1,
        |m| u64::from(m.counted(summary)),
        |_| false,
    )
    .stars
}

/// `total_sum` and `counted` are sums over `count` sheets; comparisons are made on the exact
/// sums (`sum >= threshold * count`), never on a rounded average. `triggered(leaves)`: a stop
/// rule over these leaves applies (for a council, every member's sheet triggers it).
fn rate(
    sheet: &CriteriaSheet,
    total_sum: u64,
    count: u64,
    counted: impl Fn(&Minimum) -> u64,
    triggered: impl Fn(&[String]) -> bool,
) -> StarResult {
    let average = Hundredths::average(total_sum, count);
    let band_stars = band(average);
    let unmet: Vec<UnmetMinimum> = minimums(sheet)
        .into_iter()
        .filter(|m| m.level <= band_stars)
        .filter_map(|m| {
            let sum = counted(&m);
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
    let result = StarResult {
        average,
        band_stars,
        stars,
        unmet,
        not_rated: None,
    };
    match stops::stopped_by(sheet, triggered) {
        Some(reason) => result.not_rated_for(reason),
        None => result,
    }
}

#[cfg(test)]
mod tests;
