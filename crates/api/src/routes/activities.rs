//! A plan's activities (tasks with their lead department, quarters, status and results), the
//! participants of training classes and the products shown at fairs.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use ocop_core::{Action, ProductId};
use ocop_plans::{
    ActivityId, ActivityIn, ActivityOut, ActivityPatch, ActivityProductIn, ActivityProductOut,
    ActivityQuery, ParticipantId, ParticipantIn, ParticipantOut, PlanId,
};
use ocop_plans::{service::activities as service, store::activities as store};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::ApiError;
use crate::extract::{Auth, IfMatch, ValidatedJson, ValidatedQuery, with_etag};
use crate::responses::{ReadErrors, WriteErrors, created};
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(get)
        .service(update)
        .service(remove)
        .service(participants)
        .service(add_participant)
        .service(remove_participant)
        .service(products)
        .service(add_product)
        .service(remove_product);
}

/// The activities of a plan in scope, by quarter, start date and title; filtered by kind,
/// status and the quarter they run in.
#[utoipa::path(
    operation_id = "activities.list",
    tag = "activities",
    params(("id" = PlanId, Path), ActivityQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<ActivityOut>), ReadErrors)
)]
#[get("/plans/{id}/activities")]
pub async fn list(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<PlanId>,
    query: ValidatedQuery<ActivityQuery>,
) -> Result<web::Json<Vec<ActivityOut>>, ApiError> {
    auth.0.principal.require(Action::PlansRead)?;
    Ok(web::Json(
        store::list(&state.db, &auth.0.principal, id.into_inner(), &query.0).await?,
    ))
}

/// Adds an activity to a plan that is not closed, held in the plan's unit or a unit under it.
#[utoipa::path(
    operation_id = "activities.create",
    tag = "activities",
    params(("id" = PlanId, Path)),
    request_body(content = ActivityIn, example = json!({
        "kind": "training", "title": "Tập huấn kiến thức OCOP cho cán bộ cấp xã",
        "lead_department": "Sở Nông nghiệp và Môi trường",
        "cooperating_units": ["Sở Công Thương", "UBND các xã, phường"],
        "quarters": [2, 3], "unit_id": 42, "place": "Hội trường Sở Nông nghiệp và Môi trường",
        "starts_on": "2027-05-12", "ends_on": "2027-05-14", "status": "planned"
    })),
    security(("bearer" = [])),
    responses((status = 201, body = ActivityOut, headers(("ETag" = String), ("Location" = String))), WriteErrors)
)]
#[post("/plans/{id}/activities")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<PlanId>,
    body: ValidatedJson<ActivityIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::create(&state.writer, &auth.0, id.into_inner(), body.0).await?;
    Ok(created(
        format!("/api/v1/activities/{}", out.id),
        &out,
        out.version,
    ))
}

/// One activity whose plan is in scope, with its version as the ETag.
#[utoipa::path(
    operation_id = "activities.get",
    tag = "activities",
    params(("id" = ActivityId, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = ActivityOut, headers(("ETag" = String))), ReadErrors)
)]
#[get("/activities/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<ActivityId>,
) -> Result<HttpResponse, ApiError> {
    auth.0.principal.require(Action::PlansRead)?;
    let out = store::get(&state.db, &auth.0.principal, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Changes an activity: its facts, status and results. Requires `If-Match` with the version
/// read; 412 when it changed since. A done activity needs its end (or start) date.
#[utoipa::path(
    operation_id = "activities.update",
    tag = "activities",
    params(("id" = ActivityId, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    request_body(content = ActivityPatch, example = json!({
        "status": "done", "ends_on": "2027-05-14",
        "results": "120 cán bộ cấp xã được tập huấn về quy trình đánh giá, phân hạng sản phẩm OCOP"
    })),
    security(("bearer" = [])),
    responses((status = 200, body = ActivityOut, headers(("ETag" = String))), WriteErrors)
)]
#[patch("/activities/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<ActivityId>,
    if_match: IfMatch,
    body: ValidatedJson<ActivityPatch>,
) -> Result<HttpResponse, ApiError> {
    let out = service::patch(&state.writer, &auth.0, id.into_inner(), if_match.0, body.0).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Deletes an activity entered by mistake, with its participants and products.
#[utoipa::path(
    operation_id = "activities.delete",
    tag = "activities",
    params(("id" = ActivityId, Path), ("If-Match" = String, Header, description = "The version read")),
    security(("bearer" = [])),
    responses((status = 204, description = "Deleted"), WriteErrors)
)]
#[delete("/activities/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<ActivityId>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    service::delete(&state.writer, &auth.0, id.into_inner(), if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The people recorded at a training class or study tour.
#[utoipa::path(
    operation_id = "activities.participants",
    tag = "activities",
    params(("id" = ActivityId, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<ParticipantOut>), ReadErrors)
)]
#[get("/activities/{id}/participants")]
pub async fn participants(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<ActivityId>,
) -> Result<web::Json<Vec<ParticipantOut>>, ApiError> {
    auth.0.principal.require(Action::PlansRead)?;
    Ok(web::Json(
        store::participants(&state.db, &auth.0.principal, id.into_inner()).await?,
    ))
}

