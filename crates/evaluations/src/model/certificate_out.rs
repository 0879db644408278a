//! Wire types of certificates: the officer's view, the public verification page, revocation
//! and the officer's alerts.

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::{ProductId, SubjectId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::{
    CertificateId, CertificateState, CycleId, DecisionIn, RecognitionLevel, RevocationGround, Stars,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RevocationOut {
    pub ground: RevocationGround,
    /// The level that decided, by the certificate's stars.
    pub authority: RecognitionLevel,
    pub number: String,
    pub decided_on: NaiveDate,
    pub signer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CertificateOut {
    #[schema(value_type = String, format = Uuid)]
    pub id: CertificateId,
    /// Human-readable, e.g. `OCOP-66-2026-0007`.
    pub number: String,
    /// Printed as a QR code; anyone can check it at `/verify/{code}`.
    pub verification_code: String,
    pub verification_url: String,
    pub product_id: ProductId,
    pub product_name: String,
    /// The product set's code in the criteria instrument, e.g. `IV.2`.
    pub product_set: String,
    /// The product set's name as the instrument prints it, e.g. "Vải, may mặc".
    pub product_set_name: String,
    pub subject_id: SubjectId,
    pub subject_name: String,
    #[schema(value_type = u8, minimum = 3, maximum = 5, format = "uint8")]
    pub stars: Stars,
    pub issuing_level: RecognitionLevel,
    pub issuing_body: String,
    pub decision_number: String,
    pub decision_signer: String,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    /// Computed for today from dates and records.
    pub state: CertificateState,
    pub re_rating_opens_on: NaiveDate,
    pub re_rating_closes_on: NaiveDate,
    /// The last day an extension could reach.
    pub extension_limit: NaiveDate,
    #[schema(value_type = String, format = Uuid)]
    pub cycle_id: CycleId,
    #[schema(value_type = Option<String>, format = Uuid)]
    pub superseded_by: Option<CertificateId>,
    pub revocation: Option<RevocationOut>,
    pub created_at: DateTime<Utc>,
    /// For `If-Match` on the certificate's changes (revocation).
    pub version: i32,
}

/// What the public sees when scanning a certificate's QR code: no personal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PublicCertificate {
    pub number: String,
    pub product_name: String,
    pub product_set: String,
    pub product_set_name: String,
    pub subject_name: String,
    pub unit_name: String,
    #[schema(value_type = u8, minimum = 3, maximum = 5, format = "uint8")]
    pub stars: Stars,
    pub issuing_body: String,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub state: CertificateState,
    /// Whether the product may carry the OCOP mark today.
    pub valid: bool,
    /// A revocation is a public decision: the buyer holding a revoked mark is told when and why.
    pub revoked_on: Option<NaiveDate>,
    pub revocation_ground: Option<RevocationGround>,
    pub superseded_on: Option<NaiveDate>,
    /// The verification code of the certificate that replaced this one, to check it in turn.
    pub successor_code: Option<String>,
    /// The certified product, as the public catalogue names it.
    pub product_id: ProductId,
    /// The province of the producer's unit (`unit_name`), by name.
    pub province_name: String,
    /// The product's first photo (absolute in the API's answer), when it has one.
    pub image_url: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RevokeIn {
    pub ground: RevocationGround,
    #[validate(nested)]
    pub decision: DecisionIn,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CertificateQuery {
    /// Product or subject name (diacritics ignored), certificate number or verification code.
    #[param(max_length = 200)]
    #[validate(length(max = 200))]
    pub q: Option<String>,
    /// `issued_on`, `expires_on`, `stars` or `product_name`; `-` first for descending. Default
    /// `-issued_on`.
    pub sort: Option<crate::CertificateSort>,
    pub state: Option<CertificateState>,
    pub product_id: Option<ProductId>,
    /// Certificates are issued for 3 to 5 stars; another level is refused rather than matching
    /// nothing.
    #[param(minimum = 3, maximum = 5, format = "uint8")]
    #[validate(range(min = 3, max = 5))]
    pub stars: Option<u8>,
    #[param(minimum = 1, maximum = 1_000_000)]
    #[validate(range(min = 1, max = ocop_core::page::MAX_PAGE))]
    pub page: Option<u64>,
    #[param(minimum = 1, maximum = 100)]
    #[validate(range(min = 1, max = ocop_core::page::MAX_PER_PAGE))]
    pub per_page: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    /// A dossier waits for the commune's check (Mẫu 03, 15 working days).
    DossierAwaitingCheck,
    /// A checked dossier waits to be put before a council.
    DossierAwaitingCouncil,
    /// A council's result waits for a decision.
    ResultAwaitingDecision,
    /// An open round's decision deadline is within 30 days, or past.
    RoundDeadlineNear,
    /// A certificate is in its re-rating window and nothing is filed.
    ReRatingDue,
    /// A certificate expired and no re-rating keeps it alive.
    CertificateExpired,
    /// A council member has not submitted their sheet on a dossier of their open round.
    SheetToScore,
    /// A dossier or an idea came back to its producer for completion.
    DossierReturned,
    /// A certificate in force expires within 30 days.
    CertificateExpiring,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AlertOut {
    pub kind: AlertKind,
    /// Due date of the action, when there is one.
    pub due_on: Option<NaiveDate>,
    /// Past its due date.
    pub overdue: bool,
    pub title: String,
    /// `cycle`, `round` or `certificate`, with its id.
    pub target: String,
    // A bare uuid rather than a typed id: which kind of record it is depends on `target`.
    pub target_id: Uuid,
    /// The round whose sheet is to be scored (`sheet_to_score`); null otherwise.
    pub round_id: Option<Uuid>,
    /// The reason given when the dossier was returned (`dossier_returned`); null otherwise.
    pub detail: Option<String>,
}
