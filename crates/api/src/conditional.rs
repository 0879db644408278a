//! Conditional requests: the version a client last read (`If-Match`), required on every change
//! of a versioned record, and the `ETag` that tells it the version it now holds.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest};
use ocop_core::Precondition;

use crate::error::ApiError;

/// The version the client last read, from `If-Match: "<version>"`. Required on every change.
pub struct IfMatch(pub i32);

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let result = match req.headers().get(header::IF_MATCH).map(|v| v.to_str()) {
            None => Err(ApiError::PreconditionRequired),
            Some(Ok(value)) => value
                .trim()
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .and_then(|v| v.parse::<i32>().ok())
                .map(IfMatch)
                .ok_or_else(|| {
                    ApiError::BadRequest("If-Match must be a quoted version, e.g. \"3\"".into())
                }),
            Some(Err(_)) => Err(ApiError::BadRequest("If-Match is not ASCII".into())),
        };
        std::future::ready(result)
    }
}

/// The strong ETag of a record version.
pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// A JSON response carrying the object's `version` as its ETag, for the next `If-Match`.
pub fn with_etag<T: serde::Serialize>(
    mut response: actix_web::HttpResponseBuilder,
    out: &T,
    version: i32,
) -> actix_web::HttpResponse {
    response
        .insert_header((actix_web::http::header::ETAG, etag(version)))
        .json(out)
}

/// For a `PUT` that creates the record or changes it: `If-Match: "<version>"` when the client
/// holds a version, `If-None-Match: *` when it knows there is none yet. One of them is required.
pub struct IfMatchOrAbsent(pub Precondition);

impl FromRequest for IfMatchOrAbsent {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let none_match = req
            .headers()
            .get(header::IF_NONE_MATCH)
            .map(|v| v.to_str().map(str::trim));
        let result = match (req.headers().contains_key(header::IF_MATCH), none_match) {
            (false, Some(Ok("*"))) => Ok(IfMatchOrAbsent(Precondition::Absent)),
            (false, Some(_)) => Err(ApiError::BadRequest(
                "If-None-Match must be * (there is no record yet)".into(),
            )),
            (true, Some(_)) => Err(ApiError::BadRequest(
                "send If-Match or If-None-Match, not both".into(),
            )),
            (true, None) | (false, None) => {
                match IfMatch::from_request(req, payload).into_inner() {
                    Ok(IfMatch(version)) => Ok(IfMatchOrAbsent(Precondition::Version(version))),
                    Err(e) => Err(e),
                }
            }
        };
        std::future::ready(result)
    }
}
