//! One entry of the catalogue: a product whose certificate is in force, with everything a
//! platform lists and a shopper checks.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A classification or a unit, by code and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Coded {
    #[schema(example = "01")]
    pub code: String,
    pub name: String,
}

/// Prices in đồng, as the producer declared them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PriceRange {
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// Always `VND`.
    #[schema(example = "VND")]
    pub currency: String,
}

/// The certificate that puts the entry in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ItemCertificate {
    pub number: String,
    /// The code printed under the QR.
    pub verification_code: String,
    #[schema(value_type = u8, minimum = 3, maximum = 5)]
    pub stars: u8,
    pub issuing_body: String,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    /// The last day the entry is in force unless a later change says otherwise (a revocation,
    /// a supersession, a re-rating filed or decided): a mirror drops the entry after it with no
    /// need to poll. Day-dependent states (re-rating due, expiring, extended) are not carried:
    /// they change with no change entry, so a mirror would keep yesterday's; the verification
    /// page and `GET /api/v1/public/certificates/{code}` give them for the day asked.
    // A document stored before the field existed still reads: the reader sets it from the row.
    #[serde(default)]
    #[schema(required = true)]
    pub valid_through: NaiveDate,
    /// The verification page (absolute).
    pub verification_url: String,
}

/// The producer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ItemSubject {
    pub id: Uuid,
    pub name: String,
    /// `cooperative`, `sme`, ... (the subjects' kinds).
    pub kind: String,
}

/// A unit the origin belonged to before the 2025 reorganisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FormerUnit {
    pub commune: Coded,
    pub district: Option<Coded>,
    pub province: Coded,
}

/// Where the product comes from: the commune and province today, and before 2025.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Origin {
    pub commune: Coded,
    pub province: Coded,
    /// The pre-2025 communes the origin commune took over (one, or several when merged).
    pub former: Vec<FormerUnit>,
}

/// An e-commerce listing of the product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ItemListing {
    pub platform: String,
    pub url: String,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

/// A point of sale where the product is on sale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ItemPointOfSale {
    pub name: String,
    /// `kiosk`, `display_point`, `shop`, `ocop_centre`.
    pub kind: String,
    pub address: Option<String>,
    pub commune: Option<Coded>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// One catalogue entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CatalogueItem {
    /// Stable: the product's id.
    pub id: Uuid,
    /// The entry's version: it grows with every change a platform may see, the expiry included,
    /// so a consumer keeps the higher one.
    pub version: i32,
    pub updated_at: DateTime<Utc>,
    pub name: String,
    pub description: String,
    pub product_set: Coded,
    pub sector: Coded,
    /// GTIN (8, 12, 13 or 14 digits), when the producer registered one.
    pub gtin: Option<String>,
    pub price: PriceRange,
    pub certificate: ItemCertificate,
    pub subject: ItemSubject,
    pub origin: Origin,
    /// Absolute image URLs.
    pub images: Vec<String>,
    pub listings: Vec<ItemListing>,
    pub points_of_sale: Vec<ItemPointOfSale>,
}

/// A page of the feed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FeedPage {
    pub items: Vec<CatalogueItem>,
    /// The cursor of the next page (also in the `Link` header); absent on the last page.
    pub next: Option<String>,
}
