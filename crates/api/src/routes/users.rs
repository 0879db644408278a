//! User management within the caller's scope.

use actix_web::http::header;
use actix_web::{HttpResponse, get, patch, post, web};
use ocop_core::service::users as service;
use ocop_core::store::users::{self, UserQuery};
use ocop_core::users::{UserIn, UserOut, UserPatch};
use ocop_core::{Action, Page, PageQuery, UserId};
use ocop_subjects::store as subjects;

use crate::error::ApiError;
use crate::extract::{Auth, IfMatch, ValidatedJson, ValidatedQuery, etag};
use crate::responses::{ReadErrors, WriteErrors, created};
use crate::state::AppState;

/// Users whose home unit is in the caller's scope.
#[utoipa::path(
    operation_id = "users.list",
    tag = "users",
    params(UserQuery, PageQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Page<UserOut>), ReadErrors)
)]
#[get("/users")]
pub async fn list(
    state: web::Data<AppState>,
    auth: Auth,
    query: ValidatedQuery<UserQuery>,
    page: ValidatedQuery<PageQuery>,
) -> Result<web::Json<Page<UserOut>>, ApiError> {
    auth.0.principal.require(Action::UsersRead)?;
    let (page, per_page) = page.0.resolve()?;
    Ok(web::Json(
        users::list(&state.db, &auth.0.principal, &query.0, page, per_page).await?,
    ))
}

/// Creates a user with a role below the caller's, in the caller's scope. Producers need a subject.
#[utoipa::path(
    operation_id = "users.create",
    tag = "users",
    request_body = UserIn,
    security(("bearer" = [])),
    responses((status = 201, body = UserOut), WriteErrors)
)]
#[post("/users")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidatedJson<UserIn>,
) -> Result<HttpResponse, ApiError> {
    let caller = &auth.0;
    caller.principal.require(Action::UsersManage)?;
    let input = body.0;
    let subject_unit = match input.subject_id {
        Some(id) => subjects::ref_in_scope(&state.writer, &caller.principal.scope(), id)
            .await?
            .map(|s| s.unit_id),
        None => None,
    };
    let hash = state
        .passwords
        .hash(input.password.clone())
        .await
        .map_err(ocop_core::DomainError::Internal)?;
    let out = service::create(
        &state.writer,
        caller,
        input,
        hash,
        subject_unit,
        auth.0.today(),
    )
    .await?;
    Ok(created(
        format!("/api/v1/users/{}", out.id),
        &out,
        out.version,
    ))
}

/// One user in scope.
#[utoipa::path(
    operation_id = "users.get",
    tag = "users",
    params(("id" = UserId, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = UserOut, headers(("ETag" = String))), ReadErrors)
)]
#[get("/users/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<UserId>,
) -> Result<HttpResponse, ApiError> {
    auth.0.principal.require(Action::UsersRead)?;
    let out = users::to_out(&users::get(&state.db, &auth.0.principal, id.into_inner()).await?)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(out.version)))
        .json(out))
}

/// Changes a user (name, role, unit, status, password). Requires `If-Match`. Disabling a user
/// or changing the password ends their sessions.
#[utoipa::path(
    operation_id = "users.update",
    tag = "users",
    params(("id" = UserId, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    request_body = UserPatch,
    security(("bearer" = [])),
    responses((status = 200, body = UserOut), WriteErrors)
)]
#[patch("/users/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<UserId>,
    if_match: IfMatch,
    body: ValidatedJson<UserPatch>,
) -> Result<HttpResponse, ApiError> {
    auth.0.principal.require(Action::UsersManage)?;
    let input = body.0;
    let hash = match &input.password {
        Some(p) => Some(
            state
                .passwords
                .hash(p.clone())
                .await
                .map_err(ocop_core::DomainError::Internal)?,
        ),
        None => None,
    };
    let out = service::patch(
        &state.writer,
        &auth.0,
        id.into_inner(),
        if_match.0,
        input,
        hash,
        auth.0.today(),
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(out.version)))
        .json(out))
}
