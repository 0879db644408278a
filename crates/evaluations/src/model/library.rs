//! Wire types of the criteria library: legal instruments and the versioned sheets stored under
//! them, as the API lists, serves and imports them.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::calendar::{MonthDay, deadline_in};
use crate::{
    Advice, CriteriaSheet, RecognitionLevel, RoundDeadline, ScoreSummary, Selection, StarResult,
};

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

impl InstrumentDoc {
    /// Whether new work started on `day` may fall under this instrument.
    pub fn in_effect_on(&self, day: NaiveDate) -> bool {
        self.effective_from <= day && self.effective_to.is_none_or(|to| day <= to)
    }

    /// The level that recognises `stars`; `None` for 1–2 stars or an unknown level name.
    pub fn recognising_level(&self, stars: u8) -> Option<RecognitionLevel> {
        let rule = self.recognition.iter().find(|r| r.stars.contains(&stars))?;
        serde_json::from_value(serde_json::Value::String(rule.level.clone())).ok()
    }

    /// The instrument's round calendar for `level`, as `rounds: [{level, forwarded_before:
    /// "MM-DD", decide_by: "MM-DD"}]` says, in calendar order of the cut-off.
    pub fn round_calendar(&self, level: RecognitionLevel) -> Vec<(MonthDay, MonthDay)> {
        #[derive(Deserialize)]
        struct Round {
            level: RecognitionLevel,
            forwarded_before: String,
            decide_by: String,
        }
        fn month_day(text: &str) -> Option<MonthDay> {
            let (m, d) = text.split_once('-')?;
            Some((m.parse().ok()?, d.parse().ok()?))
        }
        let rounds: Vec<Round> = self
            .other
            .get("rounds")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default();
        let mut table: Vec<(MonthDay, MonthDay)> = rounds
            .iter()
            .filter(|r| r.level == level)
            .filter_map(|r| Some((month_day(&r.forwarded_before)?, month_day(&r.decide_by)?)))
            .collect();
        table.sort();
        table
    }

    /// The round a dossier forwarded on `forwarded_on` to `level` falls into.
    pub fn round_deadline(
        &self,
        level: RecognitionLevel,
        forwarded_on: NaiveDate,
    ) -> Option<RoundDeadline> {
        deadline_in(&self.round_calendar(level), level, forwarded_on)
    }
}

/// The instrument that governs new work started on `day`: the newest in effect (see
/// [`crate::Instrument::in_force_on`] for the overlap of 1489 and 26/2026).
pub fn instrument_in_force(docs: &[InstrumentDoc], day: NaiveDate) -> Option<&InstrumentDoc> {
    docs.iter()
        .filter(|d| d.in_effect_on(day))
        .max_by_key(|d| d.effective_from)
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

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams, validator::Validate)]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Instrument;

    #[derive(Deserialize)]
    struct File {
        instruments: Vec<InstrumentDoc>,
    }

    fn shipped() -> Vec<InstrumentDoc> {
        let text = include_str!("../../../../data/criteria/instruments.json");
        serde_json::from_str::<File>(text).unwrap().instruments
    }

    /// The shipped documents and the compiled twin say the same on every day from 2019 to 2031:
    /// which instrument is in force, who recognises which stars, and every round deadline.
    #[test]
    fn the_instrument_documents_agree_with_the_compiled_rules() {
        let docs = shipped();
        let mut day = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(2031, 12, 31).unwrap();
        while day <= end {
            let compiled = Instrument::in_force_on(day);
            let doc = instrument_in_force(&docs, day);
            assert_eq!(
                doc.map(|d| d.code.as_str()),
                compiled.map(|i| i.code()),
                "{day}"
            );
            if let (Some(doc), Some(instrument)) = (doc, compiled) {
                for stars in 1..=5 {
                    assert_eq!(
                        doc.recognising_level(stars),
                        instrument.recognising_level(stars)
                    );
                }
                for level in [RecognitionLevel::Province, RecognitionLevel::Central] {
                    assert_eq!(
                        doc.round_deadline(level, day),
                        crate::round_deadline(instrument, level, day),
                        "{day} {level:?}"
                    );
                }
            }
            day = day.succ_opt().unwrap();
        }
    }
}
