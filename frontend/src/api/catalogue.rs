//! The public catalogue's reads: the feed of certified products in force, page by page, and one
//! entry. Both are public calls (no token), so they work for a visitor who never signed in.

use ocop_catalogue::{CatalogueItem, FeedPage, FeedQuery};
use ocop_core::ProductId;

use super::{ApiResult, Call, get_with_query, json};

pub async fn catalogue(query: &FeedQuery) -> ApiResult<FeedPage> {
    json(get_with_query("/public/products", query).public()).await
}

pub async fn catalogue_item(id: ProductId) -> ApiResult<CatalogueItem> {
    json(Call::get(&format!("/public/products/{id}")).public()).await
}
