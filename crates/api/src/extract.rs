//! Extractors: the authenticated caller, validated JSON and query strings, and `If-Match`.
//! Handlers never parse headers or bodies themselves.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use futures_util::StreamExt;
use ocop_core::store::users;
use ocop_core::{Caller, DomainError, FieldError, Principal, Role, SubjectId, UnitId, UserId};
use serde::de::DeserializeOwned;
use validator::Validate;

pub use crate::conditional::{IfMatch, IfMatchOrAbsent, etag, with_etag};
use crate::error::{ApiError, RequestId};
use crate::state::AppState;

/// JSON bodies are small; images have their own limit.
pub const JSON_LIMIT: usize = 64 * 1024;

/// A JSON body, parsed and validated. Syntax errors answer 400; wrong types, unknown fields or
/// enum values and failed rules answer 422 with the field named.
pub struct ValidatedJson<T>(pub T);

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidatedJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = read_json_body(req, payload, JSON_LIMIT);
        Box::pin(async move {
            let value = parse_json::<T>(&body.await?)?;
            value.validate().map_err(DomainError::from)?;
            Ok(ValidatedJson(value))
        })
    }
}

/// Legal documents (criteria sheets, instruments) are larger than forms and are checked by
/// their own rules after parsing, so they get a larger limit and no `validator` pass.
pub const DOCUMENT_LIMIT: usize = 1024 * 1024;

/// A JSON document, parsed with the same error mapping as [`ValidatedJson`].
pub struct RawJson<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for RawJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = read_json_body(req, payload, DOCUMENT_LIMIT);
        Box::pin(async move { Ok(RawJson(parse_json::<T>(&body.await?)?)) })
    }
}

/// Reads a JSON body up to `limit` bytes: 415 when not JSON, 413 when too large.
fn read_json_body(
    req: &HttpRequest,
    payload: &mut Payload,
    limit: usize,
) -> impl Future<Output = Result<web::BytesMut, ApiError>> + 'static {
    let is_json = req
        .mime_type()
        .ok()
        .flatten()
        .is_some_and(|m| m.subtype() == "json" || m.suffix().is_some_and(|s| s == "json"));
    let mut payload = payload.take();
    async move {
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        let mut body = web::BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk.map_err(|e| ApiError::BadRequest(e.to_string()))?;
            if body.len() + chunk.len() > limit {
                return Err(ApiError::PayloadTooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            ApiError::MalformedJson(inner.to_string())
        } else {
            DomainError::Validation(vec![classify_serde(&path, &inner.to_string())]).into()
        }
    })?;
    de.end()
        .map_err(|e| ApiError::MalformedJson(e.to_string()))?;
    crate::input_text::check_json(body)?;
    Ok(value)
}

/// Names the field and kind of a deserialisation failure.
fn classify_serde(path: &str, message: &str) -> FieldError {
    let quoted = |msg: &str| msg.split('`').nth(1).map(str::to_string);
    if message.starts_with("unknown field") {
        // serde_path_to_error already ends the path with the unknown field.
        let full = if path == "." || path.is_empty() {
            quoted(message).unwrap_or_default()
        } else {
            path.to_string()
        };
        return FieldError::new(full, "unknown_field");
    }
    if message.starts_with("missing field") {
        let field = quoted(message).unwrap_or_default();
        let full = if path == "." || path.is_empty() {
            field
        } else {
            format!("{path}.{field}")
        };
        return FieldError::new(full, "required");
    }
    let field = if path == "." {
        String::new()
    } else {
        path.to_string()
    };
    if message.starts_with("unknown variant") {
        return FieldError::new(field, "unknown_value");
    }
    FieldError::new(field, "type")
}

/// A query string, parsed and validated like [`ValidatedJson`]: 422 with the offending
/// parameters named.
pub struct ValidatedQuery<T>(pub T);

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidatedQuery<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        if let Err(refused) = crate::input_text::check_query(req.query_string()) {
            return std::future::ready(Err(refused.into()));
        }
        let de = serde_urlencoded::Deserializer::new(form_urlencoded_parse(req.query_string()));
        let result = serde_path_to_error::deserialize::<_, T>(de)
            .map_err(|err| {
                let path = err.path().to_string();
                let mut e = classify_serde(&path, &err.inner().to_string());
                if e.field.is_empty() {
                    e.field = "query".into();
                }
                ApiError::Domain(DomainError::Validation(vec![e]))
            })
            .and_then(|value| match value.validate() {
                Ok(()) => Ok(ValidatedQuery(value)),
                Err(errors) => Err(DomainError::from(errors).into()),
            });
        std::future::ready(result)
    }
}

