//! The feed's query: the filters a platform pages through the catalogue with.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;
use validator::Validate;

/// Items per page when the client does not say.
pub const FEED_DEFAULT_LIMIT: u64 = 50;
pub const FEED_MAX_LIMIT: u64 = 200;

/// Filters and paging of `GET /api/v1/public/products`. Filters combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct FeedQuery {
    /// A product set by code, e.g. `I.6`.
    #[validate(length(min = 1, max = 20))]
    #[param(example = "I.6")]
    pub product_set: Option<String>,
    /// A sector (ngành) by code, e.g. `I`.
    #[validate(length(min = 1, max = 20))]
    #[param(example = "I")]
    pub sector: Option<String>,
    /// At least this many stars.
    #[validate(range(min = 3, max = 5))]
    #[param(minimum = 3, maximum = 5)]
    pub min_stars: Option<u8>,
    /// The origin's province today, by code.
    #[validate(length(min = 1, max = 10))]
    #[param(example = "66")]
    pub province: Option<String>,
    /// The origin's commune today, by code.
    #[validate(length(min = 1, max = 10))]
    pub commune: Option<String>,
    /// Words of the product's, producer's, commune's or province's name; accents and case do
    /// not matter (`ca phe` finds `Cà phê`).
    #[validate(length(min = 1, max = 200))]
    pub q: Option<String>,
    /// Only entries written at or after this instant.
    pub updated_since: Option<DateTime<Utc>>,
    /// The `next` of the previous page, as given.
    #[validate(length(max = 200))]
    pub cursor: Option<String>,
    /// Items per page (1–200, default 50).
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
}

impl FeedQuery {
    pub fn limit(&self) -> u64 {
        self.limit
            .unwrap_or(FEED_DEFAULT_LIMIT)
            .clamp(1, FEED_MAX_LIMIT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_stars_are_bounded() {
        let ok = FeedQuery {
            min_stars: Some(4),
            limit: Some(200),
            ..Default::default()
        };
        assert!(ok.validate().is_ok());
        assert_eq!(FeedQuery::default().limit(), 50);
        for bad in [
            FeedQuery {
                min_stars: Some(2),
                ..Default::default()
            },
            FeedQuery {
                limit: Some(0),
                ..Default::default()
            },
            FeedQuery {
                limit: Some(201),
                ..Default::default()
            },
        ] {
            assert!(bad.validate().is_err(), "{bad:?}");
        }
    }
}
