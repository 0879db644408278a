//! Wire types of the criteria library: legal instruments and the versioned sheets stored under
//! them, as the API lists, serves and imports them.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{Advice, CriteriaSheet, ScoreSummary, Selection, StarResult};

/// Which level recognises which stars under an instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RecognitionRule {
    /// `district` (148/2023 only), `province` or `central`.
    #[schema(example = "province")]
    pub level: String,
    #[schema(example = json!([3, 4]))]
    pub stars: Vec<u8>,
}

/// A legal instrument as published: an admin imports a new one as such a document.
/// Fields beyond these (round calendar, windows) are kept as sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct InstrumentDoc {
    #[schema(example = "26/2026/QĐ-TTg")]
    pub code: String,
    pub name: String,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    /// Part A/B/C maxima; they must add up to 100.
    #[schema(example = json!({"A": 40, "B": 25, "C": 35}))]
    pub part_maxima: BTreeMap<String, u32>,
    pub recognition: Vec<RecognitionRule>,
    #[schema(example = 36)]
    pub certificate_months: u32,
    /// Everything else the instrument says (windows, calendar, transition), kept verbatim.
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub other: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct InstrumentOut {
    pub id: i32,
    pub document: InstrumentDoc,
    /// In force today.
    pub in_force: bool,
    /// How many product sets have a sheet under it.
    pub sheet_count: u64,
}

/// A stored sheet without its body, for lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CriteriaSetSummary {
    pub id: i32,
    #[schema(example = "26/2026/QĐ-TTg")]
    pub instrument: String,
    #[schema(example = "I.6")]
    pub product_set: String,
    /// 1 for the sheet as first published; each import of the same set adds one.
    pub version: i32,
    pub name: String,
    pub option_count: i32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CriteriaSetOut {
    pub summary: CriteriaSetSummary,
    pub sheet: CriteriaSheet,
}

/// A selection to score against a stored sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluateIn {
    /// Criterion code → chosen option index (0-based, in sheet order).
    #[schema(value_type = Object, example = json!({"1.1": 2, "1.2": 1}))]
    pub choices: Selection,
}

/// The total, the star rank with its unmet minimums, and the improvements that reach the next star.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct EvaluationOut {
    pub score: ScoreSummary,
    pub stars: StarResult,
    pub advice: Advice,
    /// Criteria not yet answered.
    pub unanswered: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CriteriaSetQuery {
    /// Instrument code, e.g. `26/2026/QĐ-TTg`.
    pub instrument: Option<String>,
    /// Product set code, e.g. `I.6`.
    pub product_set: Option<String>,
    /// Only the latest version of each set.
    pub latest: Option<bool>,
}

/// Scores a selection on a sheet: totals, the star rank with unmet minimums, and the advice.
pub fn evaluate(
    sheet: &CriteriaSheet,
    choices: &Selection,
) -> ocop_core::DomainResult<EvaluationOut> {
    let score = crate::score(sheet, choices).map_err(crate::into_domain_error)?;
    let stars = crate::rate_sheet(sheet, &score);
    let advice = crate::advise(sheet, choices).map_err(crate::into_domain_error)?;
    Ok(EvaluationOut {
        unanswered: crate::unanswered(sheet, choices),
        score,
        stars,
        advice,
    })
}
