//! What the catalogue can be filtered by: the product sets, sectors and provinces of the entries
//! in force, each with how many entries carry it (for a platform's or the SPA's filter choices).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A code the entries in force carry, its name and how many carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FacetCount {
    #[schema(example = "I.6")]
    pub code: String,
    pub name: String,
    pub entries: i64,
}

/// The filter choices of the feed on the day asked, each list ordered by code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CatalogueFacets {
    /// For `product_set=`.
    pub product_sets: Vec<FacetCount>,
    /// For `sector=`.
    pub sectors: Vec<FacetCount>,
    /// For `province=`: provinces as they are on the day (after the 2025 reorganisation).
    pub provinces: Vec<FacetCount>,
}
