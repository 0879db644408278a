//! The books of the programme: funding sources, budget lines and their revisions, allocations
//! to plans and activities, the ledger of disbursements and reversals, supporting documents.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use ocop_budgets::{
    AllocationId, AllocationIn, AllocationOut, DisbursementIn, DocumentId, DocumentOut,
    DocumentQuery, EntryId, EntryOut, FUNDING_SOURCES, FundingSourceOut, LineId, LineIn, LineOut,
    LineQuery, ReversalIn, RevisionIn,
};
use ocop_budgets::{service, store};
use ocop_core::Action;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::{ApiError, Problem};
use crate::extract::{Auth, IfMatch, ValidatedJson, ValidatedQuery, with_etag};
use crate::responses::{ReadErrors, WriteErrors, created};
use crate::state::AppState;
use crate::upload::Upload;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(sources)
        .service(lines)
        .service(create_line)
        .service(line)
        .service(revise_line)
        .service(allocations)
        .service(allocate)
        .service(allocation)
        .service(entries)
        .service(disburse)
        .service(reverse)
        .service(file_document)
        .service(document);
}

/// The funding sources lines are recorded against (the categories of Decision 919/QĐ-TTg and
/// the ministry's guidance), with whether each is state budget.
#[utoipa::path(
    operation_id = "budgets.sources",
    tag = "budgets",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<FundingSourceOut>), ReadErrors)
)]
#[get("/budgets/sources")]
pub async fn sources(auth: Auth) -> Result<web::Json<Vec<FundingSourceOut>>, ApiError> {
    auth.0.principal.require(Action::BudgetsRead)?;
    Ok(web::Json(FUNDING_SOURCES.iter().map(Into::into).collect()))
}

/// The budget lines in scope with their amount in force, allocated and disbursed totals: the
/// latest year first, then by source.
#[utoipa::path(
    operation_id = "budgets.lines.list",
    tag = "budgets",
    params(LineQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<LineOut>), ReadErrors)
)]
#[get("/budgets/lines")]
pub async fn lines(
    state: web::Data<AppState>,
    auth: Auth,
    query: ValidatedQuery<LineQuery>,
) -> Result<web::Json<Vec<LineOut>>, ApiError> {
    auth.0.principal.require(Action::BudgetsRead)?;
    Ok(web::Json(
        store::lines::list(&state.db, &auth.0.principal, &query.0).await?,
    ))
}

/// Records a budget line: a unit's estimate from one source for one year, as first decided.
#[utoipa::path(
    operation_id = "budgets.lines.create",
    tag = "budgets",
    request_body(content = LineIn, example = json!({
        "unit_id": 42, "year": 2027, "source_code": "ntp_new_rural",
        "title": "Hỗ trợ chủ thể OCOP từ Chương trình MTQG xây dựng nông thôn mới",
        "decision_number": "123/QĐ-UBND", "original": 1500000000
    })),
    security(("bearer" = [])),
    responses((status = 201, body = LineOut, headers(("ETag" = String), ("Location" = String))), WriteErrors)
)]
#[post("/budgets/lines")]
pub async fn create_line(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidatedJson<LineIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::lines::create(&state.writer, &auth.0, body.0).await?;
    Ok(created(
        format!("/api/v1/budgets/lines/{}", out.id),
        &out,
        out.version,
    ))
}

