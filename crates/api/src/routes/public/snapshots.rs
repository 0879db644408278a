//! Snapshots of the whole catalogue, for a platform that starts a mirror: NDJSON (gzip) and CSV
//! (UTF-8 with a BOM, for Excel), both streamed row by row from one database read, both carrying
//! the changes-feed cursor at which they were taken (`OCOP-Changes-Cursor`, and a `Link` with
//! `rel="changes"`), so the platform follows the changes feed from there with no gap and no
//! duplicate.
//!
//! `catalogue.ndjson.gz` is a gzip file: `Content-Type: application/gzip`, the same bytes for
//! every client (`curl … | gunzip`, or any HTTP client without transparent decoding), one
//! `CatalogueItem` JSON per line once unzipped. It is not sent as `Content-Encoding: gzip`: a
//! client that decodes transparently would then hand its user plain text under a `.gz` name.
//!
//! The snapshot reads the primary (`AppState::db`): its cursor must be a position of the outbox
//! it follows, which a lagging replica could be behind.

use std::io::Write;

use actix_web::http::header::{self, HeaderName};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Utc};
use flate2::Compression;
use flate2::write::GzEncoder;
use futures_util::StreamExt;
use ocop_catalogue::store::item_row::absolute_urls;
use ocop_catalogue::store::snapshot;
use ocop_catalogue::{CatalogueItem, ChangesCursor};
use ocop_core::{DomainError, DomainResult};
use sea_orm::DatabaseConnection;
use tokio::sync::{OwnedSemaphorePermit, mpsc, oneshot};
use utoipa_actix_web::service_config::ServiceConfig;

use super::changes::changes_link;
use crate::error::{ApiError, Problem};
use crate::public_cache::{self, Freshness};
use crate::responses::ReadErrors;
use crate::state::AppState;

/// The response header naming the changes-feed cursor a snapshot was taken at.
pub const CURSOR_HEADER: &str = "ocop-changes-cursor";
/// Snapshots streamed at once by one process (each holds a pooled connection while its client
/// reads); one more answers 503 with `Retry-After`.
pub const STREAMS_AT_ONCE: usize = 2;
/// What a snapshot asked for while every stream is taken is told to wait.
const BUSY_RETRY_SECONDS: u64 = 30;
/// How long a client may leave the next chunk unread before its stream is ended.
const STALLED: std::time::Duration = std::time::Duration::from_secs(60);
/// Entries encoded per chunk sent.
const BATCH: usize = 200;
/// Chunks waiting to be sent before the read waits for the client.
const CHUNKS_AHEAD: usize = 4;
/// The CSV's columns.
const CSV_HEADER: [&str; 26] = [
    "id",
    "version",
    "name",
    "product_set_code",
    "product_set_name",
    "sector_code",
    "sector_name",
    "stars",
    "certificate_number",
    "verification_code",
    "issued_on",
    "expires_on",
    "valid_through",
    "subject_name",
    "subject_kind",
    "commune_code",
    "commune_name",
    "province_code",
    "province_name",
    "price_min",
    "price_max",
    "gtin",
    "verification_url",
    "updated_at",
    "images",
    "listings",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Ndjson,
    Csv,
}

/// Every entry in force, one `CatalogueItem` JSON per line, gzip-compressed (a `.gz` file:
/// `Content-Type: application/gzip`). Follow the changes feed from the `OCOP-Changes-Cursor`
/// header (also in `Link; rel="changes"`).
#[utoipa::path(
    operation_id = "public.snapshots.ndjson",
    tag = "public",
    responses(
        (status = 200, description = "NDJSON of `CatalogueItem`, gzip-compressed", content(("application/gzip")), headers(
            ("OCOP-Changes-Cursor" = String, description = "The changes-feed cursor the snapshot was taken at: follow `/api/v1/public/changes?after=` from it"),
            ("Link" = String, description = "`</api/v1/public/changes?after=…>; rel=\"changes\"`"),
            ("ETag" = String))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        (status = 503, description = "Every snapshot stream of this server is taken: retry after `Retry-After` seconds", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64))),
        ReadErrors
    )
)]
#[get("/public/snapshots/catalogue.ndjson.gz")]
pub async fn ndjson(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    respond(&req, &state, Format::Ndjson).await
}

