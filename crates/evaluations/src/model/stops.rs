//! The notes that end an evaluation without a rank: a criterion's stop note ("sẽ không đánh
//! giá các bước tiếp theo", "Không xem xét các chỉ tiêu khác"), its elimination note ("Bị loại
//! nếu …", "sẽ bị loại bỏ"), and the "Hồ sơ bị loại khi" grounds printed above a sheet.
//!
//! Only some of them can be read from the options chosen:
//! - "Nếu được 0 điểm tại một trong các chỉ tiêu trên" (II.2.a 6.4): a 0 on that criterion or any
//!   before it under the same heading stops the evaluation;
//! - "Không đánh giá các bước tiếp theo nếu không có Phiếu công bố" where the criterion's 0-point
//!   option is the lack itself ("Không có hồ sơ công bố …", III.2 6): choosing it stops.
//!
//! Every other note names a fact the options do not express (impurities that endanger food
//! safety, imported or untraceable raw materials, a copied product, an IP breach, a forged
//! dossier): the council records it as a [`crate::FindingIn`], and the dossier is not rated.
//! We read the notes rather than add fields to the files, so the rules apply to sheets already
//! stored as published.
//!
//! A council: a stop read from the options applies when every member's sheet triggers it, that
//! is when the members' average on the criterion is 0, the same averaging the minimums use. A
//! council that finds the fact without unanimity records it as a finding instead.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::criteria::{CriteriaSheet, Node};
use crate::tree::leaf_codes;

/// Why a result has no star rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotRatedKind {
    /// A stop note applies: the evaluation does not go on.
    Stopped,
    /// An elimination note or a "Hồ sơ bị loại khi" ground applies.
    Eliminated,
}

/// The rule that left a result without a rank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NotRated {
    pub kind: NotRatedKind,
    /// The criterion whose note applies; absent for a ground printed above the sheet.
    #[schema(example = "6.4")]
    pub criterion_code: Option<String>,
    /// The note or ground as printed.
    #[schema(
        example = "Ghi chú: Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không đánh giá các bước tiếp theo."
    )]
    pub rule: String,
    /// What the council wrote when it recorded the ground.
    pub note: Option<String>,
}

/// How a rule is triggered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trigger {
    /// An answered 0 on any of these leaves.
    Zero(Vec<String>),
    /// A fact outside the options: only a council finding applies it.
    Finding,
}

/// A stop or elimination note of a criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRule {
    pub criterion_code: String,
    pub kind: NotRatedKind,
    pub text: String,
    pub trigger: Trigger,
}

const STOP_WORDS: [&str; 2] = [
    "không đánh giá các bước tiếp theo",
    "không xem xét các chỉ tiêu khác",
];
const ELIMINATION_WORDS: [&str; 2] = ["bị loại", "loại bỏ"];

/// The note of `node` (its own notes, then its options' notes) containing one of `words`.
fn note_with(node: &dyn Node, words: &[&str]) -> Option<String> {
    let option_notes = node.options().iter().filter_map(|o| o.note.as_ref());
    node.notes()
        .iter()
        .chain(option_notes)
        .find(|n| {
            let lower = n.to_lowercase();
            words.iter().any(|w| lower.contains(w))
        })
        .cloned()
}

/// Every stop and elimination note of a sheet, in sheet order.
pub fn sheet_rules(sheet: &CriteriaSheet) -> Vec<SheetRule> {
    let mut out = Vec::new();
    for code in sheet.codes() {
        let Some(node) = sheet.find(code) else {
            continue;
        };
        let flags = node.derived_flags();
        if flags.stop_rule {
            let text = note_with(node, &STOP_WORDS).unwrap_or_else(|| node.title().to_string());
            out.push(SheetRule {
                criterion_code: code.to_string(),
                kind: NotRatedKind::Stopped,
                trigger: stop_trigger(sheet, node, &text),
                text,
            });
        }
        if flags.elimination_rule {
            let text =
                note_with(node, &ELIMINATION_WORDS).unwrap_or_else(|| node.title().to_string());
            out.push(SheetRule {
                criterion_code: code.to_string(),
                kind: NotRatedKind::Eliminated,
                trigger: Trigger::Finding,
                text,
            });
        }
    }
    out
}

fn stop_trigger(sheet: &CriteriaSheet, node: &dyn Node, text: &str) -> Trigger {
    let lower = text.to_lowercase();
    if lower.contains("0 điểm") {
        // "các chỉ tiêu trên": this criterion and those before it under the same heading.
        let Some(parent) = sheet.parent_of(node.code()) else {
            return Trigger::Zero(leaf_codes(node));
        };
        let mut leaves = Vec::new();
        for sibling in parent.children() {
            leaves.extend(leaf_codes(sibling));
            if sibling.code == node.code() {
                break;
            }
        }
        return Trigger::Zero(leaves);
    }
    let lack_is_an_option = node.is_leaf()
        && node.options().first().is_some_and(|o| {
            o.text.to_lowercase().starts_with("không có") && node.option_points(0) == Some(0)
        });
    if lower.contains("nếu không có") && lack_is_an_option {
        return Trigger::Zero(vec![node.code().to_string()]);
    }
    Trigger::Finding
}

/// The first rule the options trigger: `triggered(leaves)` says whether a 0 on any of the
/// rule's leaves is answered (on every member's sheet, for a council, though not necessarily on
/// the same leaf).
pub fn stopped_by(
    sheet: &CriteriaSheet,
    triggered: impl Fn(&[String]) -> bool,
) -> Option<NotRated> {
    sheet_rules(sheet)
        .into_iter()
        .find_map(|rule| match &rule.trigger {
            Trigger::Zero(leaves) if triggered(leaves) => Some(NotRated {
                kind: rule.kind,
                criterion_code: Some(rule.criterion_code),
                rule: rule.text,
                note: None,
            }),
            _ => None,
        })
}

#[cfg(test)]
mod tests;
