//! Revenue reported by subjects per year and channel: officers for their subtree's subjects,
//! producers for their own.

use actix_web::{HttpResponse, get, patch, post, web};
use ocop_plans::service::trade as service;
use ocop_plans::store::trade as store;
use ocop_plans::{RevenueQuery, RevenueReportId, RevenueReportIn, RevenueReportOut};

use crate::error::ApiError;
use crate::extract::{Auth, IfMatch, ValidatedJson, ValidatedQuery, with_etag};
use crate::responses::{ReadErrors, WriteErrors, created};
use crate::state::AppState;

/// Revenue reports of the subjects in scope, the latest year first.
#[utoipa::path(
    operation_id = "revenue.list",
    tag = "trade",
    params(RevenueQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<RevenueReportOut>), ReadErrors)
)]
#[get("/revenue-reports")]
pub async fn list(
    state: web::Data<AppState>,
    auth: Auth,
    query: ValidatedQuery<RevenueQuery>,
) -> Result<web::Json<Vec<RevenueReportOut>>, ApiError> {
    Ok(web::Json(
        store::revenue(
            &state.db,
            &auth.0.principal,
            query.0.subject_id,
            query.0.year,
        )
        .await?,
    ))
}

/// Reports a subject's revenue for a year through one channel (in đồng, not negative). One
/// report per subject, year and channel: another answers 409 on `channel`.
#[utoipa::path(
    operation_id = "revenue.report",
    tag = "trade",
    request_body(content = RevenueReportIn, example = json!({
        "subject_id": "0192f5e4-7c1a-7b3e-9d2a-4f6b8c0d1e2f", "year": 2026,
        "channel": "ecommerce", "amount": 850000000
    })),
    security(("bearer" = [])),
    responses((status = 201, body = RevenueReportOut, headers(("ETag" = String), ("Location" = String))), WriteErrors)
)]
#[post("/revenue-reports")]
pub async fn report(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidatedJson<RevenueReportIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::report_revenue(&state.writer, &auth.0, body.0).await?;
    Ok(created(
        format!("/api/v1/revenue-reports/{}", out.id),
        &out,
        out.version,
    ))
}

/// Corrects a revenue report; it counts as reported again today. Requires `If-Match`.
#[utoipa::path(
    operation_id = "revenue.update",
    tag = "trade",
    params(("id" = RevenueReportId, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    request_body(content = RevenueReportIn, example = json!({
        "subject_id": "0192f5e4-7c1a-7b3e-9d2a-4f6b8c0d1e2f", "year": 2026,
        "channel": "ecommerce", "amount": 910000000
    })),
    security(("bearer" = [])),
    responses((status = 200, body = RevenueReportOut, headers(("ETag" = String))), WriteErrors)
)]
#[patch("/revenue-reports/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<RevenueReportId>,
    if_match: IfMatch,
    body: ValidatedJson<RevenueReportIn>,
) -> Result<HttpResponse, ApiError> {
    let out =
        service::patch_revenue(&state.writer, &auth.0, id.into_inner(), if_match.0, body.0).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}
