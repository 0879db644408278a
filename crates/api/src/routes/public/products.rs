//! The public feed of certified products (`ocop_catalogue::store::feed`): the products whose
//! certificate is in force today by the server's clock, one product, and their images. Read
//! from `AppState::public_db` (a replica when configured); JSON, or schema.org JSON-LD when the
//! client asks for `application/ld+json`.

use actix_web::http::header::{self, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, web};
use ocop_catalogue::model::jsonld;
use ocop_catalogue::store::item_row::absolute_urls;
use ocop_catalogue::store::{facets as facet_counts, feed};
use ocop_catalogue::{CatalogueFacets, CatalogueItem, FeedCursor, FeedPage, FeedQuery};
use ocop_core::DomainError;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extract::ValidatedQuery;
use crate::public_cache::{self, CachedPage, Freshness};
use crate::responses::ReadErrors;
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(facets)
        .service(one)
        .service(image);
}

const FEED_PATH: &str = "/api/v1/public/products";
const JSON_LD: &str = "application/ld+json";

/// Whether the client prefers JSON-LD (it names `application/ld+json` in `Accept`).
fn wants_json_ld(req: &HttpRequest) -> bool {
    req.headers()
        .get_all(header::ACCEPT)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| {
            t.split(';')
                .next()
                .is_some_and(|m| m.trim().eq_ignore_ascii_case(JSON_LD))
        })
}

fn json_ld_response(
    req: &HttpRequest,
    value: &serde_json::Value,
    freshness: Freshness,
    extra: &[(header::HeaderName, HeaderValue)],
) -> Result<HttpResponse, ApiError> {
    let body = serde_json::to_vec(value)
        .map_err(|e| ApiError::Domain(DomainError::Internal(format!("json-ld: {e}"))))?;
    Ok(public_cache::respond(req, JSON_LD, body, freshness, extra))
}

/// The feed's query string with the cursor replaced (the `Link` of the next page keeps the
/// client's filters).
fn next_url(base: &str, query: &FeedQuery, next: &FeedCursor) -> Result<String, ApiError> {
    let mut query = query.clone();
    query.cursor = Some(next.encode());
    let qs = serde_urlencoded::to_string(&query)
        .map_err(|e| ApiError::Domain(DomainError::Internal(format!("next link: {e}"))))?;
    Ok(format!("{base}{FEED_PATH}?{qs}"))
}

/// The feed's filter choices today: the product sets, sectors and provinces of the products in
/// force, each with its name and how many products carry it.
#[utoipa::path(
    operation_id = "public.products.facets",
    tag = "public",
    responses(
        (status = 200, body = CatalogueFacets, headers(
            ("ETag" = String, description = "Send it back in If-None-Match"),
            ("Cache-Control" = String, description = "A minute"))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        ReadErrors
    )
)]
#[get("/public/facets")]
pub async fn facets(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let today = state.clock.today();
    let last_change = state.catalogue_last_change.read(&state.public_db).await?;
    let etag = public_cache::etag_of(format!("facets|{today}|{last_change}").as_bytes());
    if public_cache::not_modified(&req, &etag) {
        return Ok(public_cache::unchanged(&etag, Freshness::Feed));
    }
    // A grouping over every entry in force: kept like a feed page, under its tag.
    if let Some(page) = state.feed_pages.get(&etag) {
        return Ok(public_cache::tagged(
            &etag,
            Freshness::Feed,
            page.content_type,
            page.body.clone(),
            &[],
        ));
    }
    let counts = facet_counts::on_day(&state.public_db, today).await?;
    let body = serde_json::to_vec(&counts)
        .map_err(|e| ApiError::Domain(DomainError::Internal(format!("facets: {e}"))))?;
    let body = Bytes::from(body);
    let response = public_cache::tagged(
        &etag,
        Freshness::Feed,
        "application/json",
        body.clone(),
        &[],
    );
    state.feed_pages.put(
        &etag,
        CachedPage {
            content_type: "application/json",
            body,
            extra: Vec::new(),
        },
    );
    Ok(response)
}

