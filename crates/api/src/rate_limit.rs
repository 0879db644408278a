//! Rate limits of the public paths (`/api/v1/public/…`, `/verify…`, `/01/…`): one middleware
//! that knows the caller — a valid `X-API-Key` gets its key's quota (bucket `key:<id>`), no key
//! gets the anonymous rate per peer address (`ip:<address>`), and a key that is unknown,
//! revoked or expired gets 401 (never the anonymous rate: a platform must learn that its key
//! stopped working) — and takes one request from the caller's window in the shared count
//! (`ocop_catalogue::store::quota`), so every API process enforces one limit.
//!
//! Every answer on those paths says the policy and what is left, in the structured-field form
//! of the IETF draft "RateLimit header fields for HTTP": `RateLimit-Policy: "minute";q=60;w=60`
//! and `RateLimit: "minute";r=59;t=42`. Over the limit: 429 problem+json with `Retry-After`.
//!
//! The peer address is the TCP peer's: forwarding headers are the client's to write. Behind a
//! load balancer every anonymous caller shares its address, so platforms should use keys.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, ResponseError, web};
use ocop_catalogue::store::quota::{Grant, QuotaLeases, WINDOW_SECONDS};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, HeaderBuilder, OpenApi, Ref, RefOr, ResponseBuilder};

use crate::api_key_auth::{self, KeyHolder};
use crate::error::ApiError;
use crate::state::AppState;

/// The quotas of one process: the anonymous rate and the leases it holds of the shared counts.
#[derive(Debug)]
pub struct RateLimits {
    /// Requests per minute for a caller without a key (`OCOP_PUBLIC_RATE`).
    pub anonymous_per_minute: u32,
    pub leases: QuotaLeases,
}

impl RateLimits {
    pub fn new(anonymous_per_minute: u32) -> Self {
        Self {
            anonymous_per_minute,
            leases: QuotaLeases::default(),
        }
    }
}

/// Whether the path is one of the public ones the limits apply to. A product's photos are not
/// counted: a catalogue page shows dozens, they never change under one address and caches keep
/// them a day, so counting them would only spend a person's quota on pictures.
pub fn is_public(path: &str) -> bool {
    let photo = path.starts_with("/api/v1/public/products/") && path.contains("/images/");
    (path.starts_with("/api/v1/public/") && !photo)
        || path == "/verify"
        || path.starts_with("/verify/")
        || path.starts_with("/01/")
}

const POLICY: &str = "minute";

/// The middleware. Other paths pass untouched.
pub async fn rate_limit(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let Some(state) = state.filter(|_| is_public(req.path())) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let now = state.clock.now();
    let address = req
        .peer_addr()
        .map_or_else(|| "unknown".to_string(), |a| a.ip().to_string());
    let key = match api_key_auth::presented_key(req.headers()) {
        None => None,
        Some(presented) => Some(api_key_auth::check(&state, presented, now).await),
    };
    // A refused key still counts against its address, so guessing keys is rate limited too.
    let (bucket, limit) = match &key {
        Some(Ok((holder, quota))) => (format!("key:{}", holder.key_id), i64::from(*quota)),
        _ => (
            format!("ip:{address}"),
            i64::from(state.rate_limits.anonymous_per_minute),
        ),
    };
    let grant = match state
        .rate_limits
        .leases
        .take(&state.writer, &bucket, limit, now)
        .await
    {
        Ok(grant) => grant,
        Err(e) => return Ok(req.error_response(ApiError::from(e))),
    };
    let mut res = if !grant.allowed {
        req.into_response(
            ApiError::TooManyRequests {
                retry_after_secs: u64::try_from(grant.reset_seconds).unwrap_or(60),
            }
            .error_response(),
        )
    } else {
        match key {
            Some(Err(refused)) => req.into_response(refused.error_response()),
            Some(Ok((holder, _))) => {
                // The handlers that need the holder find it without a second look-up.
                req.extensions_mut().insert(holder);
                next.call(req).await?.map_into_boxed_body()
            }
            None => next.call(req).await?.map_into_boxed_body(),
        }
    };
    insert_headers(res.headers_mut(), &grant);
    Ok(res)
}

