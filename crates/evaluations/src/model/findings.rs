//! A council's finding on a dossier: a ground that leaves it without a rank and that the
//! options cannot express (see [`crate::stops`]). The chair records it, with a note, while the
//! round is open; when the round closes the dossier is not rated, with the ground as reason.

use chrono::{DateTime, Utc};
use ocop_core::UserId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::criteria::CriteriaSheet;
use crate::stops::{NotRated, NotRatedKind, sheet_rules};

/// Which printed ground applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Ground {
    /// The index of a "Hồ sơ bị loại khi" paragraph in the sheet's `disqualifiers`.
    Disqualifier(u32),
    /// A criterion carrying a stop or elimination note (e.g. `6.1`, `2.1`).
    Criterion(String),
}

impl Ground {
    /// How the ground is stored: its kind and its reference.
    pub fn parts(&self) -> (&'static str, String) {
        match self {
            Self::Disqualifier(i) => ("disqualifier", i.to_string()),
            Self::Criterion(code) => ("criterion", code.clone()),
        }
    }

    pub fn from_parts(kind: &str, reference: &str) -> Option<Self> {
        match kind {
            "disqualifier" => reference.parse().ok().map(Self::Disqualifier),
            "criterion" => Some(Self::Criterion(reference.to_string())),
            _ => None,
        }
    }

    /// The rule on `sheet` this ground names, as a result's reason; `None` when the sheet
    /// prints no such ground.
    pub fn on(&self, sheet: &CriteriaSheet, note: &str) -> Option<NotRated> {
        let (kind, criterion_code, rule) = match self {
            Self::Disqualifier(i) => {
                let text = sheet.disqualifiers.get(usize::try_from(*i).ok()?)?;
                (NotRatedKind::Eliminated, None, text.clone())
            }
            Self::Criterion(code) => {
                let rule = sheet_rules(sheet)
                    .into_iter()
                    .find(|r| r.criterion_code == *code)?;
                (rule.kind, Some(rule.criterion_code), rule.text)
            }
        };
        Some(NotRated {
            kind,
            criterion_code,
            rule,
            note: Some(note.to_string()),
        })
    }
}

/// The chair records that a ground applies to a dossier.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct FindingIn {
    #[schema(example = json!({"disqualifier": 0}))]
    pub ground: Ground,
    /// What the council found, and on what evidence.
    #[validate(length(min = 2, max = 2000))]
    #[schema(min_length = 2, max_length = 2000)]
    pub note: String,
}

/// A recorded finding, with the ground as printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FindingOut {
    pub ground: Ground,
    /// The result the dossier gets when the round closes.
    pub reason: NotRated,
    #[schema(value_type = String, format = Uuid)]
    pub recorded_by: UserId,
    pub recorded_at: DateTime<Utc>,
}
