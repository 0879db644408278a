//! Wire types of evaluation rounds, their councils and the members' score sheets.

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::UserId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::{
    CycleId, CycleState, RecognitionLevel, RoundId, ScoreSummary, Selection, SheetId, StarResult,
};

/// Opens a round. Its deadlines come from the instrument's calendar for the day it opens.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RoundIn {
    /// `province` or `central` (the ministry's council, for 5★ candidates).
    pub level: RecognitionLevel,
    #[validate(length(min = 2, max = 200))]
    #[schema(
        example = "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Đắk Lắk, đợt 2 năm 2026",
        min_length = 2,
        max_length = 200
    )]
    pub name: String,
    /// The day the round is convened; the deadlines follow from it. Defaults to today.
    pub opened_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CouncilPosition {
    Chair,
    Secretary,
    Member,
}

impl CouncilPosition {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Chair => "chair",
            Self::Secretary => "secretary",
            Self::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Chair, Self::Secretary, Self::Member]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

/// The council of a round: all of them score; the chair closes.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CouncilIn {
    #[schema(value_type = String, format = Uuid)]
    pub chair_id: UserId,
    #[schema(value_type = Option<String>, format = Uuid)]
    pub secretary_id: Option<UserId>,
    #[validate(length(max = 30))]
    #[serde(default)]
    #[schema(value_type = Vec<String>, format = Uuid, max_items = 30)]
    pub member_ids: Vec<UserId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CouncilMemberOut {
    #[schema(value_type = String, format = Uuid)]
    pub user_id: UserId,
    pub name: String,
    pub position: CouncilPosition,
}

/// Adds a dossier to a round's agenda: a checked dossier to a province round, a 90-point
/// candidate to a central one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaIn {
    #[schema(value_type = String, format = Uuid)]
    pub cycle_id: CycleId,
}

/// A member declares a conflict of interest on one dossier and takes no part in its scoring.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RecusalIn {
    #[validate(length(min = 2, max = 2000))]
    #[schema(min_length = 2, max_length = 2000)]
    pub reason: String,
}

/// The caller's own sheet on a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MySheet {
    /// Not started, or the caller is not on the council.
    None,
    Draft,
    Submitted,
    /// Takes no part: a declared conflict, or a member of the filing subject.
    Excluded,
}

impl MySheet {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::Excluded => "excluded",
        }
    }
}

/// One dossier on a round's agenda, as the caller may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AgendaItem {
    #[schema(value_type = String, format = Uuid)]
    pub cycle_id: CycleId,
    pub product_name: String,
    pub subject_name: String,
    pub product_set: String,
    pub criteria_set_id: i32,
    pub state: CycleState,
    /// Members who may score it (not excluded by a conflict).
    pub eligible_members: u32,
    pub submitted_sheets: u32,
    pub my_sheet: MySheet,
    /// The council's result, once frozen.
    pub result: Option<StarResult>,
    /// A ground the chair recorded: the dossier will not be rated.
    pub finding: Option<crate::FindingOut>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RoundOut {
    #[schema(value_type = String, format = Uuid)]
    pub id: RoundId,
    pub level: RecognitionLevel,
    pub year: i32,
    pub name: String,
    pub instrument: String,
    pub opened_on: NaiveDate,
    /// Dossiers forwarded before this day are in the round.
    pub forwarded_before: NaiveDate,
    /// The decision must be made before this day.
    pub decide_before: NaiveDate,
    pub closed_at: Option<DateTime<Utc>>,
    pub council: Vec<CouncilMemberOut>,
    pub agenda: Vec<AgendaItem>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RoundQuery {
    /// The round's name, diacritics ignored ("hoi dong" finds "Hội đồng").
    #[param(max_length = 200)]
    #[validate(length(max = 200))]
    pub q: Option<String>,
    /// `created_at`, `decision_due_on` or `name`; `-` first for descending. Default: the newest
    /// opened first.
    pub sort: Option<crate::RoundSort>,
    pub year: Option<i32>,
    pub level: Option<RecognitionLevel>,
    /// Only open (`false`) or closed (`true`) rounds.
    pub closed: Option<bool>,
}

/// A member's choices on a dossier.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SheetIn {
    pub choices: Selection,
    /// Submit now: the sheet can no longer change, and the member sees the others'.
    #[serde(default)]
    pub submit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SheetOut {
    #[schema(value_type = String, format = Uuid)]
    pub id: SheetId,
    #[schema(value_type = String, format = Uuid)]
    pub round_id: RoundId,
    #[schema(value_type = String, format = Uuid)]
    pub cycle_id: CycleId,
    #[schema(value_type = String, format = Uuid)]
    pub member_id: UserId,
    pub member_name: String,
    pub criteria_set_id: i32,
    pub choices: Selection,
    /// Criteria still unanswered; a sheet is submitted only when none is left.
    pub unanswered: Vec<String>,
    pub score: Option<ScoreSummary>,
    pub stars: Option<StarResult>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    /// For `If-Match` on the next save.
    pub version: i32,
}

/// The sheets of one dossier in a round, as the caller may see them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SheetsOut {
    pub mine: Option<SheetOut>,
    /// The other members' sheets: hidden (empty) until the caller has submitted their own.
    pub others: Vec<SheetOut>,
    /// True when `others` is withheld.
    pub others_hidden: bool,
}
