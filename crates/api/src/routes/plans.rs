//! Phases, annual plans and their targets. `GET /plans/metrics` and `/plans/{id}/progress` are
//! in [`super::plan_progress`], configured before these so that `metrics` is not taken for an id.
//! This module holds the plans' handlers; [`phases`] and [`targets`] theirs.

mod phases;
mod targets;

use actix_web::{HttpResponse, delete, get, patch, post, web};
use ocop_core::{Action, Page};
use ocop_plans::store::plans;
use ocop_plans::{PlanId, PlanIn, PlanOut, PlanPatch, PlanQuery, PlanTransitionIn, service};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::ApiError;
use crate::extract::{Auth, IfMatch, ValidatedJson, ValidatedQuery, with_etag};
use crate::responses::{ReadErrors, WriteErrors, created};
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(phases::list_phases)
        .service(phases::create_phase)
        .service(phases::get_phase)
        .service(phases::update_phase)
        .service(list_plans)
        .service(create_plan)
        .service(get_plan)
        .service(update_plan)
        .service(delete_plan)
        .service(transition_plan)
        .service(targets::list_targets)
        .service(targets::create_target)
        .service(targets::update_target)
        .service(targets::delete_target);
}

/// Annual plans in the caller's scope, the latest year first.
#[utoipa::path(
    operation_id = "plans.list",
    tag = "plans",
    params(PlanQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Page<PlanOut>), ReadErrors)
)]
#[get("/plans")]
pub async fn list_plans(
    state: web::Data<AppState>,
    auth: Auth,
    query: ValidatedQuery<PlanQuery>,
) -> Result<web::Json<Page<PlanOut>>, ApiError> {
    auth.0.principal.require(Action::PlansRead)?;
    Ok(web::Json(
        plans::list(&state.db, &auth.0.principal, &query.0).await?,
    ))
}

/// Drafts the plan of a unit in force in the caller's scope for a year (one per unit and year).
#[utoipa::path(
    operation_id = "plans.create",
    tag = "plans",
    request_body(content = PlanIn, example = json!({
        "unit_id": 1, "phase_id": "0190f5a2-3c4d-7e8f-9a0b-1c2d3e4f5a6b", "year": 2027,
        "title": "Kế hoạch thực hiện Chương trình OCOP tỉnh Đắk Lắk năm 2027",
        "summary": "Công nhận 10–12 sản phẩm đạt 3–4 sao; đánh giá lại các sản phẩm hết hạn."
    })),
    security(("bearer" = [])),
    responses((status = 201, body = PlanOut, headers(("ETag" = String), ("Location" = String))), WriteErrors)
)]
#[post("/plans")]
pub async fn create_plan(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidatedJson<PlanIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::plans::create(&state.writer, &auth.0, body.0).await?;
    Ok(created(
        format!("/api/v1/plans/{}", out.id),
        &out,
        out.version,
    ))
}

/// One plan in scope, with its version as the ETag.
#[utoipa::path(
    operation_id = "plans.get",
    tag = "plans",
    params(("id" = PlanId, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = PlanOut, headers(("ETag" = String))), ReadErrors)
)]
#[get("/plans/{id}")]
pub async fn get_plan(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<PlanId>,
) -> Result<HttpResponse, ApiError> {
    auth.0.principal.require(Action::PlansRead)?;
    let out = plans::get(&state.db, &auth.0.principal, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Changes a draft plan's title, summary or phase; 409 `plan_not_draft` once approved.
#[utoipa::path(
    operation_id = "plans.update",
    tag = "plans",
    params(("id" = PlanId, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    request_body(content = PlanPatch, example = json!({"title": "Kế hoạch thực hiện Chương trình OCOP năm 2027 (sửa đổi)"})),
    security(("bearer" = [])),
    responses((status = 200, body = PlanOut, headers(("ETag" = String))), WriteErrors)
)]
#[patch("/plans/{id}")]
pub async fn update_plan(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<PlanId>,
    if_match: IfMatch,
    body: ValidatedJson<PlanPatch>,
) -> Result<HttpResponse, ApiError> {
    let out =
        service::plans::patch(&state.writer, &auth.0, id.into_inner(), if_match.0, body.0).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Deletes a draft plan with its targets and activities.
#[utoipa::path(
    operation_id = "plans.delete",
    tag = "plans",
    params(("id" = PlanId, Path), ("If-Match" = String, Header, description = "The version read")),
    security(("bearer" = [])),
    responses((status = 204, description = "Deleted"), WriteErrors)
)]
#[delete("/plans/{id}")]
pub async fn delete_plan(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<PlanId>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    service::plans::delete(&state.writer, &auth.0, id.into_inner(), if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Approves a draft (with the decision's number and date), closes an approved plan, or sends it
/// back to draft for an amending decision.
#[utoipa::path(
    operation_id = "plans.transition",
    tag = "plans",
    params(("id" = PlanId, Path), ("If-Match" = String, Header, description = "The version read")),
    request_body(content = PlanTransitionIn, example = json!({
        "to": "approved", "decision_number": "245/QĐ-UBND", "decision_date": "2027-02-20"
    })),
    security(("bearer" = [])),
    responses((status = 200, body = PlanOut, headers(("ETag" = String))), WriteErrors)
)]
#[post("/plans/{id}/transitions")]
pub async fn transition_plan(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<PlanId>,
    if_match: IfMatch,
    body: ValidatedJson<PlanTransitionIn>,
) -> Result<HttpResponse, ApiError> {
    let out =
        service::plans::transition(&state.writer, &auth.0, id.into_inner(), if_match.0, body.0)
            .await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}
