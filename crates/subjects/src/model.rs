//! Wire types and pure rules of subjects.

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::error::FieldErrors;
use ocop_core::{DomainResult, SubjectId, UnitId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError};

/// The kinds of subject of Decision 26/2026/QĐ-TTg, Art. 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    /// Hợp tác xã.
    Cooperative,
    /// Tổ hợp tác.
    CooperativeGroup,
    /// Doanh nghiệp nhỏ và vừa.
    Sme,
    /// Trang trại.
    Farm,
    /// Hộ sản xuất.
    ProductionHousehold,
    /// Hộ gia đình có đăng ký kinh doanh.
    BusinessHousehold,
    /// Hội, hiệp hội — community tourism only.
    TourismAssociation,
    /// Trung tâm điều hành du lịch — community tourism only.
    TourismOperatingCentre,
}

impl SubjectKind {
    pub const ALL: [SubjectKind; 8] = [
        Self::Cooperative,
        Self::CooperativeGroup,
        Self::Sme,
        Self::Farm,
        Self::ProductionHousehold,
        Self::BusinessHousehold,
        Self::TourismAssociation,
        Self::TourismOperatingCentre,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cooperative => "cooperative",
            Self::CooperativeGroup => "cooperative_group",
            Self::Sme => "sme",
            Self::Farm => "farm",
            Self::ProductionHousehold => "production_household",
            Self::BusinessHousehold => "business_household",
            Self::TourismAssociation => "tourism_association",
            Self::TourismOperatingCentre => "tourism_operating_centre",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Cooperative => "Hợp tác xã",
            Self::CooperativeGroup => "Tổ hợp tác",
            Self::Sme => "Doanh nghiệp nhỏ và vừa",
            Self::Farm => "Trang trại",
            Self::ProductionHousehold => "Hộ sản xuất",
            Self::BusinessHousehold => "Hộ kinh doanh",
            Self::TourismAssociation => "Hội, hiệp hội du lịch",
            Self::TourismOperatingCentre => "Trung tâm điều hành du lịch",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Self::Cooperative => "Cooperative",
            Self::CooperativeGroup => "Cooperative group",
            Self::Sme => "Small or medium enterprise",
            Self::Farm => "Farm",
            Self::ProductionHousehold => "Production household",
            Self::BusinessHousehold => "Household business",
            Self::TourismAssociation => "Tourism association",
            Self::TourismOperatingCentre => "Tourism operating centre",
        }
    }

    /// Members are counted for collective subjects only.
    pub fn has_members(self) -> bool {
        matches!(self, Self::Cooperative | Self::CooperativeGroup)
    }

    /// May only register community-tourism products (Art. 2 of 26/2026).
    pub fn tourism_only(self) -> bool {
        matches!(
            self,
            Self::TourismAssociation | Self::TourismOperatingCentre
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubjectStatus {
    Active,
    /// Temporarily stopped (e.g. production halted); records stay readable.
    Suspended,
    /// No longer operating; kept for history, never hard-deleted once it has products.
    Archived,
}

impl SubjectStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
            Self::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Active, Self::Suspended, Self::Archived]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A subject as the API returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SubjectOut {
    pub id: SubjectId,
    pub kind: SubjectKind,
    #[schema(example = "Hợp tác xã Nông nghiệp Dịch vụ Cà phê Ea Tu")]
    pub name: String,
    /// Enterprise or tax code, or the household business registration number.
    #[schema(example = "6001234567")]
    pub registration_code: Option<String>,
    #[schema(example = "Nguyễn Thị Hoa")]
    pub legal_representative: String,
    #[schema(example = "Thôn 3")]
    pub address: String,
    pub unit_id: UnitId,
    #[schema(example = "Phường Tân An")]
    pub unit_name: String,
    #[schema(example = "0912345678")]
    pub phone: Option<String>,
    pub email: Option<String>,
    pub founded_on: Option<NaiveDate>,
    /// Cooperatives and cooperative groups only.
    pub member_count: Option<i32>,
    pub women_led: bool,
    pub status: SubjectStatus,
    /// Increases with every change; send it back in `If-Match`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new subject.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct SubjectIn {
    pub kind: SubjectKind,
    #[validate(custom(function = "validate_subject_name"))]
    #[schema(
        example = "Hợp tác xã Nông nghiệp Dịch vụ Cà phê Ea Tu",
        min_length = 2,
        max_length = 300
    )]
    pub name: String,
    // The patterns here and on `phone` restate the two validators for clients; a test in
    // tests/api/openapi.rs keeps each in step with its function.
    #[validate(custom(function = "validate_registration_code"))]
    #[schema(example = "6001234567", pattern = r"^[0-9A-Z][0-9A-Z./-]{4,19}$")]
    pub registration_code: Option<String>,
    #[validate(custom(function = "validate_representative"))]
    #[schema(example = "Nguyễn Thị Hoa", min_length = 2, max_length = 200)]
    pub legal_representative: String,
    #[validate(length(max = 300))]
    #[serde(default)]
    #[schema(example = "Thôn 3", max_length = 300)]
    pub address: String,
    /// A commune (or ward) in force, inside the caller's scope.
    pub unit_id: UnitId,
    #[validate(custom(function = "validate_phone"))]
    #[schema(
        example = "0912345678",
        pattern = r"^[ .]*(?:\+[ .]*8[ .]*4|0)[ .]*(?:2[ .]*)?(?:[0-9][ .]*){9}$"
    )]
    pub phone: Option<String>,
    #[validate(email, length(max = 254))]
    #[schema(format = Email, max_length = 254)]
    pub email: Option<String>,
    pub founded_on: Option<NaiveDate>,
    #[validate(range(min = 1, max = 100000))]
    #[schema(minimum = 1, maximum = 100000)]
    pub member_count: Option<i32>,
    #[serde(default)]
    pub women_led: bool,
}

