//! The changes feed: every change of a catalogue entry in one order, for platforms that keep a
//! mirror by polling (`ocop_catalogue::store::changes`). It follows the outbox, so it reads the
//! primary (`AppState::db`), never the replica. `wait` long-polls: with nothing new, the server
//! asks again every 250 ms and answers at the first news or when `wait` has passed. A cursor it
//! no longer serves answers 410 with a link to the snapshot to start over from.

use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::{HttpMessage, HttpRequest, HttpResponse, get, web};
use ocop_catalogue::store::changes::{self, ChangeRecord};
use ocop_catalogue::store::item_row::absolute_urls;
use ocop_catalogue::{ChangeEntry, ChangesCursor, ChangesPage};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

use crate::error::{ApiError, Problem, RequestId};
use crate::extract::ValidatedQuery;
use crate::i18n::Lang;
use crate::public_cache::{self, Freshness};
use crate::responses::ReadErrors;
use crate::state::AppState;

/// Where a platform starts over when its cursor is gone.
pub const SNAPSHOT_PATH: &str = "/api/v1/public/snapshots/catalogue.ndjson.gz";
/// How often a long poll asks again.
const POLL: Duration = Duration::from_millis(250);
const POLLS_PER_SECOND: u64 = 4;
const DEFAULT_LIMIT: u64 = 100;

#[derive(Debug, Clone, Default, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct ChangesQuery {
    /// The `next` (or a change's `cursor`) of the page read last; absent: from the start.
    pub after: Option<String>,
    /// At most this many changes (default 100).
    #[validate(range(min = 1, max = 1000))]
    pub limit: Option<u64>,
    /// Seconds to wait for news when there is none yet (long poll); 0 answers at once.
    #[validate(range(min = 0, max = 30))]
    pub wait: Option<u64>,
}

/// The changes after a cursor: created, updated, certified, superseded, revoked and expired
/// entries (an expiry appears at the first instant of the lapse day, with no write), each with
/// the entry's version and the entry as it stands now (absent when it left the catalogue). Apply
/// them in order to keep a mirror; resume from `next`. Read from the primary database.
#[utoipa::path(
    operation_id = "public.changes.list",
    tag = "public",
    params(ChangesQuery),
    responses(
        (status = 200, body = ChangesPage, headers(
            ("ETag" = String, description = "A hash of the answer; send it back in If-None-Match"),
            ("Cache-Control" = String, description = "`no-cache`: always revalidate"))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        (status = 410, description = "The cursor is not served (undecodable, unknown or older than 48 months): start over from the snapshot",
            content_type = "application/problem+json", body = Problem,
            headers(("Link" = String, description = "`</api/v1/public/snapshots/catalogue.ndjson.gz>; rel=\"snapshot\"`"))),
        ReadErrors
    )
)]
#[get("/public/changes")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: ValidatedQuery<ChangesQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.0;
    let cursor = match query.after.as_deref() {
        None => changes::start(),
        Some(text) => match ChangesCursor::decode(text) {
            Some(cursor) => cursor,
            None => return Ok(gone(&req, "undecodable")),
        },
    };
    if let Err(why) = changes::check(&state.db, cursor, state.clock.now()).await? {
        return Ok(gone(&req, why.as_str()));
    }
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    // Counted in polls rather than read from a clock: only the application's clock tells time,
    // and a fixed-day clock's time of day wraps at midnight.
    let polls = query.wait.unwrap_or(0) * POLLS_PER_SECOND;
    let mut polled = 0;
    let (records, now) = loop {
        // One instant per read: where the page resumes must be judged on the day it was read.
        let now = state.clock.now();
        let records = changes::after(&state.db, cursor, limit, now).await?;
        if !records.is_empty() || polled >= polls {
            break (records, now);
        }
        polled += 1;
        tokio::time::sleep(POLL).await;
    };
    let next = changes::resume_after(cursor, &records, limit, now);
    let page = page_of(records, next, state.public_url.as_str());
    public_cache::json(&req, &page, Freshness::Revalidate, &[])
}

fn page_of(records: Vec<ChangeRecord>, next: ChangesCursor, public_url: &str) -> ChangesPage {
    let next = next.encode();
    let changes = records
        .into_iter()
        .map(|record| ChangeEntry {
            cursor: record.cursor.encode(),
            kind: record.kind,
            id: record.product_id,
            version: record.version,
            at: record.at,
            item: record.item.map(|mut item| {
                absolute_urls(&mut item, public_url);
                item
            }),
        })
        .collect();
    ChangesPage { changes, next }
}

/// 410 Gone as problem+json, in the request's language, with the snapshot's link.
fn gone(req: &HttpRequest, why: &str) -> HttpResponse {
    let lang = Lang::from_accept_language(
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let title = match lang {
        Lang::Vi => "Con trỏ không còn được phục vụ; hãy bắt đầu lại từ bản chụp",
        Lang::En => "The cursor is no longer served; start over from the snapshot",
    };
    let problem = Problem {
        type_uri: "urn:ocop:problem:gone".into(),
        title: title.into(),
        status: StatusCode::GONE.as_u16(),
        detail: Some(why.into()),
        instance: Some(req.path().to_string()),
        request_id: req.extensions().get::<RequestId>().map(|r| r.0.clone()),
        errors: Vec::new(),
        allowed: Vec::new(),
        over_limit: None,
    };
    let mut response = HttpResponse::Gone();
    response.insert_header((header::LINK, format!("<{SNAPSHOT_PATH}>; rel=\"snapshot\"")));
    if lang == Lang::Vi {
        response.insert_header((header::CONTENT_LANGUAGE, "vi"));
    }
    response
        .content_type("application/problem+json")
        .body(serde_json::to_string(&problem).unwrap_or_default())
}

/// `Link: </api/v1/public/changes?after=…>; rel="changes"`: where to follow a snapshot from.
pub fn changes_link(cursor: &ChangesCursor) -> (HeaderName, HeaderValue) {
    let value = format!(
        "</api/v1/public/changes?after={}>; rel=\"changes\"",
        cursor.encode()
    );
    (
        header::LINK,
        HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("")),
    )
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list);
}