/// Records a participant of a training class or study tour: an officer (with an account when
/// they have one) or a producer with their subject. An account attends a class once.
#[utoipa::path(
    operation_id = "activities.add_participant",
    tag = "activities",
    params(("id" = ActivityId, Path)),
    request_body(content = ParticipantIn, example = json!({
        "full_name": "Trần Văn Bình", "audience": "officer",
        "unit_id": 42, "position": "Công chức Nông nghiệp - Môi trường xã"
    })),
    security(("bearer" = [])),
    responses((status = 201, body = ParticipantOut, headers(("Location" = String))), WriteErrors)
)]
#[post("/activities/{id}/participants")]
pub async fn add_participant(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<ActivityId>,
    body: ValidatedJson<ParticipantIn>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = service::add_participant(&state.writer, &auth.0, id, body.0).await?;
    Ok(created(
        format!("/api/v1/activities/{id}/participants/{}", out.id),
        &out,
        None,
    ))
}

/// Removes a participant recorded by mistake.
#[utoipa::path(
    operation_id = "activities.remove_participant",
    tag = "activities",
    params(("id" = ActivityId, Path), ("participant_id" = ParticipantId, Path)),
    security(("bearer" = [])),
    responses((status = 204, description = "Removed"), WriteErrors)
)]
#[delete("/activities/{id}/participants/{participant_id}")]
pub async fn remove_participant(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<(ActivityId, ParticipantId)>,
) -> Result<HttpResponse, ApiError> {
    let (id, participant_id) = path.into_inner();
    service::remove_participant(&state.writer, &auth.0, id, participant_id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The products shown at a fair or trade promotion event.
#[utoipa::path(
    operation_id = "activities.products",
    tag = "activities",
    params(("id" = ActivityId, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<ActivityProductOut>), ReadErrors)
)]
#[get("/activities/{id}/products")]
pub async fn products(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<ActivityId>,
) -> Result<web::Json<Vec<ActivityProductOut>>, ApiError> {
    auth.0.principal.require(Action::PlansRead)?;
    Ok(web::Json(
        store::products(&state.db, &auth.0.principal, id.into_inner()).await?,
    ))
}

/// Records a product shown at a fair or trade promotion event; a product is shown once (409).
#[utoipa::path(
    operation_id = "activities.add_product",
    tag = "activities",
    params(("id" = ActivityId, Path)),
    request_body(content = ActivityProductIn, example = json!({
        "product_id": "0192f5e4-7c1a-7b3e-9d2a-4f6b8c0d1e2f"
    })),
    security(("bearer" = [])),
    responses((status = 201, body = ActivityProductOut, headers(("Location" = String))), WriteErrors)
)]
#[post("/activities/{id}/products")]
pub async fn add_product(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<ActivityId>,
    body: ValidatedJson<ActivityProductIn>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = service::add_product(&state.writer, &auth.0, id, body.0).await?;
    Ok(created(
        format!("/api/v1/activities/{id}/products/{}", out.product_id),
        &out,
        None,
    ))
}

/// Takes a product off a fair's list.
#[utoipa::path(
    operation_id = "activities.remove_product",
    tag = "activities",
    params(("id" = ActivityId, Path), ("product_id" = ProductId, Path)),
    security(("bearer" = [])),
    responses((status = 204, description = "Removed"), WriteErrors)
)]
#[delete("/activities/{id}/products/{product_id}")]
pub async fn remove_product(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<(ActivityId, ProductId)>,
) -> Result<HttpResponse, ApiError> {
    let (id, product_id) = path.into_inner();
    service::remove_product(&state.writer, &auth.0, id, product_id).await?;
    Ok(HttpResponse::NoContent().finish())
}
