//! Wire types and pure rules of products and the classification.

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::error::FieldErrors;
use ocop_core::{DomainResult, Dong, ProductId, SubjectId, UnitId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

/// Which tree a category belongs to: the legal instrument and its effective date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ClassificationOut {
    #[schema(example = "26-2026")]
    pub code: String,
    #[schema(example = "26/2026/QĐ-TTg")]
    pub instrument: String,
    pub name: String,
    pub effective_from: NaiveDate,
    /// Whether new products are classified in this tree today.
    pub in_force: bool,
    pub categories: Vec<CategoryOut>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CategoryLevel {
    /// Ngành (I–VI).
    Sector,
    /// Nhóm.
    Group,
    /// Bộ sản phẩm: what a product is classified in and scored against.
    ProductSet,
}

impl CategoryLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sector => "sector",
            Self::Group => "group",
            Self::ProductSet => "product_set",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Sector, Self::Group, Self::ProductSet]
            .into_iter()
            .find(|l| l.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CategoryOut {
    #[schema(example = "I.6")]
    pub code: String,
    pub level: CategoryLevel,
    #[schema(example = "Cà phê, ca cao")]
    pub name: String,
    pub parent_code: Option<String>,
    pub lead_agency: Option<String>,
    /// Whether 5 samples go with the dossier (not for community tourism).
    pub samples_required: Option<bool>,
}

/// A product's place in the classification, as stored with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProductSetRef {
    #[schema(example = "I.6")]
    pub code: String,
    #[schema(example = "Cà phê, ca cao")]
    pub name: String,
    /// The classification version, e.g. `26-2026`.
    pub classification: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProductStatus {
    Active,
    Suspended,
    /// No longer made; kept for history and certificates.
    Discontinued,
}

impl ProductStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
            Self::Discontinued => "discontinued",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Active, Self::Suspended, Self::Discontinued]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ImageOut {
    pub id: Uuid,
    #[schema(example = "image/jpeg")]
    pub content_type: String,
    pub byte_size: i64,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    pub file_name: String,
    /// Where to fetch the bytes.
    #[schema(
        example = "/api/v1/products/0192f5e4-7c1a-7b3e-9d2a-4f6b8c0d1e2f/images/0192f5e4-7c1a-7b3e-9d2a-4f6b8c0d1e30"
    )]
    pub url: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProductOut {
    pub id: ProductId,
    pub subject_id: SubjectId,
    #[schema(example = "Hợp tác xã Nông nghiệp Dịch vụ Cà phê Ea Tu")]
    pub subject_name: String,
    #[schema(example = "Cà phê bột nguyên chất Ea Tu")]
    pub name: String,
    pub product_set: ProductSetRef,
    /// Where the product or its raw material comes from.
    pub origin_unit_id: UnitId,
    pub origin_unit_name: String,
    pub description: String,
    /// Raw materials and where they come from.
    pub ingredients: String,
    #[schema(example = "Túi giấy kraft 250 g, 500 g")]
    pub packaging: String,
    pub price_min: Option<Dong>,
    pub price_max: Option<Dong>,
    /// Production capacity, e.g. 20 (tấn/năm).
    pub capacity_value: Option<i64>,
    #[schema(example = "tấn/năm")]
    pub capacity_unit: Option<String>,
    /// The product's GTIN (barcode number: 8, 12, 13 or 14 digits), as registered.
    #[schema(example = "8930000000019")]
    pub gtin: Option<String>,
    pub status: ProductStatus,
    pub images: Vec<ImageOut>,
    /// Increases with every change; send it back in `If-Match`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new product.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ProductIn {
    /// Producers may leave it out: their own subject is used.
    pub subject_id: Option<SubjectId>,
    #[validate(custom(function = "validate_product_name"))]
    #[schema(
        example = "Cà phê bột nguyên chất Ea Tu",
        min_length = 2,
        max_length = 300
    )]
    pub name: String,
    /// Product set code in the classification in force, e.g. `I.6`.
    #[validate(length(min = 1, max = 16))]
    #[schema(example = "I.6", min_length = 1, max_length = 16)]
    pub product_set: String,
    /// Defaults to the subject's unit.
    pub origin_unit_id: Option<UnitId>,
    #[validate(length(max = 5000))]
    #[serde(default)]
    #[schema(max_length = 5000)]
    pub description: String,
    #[validate(length(max = 5000))]
    #[serde(default)]
    #[schema(max_length = 5000)]
    pub ingredients: String,
    #[validate(length(max = 500))]
    #[serde(default)]
    #[schema(max_length = 500)]
    pub packaging: String,
    #[validate(range(min = 0))]
    #[schema(value_type = Option<i64>, minimum = 0, example = 120000)]
    pub price_min: Option<i64>,
    #[validate(range(min = 0))]
    #[schema(value_type = Option<i64>, minimum = 0, example = 250000)]
    pub price_max: Option<i64>,
    #[validate(range(min = 1))]
    #[schema(minimum = 1)]
    pub capacity_value: Option<i64>,
    #[validate(length(min = 1, max = 50))]
    #[schema(min_length = 1, max_length = 50)]
    pub capacity_unit: Option<String>,
    /// The barcode number (GTIN-8, -12, -13 or -14 with its GS1 check digit), for GS1 Digital
    /// Link. Unique: two products cannot share one.
    #[serde(default)]
    #[validate(custom(function = "validate_gtin"))]
    #[schema(example = "8930000000019", pattern = "^[0-9]{8}([0-9]{4,6})?$")]
    pub gtin: Option<String>,
}

