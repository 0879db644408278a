//! Caching of the public reads: a strong `ETag` (the SHA-256 of the body, so two processes or a
//! replica give the same tag for the same bytes), `If-None-Match` answered with 304, and a
//! `Cache-Control` fitting how fast each resource changes, so a CDN or a platform's cache absorbs
//! most reads.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};

use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// How long a public response may be reused without asking again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// The feed and the changes feed's snapshots: a minute (a certificate can lapse at midnight).
    Feed,
    /// One catalogue entry: five minutes.
    Entry,
    /// QR codes and images, which never change for a given address: a day.
    Lasting,
    /// The changes feed and every check of a certificate: always revalidate (a revocation
    /// must show at once; the ETag makes asking cheap).
    Revalidate,
}

impl Freshness {
    pub fn cache_control(self) -> &'static str {
        match self {
            Self::Feed => "public, max-age=60",
            Self::Entry => "public, max-age=300",
            Self::Lasting => "public, max-age=86400",
            Self::Revalidate => "public, no-cache",
        }
    }
}

/// The strong ETag of `body`.
pub fn etag_of(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    format!("\"{}\"", URL_SAFE_NO_PAD.encode(&digest[..18]))
}

/// Whether `If-None-Match` names `etag` (or is `*`). Weak tags compare by their opaque part, as
/// RFC 9110 says `If-None-Match` does.
pub fn not_modified(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim())
        .any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == etag)
}

/// The body as a 200 with its ETag and `Cache-Control`, or a bodiless 304 when the client holds
/// it already. Extra headers (`Link`, ...) go on both.
pub fn respond(
    req: &HttpRequest,
    content_type: &str,
    body: Vec<u8>,
    freshness: Freshness,
    extra: &[(header::HeaderName, HeaderValue)],
) -> HttpResponse {
    let etag = etag_of(&body);
    let mut response = if not_modified(req, &etag) {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, etag.clone()))
        .insert_header((header::CACHE_CONTROL, freshness.cache_control()))
        .insert_header((header::VARY, "Accept, Accept-Encoding"));
    for (name, value) in extra {
        response.insert_header((name.clone(), value.clone()));
    }
    if not_modified(req, &etag) {
        return response.finish();
    }
    response.content_type(content_type).body(body)
}

/// For a response whose strong ETag is known before its body is built (derived from everything
/// the body depends on, read no later than the body): a revalidation is answered by
/// [`unchanged`] without building the body, a read by [`tagged`].
pub fn unchanged(etag: &str, freshness: Freshness) -> HttpResponse {
    HttpResponse::NotModified()
        .insert_header((header::ETAG, etag.to_string()))
        .insert_header((header::CACHE_CONTROL, freshness.cache_control()))
        .insert_header((header::VARY, "Accept, Accept-Encoding"))
        .finish()
}

/// The body under an ETag known beforehand (see [`unchanged`]).
pub fn tagged(
    etag: &str,
    freshness: Freshness,
    content_type: &str,
    body: impl Into<Bytes>,
    extra: &[(header::HeaderName, HeaderValue)],
) -> HttpResponse {
    let mut response = HttpResponse::Ok();
    response
        .insert_header((header::ETAG, etag.to_string()))
        .insert_header((header::CACHE_CONTROL, freshness.cache_control()))
        .insert_header((header::VARY, "Accept, Accept-Encoding"));
    for (name, value) in extra {
        response.insert_header((name.clone(), value.clone()));
    }
    response.content_type(content_type).body(body.into())
}

/// `respond` for a JSON value.
pub fn json<T: serde::Serialize>(
    req: &HttpRequest,
    value: &T,
    freshness: Freshness,
    extra: &[(header::HeaderName, HeaderValue)],
) -> Result<HttpResponse, crate::error::ApiError> {
    let body = serde_json::to_vec(value).map_err(|e| {
        crate::error::ApiError::Domain(ocop_core::DomainError::Internal(format!("json: {e}")))
    })?;
    Ok(respond(req, "application/json", body, freshness, extra))
}

/// A page kept by [`PageCache`].
#[derive(Debug)]
pub struct CachedPage {
    pub content_type: &'static str,
    pub body: Bytes,
    pub extra: Vec<(HeaderName, HeaderValue)>,
}