/// Every entry in force as CSV (UTF-8 with a byte-order mark, a header row, one row per entry;
/// image and listing URLs joined by spaces). Follow the changes feed from the
/// `OCOP-Changes-Cursor` header.
#[utoipa::path(
    operation_id = "public.snapshots.csv",
    tag = "public",
    responses(
        (status = 200, description = "CSV, one row per entry", content(("text/csv")), headers(
            ("OCOP-Changes-Cursor" = String, description = "The changes-feed cursor the snapshot was taken at"),
            ("Link" = String, description = "`</api/v1/public/changes?after=…>; rel=\"changes\"`"),
            ("ETag" = String))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        (status = 503, description = "Every snapshot stream of this server is taken: retry after `Retry-After` seconds", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64))),
        ReadErrors
    )
)]
#[get("/public/snapshots/catalogue.csv")]
pub async fn csv(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    respond(&req, &state, Format::Csv).await
}

async fn respond(
    req: &HttpRequest,
    state: &AppState,
    format: Format,
) -> Result<HttpResponse, ApiError> {
    let slot = state
        .snapshot_streams
        .clone()
        .try_acquire_owned()
        .map_err(|_| ApiError::Busy {
            retry_after_secs: BUSY_RETRY_SECONDS,
        })?;
    let (cursor_tx, cursor_rx) = oneshot::channel();
    let (chunks_tx, chunks_rx) = mpsc::channel(CHUNKS_AHEAD);
    // The read borrows its connection for as long as the body streams, so it runs in a task of
    // its own that owns a handle on the pool (and the stream's slot, freed when it ends) and
    // hands the body over chunk by chunk.
    tokio::spawn(produce(
        slot,
        state.public_db.clone(),
        state.clock.now(),
        state.public_url.as_str().to_string(),
        format,
        cursor_tx,
        chunks_tx,
    ));
    let cursor = cursor_rx
        .await
        .map_err(|_| DomainError::Internal("snapshot: the read stopped".into()))??;
    // The content follows from the cursor (the outbox's head and the day): its tag names them.
    let etag = public_cache::etag_of(format!("{format:?}.{}", cursor.encode()).as_bytes());
    let mut response = if public_cache::not_modified(req, &etag) {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, etag.clone()))
        .insert_header((header::CACHE_CONTROL, Freshness::Feed.cache_control()))
        .insert_header((HeaderName::from_static(CURSOR_HEADER), cursor.encode()))
        .insert_header(changes_link(&cursor));
    if public_cache::not_modified(req, &etag) {
        // Dropping the receiver ends the read.
        return Ok(response.finish());
    }
    let body = futures_util::stream::unfold(chunks_rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    match format {
        Format::Ndjson => response
            .content_type("application/gzip")
            // Already compressed: keeps the Compress middleware from compressing it again.
            .insert_header((header::CONTENT_ENCODING, "identity"))
            .insert_header((
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"catalogue.ndjson.gz\"",
            )),
        Format::Csv => response
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"catalogue.csv\"",
            )),
    };
    Ok(response.streaming(body))
}

type Chunk = Result<Bytes, ApiError>;

/// Reads the snapshot and sends its cursor, then its body in chunks; stops when the client goes.
async fn produce(
    _slot: OwnedSemaphorePermit,
    db: DatabaseConnection,
    now: DateTime<Utc>,
    public_url: String,
    format: Format,
    cursor_tx: oneshot::Sender<DomainResult<ChangesCursor>>,
    chunks_tx: mpsc::Sender<Chunk>,
) {
    let (cursor, mut entries) = match snapshot::open(&db, now).await {
        Ok(opened) => opened,
        Err(e) => {
            let _ = cursor_tx.send(Err(e));
            return;
        }
    };
    if cursor_tx.send(Ok(cursor)).is_err() {
        return;
    }
    let mut encoder = Encoder::new(format);
    let mut in_batch = 0;
    while let Some(entry) = entries.next().await {
        let written = entry.and_then(|mut item| {
            absolute_urls(&mut item, &public_url);
            encoder.write(&item)
        });
        if let Err(e) = written {
            log::error!("snapshot {format:?}: {e}");
            hand_over(&chunks_tx, Err(e.into())).await;
            return;
        }
        in_batch += 1;
        if in_batch == BATCH {
            in_batch = 0;
            let chunk = encoder.take();
            if !chunk.is_empty() && !hand_over(&chunks_tx, Ok(chunk.into())).await {
                return;
            }
        }
    }
    match encoder.finish() {
        Ok(chunk) => {
            hand_over(&chunks_tx, Ok(chunk.into())).await;
        }
        Err(e) => {
            log::error!("snapshot {format:?}: {e}");
            hand_over(&chunks_tx, Err(e.into())).await;
        }
    }
}

