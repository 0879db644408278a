//! Product images: upload as the raw request body, fetch, remove.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use futures_util::StreamExt;
use ocop_core::ProductId;
use ocop_products::ImageOut;
use ocop_products::store::images::{self, MAX_IMAGE_BYTES};
use uuid::Uuid;

use crate::error::ApiError;
use crate::extract::Auth;
use crate::openapi::{ReadErrors, WriteErrors};
use crate::startup::AppState;

/// Adds an image to a product: the body is the file (JPEG, PNG or WebP, at most 5 MB, checked
/// by content), `X-File-Name` its name. At most 10 images a product.
#[utoipa::path(
    operation_id = "products.images.upload",
    tag = "products",
    params(("id" = ProductId, Path), ("X-File-Name" = Option<String>, Header)),
    request_body(content = Vec<u8>, content_type = "image/*"),
    security(("bearer" = [])),
    responses((status = 201, body = ImageOut), (status = 413, description = "Larger than 5 MB"), WriteErrors)
)]
#[post("/products/{id}/images")]
pub async fn upload(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<ProductId>,
    req: HttpRequest,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let declared = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_string());
    if !declared.as_deref().is_some_and(|t| t.starts_with("image/")) {
        return Err(ApiError::UnsupportedMediaType);
    }
    // Header values cannot carry Vietnamese, so clients send the name percent-encoded.
    let file_name = req
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(percent_decode)
        .unwrap_or_else(|| "image".to_string());
    let mut bytes = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::BadRequest(e.to_string()))?;
        if bytes.len() + chunk.len() > MAX_IMAGE_BYTES {
            return Err(ApiError::PayloadTooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    let out = images::upload(
        &state.db,
        &state.files,
        &auth.0,
        id.into_inner(),
        declared.as_deref(),
        &file_name,
        &bytes,
    )
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, out.url.clone()))
        .json(out))
}

/// The bytes of a product image.
#[utoipa::path(
    operation_id = "products.images.get",
    tag = "products",
    params(("id" = ProductId, Path), ("image_id" = Uuid, Path)),
    security(("bearer" = [])),
    responses((status = 200, content_type = "image/*", body = Vec<u8>), ReadErrors)
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
    params(("id" = ProductId, Path), ("image_id" = Uuid, Path)),
    security(("bearer" = [])),
    responses((status = 204, description = "Removed"), WriteErrors)
)]
#[delete("/products/{id}/images/{image_id}")]
pub async fn remove(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<(ProductId, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (product, image) = path.into_inner();
    images::delete(&state.db, &auth.0, product, image).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Decodes `%XX` escapes (UTF-8); a malformed escape is kept as written.
fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn decodes_percent_encoded_vietnamese_names() {
        assert_eq!(percent_decode("%E1%BA%A3nh.png"), "ảnh.png");
        assert_eq!(percent_decode("plain.jpg"), "plain.jpg");
        assert_eq!(percent_decode("bad%zz.jpg"), "bad%zz.jpg");
    }
}
