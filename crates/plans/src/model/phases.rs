//! Programme phases (giai đoạn): the multi-year frame an annual plan belongs to, e.g. Cao Bằng's
//! 2019–2020, 2021–2025 and 2026–2030 with budgets of 76, 120 and 120 billion đồng.

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::{DomainError, DomainResult, Dong, UnitId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::PhaseId;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
pub struct PhaseIn {
    /// The province (or, rarely, another unit) whose programme this is.
    pub unit_id: UnitId,
    #[validate(length(min = 3, max = 300))]
    pub name: String,
    #[validate(range(min = 2018, max = 2100))]
    pub start_year: i32,
    #[validate(range(min = 2018, max = 2100))]
    pub end_year: i32,
    /// The approving decision, e.g. `2112/QĐ-UBND`.
    #[validate(length(max = 100))]
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    /// The planned total for the phase, in đồng.
    /// Not negative (checked by the use case).
    #[schema(value_type = Option<i64>)]
    pub planned_total: Option<Dong>,
}

/// A phase's last year is not before its first.
pub fn years_in_order(start: i32, end: i32) -> DomainResult<()> {
    if end < start {
        return Err(DomainError::field("end_year", "before_start"));
    }
    Ok(())
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
pub struct PhasePatch {
    #[validate(length(min = 3, max = 300))]
    pub name: Option<String>,
    #[validate(range(min = 2018, max = 2100))]
    pub start_year: Option<i32>,
    #[validate(range(min = 2018, max = 2100))]
    pub end_year: Option<i32>,
    #[validate(length(max = 100))]
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    /// Not negative (checked by the use case).
    #[schema(value_type = Option<i64>)]
    pub planned_total: Option<Dong>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PhaseOut {
    pub id: PhaseId,
    pub unit_id: UnitId,
    pub unit_name: String,
    pub name: String,
    pub start_year: i32,
    pub end_year: i32,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    #[schema(value_type = Option<i64>)]
    pub planned_total: Option<Dong>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl PhaseOut {
    /// The first and last day of the phase.
    pub fn period(&self) -> (NaiveDate, NaiveDate) {
        super::year_span(self.start_year, self.end_year)
    }
}
