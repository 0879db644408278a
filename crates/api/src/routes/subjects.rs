//! Subjects (producers): list, create, read, update, archive, delete.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use ocop_core::{Action, Page, SubjectId};
use ocop_subjects::{SubjectIn, SubjectOut, SubjectPatch, SubjectQuery};
use ocop_subjects::{service, store};

use crate::error::ApiError;
use crate::extract::{Auth, IfMatch, ValidatedJson, ValidatedQuery, with_etag};
use crate::responses::{ReadErrors, WriteErrors, created};
use crate::state::AppState;

/// Subjects in the caller's scope, filtered, sorted and paged.
#[utoipa::path(
    operation_id = "subjects.list",
    tag = "subjects",
    params(SubjectQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Page<SubjectOut>), ReadErrors)
)]
#[get("/subjects")]
pub async fn list(
    state: web::Data<AppState>,
    auth: Auth,
    query: ValidatedQuery<SubjectQuery>,
) -> Result<web::Json<Page<SubjectOut>>, ApiError> {
    auth.0.principal.require(Action::SubjectsRead)?;
    Ok(web::Json(
        store::list(&state.db, &auth.0.principal, &query.0).await?,
    ))
}

/// Registers a subject in a commune of the caller's scope.
#[utoipa::path(
    operation_id = "subjects.create",
    tag = "subjects",
    request_body(content = SubjectIn, example = json!({
        "kind": "cooperative", "name": "Hợp tác xã Nông nghiệp Dịch vụ Cà phê Ea Tu",
        "registration_code": "6001234567", "legal_representative": "Nguyễn Thị Hoa",
        "address": "Thôn 3", "unit_id": 42, "phone": "0912345678", "member_count": 27, "women_led": true
    })),
    security(("bearer" = [])),
    responses((status = 201, body = SubjectOut, headers(("ETag" = String), ("Location" = String))), WriteErrors)
)]
#[post("/subjects")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidatedJson<SubjectIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::create(&state.writer, &auth.0, body.0, auth.0.today()).await?;
    Ok(created(
        format!("/api/v1/subjects/{}", out.id),
        &out,
        out.version,
    ))
}

/// One subject in scope, with its version as the ETag.
#[utoipa::path(
    operation_id = "subjects.get",
    tag = "subjects",
    params(("id" = SubjectId, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = SubjectOut, headers(("ETag" = String))), ReadErrors)
)]
#[get("/subjects/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<SubjectId>,
) -> Result<HttpResponse, ApiError> {
    auth.0.principal.require(Action::SubjectsRead)?;
    let out = store::get(&state.db, &auth.0.principal, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Changes a subject. Requires `If-Match` with the version read; 412 when it changed since.
/// Status, kind, unit and registration code are for officers only.
#[utoipa::path(
    operation_id = "subjects.update",
    tag = "subjects",
    params(("id" = SubjectId, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    request_body(content = SubjectPatch, example = json!({"phone": "0987654321", "email": null})),
    security(("bearer" = [])),
    responses((status = 200, body = SubjectOut, headers(("ETag" = String))), WriteErrors)
)]
#[patch("/subjects/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<SubjectId>,
    if_match: IfMatch,
    body: ValidatedJson<SubjectPatch>,
) -> Result<HttpResponse, ApiError> {
    let out = service::patch(
        &state.writer,
        &auth.0,
        id.into_inner(),
        if_match.0,
        body.0,
        auth.0.today(),
    )
    .await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Archives a subject: kept with its products and history, marked as no longer operating.
#[utoipa::path(
    operation_id = "subjects.archive",
    tag = "subjects",
    params(("id" = SubjectId, Path), ("If-Match" = String, Header, description = "The version read")),
    security(("bearer" = [])),
    responses((status = 200, body = SubjectOut), WriteErrors)
)]
#[post("/subjects/{id}/archive")]
pub async fn archive(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<SubjectId>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let out = service::archive(
        &state.writer,
        &auth.0,
        id.into_inner(),
        if_match.0,
        auth.0.today(),
    )
    .await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Deletes a subject registered by mistake. A subject with products or accounts answers 409:
/// archive it instead.
#[utoipa::path(
    operation_id = "subjects.delete",
    tag = "subjects",
    params(("id" = SubjectId, Path), ("If-Match" = String, Header, description = "The version read")),
    security(("bearer" = [])),
    responses((status = 204, description = "Deleted"), WriteErrors)
)]
#[delete("/subjects/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<SubjectId>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    service::delete(&state.writer, &auth.0, id.into_inner(), if_match.0).await?;
    Ok(HttpResponse::NoContent().finish())
}
