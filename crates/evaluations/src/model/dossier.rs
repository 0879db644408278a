//! Wire types of a product's annual cycle and its evaluation dossier: what the producer files
//! (business plan, Mẫu 01, Mẫu 02 self-assessment, samples, attachments), what the commune
//! reports (Mẫu 03), the moves made and the council's frozen result.

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::{ProductId, SubjectId, UnitId, UserId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::{AttachmentId, CertificateId, CycleId, CycleState, RoundId, Selection, StarResult};

/// Why a dossier is filed (Art. 6 of 26/2026).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DossierType {
    /// The product has no certificate.
    FirstRating,
    /// A certified product seeking more stars.
    Upgrade,
    /// A certificate nearing expiry (Art. 7.6).
    ReRating,
}

impl DossierType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FirstRating => "first_rating",
            Self::Upgrade => "upgrade",
            Self::ReRating => "re_rating",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::FirstRating, Self::Upgrade, Self::ReRating]
            .into_iter()
            .find(|t| t.as_str() == s)
    }
}

/// Opens a product's cycle for a year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CycleIn {
    pub product_id: ProductId,
    #[validate(range(min = 2019, max = 2100))]
    #[schema(example = 2026, minimum = 2019, maximum = 2100)]
    pub year: i32,
    /// `idea_registered` for a new idea, `implementation` for a product already made.
    pub entry: CycleState,
    pub dossier_type: DossierType,
    /// The product idea, in the producer's words.
    #[validate(length(max = 4000))]
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub idea: String,
}

/// Mẫu 01: the registration form (Phụ lục III).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Form01 {
    /// Who files: the legal representative.
    #[validate(length(min = 2, max = 200))]
    #[schema(min_length = 2, max_length = 200)]
    pub representative: String,
    #[validate(length(min = 6, max = 20))]
    #[schema(min_length = 6, max_length = 20)]
    pub phone: String,
    /// The star level the producer applies for (3 to 5).
    #[validate(range(min = 3, max = 5))]
    #[schema(minimum = 3, maximum = 5, format = "uint8")]
    pub stars_sought: u8,
    /// Annual output the subject commits to.
    #[validate(length(max = 200))]
    #[serde(default)]
    #[schema(max_length = 200)]
    pub annual_output: String,
    #[validate(length(max = 4000))]
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub notes: String,
}

/// Mẫu 03: the commune's report on the product's local character (Art. 7).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Form03 {
    /// Where the raw material comes from, and how much is local.
    #[validate(length(min = 2, max = 2000))]
    #[schema(min_length = 2, max_length = 2000)]
    pub local_raw_material: String,
    /// Local people employed.
    #[validate(length(min = 2, max = 2000))]
    #[schema(min_length = 2, max_length = 2000)]
    pub local_labour: String,
    /// Where the idea comes from.
    #[validate(length(min = 2, max = 2000))]
    #[schema(min_length = 2, max_length = 2000)]
    pub idea_origin: String,
    /// The officer's conclusion.
    #[validate(length(max = 4000))]
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub conclusion: String,
}

/// Changes to a dossier; absent fields are left as they are. The producer edits the plan, the
/// forms, the self-assessment and the samples while the dossier is with them; the commune
/// officer edits Mẫu 03 while checking.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DossierPatch {
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub business_plan: Option<String>,
    #[validate(nested)]
    pub form_01: Option<Form01>,
    /// Mẫu 02: the producer's own scoring on the dossier's criteria sheet.
    pub self_assessment: Option<Selection>,
    #[validate(range(max = 100))]
    #[schema(maximum = 100)]
    pub samples: Option<u32>,
    #[validate(nested)]
    pub form_03: Option<Form03>,
}

/// A recognition or revocation decision as signed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DecisionIn {
    #[validate(length(min = 2, max = 64))]
    #[schema(example = "1234/QĐ-UBND", min_length = 2, max_length = 64)]
    pub number: String,
    pub decided_on: NaiveDate,
    /// Who signed it, with title.
    #[validate(length(min = 2, max = 200))]
    #[schema(
        example = "Phó Chủ tịch UBND tỉnh Nguyễn Văn A",
        min_length = 2,
        max_length = 200
    )]
    pub signer: String,
}

/// A move of the cycle.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct TransitionIn {
    pub to: CycleState,
    /// Required to return or refuse.
    #[validate(length(max = 4000))]
    #[schema(max_length = 4000)]
    pub reason: Option<String>,
    /// Required to recognise.
    #[validate(nested)]
    pub decision: Option<DecisionIn>,
}