/// Changes to a subject: absent fields stay, `null` clears an optional field.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct SubjectPatch {
    pub kind: Option<SubjectKind>,
    #[validate(custom(function = "validate_subject_name"))]
    #[schema(min_length = 2, max_length = 300)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "ocop_core::patch::nullable")]
    #[validate(custom(function = "validate_registration_code"))]
    #[schema(value_type = Option<String>, pattern = r"^[0-9A-Z][0-9A-Z./-]{4,19}$")]
    pub registration_code: Option<Option<String>>,
    #[validate(custom(function = "validate_representative"))]
    #[schema(min_length = 2, max_length = 200)]
    pub legal_representative: Option<String>,
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub address: Option<String>,
    pub unit_id: Option<UnitId>,
    #[serde(default, deserialize_with = "ocop_core::patch::nullable")]
    #[validate(custom(function = "validate_phone"))]
    #[schema(
        value_type = Option<String>,
        pattern = r"^[ .]*(?:\+[ .]*8[ .]*4|0)[ .]*(?:2[ .]*)?(?:[0-9][ .]*){9}$"
    )]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "ocop_core::patch::nullable")]
    #[validate(email, length(max = 254))]
    #[schema(value_type = Option<String>, format = Email, max_length = 254)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "ocop_core::patch::nullable")]
    #[schema(value_type = Option<NaiveDate>)]
    pub founded_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "ocop_core::patch::nullable")]
    #[validate(range(min = 1, max = 100000))]
    #[schema(value_type = Option<i32>, minimum = 1, maximum = 100000)]
    pub member_count: Option<Option<i32>>,
    pub women_led: Option<bool>,
    /// Officers only.
    pub status: Option<SubjectStatus>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
pub enum SubjectSort {
    #[default]
    #[serde(rename = "name")]
    NameAsc,
    #[serde(rename = "-name")]
    NameDesc,
    #[serde(rename = "created_at")]
    CreatedAsc,
    #[serde(rename = "-created_at")]
    CreatedDesc,
    #[serde(rename = "-updated_at")]
    UpdatedDesc,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct SubjectQuery {
    /// Name, registration code or representative; diacritics ignored ("ca phe" finds "Cà phê").
    pub q: Option<String>,
    /// Only subjects in this unit's subtree (with its history).
    pub unit_id: Option<i32>,
    pub kind: Option<SubjectKind>,
    pub status: Option<SubjectStatus>,
    pub women_led: Option<bool>,
    pub sort: Option<SubjectSort>,
    #[param(minimum = 1, maximum = 1_000_000)]
    #[validate(range(min = 1, max = ocop_core::page::MAX_PAGE))]
    pub page: Option<u64>,
    #[param(minimum = 1, maximum = 100)]
    #[validate(range(min = 1, max = ocop_core::page::MAX_PER_PAGE))]
    pub per_page: Option<u64>,
}

/// Registration and tax codes: letters, digits and `-`/`.`/`/`, 5 to 20 characters, e.g.
/// `6001234567`, `6001234567-001`, `40A8012345`.
pub fn validate_registration_code(code: &str) -> Result<(), ValidationError> {
    let ok = (5..=20).contains(&code.len())
        && code
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && code
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || matches!(c, '-' | '.' | '/'));
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new("format"))
    }
}

/// Vietnamese phone numbers, or the same after +84; spaces and dots are allowed for readability.
/// Mobiles have 10 digits; landlines have 11 since the 2017 renumbering (area code `02xx`).
pub fn validate_phone(phone: &str) -> Result<(), ValidationError> {
    let digits: String = phone.chars().filter(|c| !matches!(c, ' ' | '.')).collect();
    let national = digits
        .strip_prefix("+84")
        .map(|rest| format!("0{rest}"))
        .unwrap_or(digits);
    let length_ok = national.len() == 10 || (national.len() == 11 && national.starts_with("02"));
    let ok = length_ok && national.starts_with('0') && national.chars().all(|c| c.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new("format"))
    }
}

/// Rules across fields, beyond what each field says alone.
pub fn check_kind_rules(
    kind: SubjectKind,
    member_count: Option<i32>,
    founded_on: Option<NaiveDate>,
    today: NaiveDate,
) -> DomainResult<()> {
    let mut errors = FieldErrors::default();
    if member_count.is_some() && !kind.has_members() {
        errors.push("member_count", "only_for_collectives");
    }
    if founded_on.is_some_and(|d| d > today) {
        errors.push("founded_on", "in_future");
    }
    errors.into_result()
}

/// A name of 2 to 300 characters. An empty one is `required`, which tells people what to do,
/// rather than `length`.
pub fn validate_subject_name(name: &str) -> Result<(), validator::ValidationError> {
    sized_text(name, 300)
}

/// The legal representative's name, 2 to 200 characters; empty is `required`.
pub fn validate_representative(name: &str) -> Result<(), validator::ValidationError> {
    sized_text(name, 200)
}

fn sized_text(text: &str, max: usize) -> Result<(), validator::ValidationError> {
    if text.trim().is_empty() {
        Err(validator::ValidationError::new("required"))
    } else if !(2..=max).contains(&text.chars().count()) {
        Err(validator::ValidationError::new("length"))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests;