/// The certified products in force today by the server's clock (valid, re-rating due,
/// expiring or extended), ordered by id and paged with an opaque cursor: paging over a
/// catalogue that changes underneath serves every product present throughout exactly once.
/// A product whose certificate expires, is revoked or is superseded leaves at once. With
/// `Accept: application/ld+json`, the page is a schema.org `ItemList` of `Product`s.
#[utoipa::path(
    operation_id = "public.products.list",
    tag = "public",
    params(FeedQuery),
    responses(
        (status = 200, description = "A page of the feed",
            content((FeedPage = "application/json"),
                    (serde_json::Value = "application/ld+json")),
            headers(
                ("ETag" = String, description = "A hash of the answer; send it back in If-None-Match"),
                ("Cache-Control" = String, description = "A minute"),
                ("Link" = String, description = "`<next page URL>; rel=\"next\"` when there is one"))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        (status = 400, description = "`cursor` is not a cursor of this feed",
            content_type = "application/problem+json", body = crate::error::Problem),
        ReadErrors
    )
)]
#[get("/public/products")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: ValidatedQuery<FeedQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.0;
    let after = match query.cursor.as_deref() {
        None => None,
        Some(text) => Some(
            FeedCursor::decode(text)
                .ok_or_else(|| ApiError::BadRequest("cursor: not a cursor of this feed".into()))?,
        ),
    };
    let base = state.public_url.as_str();
    let today = state.clock.today();
    let json_ld = wants_json_ld(&req);
    // The page is a function of the request, the day and the catalogue's last change, so its tag
    // is known first: a revalidation costs one indexed statement instead of the page, and a page
    // this process served under the same tag is served again as it was.
    let last_change = state.catalogue_last_change.read(&state.public_db).await?;
    let etag = public_cache::etag_of(
        format!("feed|{base}|{}|{json_ld}|{today}|{last_change}", req.uri()).as_bytes(),
    );
    if public_cache::not_modified(&req, &etag) {
        return Ok(public_cache::unchanged(&etag, Freshness::Feed));
    }
    if let Some(page) = state.feed_pages.get(&etag) {
        return Ok(public_cache::tagged(
            &etag,
            Freshness::Feed,
            page.content_type,
            page.body.clone(),
            &page.extra,
        ));
    }
    let (mut items, next) = feed::page(&state.public_db, &query, after, today).await?;
    items.iter_mut().for_each(|item| absolute_urls(item, base));
    let mut extra = Vec::new();
    if let Some(next) = &next {
        let link = format!("<{}>; rel=\"next\"", next_url(base, &query, next)?);
        let value = HeaderValue::from_str(&link)
            .map_err(|e| ApiError::Domain(DomainError::Internal(format!("link: {e}"))))?;
        extra.push((header::LINK, value));
    }
    let (content_type, body) = if json_ld {
        let page_url = format!("{base}{}", req.uri());
        (
            JSON_LD,
            serde_json::to_vec(&jsonld::item_list(&items, &page_url)),
        )
    } else {
        let page = FeedPage {
            items,
            next: next.map(|n| n.encode()),
        };
        ("application/json", serde_json::to_vec(&page))
    };
    let body = body.map_err(|e| ApiError::Domain(DomainError::Internal(format!("feed: {e}"))))?;
    let body = Bytes::from(body);
    let response = public_cache::tagged(&etag, Freshness::Feed, content_type, body.clone(), &extra);
    state.feed_pages.put(
        &etag,
        CachedPage {
            content_type,
            body,
            extra,
        },
    );
    Ok(response)
}

/// One certified product, when its certificate is in force today; 404 otherwise. With
/// `Accept: application/ld+json`, a schema.org `Product` with `hasCertification`.
#[utoipa::path(
    operation_id = "public.products.get",
    tag = "public",
    params(("id" = Uuid, Path, description = "The product's id")),
    responses(
        (status = 200, description = "The product",
            content((CatalogueItem = "application/json"),
                    (serde_json::Value = "application/ld+json")),
            headers(
                ("ETag" = String, description = "A hash of the answer; send it back in If-None-Match"),
                ("Cache-Control" = String, description = "Five minutes"))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        ReadErrors
    )
)]
#[get("/public/products/{id}")]
pub async fn one(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let mut item = feed::one(&state.public_db, id.into_inner(), state.clock.today()).await?;
    absolute_urls(&mut item, state.public_url.as_str());
    if wants_json_ld(&req) {
        return json_ld_response(&req, &jsonld::product(&item), Freshness::Entry, &[]);
    }
    public_cache::json(&req, &item, Freshness::Entry, &[])
}

/// An image of a product that holds or held a certificate (the verification page shows it
/// for a lapsed certificate too). The bytes at an address never change.
#[utoipa::path(
    operation_id = "public.products.image",
    tag = "public",
    params(("id" = Uuid, Path), ("image_id" = Uuid, Path)),
    responses(
        (status = 200, description = "The image as uploaded",
         content(("image/jpeg"), ("image/png"), ("image/webp")),
         headers(("ETag" = String), ("Cache-Control" = String, description = "A day"))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        ReadErrors
    )
)]
#[get("/public/products/{id}/images/{image_id}")]
pub async fn image(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (product, image) = path.into_inner();
    let (content_type, sha256) = feed::image(&state.public_db, product, image).await?;
    let bytes = state.files.read(&sha256)?;
    let mut response = public_cache::respond(&req, &content_type, bytes, Freshness::Lasting, &[]);
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(response)
}
