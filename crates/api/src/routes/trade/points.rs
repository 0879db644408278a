//! Points of sale (kiosks, display points, shops, OCOP centres) and the products on sale there.

use actix_web::{HttpResponse, get, patch, post, web};
use ocop_core::{Page, ProductId};
use ocop_plans::service::trade as service;
use ocop_plans::store::trade as store;
use ocop_plans::{
    EndIn, PointOfSaleId, PointOfSaleIn, PointOfSaleOut, PointOfSalePatch, PointOfSaleQuery,
    ProductOnSaleIn, ProductOnSaleOut,
};

use crate::error::ApiError;
use crate::extract::{Auth, IfMatch, ValidatedJson, ValidatedQuery, with_etag};
use crate::responses::{ReadErrors, WriteErrors, created};
use crate::state::AppState;

/// Points of sale in the caller's unit subtree, filtered and paged. `product_count` counts the
/// products on sale on `open_on`, or today.
#[utoipa::path(
    operation_id = "points_of_sale.list",
    tag = "trade",
    params(PointOfSaleQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Page<PointOfSaleOut>), ReadErrors)
)]
#[get("/points-of-sale")]
pub async fn list(
    state: web::Data<AppState>,
    auth: Auth,
    query: ValidatedQuery<PointOfSaleQuery>,
) -> Result<web::Json<Page<PointOfSaleOut>>, ApiError> {
    Ok(web::Json(
        store::points(&state.db, &auth.0.principal, &query.0, auth.0.today()).await?,
    ))
}

/// Opens a point of sale in a commune of the caller's scope. Latitude and longitude come
/// together or not at all.
#[utoipa::path(
    operation_id = "points_of_sale.create",
    tag = "trade",
    request_body(content = PointOfSaleIn, example = json!({
        "kind": "display_point",
        "name": "Điểm giới thiệu và bán sản phẩm OCOP chợ Buôn Ma Thuột",
        "unit_id": 42, "address": "Chợ Buôn Ma Thuột, đường Phan Bội Châu",
        "latitude": 12.6797, "longitude": 108.0446, "operator_subject_id": null,
        "opened_on": "2027-01-15", "closed_on": null
    })),
    security(("bearer" = [])),
    responses((status = 201, body = PointOfSaleOut, headers(("ETag" = String), ("Location" = String))), WriteErrors)
)]
#[post("/points-of-sale")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidatedJson<PointOfSaleIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::create_point(&state.writer, &auth.0, body.0).await?;
    Ok(created(
        format!("/api/v1/points-of-sale/{}", out.id),
        &out,
        out.version,
    ))
}

/// One point of sale in scope, with the products on sale today; its version is the ETag.
#[utoipa::path(
    operation_id = "points_of_sale.get",
    tag = "trade",
    params(("id" = PointOfSaleId, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = PointOfSaleOut, headers(("ETag" = String))), ReadErrors)
)]
#[get("/points-of-sale/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<PointOfSaleId>,
) -> Result<HttpResponse, ApiError> {
    let out = store::point(
        &state.db,
        &auth.0.principal,
        id.into_inner(),
        auth.0.today(),
    )
    .await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Changes a point of sale; closing it is setting `closed_on`. Requires `If-Match`.
#[utoipa::path(
    operation_id = "points_of_sale.update",
    tag = "trade",
    params(("id" = PointOfSaleId, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    request_body(content = PointOfSalePatch, example = json!({"closed_on": "2027-12-31"})),
    security(("bearer" = [])),
    responses((status = 200, body = PointOfSaleOut, headers(("ETag" = String))), WriteErrors)
)]
#[patch("/points-of-sale/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<PointOfSaleId>,
    if_match: IfMatch,
    body: ValidatedJson<PointOfSalePatch>,
) -> Result<HttpResponse, ApiError> {
    let out =
        service::patch_point(&state.writer, &auth.0, id.into_inner(), if_match.0, body.0).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// The products on sale at a point, current and past, the latest first.
#[utoipa::path(
    operation_id = "points_of_sale.products",
    tag = "trade",
    params(("id" = PointOfSaleId, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<ProductOnSaleOut>), ReadErrors)
)]
#[get("/points-of-sale/{id}/products")]
pub async fn products(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<PointOfSaleId>,
) -> Result<web::Json<Vec<ProductOnSaleOut>>, ApiError> {
    Ok(web::Json(
        store::products_on_sale(&state.db, &auth.0.principal, id.into_inner()).await?,
    ))
}

/// Puts a product on sale at a point from `since` (not before the point opened). A product
/// already on sale there answers 409 on `product_id`. The point's version does not move.
#[utoipa::path(
    operation_id = "points_of_sale.put_on_sale",
    tag = "trade",
    params(("id" = PointOfSaleId, Path)),
    request_body(content = ProductOnSaleIn, example = json!({
        "product_id": "0192f5e4-7c1a-7b3e-9d2a-4f6b8c0d1e2f", "since": "2027-02-01"
    })),
    security(("bearer" = [])),
    responses((status = 201, body = ProductOnSaleOut, headers(("Location" = String))), WriteErrors)
)]
#[post("/points-of-sale/{id}/products")]
pub async fn put_on_sale(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<PointOfSaleId>,
    body: ValidatedJson<ProductOnSaleIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::put_on_sale(&state.writer, &auth.0, id.into_inner(), body.0).await?;
    Ok(created(
        format!("/api/v1/points-of-sale/{}/products", out.point_of_sale_id),
        &out,
        None,
    ))
}

/// Ends a product's sale at a point: `until` is its last day on sale (not before `since`).
#[utoipa::path(
    operation_id = "points_of_sale.end_sale",
    tag = "trade",
    params(("id" = PointOfSaleId, Path), ("product_id" = ProductId, Path)),
    request_body(content = EndIn, example = json!({"until": "2027-06-30"})),
    security(("bearer" = [])),
    responses((status = 200, body = ProductOnSaleOut), WriteErrors)
)]
#[post("/points-of-sale/{id}/products/{product_id}/end")]
pub async fn end_sale(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<(PointOfSaleId, ProductId)>,
    body: ValidatedJson<EndIn>,
) -> Result<web::Json<ProductOnSaleOut>, ApiError> {
    let (point, product) = path.into_inner();
    Ok(web::Json(
        service::end_sale(&state.writer, &auth.0, point, product, body.0).await?,
    ))
}
