//! Programme phases: list, read, record, change.

use actix_web::{HttpResponse, get, patch, post, web};
use ocop_core::Action;
use ocop_plans::store::phases;
use ocop_plans::{PhaseId, PhaseIn, PhaseOut, PhasePatch, service};

use crate::error::ApiError;
use crate::extract::{Auth, IfMatch, ValidatedJson, with_etag};
use crate::responses::{ReadErrors, WriteErrors, created};
use crate::state::AppState;

/// Programme phases the caller reads: those of its units and of the units above it.
#[utoipa::path(
    operation_id = "phases.list",
    tag = "plans",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<PhaseOut>), ReadErrors)
)]
#[get("/phases")]
pub async fn list_phases(
    state: web::Data<AppState>,
    auth: Auth,
) -> Result<web::Json<Vec<PhaseOut>>, ApiError> {
    auth.0.principal.require(Action::PlansRead)?;
    Ok(web::Json(phases::list(&state.db, &auth.0.principal).await?))
}

/// Records a programme phase of a unit in the caller's scope.
#[utoipa::path(
    operation_id = "phases.create",
    tag = "plans",
    request_body(content = PhaseIn, example = json!({
        "unit_id": 1, "name": "Chương trình OCOP tỉnh Đắk Nông giai đoạn 2021–2025",
        "start_year": 2021, "end_year": 2025, "decision_number": "1415/QĐ-UBND",
        "decision_date": "2021-09-14", "planned_total": 120000000000_i64
    })),
    security(("bearer" = [])),
    responses((status = 201, body = PhaseOut, headers(("ETag" = String), ("Location" = String))), WriteErrors)
)]
#[post("/phases")]
pub async fn create_phase(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidatedJson<PhaseIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::phases::create(&state.writer, &auth.0, body.0).await?;
    Ok(created(
        format!("/api/v1/phases/{}", out.id),
        &out,
        out.version,
    ))
}

/// One phase, with its version as the ETag.
#[utoipa::path(
    operation_id = "phases.get",
    tag = "plans",
    params(("id" = PhaseId, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = PhaseOut, headers(("ETag" = String))), ReadErrors)
)]
#[get("/phases/{id}")]
pub async fn get_phase(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<PhaseId>,
) -> Result<HttpResponse, ApiError> {
    auth.0.principal.require(Action::PlansRead)?;
    let out = phases::get(&state.db, &auth.0.principal, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Changes a phase. Requires `If-Match`; 412 when it changed since it was read.
#[utoipa::path(
    operation_id = "phases.update",
    tag = "plans",
    params(("id" = PhaseId, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    request_body(content = PhasePatch, example = json!({"planned_total": 126000000000_i64})),
    security(("bearer" = [])),
    responses((status = 200, body = PhaseOut, headers(("ETag" = String))), WriteErrors)
)]
#[patch("/phases/{id}")]
pub async fn update_phase(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<PhaseId>,
    if_match: IfMatch,
    body: ValidatedJson<PhasePatch>,
) -> Result<HttpResponse, ApiError> {
    let out =
        service::phases::patch(&state.writer, &auth.0, id.into_inner(), if_match.0, body.0).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}
