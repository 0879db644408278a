//! A product's annual cycle and its evaluation dossier.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use ocop_core::Page;
use ocop_evaluations::service;
use ocop_evaluations::store::attachments::{self, MAX_ATTACHMENT_BYTES};
use ocop_evaluations::store::read::cycles;
use ocop_evaluations::{
    Advice, AdviceQuery, AttachmentKind, AttachmentOut, CycleIn, CycleOut, CycleQuery,
    DossierPatch, TransitionIn,
};
use ocop_evaluations::{AttachmentId, CycleId};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::{ApiError, Problem};
use crate::extract::{Auth, IfMatch, ValidatedJson, ValidatedQuery, with_etag};
use crate::responses::{ReadErrors, WriteErrors, created};
use crate::state::AppState;
use crate::upload::Upload;

/// Cycles in the caller's scope, most recently changed first.
#[utoipa::path(
    operation_id = "cycles.list",
    tag = "cycles",
    params(CycleQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Page<CycleOut>), ReadErrors)
)]
#[get("/cycles")]
pub async fn list(
    state: web::Data<AppState>,
    auth: Auth,
    query: ValidatedQuery<CycleQuery>,
) -> Result<web::Json<Page<CycleOut>>, ApiError> {
    Ok(web::Json(cycles::list(&state.db, &auth.0, &query.0).await?))
}

/// Opens a product's cycle for a year: a new idea (`entry: idea_registered`) or a product
/// already made (`entry: implementation`). Producers and commune officers; one per product and
/// year. The dossier's criteria sheet is fixed now: the latest of the product's set under the
/// instrument in force.
#[utoipa::path(
    operation_id = "cycles.create",
    tag = "cycles",
    request_body = CycleIn,
    security(("bearer" = [])),
    responses((status = 201, body = CycleOut, headers(("ETag" = String))), WriteErrors)
)]
#[post("/cycles")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidatedJson<CycleIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::cycles::open(&state.writer, &auth.0, body.0, auth.0.today()).await?;
    Ok(created(
        format!("/api/v1/cycles/{}", out.id),
        &out,
        out.version,
    ))
}

/// One cycle with its dossier, events, attachments, results and the moves the caller may make.
#[utoipa::path(
    operation_id = "cycles.get",
    tag = "cycles",
    params(("id" = Uuid, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = CycleOut, headers(("ETag" = String))), ReadErrors)
)]
#[get("/cycles/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<CycleId>,
) -> Result<HttpResponse, ApiError> {
    let out = cycles::get(&state.db, &auth.0, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Edits the dossier: the producer's plan, Mẫu 01, Mẫu 02 self-assessment and samples while it
/// is with them, the commune's Mẫu 03 while it checks. A part that is not open answers 409.
#[utoipa::path(
    operation_id = "cycles.dossier.update",
    tag = "cycles",
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    request_body = DossierPatch,
    security(("bearer" = [])),
    responses((status = 200, body = CycleOut, headers(("ETag" = String))), WriteErrors)
)]
#[patch("/cycles/{id}/dossier")]
pub async fn update_dossier(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<CycleId>,
    if_match: IfMatch,
    body: ValidatedJson<DossierPatch>,
) -> Result<HttpResponse, ApiError> {
    let out =
        service::cycles::patch_dossier(&state.writer, &auth.0, id.into_inner(), if_match.0, body.0)
            .await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Makes one move of the cycle. A move that does not exist from the current state answers 409
/// with the moves the caller may make; a move of another role 403; a missing requirement 422
/// naming it. Putting a dossier before a council is done through the round's agenda.
#[utoipa::path(
    operation_id = "cycles.transition",
    tag = "cycles",
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    request_body(content = TransitionIn, example = json!({"to": "idea_returned", "reason": "Ý tưởng trùng với sản phẩm đã có"})),
    security(("bearer" = [])),
    responses((status = 200, body = CycleOut, headers(("ETag" = String))), WriteErrors)
)]
#[post("/cycles/{id}/transitions")]
pub async fn transition(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<CycleId>,
    if_match: IfMatch,
    body: ValidatedJson<TransitionIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::cycles::transition(
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

/// The star-upgrade advisor on the dossier: the criteria where a better option exists, the
/// points each adds, and the fewest changes that reach the next star (band and minimums).
#[utoipa::path(
    operation_id = "cycles.advice",
    tag = "cycles",
    params(("id" = Uuid, Path), AdviceQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Advice), ReadErrors)
)]
#[get("/cycles/{id}/advice")]
pub async fn advice(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<CycleId>,
    query: ValidatedQuery<AdviceQuery>,
) -> Result<web::Json<Advice>, ApiError> {
    let source = query.0.source.unwrap_or_default();
    Ok(web::Json(
        cycles::advice(&state.db, &auth.0, id.into_inner(), source).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams, validator::Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AttachmentQuery {
    pub kind: AttachmentKind,
}

/// Attaches a file to the dossier (PDF, JPEG, PNG or WebP, at most 10 MB, recognised by its
/// bytes) while it is with the producer. The body is the file; `X-File-Name` its name,
/// percent-encoded.
#[utoipa::path(
    operation_id = "cycles.attachments.upload",
    tag = "cycles",
    params(("id" = Uuid, Path), AttachmentQuery, ("X-File-Name" = Option<String>, Header)),
    // Raw binary, as for product images: a media type without a schema (OpenAPI 3.1).
    request_body(
        description = "The file",
        content(("application/pdf"), ("image/jpeg"), ("image/png"), ("image/webp"))
    ),
    security(("bearer" = [])),
    // After `WriteErrors`, so that these say what 413 and 415 mean for a file.
    responses(
        (status = 201, body = AttachmentOut),
        WriteErrors,
        (status = 413, description = "Larger than 10 MB",
         body = Problem, content_type = "application/problem+json"),
        (status = 415,
         description = "`Content-Type` is missing, or neither PDF nor `image/...`",
         body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/cycles/{id}/attachments")]
pub async fn upload(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<CycleId>,
    query: ValidatedQuery<AttachmentQuery>,
    req: HttpRequest,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let upload = Upload::read(&req, &mut payload, MAX_ATTACHMENT_BYTES, |t| {
        t == "application/pdf" || t.starts_with("image/")
    })
    .await?;
    let kind = query.0.kind;
    let out = service::attachments::upload(
        &state.writer,
        &state.files,
        &auth.0,
        id.into_inner(),
        kind,
        Some(&upload.content_type),
        upload.file_name.as_deref().unwrap_or(kind.as_str()),
        &upload.bytes,
    )
    .await?;
    Ok(created(out.url.clone(), &out, None))
}

/// The bytes of an attachment.
#[utoipa::path(
    operation_id = "cycles.attachments.get",
    tag = "cycles",
    params(("id" = Uuid, Path), ("attachment_id" = Uuid, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The file as uploaded, with its type",
         content(("application/pdf"), ("image/jpeg"), ("image/png"), ("image/webp"))),
        ReadErrors
    )
)]
#[get("/cycles/{id}/attachments/{attachment_id}")]
pub async fn attachment(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<(CycleId, AttachmentId)>,
) -> Result<HttpResponse, ApiError> {
    let (cycle, id) = path.into_inner();
    let (content_type, file_name, bytes) =
        attachments::read(&state.db, &state.files, &auth.0, cycle, id).await?;
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{ascii}\""),
        ))
        .body(bytes))
}