/// One budget line in scope, with its version as the ETag.
#[utoipa::path(
    operation_id = "budgets.lines.get",
    tag = "budgets",
    params(("id" = LineId, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = LineOut, headers(("ETag" = String))), ReadErrors)
)]
#[get("/budgets/lines/{id}")]
pub async fn line(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<LineId>,
) -> Result<HttpResponse, ApiError> {
    auth.0.principal.require(Action::BudgetsRead)?;
    let out = store::lines::get(&state.db, &auth.0.principal, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Revises a line's estimate by a decision (IATI's revised budget). Requires `If-Match`; 422 on
/// `revised` when the new amount is under what is already allocated.
#[utoipa::path(
    operation_id = "budgets.lines.revise",
    tag = "budgets",
    params(("id" = LineId, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    request_body(content = RevisionIn, example = json!({
        "revised": 1800000000, "decision_number": "456/QĐ-UBND", "revised_on": "2027-06-30"
    })),
    security(("bearer" = [])),
    responses((status = 200, body = LineOut, headers(("ETag" = String))), WriteErrors)
)]
#[post("/budgets/lines/{id}/revision")]
pub async fn revise_line(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<LineId>,
    if_match: IfMatch,
    body: ValidatedJson<RevisionIn>,
) -> Result<HttpResponse, ApiError> {
    let out =
        service::lines::revise(&state.writer, &auth.0, id.into_inner(), if_match.0, body.0).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// The allocations of a line in scope, in the order they were made.
#[utoipa::path(
    operation_id = "budgets.allocations.list",
    tag = "budgets",
    params(("id" = LineId, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<AllocationOut>), ReadErrors)
)]
#[get("/budgets/lines/{id}/allocations")]
pub async fn allocations(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<LineId>,
) -> Result<web::Json<Vec<AllocationOut>>, ApiError> {
    auth.0.principal.require(Action::BudgetsRead)?;
    Ok(web::Json(
        store::allocations::of_line(&state.db, &auth.0.principal, id.into_inner()).await?,
    ))
}

/// Allocates part of a line to a plan of its year, or to one of that plan's activities, in the
/// line's unit or under it. Past what is left on the line only with `over_allocation` (who
/// approves is the caller, who must be of the provincial body); otherwise 409 `over_limit`
/// naming the line and the amounts, with nothing written to the books (the refusal is kept in
/// the audit trail).
#[utoipa::path(
    operation_id = "budgets.allocations.create",
    tag = "budgets",
    params(("id" = LineId, Path)),
    request_body(content = AllocationIn, example = json!({
        "activity_id": "0192f5e4-7c1a-7b3e-9d2a-4f6b8c0d1e2f",
        "purpose": "Tập huấn kiến thức OCOP cho cán bộ cấp xã", "amount": 120000000,
        "allocated_on": "2027-02-15"
    })),
    security(("bearer" = [])),
    responses((status = 201, body = AllocationOut, headers(("ETag" = String), ("Location" = String))), WriteErrors)
)]
#[post("/budgets/lines/{id}/allocations")]
pub async fn allocate(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<LineId>,
    body: ValidatedJson<AllocationIn>,
) -> Result<HttpResponse, ApiError> {
    let out =
        service::allocations::allocate(&state.writer, &auth.0, id.into_inner(), body.0).await?;
    Ok(created(
        format!("/api/v1/budgets/allocations/{}", out.id),
        &out,
        out.version,
    ))
}

/// One allocation in scope with what is disbursed and what is left.
#[utoipa::path(
    operation_id = "budgets.allocations.get",
    tag = "budgets",
    params(("id" = AllocationId, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = AllocationOut, headers(("ETag" = String))), ReadErrors)
)]
#[get("/budgets/allocations/{id}")]
pub async fn allocation(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<AllocationId>,
) -> Result<HttpResponse, ApiError> {
    auth.0.principal.require(Action::BudgetsRead)?;
    let out = store::allocations::get(&state.db, &auth.0.principal, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// The ledger of an allocation: its disbursements and reversals in posting order.
#[utoipa::path(
    operation_id = "budgets.entries.list",
    tag = "budgets",
    params(("id" = AllocationId, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<EntryOut>), ReadErrors)
)]
#[get("/budgets/allocations/{id}/entries")]
pub async fn entries(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<AllocationId>,
) -> Result<web::Json<Vec<EntryOut>>, ApiError> {
    auth.0.principal.require(Action::BudgetsRead)?;
    Ok(web::Json(
        store::ledger::of_allocation(&state.db, &auth.0.principal, id.into_inner()).await?,
    ))
}

