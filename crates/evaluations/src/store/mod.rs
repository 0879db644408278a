//! The database side of evaluations (feature `server`).

pub mod alerts;
pub mod attachments;
pub mod certificates;
pub mod councils;
pub mod criteria;
pub mod cycles;
pub mod entities;
pub mod sheets;

use chrono::{DateTime, NaiveDate, Utc};

/// The calendar day in Vietnam (UTC+7, no daylight saving) of an instant: legal dates are
/// Vietnamese dates.
pub fn vietnam_date(at: DateTime<Utc>) -> NaiveDate {
    (at + chrono::Duration::hours(7)).date_naive()
}
