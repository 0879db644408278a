//! A scoring sheet (Phụ lục II of 26/2026, "kiêm phiếu đánh giá") exactly as transcribed in
//! `data/criteria/26-2026/<set>.json`: parts → sections → criteria → nested children, with
//! scored options.
//!
//! These types read the files as they are: points stay as printed (including the two typos and
//! the empty cells, see `source_anomaly`), notes stay in source order, and keys this build does
//! not know are ignored rather than refused, so a richer transcription still loads. What a sheet
//! must satisfy to be used is checked separately by [`crate::validate`].
//!
//! Addressing: every node has a printed `code` (`1`, `1.1`, `6.1.1`, `8.a`) that is unique within
//! its sheet (checked), and a scorer's choice is keyed by the code of a *leaf*. A section that
//! is scored directly (`7. DINH DƯỠNG`) is itself a leaf with code `7`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use crate::instrument::CriteriaSetRef;

/// One product set's sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CriteriaSheet {
    /// The legal instrument, as printed.
    #[schema(example = "26/2026/QĐ-TTg")]
    pub decision: String,
    pub decision_date: Option<chrono::NaiveDate>,
    pub annex: Option<String>,
    #[schema(example = "I.6")]
    pub product_set: String,
    /// Position of the set in Phụ lục II (1–26).
    pub annex_ii_no: Option<u32>,
    /// The Phụ lục II heading.
    pub name: String,
    pub name_in_annex_ii_index: Option<String>,
    pub name_in_annex_i: Option<String>,
    pub classification_line: Option<String>,
    /// "Hồ sơ bị loại khi: …", printed above the sheet.
    #[serde(default)]
    pub disqualifiers: Vec<String>,
    pub star_marker_legend: Option<String>,
    pub parts: Vec<Part>,
    /// "TỔNG CỘNG" as printed.
    pub total_points: u32,
    /// The transcriber's own consistency report. Informative only: [`crate::validate`]
    /// recomputes everything and never trusts it.
    #[schema(value_type = Object)]
    pub checks: Option<serde_json::Value>,
    #[serde(default)]
    pub notes: Vec<String>,
    /// Printed values corrected in this version, each with its source. Empty on a sheet as
    /// first published (and then left out, so the stored version 1 reads as it always did).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
    pub source: Option<String>,
    pub transcription: Option<String>,
}

/// One printed value a later version corrects. The earlier version keeps the printed value:
/// dossiers scored on it read the same forever.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Correction {
    #[schema(example = "6.1.1")]
    pub criterion_code: String,
    pub option_index: u32,
    pub option_text: String,
    #[schema(example = 11)]
    pub printed_points: Option<u32>,
    #[schema(example = 1)]
    pub corrected_points: Option<u32>,
    /// Why, and where that is documented.
    pub source: String,
}

/// Part A, B or C.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Part {
    #[schema(example = "A")]
    pub code: String,
    pub title: String,
    pub max_points: u32,
    pub sections: Vec<Section>,
}

/// A numbered heading of a part (`1. TỔ CHỨC SẢN XUẤT`). Either it has criteria, or it is
/// scored directly with its own options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Section {
    #[schema(example = "1")]
    pub code: String,
    pub title: String,
    pub max_points: u32,
    /// True when an option carries a 3-star marker ("tiêu chí bắt buộc").
    #[serde(default)]
    pub mandatory: bool,
    /// Star level (3, 4, 5) → the marked option. Derived from the markers; checked to agree.
    #[serde(default)]
    #[schema(schema_with = star_requirements_schema)]
    pub min_star_requirements: BTreeMap<u8, MinStarRequirement>,
    #[serde(default)]
    pub notes: Vec<String>,
    pub derived_flags: Option<DerivedFlags>,
    pub scoring_note: Option<String>,
    pub source_anomaly: Option<String>,
    #[serde(default)]
    pub options: Vec<ScoreOption>,
    pub children_mode: Option<ChildrenMode>,
    #[serde(default)]
    pub criteria: Vec<Criterion>,
}

/// A criterion (`1.1`) or a sub-criterion (`6.1.1`), or an alternative of a choose-one
/// section (`8.a`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Criterion {
    #[schema(example = "1.1")]
    pub code: String,
    pub title: String,
    pub max_points: u32,
    #[serde(default)]
    pub mandatory: bool,
    #[serde(default)]
    #[schema(schema_with = star_requirements_schema)]
    pub min_star_requirements: BTreeMap<u8, MinStarRequirement>,
    #[serde(default)]
    pub notes: Vec<String>,
    pub derived_flags: Option<DerivedFlags>,
    /// Why a criterion has no options (the bilingual-label criterion 2.4 / 2.3 prints only its
    /// maximum). We do not invent options: such a criterion cannot be selected and scores 0.
    pub scoring_note: Option<String>,
    pub source_anomaly: Option<String>,
    #[serde(default)]
    pub options: Vec<ScoreOption>,
    pub children_mode: Option<ChildrenMode>,
    #[serde(default)]
    #[schema(no_recursion)]
    pub children: Vec<Criterion>,
}

/// One "□" line of a criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ScoreOption {
    pub text: String,
    /// As printed. `null` where the source's points cell is empty: on the first (lowest)
    /// option it scores 0; further down it cannot be chosen (we do not guess its value).
    pub points: Option<u32>,
    /// 3, 4 or 5 when the option carries `***`, `****` or `*****`: the minimum to reach for
    /// that star level (this option or any higher-scoring one of the same criterion).
    #[schema(minimum = 3, maximum = 5, format = "uint8")]
    pub min_star_marker: Option<u8>,
    pub note: Option<String>,
    /// Set when the printed value is doubtful (a typo such as 13 for 3, an empty cell). Kept as
    /// printed; scoring caps a leaf at its maximum, so a typo can never add points.
    pub source_anomaly: Option<String>,
}

/// `min_star_requirements` as it travels: JSON object keys are strings, so the `u8` levels are
/// the keys "3", "4" and "5" (the only markers a sheet may carry). Written by hand because the
/// derive would declare integer keys, which no JSON object has. `MinStarRequirement` is
/// registered by name in the API's document, since a hand-written schema does not register it.
fn star_requirements_schema() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::Ref;
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(
            "Star level (\"3\", \"4\", \"5\") → the marked option. Derived from the markers; \
             checked to agree.",
        ))
        .property_names(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some("^[345]$")),
        ))
        .additional_properties(Some(Ref::from_schema_name("MinStarRequirement")))
        .build()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MinStarRequirement {
    pub option_index: u32,
    pub option_text: String,
    pub points: u32,
}

/// Computed by the transcriber from the note text, not printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
pub struct DerivedFlags {
    /// A note says the dossier is eliminated ("Bị loại nếu …").
    #[serde(default)]
    pub elimination_rule: bool,
    /// A note says evaluation stops there.
    #[serde(default)]
    pub stop_rule: bool,
}

/// How a node's children combine. Absent: they add up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChildrenMode {
    /// "Lựa chọn một trong hai trường hợp sau": the scorer says which alternative applies and
    /// scores only inside it; the node is worth the maximum of one alternative.
    ChooseOne,
}

pub use crate::tree::{Leaf, Node};

impl CriteriaSheet {
    /// How a dossier scored on this sheet refers to it, forever.
    pub fn set_ref(&self, version: u32) -> CriteriaSetRef {
        CriteriaSetRef {
            instrument: self.decision.clone(),
            product_set: self.product_set.clone(),
            version,
        }
    }
}