/// Bodies of public pages whose ETag is known before the page is read (it names everything
/// the body follows from: the request, the day and the catalogue's last change), kept by that
/// ETag. A hit is always the body a read under that ETag would give; a page stops being asked
/// for once anything it follows from moves on, and ages out. (How current the ETag's "last
/// change" is, is `ocop_catalogue::store::last_change`'s business.) Bounded in bytes,
/// oldest out first, so memory stays flat however many distinct pages are asked for.
#[derive(Debug)]
pub struct PageCache {
    budget: usize,
    kept: Mutex<Kept>,
}

#[derive(Debug, Default)]
struct Kept {
    pages: HashMap<String, Arc<CachedPage>>,
    order: VecDeque<String>,
    bytes: usize,
}

impl PageCache {
    /// What a kept page counts against the budget: its body, and the key, headers and
    /// bookkeeping around it (so a flood of tiny distinct pages is bounded too).
    fn cost(etag: &str, page: &CachedPage) -> usize {
        const BOOKKEEPING: usize = 256;
        let headers: usize = page
            .extra
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len())
            .sum();
        page.body.len() + 2 * etag.len() + headers + BOOKKEEPING
    }

    /// A cache holding at most `budget` bytes of pages (bodies and their bookkeeping).
    pub fn new(budget: usize) -> Self {
        Self {
            budget,
            kept: Mutex::new(Kept::default()),
        }
    }

    pub fn get(&self, etag: &str) -> Option<Arc<CachedPage>> {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.pages.get(etag).cloned()
    }

    /// Keeps `page` under `etag` (a page larger than the whole budget is not kept).
    pub fn put(&self, etag: &str, page: CachedPage) {
        let size = Self::cost(etag, &page);
        if size > self.budget {
            return;
        }
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.pages.contains_key(etag) {
            return;
        }
        while kept.bytes + size > self.budget {
            let Some(oldest) = kept.order.pop_front() else {
                break;
            };
            if let Some(gone) = kept.pages.remove(&oldest) {
                kept.bytes -= Self::cost(&oldest, &gone);
            }
        }
        kept.bytes += size;
        kept.order.push_back(etag.to_string());
        kept.pages.insert(etag.to_string(), Arc::new(page));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn a_matching_tag_is_not_modified_and_another_is() {
        let tag = etag_of(b"{}");
        assert_eq!(tag, etag_of(b"{}"));
        assert_ne!(tag, etag_of(b"[]"));
        let req = TestRequest::default()
            .insert_header((header::IF_NONE_MATCH, format!("\"x\", {tag}")))
            .to_http_request();
        assert!(not_modified(&req, &tag));
        let weak = TestRequest::default()
            .insert_header((header::IF_NONE_MATCH, format!("W/{tag}")))
            .to_http_request();
        assert!(not_modified(&weak, &tag));
        let other = TestRequest::default()
            .insert_header((header::IF_NONE_MATCH, "\"x\""))
            .to_http_request();
        assert!(!not_modified(&other, &tag));
        let any = TestRequest::default()
            .insert_header((header::IF_NONE_MATCH, "*"))
            .to_http_request();
        assert!(not_modified(&any, &tag));
    }

    fn page(bytes: usize) -> CachedPage {
        CachedPage {
            content_type: "application/json",
            body: Bytes::from(vec![b'x'; bytes]),
            extra: Vec::new(),
        }
    }

    #[test]
    fn the_page_cache_keeps_pages_by_tag_within_its_budget_oldest_out_first() {
        // Each page costs its body, twice its key and 256 bytes of bookkeeping: 300 here.
        let cache = PageCache::new(700);
        cache.put("a", page(42));
        cache.put("b", page(42));
        assert_eq!(cache.get("a").map(|p| p.body.len()), Some(42));
        cache.put("c", page(42));
        assert!(cache.get("a").is_none(), "the oldest made room");
        assert!(cache.get("b").is_some() && cache.get("c").is_some());
        cache.put("huge", page(701));
        assert!(cache.get("huge").is_none());
        assert!(
            cache.get("b").is_some(),
            "a page over budget evicts nothing"
        );
    }
}
