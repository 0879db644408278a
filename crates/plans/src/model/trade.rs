//! Trade promotion records: points of sale (kiosks at markets, display points, shops, OCOP
//! centres) with the products on sale, e-commerce listings per product, and the revenue a
//! subject reports per year and channel. A listing or a product on sale ends with an `until`
//! day instead of being deleted, so that the metrics as of a past day stay as they were.

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::{DomainError, DomainResult, Dong, ProductId, SubjectId, UnitId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::{ListingId, PointOfSaleId, RevenueReportId, word_enum};

word_enum! {
    pub enum PointOfSaleKind {
        /// Ki-ốt at a market.
        Kiosk = "kiosk",
        /// Điểm trưng bày, giới thiệu sản phẩm.
        DisplayPoint = "display_point",
        /// Cửa hàng.
        Shop = "shop",
        /// Trung tâm OCOP.
        OcopCentre = "ocop_centre",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
pub struct PointOfSaleIn {
    pub kind: PointOfSaleKind,
    #[validate(length(min = 3, max = 300))]
    pub name: String,
    /// The commune it stands in.
    pub unit_id: UnitId,
    #[validate(length(min = 3, max = 500))]
    pub address: String,
    #[validate(range(min = -90.0, max = 90.0))]
    pub latitude: Option<f64>,
    #[validate(range(min = -180.0, max = 180.0))]
    pub longitude: Option<f64>,
    /// Who runs it, when a subject does.
    pub operator_subject_id: Option<SubjectId>,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
pub struct PointOfSalePatch {
    pub kind: Option<PointOfSaleKind>,
    #[validate(length(min = 3, max = 300))]
    pub name: Option<String>,
    #[validate(length(min = 3, max = 500))]
    pub address: Option<String>,
    #[validate(range(min = -90.0, max = 90.0))]
    pub latitude: Option<f64>,
    #[validate(range(min = -180.0, max = 180.0))]
    pub longitude: Option<f64>,
    pub opened_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PointOfSaleOut {
    pub id: PointOfSaleId,
    pub kind: PointOfSaleKind,
    pub name: String,
    pub unit_id: UnitId,
    pub unit_name: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub operator_subject_id: Option<SubjectId>,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    /// Products on sale on the day asked.
    pub product_count: i64,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct PointOfSaleQuery {
    pub unit_id: Option<UnitId>,
    pub kind: Option<PointOfSaleKind>,
    /// Only those open on this day (default: all, open or closed).
    pub open_on: Option<NaiveDate>,
    #[validate(range(min = 1))]
    pub page: Option<u64>,
    #[validate(range(min = 1, max = 500))]
    pub per_page: Option<u64>,
}

/// A product put on sale at a point of sale from `since`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
pub struct ProductOnSaleIn {
    pub product_id: ProductId,
    pub since: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProductOnSaleOut {
    pub point_of_sale_id: PointOfSaleId,
    pub product_id: ProductId,
    pub product_name: String,
    pub subject_name: String,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

/// Ends a product's sale at a point, or a listing: the last day it was on sale.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
pub struct EndIn {
    pub until: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
pub struct ListingIn {
    pub product_id: ProductId,
    /// The platform's name, e.g. "Shopee", "Postmart", "Voso".
    #[validate(length(min = 2, max = 100))]
    pub platform: String,
    /// The product's page on the platform (https).
    #[validate(url, length(max = 1000))]
    pub url: String,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
pub struct ListingPatch {
    #[validate(length(min = 2, max = 100))]
    pub platform: Option<String>,
    #[validate(url, length(max = 1000))]
    pub url: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ListingOut {
    pub id: ListingId,
    pub product_id: ProductId,
    pub product_name: String,
    pub subject_id: SubjectId,
    pub platform: String,
    pub url: String,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct ListingQuery {
    pub product_id: Option<ProductId>,
    pub subject_id: Option<SubjectId>,
    /// Only those live on this day.
    pub live_on: Option<NaiveDate>,
    #[validate(range(min = 1))]
    pub page: Option<u64>,
    #[validate(range(min = 1, max = 500))]
    pub per_page: Option<u64>,
}

/// A listing's or a sale's days are in order and an https URL is the platform's page.
pub fn check_span(
    since: NaiveDate,
    until: Option<NaiveDate>,
    until_field: &str,
) -> DomainResult<()> {
    if until.is_some_and(|u| u < since) {
        return Err(DomainError::field(until_field, "before_start"));
    }
    Ok(())
}

pub fn check_listing_url(url: &str) -> DomainResult<()> {
    if !url.trim().to_ascii_lowercase().starts_with("https://") {
        return Err(DomainError::field("url", "https_required"));
    }
    Ok(())
}

word_enum! {
    /// Where revenue came through.
    pub enum RevenueChannel {
        Direct = "direct",
        PointOfSale = "point_of_sale",
        Ecommerce = "ecommerce",
        Fair = "fair",
        Export = "export",
        Other = "other",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
pub struct RevenueReportIn {
    pub subject_id: SubjectId,
    #[validate(range(min = 2018, max = 2100))]
    pub year: i32,
    pub channel: RevenueChannel,
    /// Not negative (checked by the use case).
    #[schema(value_type = i64)]
    pub amount: Dong,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RevenueReportOut {
    pub id: RevenueReportId,
    pub subject_id: SubjectId,
    pub subject_name: String,
    pub year: i32,
    pub channel: RevenueChannel,
    #[schema(value_type = i64)]
    pub amount: Dong,
    pub reported_on: NaiveDate,
    pub version: i32,
}

/// The filter of the revenue reports list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct RevenueQuery {
    pub subject_id: Option<SubjectId>,
    #[validate(range(min = 2018, max = 2100))]
    pub year: Option<i32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_is_on_https_and_ends_after_it_starts() {
        assert!(check_listing_url("https://shopee.vn/ca-phe-ea-tu").is_ok());
        assert!(check_listing_url("http://shopee.vn/x").is_err());
        let d = |m| NaiveDate::from_ymd_opt(2027, m, 1).unwrap();
        assert!(check_span(d(3), Some(d(2)), "until").is_err());
        assert!(check_span(d(3), Some(d(3)), "until").is_ok());
    }
}
