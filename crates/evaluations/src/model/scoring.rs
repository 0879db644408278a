//! A score sheet: one chosen option per leaf, its validation against the criteria sheet, and
//! its totals per part and section.
//!
//! A [`Selection`] maps a leaf's printed code to the index of the chosen option in source order
//! (0 = the first "□", the lowest). Codes are unique in a sheet, so `"1.1"`, `"6.1.1"` (a
//! sub-criterion), `"7"` (a section scored directly) and `"8.a"` (an alternative of a
//! choose-one section) need no further qualification. In a choose-one section the scorer
//! chooses options inside one alternative only: that is how they say which case applies.
//!
//! A leaf left out scores 0: a draft is a valid selection, and [`unanswered`] lists what is
//! missing before a member submits. Points are whole numbers (26/2026 prints no fractions), so
//! one sheet's total is exact; averages live in [`crate::stars`].

use std::collections::BTreeMap;

use ocop_core::{DomainError, FieldError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Points;
use crate::criteria::{CriteriaSheet, Node};

/// Leaf code → index of the chosen option.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
pub struct Selection(pub BTreeMap<String, u32>);

impl Selection {
    pub fn get(&self, code: &str) -> Option<u32> {
        self.0.get(code).copied()
    }
}

/// Why a choice cannot be scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SelectionError {
    /// The chosen code, or for two alternatives the choose-one node's code.
    #[schema(example = "1.2")]
    pub criterion_code: String,
    pub code: SelectionErrorCode,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SelectionErrorCode {
    /// No node of the sheet has this code.
    UnknownCriterion,
    /// The code is a section or criterion with children: choose in one of its leaves.
    NotALeaf,
    /// The criterion prints no options (2.4 bilingual label): nothing can be chosen.
    NoOptions,
    OptionOutOfRange,
    /// The option's points cell is empty in the source and it is not the first option (whose
    /// empty cell reads 0); we do not guess a value.
    OptionWithoutPoints,
    /// Options chosen in more than one alternative of a choose-one section.
    TwoAlternatives,
}

impl SelectionErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UnknownCriterion => "unknown_criterion",
            Self::NotALeaf => "not_a_leaf",
            Self::NoOptions => "no_options",
            Self::OptionOutOfRange => "option_out_of_range",
            Self::OptionWithoutPoints => "option_without_points",
            Self::TwoAlternatives => "two_alternatives",
        }
    }
}