fn insert_headers(headers: &mut HeaderMap, grant: &Grant) {
    let policy = format!("\"{POLICY}\";q={};w={WINDOW_SECONDS}", grant.limit);
    let state = format!(
        "\"{POLICY}\";r={};t={}",
        grant.remaining, grant.reset_seconds
    );
    for (name, value) in [("ratelimit-policy", policy), ("ratelimit", state)] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    }
}

/// The extractor's holder, when this middleware already checked the key.
pub(crate) fn checked_holder(req: &actix_web::HttpRequest) -> Option<KeyHolder> {
    req.extensions().get::<KeyHolder>().cloned()
}

/// Adds to every public operation of the document what the middleware adds to its answers: the
/// optional `X-API-Key`, the 401 of a refused key, the 429 of the limit and the `RateLimit`
/// headers. Called by `openapi::finish`.
pub fn document(api: &mut OpenApi) {
    let components = api.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "api_key",
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            "X-API-Key",
            "A machine client's key (`ocop_<prefix>_<secret>`), issued by an administrator.",
        ))),
    );
    let problem = |description: &str| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/problem+json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("Problem")))
                        .build(),
                )
                .build(),
        )
    };
    let header = |description: &str| {
        HeaderBuilder::new()
            .schema(Some(
                utoipa::openapi::ObjectBuilder::new().schema_type(utoipa::openapi::Type::String),
            ))
            .description(Some(description))
            .build()
    };
    for (path, item) in api.paths.paths.iter_mut() {
        if !is_public(path) {
            continue;
        }
        let operations = [
            &mut item.get,
            &mut item.head,
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ];
        for operation in operations.into_iter().flatten() {
            let responses = &mut operation.responses.responses;
            responses
                .entry("401".into())
                .or_insert_with(|| problem("The `X-API-Key` is unknown, revoked or expired"));
            responses
                .entry("429".into())
                .or_insert_with(|| problem("Over the caller's rate limit; see `Retry-After`"));
            for response in responses.values_mut() {
                if let RefOr::T(response) = response {
                    response.headers.insert(
                        "RateLimit-Policy".into(),
                        header("The caller's quota: `\"minute\";q=<requests>;w=60`").into(),
                    );
                    response.headers.insert(
                        "RateLimit".into(),
                        header("What is left: `\"minute\";r=<remaining>;t=<seconds to reset>`")
                            .into(),
                    );
                }
            }
            operation.security.get_or_insert_with(|| {
                vec![
                    SecurityRequirement::default(),
                    SecurityRequirement::new("api_key", Vec::<String>::new()),
                ]
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_public_paths_are_limited() {
        for path in [
            "/api/v1/public/products",
            "/api/v1/public/certificates/ABC",
            "/verify",
            "/verify/ABC",
            "/01/08931234567890",
        ] {
            assert!(is_public(path), "{path}");
        }
        for path in [
            "/api/v1/products",
            "/api/v1/api-keys",
            "/verifyx",
            "/api/v1/public/products/0193d1c2-0000-7000-8000-000000000001/images/0193d1c2",
            "/",
            "/health",
            "/010",
        ] {
            assert!(!is_public(path), "{path}");
        }
    }

    #[test]
    fn the_headers_are_structured_fields() {
        let mut headers = HeaderMap::new();
        let grant = Grant {
            allowed: true,
            limit: 60,
            remaining: 59,
            reset_seconds: 42,
        };
        insert_headers(&mut headers, &grant);
        assert_eq!(
            headers.get("ratelimit-policy").unwrap(),
            "\"minute\";q=60;w=60"
        );
        assert_eq!(headers.get("ratelimit").unwrap(), "\"minute\";r=59;t=42");
    }
}
