//! E-commerce listings of products: officers for their subtree's products, producers for their
//! own.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use ocop_core::Page;
use ocop_plans::service::trade as service;
use ocop_plans::store::trade as store;
use ocop_plans::{ListingId, ListingIn, ListingOut, ListingPatch, ListingQuery};

use crate::error::ApiError;
use crate::extract::{Auth, IfMatch, ValidatedJson, ValidatedQuery, with_etag};
use crate::responses::{ReadErrors, WriteErrors, created};
use crate::state::AppState;

/// Listings of the products the caller may see, filtered and paged, the latest first.
#[utoipa::path(
    operation_id = "listings.list",
    tag = "trade",
    params(ListingQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Page<ListingOut>), ReadErrors)
)]
#[get("/listings")]
pub async fn list(
    state: web::Data<AppState>,
    auth: Auth,
    query: ValidatedQuery<ListingQuery>,
) -> Result<web::Json<Page<ListingOut>>, ApiError> {
    Ok(web::Json(
        store::listings(&state.db, &auth.0.principal, &query.0).await?,
    ))
}

/// Records a product's listing on an e-commerce platform (an https page). A product the
/// caller may not see answers 422 on `product_id`.
#[utoipa::path(
    operation_id = "listings.create",
    tag = "trade",
    request_body(content = ListingIn, example = json!({
        "product_id": "0192f5e4-7c1a-7b3e-9d2a-4f6b8c0d1e2f", "platform": "Shopee",
        "url": "https://shopee.vn/ca-phe-bot-nguyen-chat-ea-tu-i.123456.789012",
        "since": "2027-01-10", "until": null
    })),
    security(("bearer" = [])),
    responses((status = 201, body = ListingOut, headers(("ETag" = String), ("Location" = String))), WriteErrors)
)]
#[post("/listings")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidatedJson<ListingIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::create_listing(&state.writer, &auth.0, body.0).await?;
    Ok(created(
        format!("/api/v1/listings/{}", out.id),
        &out,
        out.version,
    ))
}

/// Changes a listing; ending it is setting `until`. Requires `If-Match`.
#[utoipa::path(
    operation_id = "listings.update",
    tag = "trade",
    params(("id" = ListingId, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    request_body(content = ListingPatch, example = json!({"until": "2027-12-31"})),
    security(("bearer" = [])),
    responses((status = 200, body = ListingOut, headers(("ETag" = String))), WriteErrors)
)]
#[patch("/listings/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<ListingId>,
    if_match: IfMatch,
    body: ValidatedJson<ListingPatch>,
) -> Result<HttpResponse, ApiError> {
    let out =
        service::patch_listing(&state.writer, &auth.0, id.into_inner(), if_match.0, body.0).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Deletes a listing recorded by mistake; a listing that ended is given an `until` instead.
#[utoipa::path(
    operation_id = "listings.delete",
    tag = "trade",
    params(("id" = ListingId, Path), ("If-Match" = String, Header, description = "The version read")),
    security(("bearer" = [])),
    responses((status = 204, description = "Deleted"), WriteErrors)
)]
#[delete("/listings/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<ListingId>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    service::delete_listing(&state.writer, &auth.0, id.into_inner(), if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}
