//! The targets of a plan: list, add, change, remove.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use ocop_core::Action;
use ocop_plans::store::targets;
use ocop_plans::{PlanId, TargetId, TargetIn, TargetOut, TargetPatch, service};

use crate::error::ApiError;
use crate::extract::{Auth, IfMatch, ValidatedJson, with_etag};
use crate::responses::{ReadErrors, WriteErrors, created};
use crate::state::AppState;

/// The targets of a plan in scope, in their order.
#[utoipa::path(
    operation_id = "targets.list",
    tag = "plans",
    params(("id" = PlanId, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<TargetOut>), ReadErrors)
)]
#[get("/plans/{id}/targets")]
pub async fn list_targets(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<PlanId>,
) -> Result<web::Json<Vec<TargetOut>>, ApiError> {
    auth.0.principal.require(Action::PlansRead)?;
    Ok(web::Json(
        targets::list(&state.db, &auth.0.principal, id.into_inner()).await?,
    ))
}

/// Adds a target to a draft plan; 409 `plan_not_draft` once approved.
#[utoipa::path(
    operation_id = "targets.create",
    tag = "plans",
    params(("id" = PlanId, Path)),
    request_body(content = TargetIn, example = json!({
        "metric": "products_recognised", "filter": {"min_stars": 3, "max_stars": 4},
        "title": "Công nhận 10–12 sản phẩm đạt 3–4 sao", "unit_id": 1,
        "start_year": 2027, "end_year": 2027, "direction": "at_least", "target": 10, "target_max": 12
    })),
    security(("bearer" = [])),
    responses((status = 201, body = TargetOut, headers(("ETag" = String), ("Location" = String))), WriteErrors)
)]
#[post("/plans/{id}/targets")]
pub async fn create_target(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<PlanId>,
    body: ValidatedJson<TargetIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::targets::create(&state.writer, &auth.0, id.into_inner(), body.0).await?;
    Ok(created(
        format!("/api/v1/targets/{}", out.id),
        &out,
        out.version,
    ))
}

/// Changes a target of a draft plan.
#[utoipa::path(
    operation_id = "targets.update",
    tag = "plans",
    params(("id" = TargetId, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    request_body(content = TargetPatch, example = json!({"target": 12, "clear_target_max": true})),
    security(("bearer" = [])),
    responses((status = 200, body = TargetOut, headers(("ETag" = String))), WriteErrors)
)]
#[patch("/targets/{id}")]
pub async fn update_target(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<TargetId>,
    if_match: IfMatch,
    body: ValidatedJson<TargetPatch>,
) -> Result<HttpResponse, ApiError> {
    let out = service::targets::patch(&state.writer, &auth.0, id.into_inner(), if_match.0, body.0)
        .await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Removes a target from a draft plan.
#[utoipa::path(
    operation_id = "targets.delete",
    tag = "plans",
    params(("id" = TargetId, Path), ("If-Match" = String, Header, description = "The version read")),
    security(("bearer" = [])),
    responses((status = 204, description = "Deleted"), WriteErrors)
)]
#[delete("/targets/{id}")]
pub async fn delete_target(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<TargetId>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    service::targets::delete(&state.writer, &auth.0, id.into_inner(), if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}
