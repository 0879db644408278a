//! The public catalogue's reads: the feed of certified products in force, page by page, one
//! entry and the filter choices. All are public calls (no token), so they work for a visitor
//! who never signed in.

use ocop_catalogue::{CatalogueFacets, CatalogueItem, FeedPage, FeedQuery};
use ocop_core::ProductId;

use super::{ApiResult, Call, get_with_query, json};

pub async fn catalogue(query: &FeedQuery) -> ApiResult<FeedPage> {
    json(get_with_query("/public/products", query).public()).await
}

/// The product sets, sectors and provinces of the products in force, for the filters.
pub async fn catalogue_facets() -> ApiResult<CatalogueFacets> {
    json(Call::get("/public/facets").public()).await
}

pub async fn catalogue_item(id: ProductId) -> ApiResult<CatalogueItem> {
    json(Call::get(&format!("/public/products/{id}")).public()).await
}
