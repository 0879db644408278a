//! Reports for officers, viewers and reporting tools: `GET /reports` lists them with their
//! columns; `GET /reports/{name}` answers one as JSON, CSV or XLSX (`?format=`, or `Accept`).
//! The figures are read from the read pool; every format is streamed from the database into a
//! temporary file and sent from there ([`ocop_reports::export`]). Each report's own path, with
//! its columns and its typed row, is added to the OpenAPI document by [`document`].

mod document;

use actix_web::body::SizedStream;
use actix_web::http::header::{
    self, ContentDisposition, DispositionParam, DispositionType, HeaderName, HeaderValue,
};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::NaiveDate;
use futures_util::Stream;
use ocop_core::{Action, DomainError, UnitId};
use ocop_reports::export::export;
use ocop_reports::service::{self, Prepared, ReportRequest};
use ocop_reports::{ReportFormat, ReportInfo, ReportOut, store};
use serde::Deserialize;
use tokio::io::AsyncReadExt;
use utoipa::IntoParams;

pub use document::document;

use crate::error::ApiError;
use crate::extract::{Auth, ValidatedQuery};
use crate::responses::ReadErrors;
use crate::state::AppState;

/// The response header naming the instant a report was produced (RFC 3339).
const PRODUCED_AT: &str = "ocop-report-produced-at";
/// The response header naming whom a report was produced for: `<user id>; role=<role>;
/// unit=<home unit id>`.
const PRODUCED_FOR: &str = "ocop-report-produced-for";

/// The reports, each with its columns: how a tool discovers what it can ask for.
#[utoipa::path(
    operation_id = "reports.list",
    tag = "reports",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<ReportInfo>), ReadErrors)
)]
#[get("/reports")]
pub async fn list(auth: Auth) -> Result<web::Json<Vec<ReportInfo>>, ApiError> {
    auth.0.principal.require(Action::ReportsRead)?;
    Ok(web::Json(
        store::REPORTS.iter().map(|r| r.spec.info()).collect(),
    ))
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams, validator::Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The day the figures are for (default today); never in the future.
    pub as_of: Option<NaiveDate>,
    /// The unit the figures cover, with everything under it (default: the caller's home unit).
    /// A unit the caller does not cover answers 404.
    #[param(value_type = Option<i32>)]
    pub unit_id: Option<UnitId>,
    /// Only this year; for the reports that take it (others answer 422 naming `year`).
    #[param(minimum = 2019, maximum = 2100)]
    #[validate(range(min = 2019, max = 2100))]
    pub year: Option<i32>,
    /// `json`, `csv` or `xlsx`. Without it the `Accept` header decides (`text/csv`, the XLSX
    /// media type or `application/json`), JSON by default.
    pub format: Option<ReportFormat>,
}

/// One report, as of a day, over a unit the caller covers. JSON carries the header (what,
/// as of when, over which unit, produced when and for whom), the columns and one object per
/// row; CSV (UTF-8 with a byte-order mark, a header row of the column keys, no `sep=` line)
/// and XLSX (typed cells, a frozen header row, and a second sheet saying what, when and for
/// whom) come as a download named `ocop-<report>-<unit code>-<as_of>.<ext>`. Each report's own
/// path below documents its rows; this one serves them all.
#[utoipa::path(
    operation_id = "reports.get",
    tag = "reports",
    params(
        ("name" = String, Path, description = "The report, as `GET /api/v1/reports` lists them"),
        ReportQuery
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The report in the format asked",
            content(
                (ReportOut = "application/json"),
                ("text/csv"),
                ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            ),
            headers(
                ("Content-Disposition" = String, description = "CSV and XLSX: `attachment; filename=\"ocop-<report>-<unit code>-<as_of>.<ext>\"`"),
                ("OCOP-Report-Produced-At" = String, description = "When the report was produced (RFC 3339)"),
                ("OCOP-Report-Produced-For" = String, description = "For whom: `<user id>; role=<role>; unit=<home unit id>`")
            )
        ),
        ReadErrors
    )
)]
#[get("/reports/{name}")]
pub async fn get(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Auth,
    name: web::Path<String>,
    query: ValidatedQuery<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.0;
    let format = query.format.unwrap_or_else(|| {
        let accept = req.headers().get(header::ACCEPT);
        ReportFormat::from_accept(accept.and_then(|v| v.to_str().ok()).unwrap_or_default())
    });
    let request = ReportRequest {
        as_of: query.as_of,
        unit_id: query.unit_id,
        year: query.year,
    };
    let prepared = service::prepare(&state.db, &auth.0, &name, request).await?;
    let mut response = sent(&state, &prepared, format).await?;
    let headers = response.headers_mut();
    // One URL answers JSON, CSV or XLSX by `Accept`: a cache must key on it.
    headers.append(
        actix_web::http::header::VARY,
        HeaderValue::from_static("Accept"),
    );
    let header = &prepared.header;
    let for_whom = format!(
        "{}; role={}; unit={}",
        header.produced_for.user_id,
        header.produced_for.role.as_str(),
        header.produced_for.unit_id
    );
    for (name, value) in [
        (PRODUCED_AT, header.produced_at.to_rfc3339()),
        (PRODUCED_FOR, for_whom),
    ] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    }
    Ok(response)
}

/// Bytes read from the written file at a time.
const CHUNK: usize = 64 * 1024;

/// The report written to a temporary file in `format` (its rows written as they are read, never
/// held whole) and sent from it: JSON as the body, CSV and XLSX as an attachment. Sent as a
/// plain body with its length, not as a static file: the document was made for this request,
/// so a range of it or a validator to check it against would refer to no other.
async fn sent(
    state: &AppState,
    prepared: &Prepared,
    format: ReportFormat,
) -> Result<HttpResponse, ApiError> {
    let file = export(&state.db, prepared, format).await?;
    let length = file
        .metadata()
        .map_err(|e| DomainError::Internal(format!("report file: {e}")))?
        .len();
    let mut response = HttpResponse::Ok();
    response.content_type(format.media_type());
    if format != ReportFormat::Json {
        let file_name = prepared.file_name(format.extension());
        response.insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(file_name)],
        });
    }
    Ok(response.body(SizedStream::new(
        length,
        chunks(tokio::fs::File::from_std(file)),
    )))
}

/// The file's bytes from its current position, a chunk at a time; ends after a read error.
fn chunks(file: tokio::fs::File) -> impl Stream<Item = Result<Bytes, std::io::Error>> {
    futures_util::stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let mut buf = vec![0; CHUNK];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(Bytes::from(buf)), Some(file)))
            }
            Err(e) => Some((Err(e), None)),
        }
    })
}
