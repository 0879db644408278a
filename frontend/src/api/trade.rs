//! The trade promotion endpoints: points of sale and the products on sale there, and the
//! e-commerce listings of a product.

use gloo_net::http::Method;
use ocop_core::{Page, ProductId};
use ocop_plans::{
    EndIn, ListingId, ListingIn, ListingOut, ListingQuery, PointOfSaleId, PointOfSaleIn,
    PointOfSaleOut, PointOfSaleQuery, ProductOnSaleIn, ProductOnSaleOut,
};

use super::{ApiResult, Call, get_with_query, if_match, json, send};

pub async fn points_of_sale(query: &PointOfSaleQuery) -> ApiResult<Page<PointOfSaleOut>> {
    json(get_with_query("/points-of-sale", query)).await
}

pub async fn point_of_sale(id: PointOfSaleId) -> ApiResult<PointOfSaleOut> {
    json(Call::get(&format!("/points-of-sale/{id}"))).await
}

pub async fn create_point_of_sale(input: &PointOfSaleIn) -> ApiResult<PointOfSaleOut> {
    json(Call::json(Method::POST, "/points-of-sale", input)?).await
}

/// `patch` holds only the changed fields (see `format::merge_patch`).
pub async fn patch_point_of_sale(
    id: PointOfSaleId,
    version: i32,
    patch: &serde_json::Value,
) -> ApiResult<PointOfSaleOut> {
    let call = Call::json(Method::PATCH, &format!("/points-of-sale/{id}"), patch)?
        .header("If-Match", if_match(version));
    json(call).await
}

/// Every product put on sale at the point, those ended included.
pub async fn products_on_sale(id: PointOfSaleId) -> ApiResult<Vec<ProductOnSaleOut>> {
    json(Call::get(&format!("/points-of-sale/{id}/products"))).await
}

pub async fn put_on_sale(
    id: PointOfSaleId,
    input: &ProductOnSaleIn,
) -> ApiResult<ProductOnSaleOut> {
    json(Call::json(
        Method::POST,
        &format!("/points-of-sale/{id}/products"),
        input,
    )?)
    .await
}

pub async fn end_sale(
    id: PointOfSaleId,
    product_id: ProductId,
    input: &EndIn,
) -> ApiResult<ProductOnSaleOut> {
    let path = format!("/points-of-sale/{id}/products/{product_id}/end");
    json(Call::json(Method::POST, &path, input)?).await
}

pub async fn listings(query: &ListingQuery) -> ApiResult<Page<ListingOut>> {
    json(get_with_query("/listings", query)).await
}

pub async fn create_listing(input: &ListingIn) -> ApiResult<ListingOut> {
    json(Call::json(Method::POST, "/listings", input)?).await
}

pub async fn patch_listing(
    id: ListingId,
    version: i32,
    patch: &serde_json::Value,
) -> ApiResult<ListingOut> {
    let call = Call::json(Method::PATCH, &format!("/listings/{id}"), patch)?
        .header("If-Match", if_match(version));
    json(call).await
}

pub async fn delete_listing(id: ListingId, version: i32) -> ApiResult<()> {
    let call =
        Call::new(Method::DELETE, &format!("/listings/{id}")).header("If-Match", if_match(version));
    send(call).await.map(|_| ())
}
