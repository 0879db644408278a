//! Certificates and their public verification by QR code.

use actix_web::http::header;
use actix_web::{HttpResponse, get, post, web};
use ocop_core::Page;
use ocop_evaluations::store::public as public_reads;
use ocop_evaluations::store::read::certificates;
use ocop_evaluations::{CertificateId, service};
use ocop_evaluations::{CertificateOut, CertificateQuery, PublicCertificate, RevokeIn};
use qrcode::QrCode;
use qrcode::render::svg;

use crate::error::ApiError;
use crate::extract::{Auth, IfMatch, ValidatedJson, ValidatedQuery, with_etag};
use crate::responses::{ReadErrors, WriteErrors};
use crate::state::AppState;

/// Certificates in the caller's scope with their state today, newest first.
#[utoipa::path(
    operation_id = "certificates.list",
    tag = "certificates",
    params(CertificateQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Page<CertificateOut>), ReadErrors)
)]
#[get("/certificates")]
pub async fn list(
    state: web::Data<AppState>,
    auth: Auth,
    query: ValidatedQuery<CertificateQuery>,
) -> Result<web::Json<Page<CertificateOut>>, ApiError> {
    Ok(web::Json(
        certificates::list(
            &state.db,
            &auth.0,
            &query.0,
            auth.0.today(),
            state.public_url.as_str(),
        )
        .await?,
    ))
}

/// One certificate with its state today, re-rating window and extension limit.
#[utoipa::path(
    operation_id = "certificates.get",
    tag = "certificates",
    params(("id" = Uuid, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = CertificateOut), ReadErrors)
)]
#[get("/certificates/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<CertificateId>,
) -> Result<web::Json<CertificateOut>, ApiError> {
    Ok(web::Json(
        certificates::get(
            &state.db,
            &auth.0,
            id.into_inner(),
            auth.0.today(),
            state.public_url.as_str(),
        )
        .await?,
    ))
}

/// Records a revocation decision on one of the six grounds of Art. 8 (province officers). The
/// deciding authority follows the stars: the province for 3–4★, the ministry for 5★.
#[utoipa::path(
    operation_id = "certificates.revoke",
    tag = "certificates",
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "The certificate's version read, e.g. \"1\"")),
    request_body = RevokeIn,
    security(("bearer" = [])),
    responses((status = 200, body = CertificateOut, headers(("ETag" = String))), WriteErrors)
)]
#[post("/certificates/{id}/revoke")]
pub async fn revoke(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<CertificateId>,
    if_match: IfMatch,
    body: ValidatedJson<RevokeIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::certificates::revoke(
        &state.writer,
        &auth.0,
        id.into_inner(),
        if_match.0,
        body.0,
        auth.0.today(),
        state.public_url.as_str(),
    )
    .await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Public: what a certificate's QR code leads to. No sign-in; no personal data.
#[utoipa::path(
    operation_id = "public.certificates.get",
    tag = "public",
    params(("code" = String, Path, description = "The verification code printed on the certificate")),
    responses(
        (status = 200, body = PublicCertificate, headers(("ETag" = String, description = "A hash of the answer; send it back in If-None-Match"))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        ReadErrors
    )
)]
#[get("/public/certificates/{code}")]
pub async fn public(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let out = public_reads::certificate_by_code(&state.db, &code, state.clock.today()).await?;
    // Never from a cache without asking: a shopper checking a certificate revoked a minute ago
    // must read "revoked", not the "valid" a cache kept. The ETag makes asking cheap.
    crate::conditional::fresh_json(&req, &out)
}

/// Public: the QR code (SVG) of a certificate's verification address.
#[utoipa::path(
    operation_id = "public.certificates.qr",
    tag = "public",
    params(("code" = String, Path)),
    responses((status = 200, content_type = "image/svg+xml", body = String), ReadErrors)
)]
#[get("/public/certificates/{code}/qr.svg")]
pub async fn qr(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    // Only codes that exist get a picture, so the endpoint cannot be used to mint QR codes.
    public_reads::certificate_by_code(&state.db, &code, state.clock.today()).await?;
    let url = format!(
        "{}/#/verify/{}",
        state.public_url.as_str(),
        code.trim().to_ascii_uppercase()
    );
    let qr = QrCode::new(url.as_bytes()).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let image = qr
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(image))
}
