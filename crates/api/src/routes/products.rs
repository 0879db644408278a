//! Products: list, create, read, update.

use actix_web::{HttpResponse, get, patch, post, web};
use ocop_core::{Action, Page, ProductId};
use ocop_products::service::products as service;
use ocop_products::store::products as store;
use ocop_products::{ProductIn, ProductOut, ProductPatch, ProductQuery};

use crate::error::ApiError;
use crate::extract::{Auth, IfMatch, ValidatedJson, ValidatedQuery, with_etag};
use crate::responses::{ReadErrors, WriteErrors, created};
use crate::state::AppState;

/// Products of subjects in the caller's scope, filtered, sorted and paged.
#[utoipa::path(
    operation_id = "products.list",
    tag = "products",
    params(ProductQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Page<ProductOut>), ReadErrors)
)]
#[get("/products")]
pub async fn list(
    state: web::Data<AppState>,
    auth: Auth,
    query: ValidatedQuery<ProductQuery>,
) -> Result<web::Json<Page<ProductOut>>, ApiError> {
    auth.0.principal.require(Action::ProductsRead)?;
    Ok(web::Json(
        store::list(&state.db, &auth.0.principal, &query.0).await?,
    ))
}

/// Registers a product of a subject in scope, in a product set of the classification in force.
#[utoipa::path(
    operation_id = "products.create",
    tag = "products",
    request_body(content = ProductIn, example = json!({
        "subject_id": "0192f5e4-7c1a-7b3e-9d2a-4f6b8c0d1e2f", "name": "Cà phê bột nguyên chất Ea Tu",
        "product_set": "I.6", "description": "Cà phê Robusta rang mộc", "ingredients": "Cà phê Robusta Ea Tu",
        "packaging": "Túi kraft 250 g, 500 g", "price_min": 120000, "price_max": 250000,
        "capacity_value": 20, "capacity_unit": "tấn/năm"
    })),
    security(("bearer" = [])),
    responses((status = 201, body = ProductOut, headers(("ETag" = String), ("Location" = String))), WriteErrors)
)]
#[post("/products")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidatedJson<ProductIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::create(&state.writer, &auth.0, body.0, auth.0.today()).await?;
    Ok(created(
        format!("/api/v1/products/{}", out.id),
        &out,
        out.version,
    ))
}

/// One product in scope, with its version as the ETag.
#[utoipa::path(
    operation_id = "products.get",
    tag = "products",
    params(("id" = ProductId, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = ProductOut, headers(("ETag" = String))), ReadErrors)
)]
#[get("/products/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<ProductId>,
) -> Result<HttpResponse, ApiError> {
    auth.0.principal.require(Action::ProductsRead)?;
    let out = store::get(&state.db, &auth.0.principal, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Changes a product. Requires `If-Match` with the version read; 412 when it changed since.
#[utoipa::path(
    operation_id = "products.update",
    tag = "products",
    params(("id" = ProductId, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    request_body(content = ProductPatch, example = json!({"price_max": 280000, "capacity_unit": "tấn/năm"})),
    security(("bearer" = [])),
    responses((status = 200, body = ProductOut, headers(("ETag" = String))), WriteErrors)
)]
#[patch("/products/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<ProductId>,
    if_match: IfMatch,
    body: ValidatedJson<ProductPatch>,
) -> Result<HttpResponse, ApiError> {
    let out = service::patch(
        &state.writer,
        &auth.0,
        id.into_inner(),
        if_match.0,
        body.0,
        auth.0.today(),
    )
    .await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}
