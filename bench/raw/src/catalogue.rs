//! The public catalogue, raw: the same pages as `GET /api/v1/public/products` and
//! `GET /api/v1/public/products/{id}` from the same `catalogue_item` rows and the same in-force
//! rule (`issued_on <= today < lapses_on`, keyset on the product id), turned into JSON with
//! serde_json alone: the stored document read into the wire type (`ocop_catalogue::CatalogueItem`,
//! as `main` reuses `PublicCertificate`) with its id, seen version, `updated_at`, the
//! certificate's state today and absolute URLs filled in. Strong ETag of the body and a 304 on
//! `If-None-Match`, as the API does (its body is still built and hashed, as there).
//!
//! - `GET /raw/public/products?limit=50[&cursor=<cursor>]`
//! - `GET /raw/public/products/{id}`

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, NaiveDate, Utc};
use ocop_catalogue::{CatalogueItem, FeedPage};
use sea_orm::sqlx::{self, Row};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::{Pool, State};

const FIRST_PAGE: &str = r#"
SELECT product_id, document, version, updated_at, issued_on, lapses_on
  FROM catalogue_item
 WHERE issued_on <= $1 AND lapses_on > $1
 ORDER BY product_id
 LIMIT $2
"#;

const NEXT_PAGE: &str = r#"
SELECT product_id, document, version, updated_at, issued_on, lapses_on
  FROM catalogue_item
 WHERE issued_on <= $1 AND lapses_on > $1 AND product_id > $3
 ORDER BY product_id
 LIMIT $2
"#;

const ONE: &str = r#"
SELECT product_id, document, version, updated_at, issued_on, lapses_on
  FROM catalogue_item
 WHERE product_id = $2 AND issued_on <= $1 AND lapses_on > $1
"#;

#[derive(Deserialize)]
pub struct PageQuery {
    limit: Option<i64>,
    cursor: Option<String>,
}

/// The feed's cursor (`ocop_catalogue::FeedCursor`'s text: base64url of `f1.<uuid simple>`).
fn decode_cursor(text: &str) -> Option<uuid::Uuid> {
    let raw = URL_SAFE_NO_PAD.decode(text.trim()).ok()?;
    uuid::Uuid::parse_str(std::str::from_utf8(&raw).ok()?.strip_prefix("f1.")?).ok()
}

fn encode_cursor(after: uuid::Uuid) -> String {
    URL_SAFE_NO_PAD.encode(format!("f1.{}", after.simple()))
}

/// One row as a catalogue item on `today`.
macro_rules! item_from {
    ($r:expr, $today:expr, $base:expr) => {{
        let r = $r;
        let lapses_on: NaiveDate = r.try_get("lapses_on")?;
        let id: uuid::Uuid = r.try_get("product_id")?;
        let version: i32 = r.try_get("version")?;
        let updated_at: DateTime<Utc> = r.try_get("updated_at")?;
        let document: String = r.try_get("document")?;
        let mut item: CatalogueItem =
            serde_json::from_str(&document).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        item.id = id;
        item.version = if lapses_on <= $today {
            version + 1
        } else {
            version
        };
        item.updated_at = updated_at;
        item.certificate.valid_through = lapses_on.pred_opt().unwrap_or(lapses_on);
        item.certificate.verification_url =
            format!("{}/verify/{}", $base, item.certificate.verification_code);
        for image in item.images.iter_mut().filter(|i| i.starts_with('/')) {
            *image = format!("{}{image}", $base);
        }
        Ok::<_, sqlx::Error>((id, item))
    }};
}

/// The body with its strong ETag, or 304 when the client holds it already.
fn respond(req: &HttpRequest, body: Vec<u8>, max_age: &str, link: Option<String>) -> HttpResponse {
    let digest = Sha256::digest(&body);
    let etag = format!("\"{}\"", URL_SAFE_NO_PAD.encode(&digest[..18]));
    let held = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut out = if held {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    out.insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, max_age));
    if let Some(link) = link {
        out.insert_header((header::LINK, link));
    }
    if held {
        return out.finish();
    }
    out.content_type("application/json").body(body)
}

#[get("/raw/public/products")]
pub async fn page(
    req: HttpRequest,
    state: web::Data<State>,
    query: web::Query<PageQuery>,
) -> HttpResponse {
    let today = state.clock.today();
    let limit = query.limit.unwrap_or(50).clamp(1, 200);
    let after = match query.cursor.as_deref().map(decode_cursor) {
        None => None,
        Some(Some(id)) => Some(id),
        Some(None) => return HttpResponse::BadRequest().finish(),
    };
    let base = state.public_url.as_str();
    let built: Result<(Vec<CatalogueItem>, Option<uuid::Uuid>), sqlx::Error> = async {
        macro_rules! fetch {
            ($pool:expr) => {{
                let query = match after {
                    None => sqlx::query(FIRST_PAGE).bind(today).bind(limit + 1),
                    Some(after) => sqlx::query(NEXT_PAGE)
                        .bind(today)
                        .bind(limit + 1)
                        .bind(after),
                };
                let rows = query.fetch_all($pool).await?;
                let more = rows.len() as i64 > limit;
                let mut items = Vec::with_capacity(rows.len());
                let mut last = None;
                for r in rows.iter().take(limit as usize) {
                    let (id, item) = item_from!(r, today, base)?;
                    last = Some(id);
                    items.push(item);
                }
                (items, last.filter(|_| more))
            }};
        }
        Ok(match &state.pool {
            Pool::Sqlite(pool) => fetch!(pool),
            Pool::Postgres(pool) => fetch!(pool),
        })
    }
    .await;
    match built {
        Ok((items, next)) => {
            let next = next.map(encode_cursor);
            let link = next.as_ref().map(|c| {
                format!("<{base}/api/v1/public/products?limit={limit}&cursor={c}>; rel=\"next\"")
            });
            let body = serde_json::to_vec(&FeedPage { items, next }).unwrap_or_default();
            respond(&req, body, "public, max-age=60", link)
        }
        Err(e) => HttpResponse::InternalServerError().body(e.to_string()),
    }
}

#[get("/raw/public/products/{id}")]
pub async fn one(req: HttpRequest, state: web::Data<State>, id: web::Path<String>) -> HttpResponse {
    let Ok(id) = uuid::Uuid::parse_str(&id) else {
        return HttpResponse::NotFound().finish();
    };
    let today = state.clock.today();
    let base = state.public_url.as_str();
    let found: Result<Option<CatalogueItem>, sqlx::Error> = async {
        macro_rules! fetch {
            ($pool:expr) => {{
                match sqlx::query(ONE)
                    .bind(today)
                    .bind(id)
                    .fetch_optional($pool)
                    .await?
                {
                    Some(r) => Some(item_from!(&r, today, base)?.1),
                    None => None,
                }
            }};
        }
        Ok(match &state.pool {
            Pool::Sqlite(pool) => fetch!(pool),
            Pool::Postgres(pool) => fetch!(pool),
        })
    }
    .await;
    match found {
        Ok(Some(item)) => respond(
            &req,
            serde_json::to_vec(&item).unwrap_or_default(),
            "public, max-age=300",
            None,
        ),
        Ok(None) => HttpResponse::NotFound().finish(),
        Err(e) => HttpResponse::InternalServerError().body(e.to_string()),
    }
}