/// Changes to a product: absent fields stay, `null` clears an optional field.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ProductPatch {
    #[validate(custom(function = "validate_product_name"))]
    #[schema(min_length = 2, max_length = 300)]
    pub name: Option<String>,
    #[validate(length(min = 1, max = 16))]
    #[schema(min_length = 1, max_length = 16)]
    pub product_set: Option<String>,
    pub origin_unit_id: Option<UnitId>,
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub description: Option<String>,
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub ingredients: Option<String>,
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub packaging: Option<String>,
    #[serde(default, deserialize_with = "ocop_core::patch::nullable")]
    #[validate(range(min = 0))]
    #[schema(value_type = Option<i64>, minimum = 0)]
    pub price_min: Option<Option<i64>>,
    #[serde(default, deserialize_with = "ocop_core::patch::nullable")]
    #[validate(range(min = 0))]
    #[schema(value_type = Option<i64>, minimum = 0)]
    pub price_max: Option<Option<i64>>,
    #[serde(default, deserialize_with = "ocop_core::patch::nullable")]
    #[validate(range(min = 1))]
    #[schema(value_type = Option<i64>, minimum = 1)]
    pub capacity_value: Option<Option<i64>>,
    #[serde(default, deserialize_with = "ocop_core::patch::nullable")]
    #[validate(length(min = 1, max = 50))]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 50)]
    pub capacity_unit: Option<Option<String>>,
    #[serde(default, deserialize_with = "ocop_core::patch::nullable")]
    #[validate(custom(function = "validate_gtin"))]
    #[schema(value_type = Option<String>, pattern = "^[0-9]{8}([0-9]{4,6})?$")]
    pub gtin: Option<Option<String>>,
    pub status: Option<ProductStatus>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
pub enum ProductSort {
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
    #[serde(rename = "price_min")]
    PriceAsc,
    #[serde(rename = "-price_min")]
    PriceDesc,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct ProductQuery {
    /// Product name, diacritics ignored ("ca phe" finds "Cà phê").
    pub q: Option<String>,
    /// Only products of subjects in this unit's subtree (with its history).
    pub unit_id: Option<i32>,
    pub subject_id: Option<Uuid>,
    /// A product set, group or sector code: `I.6`, `I.3` or `I`.
    pub product_set: Option<String>,
    pub status: Option<ProductStatus>,
    pub sort: Option<ProductSort>,
    #[param(minimum = 1, maximum = 1_000_000)]
    #[validate(range(min = 1, max = ocop_core::page::MAX_PAGE))]
    pub page: Option<u64>,
    #[param(minimum = 1, maximum = 100)]
    #[validate(range(min = 1, max = ocop_core::page::MAX_PER_PAGE))]
    pub per_page: Option<u64>,
}

/// The price range must be a range.
pub fn check_price_range(min: Option<i64>, max: Option<i64>) -> DomainResult<()> {
    let mut errors = FieldErrors::default();
    if let (Some(min), Some(max)) = (min, max) {
        errors.check(min <= max, "price_max", "less_than_min");
    }
    errors.into_result()
}

/// Capacity is a number with its unit, or neither.
pub fn check_capacity(value: Option<i64>, unit: Option<&str>) -> DomainResult<()> {
    let mut errors = FieldErrors::default();
    match (value, unit) {
        (Some(_), None) => errors.push("capacity_unit", "required"),
        (None, Some(_)) => errors.push("capacity_value", "required"),
        _ => {}
    }
    errors.into_result()
}

/// The community-tourism product set of 26/2026 (and the tree it shares with 148/2023).
pub const TOURISM_SET: &str = "VI.1";

/// Tourism associations and operating centres may only register community-tourism products,
/// and only they and the ordinary producer kinds may register them (Art. 2, 26/2026).
pub fn check_kind_for_set(tourism_only_subject: bool, product_set: &str) -> DomainResult<()> {
    if tourism_only_subject && product_set != TOURISM_SET {
        return Err(ocop_core::DomainError::field(
            "product_set",
            "tourism_subject_only_tourism",
        ));
    }
    Ok(())
}

/// A name of 2 to 300 characters. An empty one is `required`, which tells people what to do,
/// rather than `length`.
pub fn validate_product_name(name: &str) -> Result<(), validator::ValidationError> {
    let length = name.trim().chars().count();
    if length == 0 {
        Err(validator::ValidationError::new("required"))
    } else if !(2..=300).contains(&name.chars().count()) {
        Err(validator::ValidationError::new("length"))
    } else {
        Ok(())
    }
}

mod gtin;
pub use gtin::*;

#[cfg(test)]
mod tests;
