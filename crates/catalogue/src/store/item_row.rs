//! One `catalogue_item` row as the readers (feed, changes feed, snapshots) turn it into the
//! entry a platform sees on a day: in force or not by its dates, its version as seen that day.
//! The stored document has relative image paths and verification address; [`absolute_urls`] finishes the URLs
//! with the platform's public address.

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::{DomainError, DomainResult};
use sea_orm::{DbErr, QueryResult};
use uuid::Uuid;

use crate::{CatalogueItem, seen_version};

/// The columns [`ItemRow::read`] reads, from `catalogue_item` aliased `ci`.
pub(crate) const ITEM_COLUMNS: &str = "ci.product_id, ci.document, ci.version, ci.updated_at, \
     ci.issued_on, ci.lapses_on, ci.lapses_by_time_on, ci.lapse_kind";

/// What a reader needs of a row.
#[derive(Debug, Clone)]
pub(crate) struct ItemRow {
    pub product_id: Uuid,
    pub document: String,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
    pub issued_on: NaiveDate,
    pub lapses_on: NaiveDate,
    /// `lapses_on` when no write announced the lapse (it comes by time), else `None`.
    pub lapses_by_time_on: Option<NaiveDate>,
    pub lapse_kind: String,
}

impl ItemRow {
    /// The row's [`ITEM_COLUMNS`] in `res`; `None` when a LEFT JOIN found no row.
    pub fn read(res: &QueryResult) -> Result<Option<Self>, DbErr> {
        let Some(product_id) = res.try_get::<Option<Uuid>>("", "product_id")? else {
            return Ok(None);
        };
        Ok(Some(Self {
            product_id,
            document: res.try_get("", "document")?,
            version: res.try_get("", "version")?,
            updated_at: res.try_get("", "updated_at")?,
            issued_on: res.try_get("", "issued_on")?,
            lapses_on: res.try_get("", "lapses_on")?,
            lapses_by_time_on: res.try_get("", "lapses_by_time_on")?,
            lapse_kind: res.try_get("", "lapse_kind")?,
        }))
    }

    /// In force on `day`: issued by then and not yet lapsed.
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.issued_on <= day && day < self.lapses_on
    }

    /// The version platforms see on `today`.
    pub fn seen_version(&self, today: NaiveDate) -> i32 {
        seen_version(self.version, self.lapses_on, today)
    }
}

/// The verification page of a code, relative to the public address.
pub fn verification_path(code: &str) -> String {
    format!("/verify/{code}")
}

/// The entry `row` shows on `today` when it is in force then, else `None`: the version seen
/// that day, the last day in force by the row's dates, relative URLs.
pub(crate) fn item_from_row(
    row: &ItemRow,
    today: NaiveDate,
) -> DomainResult<Option<CatalogueItem>> {
    if !row.in_force_on(today) {
        return Ok(None);
    }
    let mut item: CatalogueItem = serde_json::from_str(&row.document).map_err(|e| {
        DomainError::Internal(format!("catalogue_item {}: document: {e}", row.product_id))
    })?;
    item.id = row.product_id;
    item.version = row.seen_version(today);
    item.updated_at = row.updated_at;
    item.certificate.valid_through = row.lapses_on.pred_opt().unwrap_or(row.lapses_on);
    item.certificate.verification_url = verification_path(&item.certificate.verification_code);
    Ok(Some(item))
}

/// Makes the entry's relative URLs (images, verification page) absolute under `public_url`
/// (`https://host[/prefix]`, no trailing slash).
pub fn absolute_urls(item: &mut CatalogueItem, public_url: &str) {
    let base = public_url.trim_end_matches('/');
    let absolute = |url: &mut String| {
        if url.starts_with('/') {
            *url = format!("{base}{url}");
        }
    };
    item.images.iter_mut().for_each(absolute);
    absolute(&mut item.certificate.verification_url);
}
