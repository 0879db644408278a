//! Offset paging for the SPA's tables: `page`/`per_page` in, `{items, page, per_page, total}` out.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub const DEFAULT_PER_PAGE: u64 = 20;
pub const MAX_PER_PAGE: u64 = 100;
/// The last page anyone may ask for: its offset (a hundred million rows at most) stays far
/// inside every database's 64-bit signed offset, so paging arithmetic can never overflow.
pub const MAX_PAGE: u64 = 1_000_000;

#[derive(Debug, Clone, Copy, Deserialize, Serialize, IntoParams, ToSchema, validator::Validate)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// 1-based page number.
    #[param(minimum = 1, maximum = 1_000_000, example = 1)]
    #[validate(range(min = 1, max = MAX_PAGE))]
    pub page: Option<u64>,
    /// Items per page, 1 to 100.
    #[param(minimum = 1, maximum = 100, example = 20)]
    #[validate(range(min = 1, max = MAX_PER_PAGE))]
    pub per_page: Option<u64>,
}

impl PageQuery {
    /// The page and page size to use, or the field that is out of range.
    pub fn resolve(self) -> crate::DomainResult<(u64, u64)> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE);
        let mut errors = crate::error::FieldErrors::default();
        errors.check((1..=MAX_PAGE).contains(&page), "page", "range");
        errors.check((1..=MAX_PER_PAGE).contains(&per_page), "per_page", "range");
        errors.into_result()?;
        Ok((page, per_page))
    }
}

/// The rows to skip before `page`, for a page and size that [`PageQuery::resolve`] accepted.
pub fn offset(page: u64, per_page: u64) -> u64 {
    page.saturating_sub(1).saturating_mul(per_page)
}

/// One page of a list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    #[schema(example = 1)]
    pub page: u64,
    #[schema(example = 20)]
    pub per_page: u64,
    /// How many items match the filter, over all pages.
    #[schema(example = 123)]
    pub total: u64,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            page: self.page,
            per_page: self.per_page,
            total: self.total,
        }
    }

    pub fn pages(&self) -> u64 {
        self.total.div_ceil(self.per_page.max(1))
    }
}
