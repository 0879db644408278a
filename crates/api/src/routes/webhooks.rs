//! Webhook endpoints of an API key's holder (`X-API-Key`), as the Standard Webhooks
//! specification describes them: register (the signing secret is answered once), list, read,
//! change (`If-Match`), rotate the secret (the old one keeps signing for 24 hours), delete, read
//! the delivery log, and replay the changes after a cursor. A key sees only its own endpoints;
//! another key's answer 404.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use ocop_catalogue::service::webhooks as service;
use ocop_catalogue::{
    DeliveryLogQuery, DeliveryOut, EndpointCreated, EndpointOut, EndpointPatch, NewEndpoint,
    RedeliverIn,
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::api_key_auth::KeyHolder;
use crate::error::ApiError;
use crate::extract::{IfMatch, ValidatedJson, ValidatedQuery, with_etag};
use crate::responses::{ReadErrors, WriteErrors, created};
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(get)
        .service(update)
        .service(rotate_secret)
        .service(remove)
        .service(deliveries)
        .service(redeliver);
}

/// The key's endpoints, oldest first. Never a secret.
#[utoipa::path(
    operation_id = "webhooks.endpoints.list",
    tag = "webhooks",
    security(("api_key" = [])),
    responses((status = 200, body = Vec<EndpointOut>), ReadErrors)
)]
#[get("/webhooks/endpoints")]
pub async fn list(
    state: web::Data<AppState>,
    key: KeyHolder,
) -> Result<web::Json<Vec<EndpointOut>>, ApiError> {
    Ok(web::Json(service::list(&state.db, key.key_id).await?))
}

/// Registers an HTTPS endpoint for some event types. It hears of the changes from now on (use
/// `redeliver` for earlier ones). The answer carries the `whsec_` signing secret, this once.
#[utoipa::path(
    operation_id = "webhooks.endpoints.create",
    tag = "webhooks",
    request_body(content = NewEndpoint, example = json!({
        "url": "https://shop.example.vn/hooks/ocop",
        "event_types": ["certificate.issued", "certificate.expired", "certificate.revoked"]
    })),
    security(("api_key" = [])),
    responses((status = 201, body = EndpointCreated, headers(("ETag" = String), ("Location" = String))), WriteErrors)
)]
#[post("/webhooks/endpoints")]
pub async fn create(
    state: web::Data<AppState>,
    key: KeyHolder,
    body: ValidatedJson<NewEndpoint>,
) -> Result<HttpResponse, ApiError> {
    let out = service::create(
        &state.writer,
        key.key_id,
        state.clock.now(),
        state.webhook_allow_private,
        body.0,
    )
    .await?;
    Ok(created(
        format!("/api/v1/webhooks/endpoints/{}", out.endpoint.id),
        &out,
        out.endpoint.version,
    ))
}

/// One endpoint of the key.
#[utoipa::path(
    operation_id = "webhooks.endpoints.get",
    tag = "webhooks",
    params(("id" = Uuid, Path)),
    security(("api_key" = [])),
    responses((status = 200, body = EndpointOut, headers(("ETag" = String))), ReadErrors)
)]
#[get("/webhooks/endpoints/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    key: KeyHolder,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let out = service::get(&state.db, key.key_id, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Changes the address, the event types or whether it is enabled. A disabled endpoint is sent
/// nothing; enabled again, it gets what waited and the changes it missed (enabling one disabled
/// by a 410 clears the reason; the messages a 410 cancelled can be replayed with `redeliver`).
/// Requires `If-Match`.
#[utoipa::path(
    operation_id = "webhooks.endpoints.update",
    tag = "webhooks",
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    request_body(content = EndpointPatch, example = json!({"enabled": true})),
    security(("api_key" = [])),
    responses((status = 200, body = EndpointOut, headers(("ETag" = String))), WriteErrors)
)]
#[patch("/webhooks/endpoints/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    key: KeyHolder,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<EndpointPatch>,
) -> Result<HttpResponse, ApiError> {
    let out = service::patch(
        &state.writer,
        key.key_id,
        id.into_inner(),
        if_match.0,
        state.clock.now(),
        state.webhook_allow_private,
        body.0,
    )
    .await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// A new signing secret, answered this once. For 24 hours every message carries two
/// signatures (new and old, space-separated in `webhook-signature`).
#[utoipa::path(
    operation_id = "webhooks.endpoints.rotate_secret",
    tag = "webhooks",
    params(("id" = Uuid, Path)),
    security(("api_key" = [])),
    responses((status = 200, body = EndpointCreated, headers(("ETag" = String))), WriteErrors)
)]
#[post("/webhooks/endpoints/{id}/rotate-secret")]
pub async fn rotate_secret(
    state: web::Data<AppState>,
    key: KeyHolder,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let out = service::rotate_secret(
        &state.writer,
        key.key_id,
        id.into_inner(),
        state.clock.now(),
    )
    .await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.endpoint.version))
}

/// Deletes an endpoint and its delivery log; nothing more is sent to it.
#[utoipa::path(
    operation_id = "webhooks.endpoints.delete",
    tag = "webhooks",
    params(("id" = Uuid, Path)),
    security(("api_key" = [])),
    responses((status = 204, description = "Deleted"), WriteErrors)
)]
#[delete("/webhooks/endpoints/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    key: KeyHolder,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    service::delete(
        &state.writer,
        key.key_id,
        id.into_inner(),
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The delivery log: the latest messages, newest first, each with its attempts (status, error,
/// duration) and, while pending, when it is tried next.
#[utoipa::path(
    operation_id = "webhooks.endpoints.deliveries",
    tag = "webhooks",
    params(("id" = Uuid, Path), DeliveryLogQuery),
    security(("api_key" = [])),
    responses((status = 200, body = Vec<DeliveryOut>), ReadErrors)
)]
#[get("/webhooks/endpoints/{id}/deliveries")]
pub async fn deliveries(
    state: web::Data<AppState>,
    key: KeyHolder,
    id: web::Path<Uuid>,
    query: ValidatedQuery<DeliveryLogQuery>,
) -> Result<web::Json<Vec<DeliveryOut>>, ApiError> {
    let limit = query.0.limit.unwrap_or(50);
    Ok(web::Json(
        service::delivery_log(&state.db, key.key_id, id.into_inner(), limit).await?,
    ))
}

/// Replays every change after `after` (a changes-feed cursor) to the endpoint as new messages
/// with new `webhook-id`s; compare the entity version to drop what you already hold. A cursor
/// the changes feed no longer serves answers 422 on `after`.
#[utoipa::path(
    operation_id = "webhooks.endpoints.redeliver",
    tag = "webhooks",
    params(("id" = Uuid, Path)),
    request_body(content = RedeliverIn),
    security(("api_key" = [])),
    responses((status = 200, body = EndpointOut, headers(("ETag" = String))), WriteErrors)
)]
#[post("/webhooks/endpoints/{id}/redeliver")]
pub async fn redeliver(
    state: web::Data<AppState>,
    key: KeyHolder,
    id: web::Path<Uuid>,
    body: ValidatedJson<RedeliverIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::redeliver(
        &state.writer,
        key.key_id,
        id.into_inner(),
        &body.0.after,
        state.clock.now(),
    )
    .await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}
