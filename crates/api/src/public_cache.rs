//! Caching of the public reads: a strong `ETag` (the SHA-256 of the body, so two processes or a
//! replica give the same tag for the same bytes), `If-None-Match` answered with 304, and a
//! `Cache-Control` fitting how fast each resource changes, so a CDN or a platform's cache absorbs
//! most reads.

use actix_web::http::header::{self, HeaderValue};
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
    body: Vec<u8>,
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
    response.content_type(content_type).body(body)
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
}