/// One recorded move.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CycleEventOut {
    pub from_state: Option<CycleState>,
    pub to_state: CycleState,
    #[schema(value_type = String, format = Uuid)]
    pub actor_id: UserId,
    pub actor_name: String,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// What an attachment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttachmentKind {
    BusinessRegistration,
    TestResult,
    QualityDeclaration,
    Label,
    Photo,
    Other,
}

impl AttachmentKind {
    pub const ALL: [AttachmentKind; 6] = [
        Self::BusinessRegistration,
        Self::TestResult,
        Self::QualityDeclaration,
        Self::Label,
        Self::Photo,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::BusinessRegistration => "business_registration",
            Self::TestResult => "test_result",
            Self::QualityDeclaration => "quality_declaration",
            Self::Label => "label",
            Self::Photo => "photo",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AttachmentOut {
    #[schema(value_type = String, format = Uuid)]
    pub id: AttachmentId,
    pub kind: AttachmentKind,
    pub file_name: String,
    pub content_type: String,
    pub byte_size: i64,
    /// Hex SHA-256 of the bytes, to check a copy against.
    pub sha256: String,
    pub url: String,
    pub created_at: DateTime<Utc>,
}

/// The council's result, frozen when the chair closed the round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CouncilResult {
    #[schema(value_type = String, format = Uuid)]
    pub round_id: RoundId,
    pub sheets: u32,
    pub result: StarResult,
}

/// A product's cycle for one year, with its dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CycleOut {
    #[schema(value_type = String, format = Uuid)]
    pub id: CycleId,
    pub product_id: ProductId,
    pub product_name: String,
    pub product_set: String,
    /// The product set's name, as the criteria sheet gives it.
    pub product_set_name: String,
    pub subject_id: SubjectId,
    pub subject_name: String,
    pub unit_id: UnitId,
    pub year: i32,
    pub dossier_type: DossierType,
    pub state: CycleState,
    /// The moves the caller may make now.
    pub allowed_moves: Vec<CycleState>,
    pub idea: String,
    pub business_plan: Option<String>,
    pub form_01: Option<Form01>,
    /// The criteria sheet the dossier is scored on, fixed when the cycle opens.
    pub criteria_set_id: i32,
    pub self_assessment: Option<Selection>,
    /// Total of the self-assessment, when every criterion is answered.
    pub self_assessment_total: Option<u32>,
    pub samples: u32,
    pub form_03: Option<Form03>,
    pub attachments: Vec<AttachmentOut>,
    /// When the dossier reached the commune, and when the commune's check is due (15 working days).
    pub submitted_on: Option<NaiveDate>,
    pub check_due_on: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Uuid)]
    pub round_id: Option<RoundId>,
    pub council: Option<CouncilResult>,
    /// The ministry's council, for a dossier forwarded at 90 points or more.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub central_round_id: Option<RoundId>,
    pub central_council: Option<CouncilResult>,
    #[schema(value_type = Option<String>, format = Uuid)]
    pub certificate_id: Option<CertificateId>,
    pub events: Vec<CycleEventOut>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CycleQuery {
    /// Product or subject name, diacritics ignored ("ca phe" finds "Cà phê").
    #[param(max_length = 200)]
    #[validate(length(max = 200))]
    pub q: Option<String>,
    /// `updated_at`, `year`, `state` or `product_name`; `-` first for descending. Default
    /// `-updated_at`.
    pub sort: Option<crate::CycleSort>,
    pub state: Option<CycleState>,
    pub year: Option<i32>,
    pub product_id: Option<ProductId>,
    /// On this round's agenda (province or central).
    #[param(value_type = Option<String>, format = Uuid)]
    pub round_id: Option<RoundId>,
    #[param(minimum = 1, maximum = 1_000_000)]
    #[validate(range(min = 1, max = ocop_core::page::MAX_PAGE))]
    pub page: Option<u64>,
    #[param(minimum = 1, maximum = 100)]
    #[validate(range(min = 1, max = ocop_core::page::MAX_PER_PAGE))]
    pub per_page: Option<u64>,
}

/// Advice on which sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AdviceSource {
    /// The producer's self-assessment (Mẫu 02).
    #[default]
    SelfAssessment,
    /// The council: per criterion, the option most members chose (the lower one on a tie).
    Council,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AdviceQuery {
    pub source: Option<AdviceSource>,
}
