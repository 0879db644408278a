//! Certificates and their public verification by QR code.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use ocop_core::Page;
use ocop_evaluations::store::public as public_reads;
use ocop_evaluations::store::read::certificates;
use ocop_evaluations::{CertificateId, service};
use ocop_evaluations::{CertificateOut, CertificateQuery, PublicCertificate, RevokeIn};

use crate::error::ApiError;
use crate::extract::{Auth, IfMatch, ValidatedJson, ValidatedQuery, with_etag};
use crate::pages::verify::qr as qr_code;
use crate::public_cache::{self, Freshness};
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
        (status = 200, body = PublicCertificate, headers(
            ("ETag" = String, description = "A hash of the answer; send it back in If-None-Match"),
            ("Cache-Control" = String, description = "Five minutes")
        )),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        ReadErrors
    )
)]
#[get("/public/certificates/{code}")]
pub async fn public(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let mut out =
        public_reads::certificate_by_code(&state.public_db, &code, state.clock.today()).await?;
    out.image_url = out
        .image_url
        .map(|path| format!("{}{path}", state.public_url.as_str()));
    // Never from a cache without asking: a shopper checking a certificate revoked a minute ago
    // must read "revoked", not the "valid" a cache kept. The ETag makes asking cheap.
    public_cache::json(&req, &out, Freshness::Revalidate, &[])
}

/// The verification address of an existing certificate. Only codes that exist get a picture,
/// so the QR endpoints cannot be used to mint codes for anything else.
async fn qr_url(state: &AppState, code: &str) -> Result<String, ApiError> {
    public_reads::certificate_by_code(&state.public_db, code, state.clock.today()).await?;
    Ok(qr_code::verification_url(state.public_url.as_str(), code))
}

/// Public: the QR code (SVG) of a certificate's verification page, `{public_url}/verify/{code}`.
#[utoipa::path(
    operation_id = "public.certificates.qr",
    tag = "public",
    params(("code" = String, Path)),
    responses(
        (status = 200, content_type = "image/svg+xml", body = String, headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        ReadErrors
    )
)]
#[get("/public/certificates/{code}/qr.svg")]
pub async fn qr(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let url = qr_url(&state, &code).await?;
    Ok(public_cache::respond(
        &req,
        "image/svg+xml",
        qr_code::svg(&url)?.into_bytes(),
        Freshness::Lasting,
        &[],
    ))
}

/// Public: the same QR code as a PNG (black and white, 8 pixels a module).
#[utoipa::path(
    operation_id = "public.certificates.qr_png",
    tag = "public",
    params(("code" = String, Path)),
    responses(
        (status = 200, description = "The QR code", content(("image/png")), headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        ReadErrors
    )
)]
#[get("/public/certificates/{code}/qr.png")]
pub async fn qr_png(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let url = qr_url(&state, &code).await?;
    Ok(public_cache::respond(
        &req,
        "image/png",
        qr_code::png(&url)?,
        Freshness::Lasting,
        &[],
    ))
}