/// The API answers 422 with one field per bad choice: `choices[1.2]`. Brackets, because codes
/// contain dots.
pub fn into_domain_error(errors: Vec<SelectionError>) -> DomainError {
    DomainError::Validation(
        errors
            .into_iter()
            .map(|e| FieldError {
                field: format!("choices[{}]", e.criterion_code),
                code: e.code.as_str().to_string(),
                message: e.message,
            })
            .collect(),
    )
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ScoreSummary {
    #[schema(example = 78)]
    pub total: u32,
    pub parts: Vec<PartScore>,
    /// Every chosen leaf's points (capped at the leaf's maximum), by code.
    pub criteria: BTreeMap<String, u32>,
    /// Every chosen leaf's option index, by code: a star minimum is judged on the option, so
    /// that an option capped to the marked option's points does not pass for it.
    #[serde(default)]
    pub options: BTreeMap<String, u32>,
    /// Choose-one node → the alternative the scorer chose (`"8"` → `"8.a"`).
    pub alternatives: BTreeMap<String, String>,
    /// Leaves whose chosen option is printed above the leaf's maximum (a source typo) and was
    /// capped, so the UI can say so.
    pub capped: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PartScore {
    pub code: String,
    pub max_points: u32,
    pub points: u32,
    pub sections: Vec<SectionScore>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SectionScore {
    pub code: String,
    pub title: String,
    pub max_points: u32,
    pub points: u32,
}

/// Checks a selection against a sheet; every problem at once, in sheet order.
pub fn check_selection(
    sheet: &CriteriaSheet,
    selection: &Selection,
) -> Result<(), Vec<SelectionError>> {
    let leaves = sheet.leaves();
    let mut errors = Vec::new();
    for (code, &index) in &selection.0 {
        let err = |kind, message: String| SelectionError {
            criterion_code: code.clone(),
            code: kind,
            message,
        };
        let Some(leaf) = leaves.iter().find(|l| l.node.code() == code) else {
            errors.push(match sheet.find(code) {
                Some(_) => err(
                    SelectionErrorCode::NotALeaf,
                    "choose in one of its sub-criteria".into(),
                ),
                None => err(
                    SelectionErrorCode::UnknownCriterion,
                    "no such criterion on this sheet".into(),
                ),
            });
            continue;
        };
        let options = leaf.node.options();
        let i = usize::try_from(index).unwrap_or(usize::MAX);
        if options.is_empty() {
            errors.push(err(
                SelectionErrorCode::NoOptions,
                "this criterion prints no options".into(),
            ));
        } else if i >= options.len() {
            let msg = format!("option {index} chosen; there are {}", options.len());
            errors.push(err(SelectionErrorCode::OptionOutOfRange, msg));
        } else if leaf.node.option_points(i).is_none() {
            let msg = "the source prints no points for this option".into();
            errors.push(err(SelectionErrorCode::OptionWithoutPoints, msg));
        }
    }
    for node in sheet.choose_one_nodes() {
        let chosen = chosen_alternatives(sheet, selection, node.code());
        if chosen.len() > 1 {
            errors.push(SelectionError {
                criterion_code: node.code().to_string(),
                code: SelectionErrorCode::TwoAlternatives,
                message: format!(
                    "choose in one alternative only, not {}",
                    chosen.join(" and ")
                ),
            });
        }
    }
    let order = sheet.codes();
    let rank = |c: &str| order.iter().position(|o| *o == c).unwrap_or(usize::MAX);
    errors.sort_by_key(|e| rank(&e.criterion_code));
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Validates and totals a selection.
pub fn score(
    sheet: &CriteriaSheet,
    selection: &Selection,
) -> Result<ScoreSummary, Vec<SelectionError>> {
    check_selection(sheet, selection)?;
    let mut criteria = BTreeMap::new();
    let mut options = BTreeMap::new();
    let mut capped = Vec::new();
    for leaf in sheet.leaves() {
        let Some(index) = selection.get(leaf.node.code()) else {
            continue;
        };
        let i = usize::try_from(index).unwrap_or(usize::MAX);
        if let Some(points) = leaf.node.option_points(i) {
            criteria.insert(leaf.node.code().to_string(), points);
            options.insert(leaf.node.code().to_string(), index);
            if leaf.node.options()[i].points > Some(points) {
                capped.push(leaf.node.code().to_string());
            }
        }
    }
    let alternatives = sheet
        .choose_one_nodes()
        .into_iter()
        .filter_map(|n| {
            let chosen = chosen_alternatives(sheet, selection, n.code());
            Some((n.code().to_string(), chosen.first()?.to_string()))
        })
        .collect();
    let parts: Vec<PartScore> = sheet
        .parts
        .iter()
        .map(|part| {
            let sections: Vec<SectionScore> = part
                .sections
                .iter()
                .map(|s| SectionScore {
                    code: s.code.clone(),
                    title: s.title.clone(),
                    max_points: s.max_points,
                    points: subtotal(s, &criteria),
                })
                .collect();
            PartScore {
                code: part.code.clone(),
                max_points: part.max_points,
                points: sections.iter().map(|s| s.points).sum(),
                sections,
            }
        })
        .collect();
    Ok(ScoreSummary {
        total: parts.iter().map(|p| p.points).sum(),
        parts,
        criteria,
        options,
        alternatives,
        capped,
    })
}

/// Leaves a member still has to answer, in sheet order. Leaves without options (nothing to
/// choose) are not listed. In a choose-one section where no alternative is chosen yet, the
/// section's own code is listed once ("say which case applies"); once one is chosen, only its
/// leaves are.
pub fn unanswered(sheet: &CriteriaSheet, selection: &Selection) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for leaf in sheet.leaves() {
        let code = leaf.node.code();
        let choosable =
            (0..leaf.node.options().len()).any(|i| leaf.node.option_points(i).is_some());
        if !choosable || selection.get(code).is_some() {
            continue;
        }
        match leaf.alternative {
            Some((node, alt)) => match chosen_alternatives(sheet, selection, node).first() {
                Some(chosen) if *chosen == alt => out.push(code.to_string()),
                Some(_) => {}
                None if !out.iter().any(|c| c == node) => out.push(node.to_string()),
                None => {}
            },
            None => out.push(code.to_string()),
        }
    }
    out
}

/// Alternatives of the choose-one node `node` that have at least one choice, in sheet order.
fn chosen_alternatives<'a>(
    sheet: &'a CriteriaSheet,
    selection: &Selection,
    node: &str,
) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for leaf in sheet.leaves() {
        if let Some((n, alt)) = leaf.alternative
            && n == node
            && selection.get(leaf.node.code()).is_some()
            && !out.contains(&alt)
        {
            out.push(alt);
        }
    }
    out
}

/// A node's points: the sum of its chosen leaves. For a choose-one node only one alternative
/// has choices (checked), so the sum is that alternative's subtotal.
fn subtotal(node: &dyn Node, criteria: &BTreeMap<String, Points>) -> Points {
    if node.is_leaf() {
        return criteria.get(node.code()).copied().unwrap_or(0);
    }
    node.children().iter().map(|c| subtotal(c, criteria)).sum()
}

#[cfg(test)]
mod tests;
