//! Administrative units as a dated tree: the three-level tree before the 2025 reform and the
//! two-level one since 1 July 2025, linked by transitions. A code alone does not identify a
//! unit (the reform reused codes), so a unit is its code plus its validity period.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::UnitId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitLevel {
    Province,
    /// Abolished on 1 July 2025; kept for historical records.
    District,
    Commune,
}

impl UnitLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Province => "province",
            Self::District => "district",
            Self::Commune => "commune",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "province" => Some(Self::Province),
            "district" => Some(Self::District),
            "commune" => Some(Self::Commune),
            _ => None,
        }
    }
}

/// A unit as the API shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct UnitOut {
    pub id: UnitId,
    /// Official code (GSO / Decision 19/2025/QĐ-TTg).
    #[schema(example = "24121")]
    pub code: String,
    #[schema(example = "Phường Tân Lập")]
    pub name: String,
    pub level: UnitLevel,
    pub parent_id: Option<UnitId>,
    /// First day in force; empty when older than the data we hold.
    pub valid_from: Option<NaiveDate>,
    /// Last day in force; empty while it is in force.
    pub valid_to: Option<NaiveDate>,
    /// The units it became (two for a split commune), empty while in force.
    pub successor_ids: Vec<UnitId>,
}

impl UnitOut {
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.valid_from.is_none_or(|from| from <= day) && self.valid_to.is_none_or(|to| day <= to)
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, IntoParams, validator::Validate)]
#[into_params(parameter_in = Query)]
pub struct UnitQuery {
    /// Only units in force on this day (default: today). Use `history=true` for all.
    pub on: Option<NaiveDate>,
    /// Include units no longer in force.
    pub history: Option<bool>,
    pub level: Option<UnitLevel>,
    /// Only the children of this unit.
    pub parent_id: Option<i32>,
    /// Name or code, diacritics ignored.
    pub q: Option<String>,
}