/// Hands a chunk to the response; false when the client went or stopped reading for
/// [`STALLED`]: the stream then ends, freeing its connection and its slot.
async fn hand_over(chunks_tx: &mpsc::Sender<Chunk>, chunk: Chunk) -> bool {
    matches!(
        tokio::time::timeout(STALLED, chunks_tx.send(chunk)).await,
        Ok(Ok(()))
    )
}

/// Turns entries into the body's bytes, handing them out as they accumulate.
enum Encoder {
    /// Boxed: the compressor's state is large beside a `Vec`.
    Ndjson(Box<GzEncoder<Vec<u8>>>),
    /// The CSV text not yet sent (the byte-order mark and header row first).
    Csv(Vec<u8>),
}

fn io_error(e: impl std::fmt::Display) -> DomainError {
    DomainError::Internal(format!("snapshot encoding: {e}"))
}

impl Encoder {
    fn new(format: Format) -> Self {
        match format {
            // Deterministic output (no timestamp in the gzip header): the same snapshot is the
            // same bytes, as its ETag promises.
            Format::Ndjson => {
                Self::Ndjson(Box::new(GzEncoder::new(Vec::new(), Compression::default())))
            }
            Format::Csv => {
                let mut text = "\u{feff}".as_bytes().to_vec();
                let mut writer = ::csv::Writer::from_writer(&mut text);
                let _ = writer.write_record(CSV_HEADER);
                drop(writer);
                Self::Csv(text)
            }
        }
    }

    fn write(&mut self, item: &CatalogueItem) -> DomainResult<()> {
        match self {
            Self::Ndjson(gz) => {
                serde_json::to_writer(&mut *gz, item).map_err(io_error)?;
                gz.write_all(b"\n").map_err(io_error)
            }
            Self::Csv(text) => {
                let mut writer = ::csv::Writer::from_writer(text);
                writer.write_record(csv_row(item)).map_err(io_error)?;
                writer.flush().map_err(io_error)
            }
        }
    }

    /// The bytes ready to send.
    fn take(&mut self) -> Vec<u8> {
        match self {
            Self::Ndjson(gz) => std::mem::take(gz.get_mut()),
            Self::Csv(text) => std::mem::take(text),
        }
    }

    fn finish(self) -> DomainResult<Vec<u8>> {
        match self {
            Self::Ndjson(gz) => (*gz).finish().map_err(io_error),
            Self::Csv(text) => Ok(text),
        }
    }
}

/// One entry's CSV row, in [`CSV_HEADER`]'s order.
fn csv_row(item: &CatalogueItem) -> Vec<String> {
    let optional = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    vec![
        item.id.to_string(),
        item.version.to_string(),
        item.name.clone(),
        item.product_set.code.clone(),
        item.product_set.name.clone(),
        item.sector.code.clone(),
        item.sector.name.clone(),
        item.certificate.stars.to_string(),
        item.certificate.number.clone(),
        item.certificate.verification_code.clone(),
        item.certificate.issued_on.to_string(),
        item.certificate.expires_on.to_string(),
        item.certificate.valid_through.to_string(),
        item.subject.name.clone(),
        item.subject.kind.clone(),
        item.origin.commune.code.clone(),
        item.origin.commune.name.clone(),
        item.origin.province.code.clone(),
        item.origin.province.name.clone(),
        optional(item.price.min),
        optional(item.price.max),
        item.gtin.clone().unwrap_or_default(),
        item.certificate.verification_url.clone(),
        item.updated_at.to_rfc3339(),
        item.images.join(" "),
        item.listings
            .iter()
            .map(|l| l.url.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    ]
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(ndjson).service(csv);
}
