//! API keys of machine clients, for system administrators: issue (the secret is answered once),
//! list, read, rotate (a new secret, answered once; the old one stops working at once) and
//! revoke. Lists and reads never carry a secret: only its hash is kept.

use actix_web::{HttpResponse, get, post, web};
use ocop_catalogue::model::{ApiKeyCreated, ApiKeyOut, NewApiKey};
use ocop_catalogue::service::keys as service;
use ocop_catalogue::store::keys;
use ocop_core::{Action, Page, PageQuery, Precondition};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extract::{Auth, IfMatch, ValidatedJson, ValidatedQuery, with_etag};
use crate::responses::{ReadErrors, WriteErrors, created};
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(get)
        .service(rotate)
        .service(revoke);
}

/// Every key, the newest first, with its state now. Never a secret.
#[utoipa::path(
    operation_id = "api_keys.list",
    tag = "api_keys",
    params(PageQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Page<ApiKeyOut>), ReadErrors)
)]
#[get("/api-keys")]
pub async fn list(
    state: web::Data<AppState>,
    auth: Auth,
    page: ValidatedQuery<PageQuery>,
) -> Result<web::Json<Page<ApiKeyOut>>, ApiError> {
    auth.0.principal.require(Action::ApiKeysManage)?;
    let (page, per_page) = page.0.resolve()?;
    Ok(web::Json(
        keys::list(&state.db, auth.0.at, page, per_page).await?,
    ))
}

/// Issues a key for a machine client. The answer carries the secret, shown this once: keep it,
/// it cannot be read again (rotate the key to get a new one).
#[utoipa::path(
    operation_id = "api_keys.create",
    tag = "api_keys",
    request_body(content = NewApiKey, example = json!({
        "name": "Đồng bộ danh mục OCOP", "organisation": "Công ty TNHH Sàn Ví Dụ",
        "expires_at": "2028-03-10T00:00:00Z", "quota_per_minute": 600
    })),
    security(("bearer" = [])),
    responses((status = 201, body = ApiKeyCreated, headers(("ETag" = String), ("Location" = String))), WriteErrors)
)]
#[post("/api-keys")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidatedJson<NewApiKey>,
) -> Result<HttpResponse, ApiError> {
    let out = service::create(&state.writer, &auth.0, body.0).await?;
    Ok(created(
        format!("/api/v1/api-keys/{}", out.key.id),
        &out,
        out.key.version,
    ))
}

/// One key, with its version as the ETag. Never its secret.
#[utoipa::path(
    operation_id = "api_keys.get",
    tag = "api_keys",
    params(("id" = Uuid, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = ApiKeyOut, headers(("ETag" = String))), ReadErrors)
)]
#[get("/api-keys/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    auth.0.principal.require(Action::ApiKeysManage)?;
    let out = keys::get(&state.db, id.into_inner(), auth.0.at).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Gives a key a new secret, answered this once; the old secret is refused from now on. 409
/// `api_key_revoked` for a revoked key.
#[utoipa::path(
    operation_id = "api_keys.rotate",
    tag = "api_keys",
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"1\"")),
    security(("bearer" = [])),
    responses((status = 200, body = ApiKeyCreated, headers(("ETag" = String))), WriteErrors)
)]
#[post("/api-keys/{id}/rotate")]
pub async fn rotate(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let out = service::rotate(
        &state.writer,
        &auth.0,
        id.into_inner(),
        Precondition::Version(if_match.0),
    )
    .await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.key.version))
}

/// Revokes a key: every API process refuses it from the next request on (401). 409
/// `api_key_revoked` when it already is.
#[utoipa::path(
    operation_id = "api_keys.revoke",
    tag = "api_keys",
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"1\"")),
    security(("bearer" = [])),
    responses((status = 200, body = ApiKeyOut, headers(("ETag" = String))), WriteErrors)
)]
#[post("/api-keys/{id}/revoke")]
pub async fn revoke(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let out = service::revoke(
        &state.writer,
        &auth.0,
        id.into_inner(),
        Precondition::Version(if_match.0),
    )
    .await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}