/// Posts a disbursement from an allocation. Never past what is left, whatever the approval:
/// 409 `over_limit` naming the allocation and the amounts, with nothing written to the books
/// (the refusal is kept in the audit trail). A posted entry is never edited; reverse it.
#[utoipa::path(
    operation_id = "budgets.disbursements.create",
    tag = "budgets",
    params(("id" = AllocationId, Path)),
    request_body(content = DisbursementIn, example = json!({
        "amount": 45000000, "entry_date": "2027-05-14", "payee": "Trung tâm Khuyến nông tỉnh",
        "document_number": "UNC-0127"
    })),
    security(("bearer" = [])),
    responses((status = 201, body = EntryOut, headers(("Location" = String))), WriteErrors)
)]
#[post("/budgets/allocations/{id}/disbursements")]
pub async fn disburse(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<AllocationId>,
    body: ValidatedJson<DisbursementIn>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = service::ledger::disburse(&state.writer, &auth.0, id, body.0).await?;
    Ok(created(
        format!("/api/v1/budgets/allocations/{id}/entries"),
        &out,
        None,
    ))
}

/// Reverses a whole disbursement with an entry of its own, giving its amount back to the
/// allocation. 409 `already_reversed` the second time, `not_reversible` for a reversal.
#[utoipa::path(
    operation_id = "budgets.entries.reverse",
    tag = "budgets",
    params(("id" = EntryId, Path)),
    request_body(content = ReversalIn, example = json!({
        "entry_date": "2027-05-20", "reason": "Chi nhầm đơn vị nhận; chi lại theo chứng từ UNC-0131"
    })),
    security(("bearer" = [])),
    responses((status = 201, body = EntryOut, headers(("Location" = String))), WriteErrors)
)]
#[post("/budgets/entries/{id}/reversal")]
pub async fn reverse(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<EntryId>,
    body: ValidatedJson<ReversalIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::ledger::reverse(&state.writer, &auth.0, id.into_inner(), body.0).await?;
    Ok(created(
        format!("/api/v1/budgets/allocations/{}/entries", out.allocation_id),
        &out,
        None,
    ))
}

/// Files a supporting document (PDF, JPEG, PNG or WebP, at most 10 MB, recognised by its
/// bytes) under a unit; disbursements then name it by `document_id`. The body is the file;
/// `X-File-Name` its name, percent-encoded.
#[utoipa::path(
    operation_id = "budgets.documents.create",
    tag = "budgets",
    params(DocumentQuery, ("X-File-Name" = Option<String>, Header)),
    request_body(
        description = "The file",
        content(("application/pdf"), ("image/jpeg"), ("image/png"), ("image/webp"))
    ),
    security(("bearer" = [])),
    responses(
        (status = 201, body = DocumentOut),
        WriteErrors,
        (status = 413, description = "Larger than 10 MB",
         body = Problem, content_type = "application/problem+json"),
        (status = 415,
         description = "`Content-Type` is missing, or neither PDF nor `image/...`",
         body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/budgets/documents")]
pub async fn file_document(
    state: web::Data<AppState>,
    auth: Auth,
    query: ValidatedQuery<DocumentQuery>,
    req: HttpRequest,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    // Refused before up to 10 MB of body are read for nothing.
    auth.0.principal.require(Action::BudgetsManage)?;
    let upload = Upload::read(
        &req,
        &mut payload,
        service::ledger::MAX_DOCUMENT_BYTES,
        |t| t == "application/pdf" || t.starts_with("image/"),
    )
    .await?;
    let out = service::ledger::file_document(
        &state.writer,
        &state.files,
        &auth.0,
        query.0.unit_id,
        Some(&upload.content_type),
        upload.file_name.as_deref().unwrap_or("chung-tu"),
        &upload.bytes,
    )
    .await?;
    Ok(created(out.url.clone(), &out, None))
}

/// The bytes of a supporting document in scope.
#[utoipa::path(
    operation_id = "budgets.documents.get",
    tag = "budgets",
    params(("id" = DocumentId, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The file as filed, with its type",
         content(("application/pdf"), ("image/jpeg"), ("image/png"), ("image/webp"))),
        ReadErrors
    )
)]
#[get("/budgets/documents/{id}")]
pub async fn document(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<DocumentId>,
) -> Result<HttpResponse, ApiError> {
    let (doc, bytes) =
        service::ledger::read_document(&state.db, &state.files, &auth.0, id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .content_type(doc.content_type)
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", doc.id),
        ))
        .body(bytes))
}
