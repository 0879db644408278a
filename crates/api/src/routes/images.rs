//! Product images: upload as the raw request body, fetch, remove.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use ocop_core::ProductId;
use ocop_products::ImageOut;
use ocop_products::service::images as service;
use ocop_products::store::images::{self, MAX_IMAGE_BYTES};
use uuid::Uuid;

use crate::error::{ApiError, Problem};
use crate::extract::{Auth, IfMatch, etag};
use crate::responses::{ReadErrors, WriteErrors, created};
use crate::state::AppState;
use crate::upload::Upload;

/// Adds an image to a product: the body is the file (JPEG, PNG or WebP, at most 5 MB, checked
/// by content), `X-File-Name` its name. At most 10 images a product.
#[utoipa::path(
    operation_id = "products.images.upload",
    tag = "products",
    params(("id" = ProductId, Path), ("X-File-Name" = Option<String>, Header)),
    // The bytes themselves, not JSON: OpenAPI 3.1 declares raw binary as a media type without
    // a schema. `Content-Type` must name the type the bytes really are.
    request_body(
        description = "The image file",
        content(("image/jpeg"), ("image/png"), ("image/webp"))
    ),
    security(("bearer" = [])),
    // After `WriteErrors`, so that these say what 413 and 415 mean for a file.
    responses(
        (status = 201, body = ImageOut),
        WriteErrors,
        (status = 413, description = "Larger than 5 MB",
         body = Problem, content_type = "application/problem+json"),
        (status = 415,
         description = "`Content-Type` is missing or not `image/...`; other image types answer 422",
         body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/products/{id}/images")]
pub async fn upload(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<ProductId>,
    req: HttpRequest,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let upload = Upload::read(&req, &mut payload, MAX_IMAGE_BYTES, |t| {
        t.starts_with("image/")
    })
    .await?;
    let out = service::upload(
        &state.writer,
        &state.files,
        &auth.0,
        id.into_inner(),
        Some(&upload.content_type),
        upload.file_name.as_deref().unwrap_or("image"),
        &upload.bytes,
    )
    .await?;
    Ok(created(out.url.clone(), &out, None))
}

/// The bytes of a product image.
#[utoipa::path(
    operation_id = "products.images.get",
    tag = "products",
    params(("id" = ProductId, Path), ("image_id" = Uuid, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The image as uploaded",
         content(("image/jpeg"), ("image/png"), ("image/webp"))),
        ReadErrors
    )
)]
#[get("/products/{id}/images/{image_id}")]
pub async fn get(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<(ProductId, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (product, image) = path.into_inner();
    let (content_type, bytes) =
        images::read(&state.db, &state.files, &auth.0, product, image).await?;
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "private, max-age=3600"))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(bytes))
}

/// Removes an image from a product.
#[utoipa::path(
    operation_id = "products.images.delete",
    tag = "products",
    params(("id" = ProductId, Path), ("image_id" = Uuid, Path), ("If-Match" = String, Header, description = "The product's version read, e.g. \"3\"")),
    security(("bearer" = [])),
    responses((status = 204, description = "Removed", headers(("ETag" = String, description = "The product's new version"))), WriteErrors)
)]
#[delete("/products/{id}/images/{image_id}")]
pub async fn remove(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<(ProductId, Uuid)>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let (product, image) = path.into_inner();
    let version = service::delete(&state.writer, &auth.0, product, if_match.0, image).await?;
    Ok(HttpResponse::NoContent()
        .insert_header((header::ETAG, etag(version)))
        .finish())
}