fn form_urlencoded_parse(query: &str) -> form_urlencoded::Parse<'_> {
    form_urlencoded::parse(query.as_bytes())
}

/// The authenticated caller. Requests without a valid bearer token answer 401.
pub struct Auth(pub Caller);

impl FromRequest for Auth {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(|t| t.trim().to_string());
        let request_id = req
            .extensions()
            .get::<RequestId>()
            .map(|r| r.0.clone())
            .unwrap_or_default();
        let ip = req.peer_addr().map(|a| a.ip().to_string());
        Box::pin(async move {
            let state = state
                .ok_or_else(|| ApiError::Domain(DomainError::Internal("no app state".into())))?;
            let token = token.ok_or(ApiError::Unauthorized)?;
            let at = state.clock.now();
            let claims = state
                .tokens
                .verify_access(&token, at)
                .ok_or(ApiError::Unauthorized)?;
            let user_id: UserId = claims.sub.parse().map_err(|_| ApiError::Unauthorized)?;
            // The database, not the token, says what the user may do now: a disabled user or a
            // changed role takes effect at once.
            let user = users::find_active(&state.db, user_id)
                .await?
                .ok_or(ApiError::Unauthorized)?;
            let unit = UnitId(user.unit_id);
            let role = Role::parse(&user.role).ok_or(ApiError::Unauthorized)?;
            // Administrators' scope is everything, so their subtree would never be read.
            let units = if role == Role::SystemAdmin {
                Default::default()
            } else {
                state.subtrees.get(&state.db, unit).await?
            };
            let principal = Principal {
                user_id,
                role,
                unit_id: unit,
                subject_id: user.subject_id.map(SubjectId),
                units,
            };
            Ok(Auth(Caller {
                principal,
                request_id,
                ip,
                at,
            }))
        })
    }
}

/// The request's id and peer address, for use cases that run before authentication (login).
pub struct Origin {
    pub request_id: String,
    pub ip: String,
}

impl FromRequest for Origin {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Ok(Origin {
            request_id: req
                .extensions()
                .get::<RequestId>()
                .map(|r| r.0.clone())
                .unwrap_or_default(),
            ip: req
                .peer_addr()
                .map(|a| a.ip().to_string())
                .unwrap_or_else(|| "unknown".into()),
        }))
    }
}

/// Path segments that are not valid ids answer 422 naming the parameter, never 500.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err, _| {
        ApiError::Domain(DomainError::Validation(vec![FieldError::new(
            "id",
            format!("format: {err}")
                .split(':')
                .next()
                .unwrap_or("format"),
        )]))
        .into()
    })
}

#[cfg(test)]
mod tests {
    use actix_web::FromRequest;
    use actix_web::dev::Payload;
    use actix_web::test::TestRequest;
    use ocop_core::{DomainError, PageQuery};

    use super::ValidatedQuery;
    use crate::error::ApiError;

    /// The fields a query string is refused for, or none when it passes.
    fn refused(query: &str) -> Vec<(String, String)> {
        let req = TestRequest::with_uri(&format!("/?{query}")).to_http_request();
        match ValidatedQuery::<PageQuery>::from_request(&req, &mut Payload::None).into_inner() {
            Ok(_) => Vec::new(),
            Err(ApiError::Domain(DomainError::Validation(errors))) => {
                errors.into_iter().map(|e| (e.field, e.code)).collect()
            }
            Err(other) => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn a_query_is_validated_after_it_is_parsed() {
        assert!(refused("page=1000000&per_page=100").is_empty());
        let range = |field: &str| (field.to_string(), "range".to_string());
        assert_eq!(refused("page=1000001"), vec![range("page")]);
        assert_eq!(
            refused("page=0&per_page=101"),
            vec![range("page"), range("per_page")]
        );
        assert_eq!(
            refused("page=x"),
            vec![("page".to_string(), "type".to_string())]
        );
    }
}
