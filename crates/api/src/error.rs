//! The one mapping from errors to HTTP: RFC 9457 `application/problem+json`.
//!
//! `ApiError::error_response` renders an English body and leaves the structured problem in the
//! response's extensions; the [`localize`] middleware re-renders it in the request's language
//! with the request path and id, so the language is chosen in one place for every error,
//! including those raised by extractors.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, ResponseError};
use ocop_core::{DomainError, FieldError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::i18n::{self, Lang};

/// An RFC 9457 problem.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    /// A stable identifier of the problem type.
    #[serde(rename = "type")]
    #[schema(example = "urn:ocop:problem:validation")]
    pub type_uri: String,
    #[schema(example = "Dữ liệu không hợp lệ")]
    pub title: String,
    #[schema(example = 422)]
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The request path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The offending fields, for validation problems.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub errors: Vec<FieldError>,
    /// For an invalid state change: the moves allowed from the current state.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub allowed: Vec<String>,
    /// For a request past a limit of the books: which record, and the amounts.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub over_limit: Option<OverLimit>,
}

/// The record whose limit a request would pass, and the amounts in đồng.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OverLimit {
    /// `budget_line` or `budget_allocation`.
    #[schema(example = "budget_allocation")]
    pub entity: String,
    pub id: String,
    /// The line's amount in force, or the allocation's amount.
    pub limit: i64,
    /// Already allocated from the line, or disbursed from the allocation.
    pub used: i64,
    pub asked: i64,
    /// What is left: `limit - used`, never below zero.
    pub available: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// No valid credentials (missing, expired or forged token).
    #[error("unauthorized")]
    Unauthorized,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// Every slot of a bounded resource (the snapshot streams) is taken: come back later.
    #[error("busy")]
    Busy { retry_after_secs: u64 },
    #[error("precondition required")]
    PreconditionRequired,
    #[error("malformed json: {0}")]
    MalformedJson(String),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("not found")]
    RouteNotFound,
}

/// What a problem response is made from, before the language is known.
#[derive(Debug, Clone)]
pub struct ProblemSeed {
    pub status: StatusCode,
    pub code: &'static str,
    pub detail: Option<String>,
    pub errors: Vec<FieldError>,
    pub allowed: Vec<String>,
    pub over_limit: Option<OverLimit>,
}

impl ProblemSeed {
    pub fn render(
        &self,
        lang: Lang,
        instance: Option<String>,
        request_id: Option<String>,
    ) -> Problem {
        Problem {
            type_uri: format!("urn:ocop:problem:{}", self.code),
            title: i18n::title(self.code, lang).to_string(),
            status: self.status.as_u16(),
            detail: self.detail.clone(),
            instance,
            request_id,
            errors: self
                .errors
                .iter()
                .map(|e| FieldError {
                    message: i18n::field_message(&e.code, lang),
                    ..e.clone()
                })
                .collect(),
            allowed: self.allowed.clone(),
            over_limit: self.over_limit.clone(),
        }
    }
}

impl ApiError {
    pub fn seed(&self) -> ProblemSeed {
        let mut seed = ProblemSeed {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            detail: None,
            errors: Vec::new(),
            allowed: Vec::new(),
            over_limit: None,
        };
        let (status, code) = match self {
            ApiError::Domain(DomainError::NotFound { .. }) | ApiError::RouteNotFound => {
                (StatusCode::NOT_FOUND, "not_found")
            }
            ApiError::Domain(DomainError::Forbidden { reason }) => {
                // The reason is a code (`role`, `council_chair_only`), safe to show.
                seed.detail = Some((*reason).to_string());
                (StatusCode::FORBIDDEN, "forbidden")
            }
            ApiError::Domain(DomainError::Conflict { code, field }) => {
                seed.errors = vec![FieldError::new(field.unwrap_or("_"), *code)];
                (StatusCode::CONFLICT, "conflict")
            }
            ApiError::Domain(DomainError::StaleVersion { .. }) => {
                (StatusCode::PRECONDITION_FAILED, "precondition_failed")
            }
            ApiError::Domain(DomainError::Validation(errors)) => {
                seed.errors = errors.clone();
                (StatusCode::UNPROCESSABLE_ENTITY, "validation")
            }
            ApiError::Domain(DomainError::InvalidTransition { from, to, allowed }) => {
                seed.detail = Some(format!("{from} → {to}"));
                seed.allowed = allowed.clone();
                (StatusCode::CONFLICT, "invalid_transition")
            }
            ApiError::Domain(DomainError::OverLimit {
                entity,
                id,
                field,
                limit,
                used,
                asked,
            }) => {
                let available = (limit - used).max(0);
                seed.detail = Some(format!(
                    "{entity} {id}: limit {limit}, used {used}, available {available}, asked {asked} (VND)"
                ));
                seed.errors = vec![FieldError::new(*field, "over_limit")];
                seed.over_limit = Some(OverLimit {
                    entity: (*entity).to_string(),
                    id: id.clone(),
                    limit: *limit,
                    used: *used,
                    asked: *asked,
                    available,
                });
                (StatusCode::CONFLICT, "over_limit")
            }
            ApiError::Domain(DomainError::Internal(_)) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ApiError::InvalidCredentials => (StatusCode::UNAUTHORIZED, "invalid_credentials"),
            ApiError::TooManyRequests { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, "too_many_requests")
            }
            ApiError::Busy { .. } => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            ApiError::PreconditionRequired => {
                (StatusCode::PRECONDITION_REQUIRED, "precondition_required")
            }
            ApiError::MalformedJson(detail) => {
                seed.detail = Some(detail.clone());
                (StatusCode::BAD_REQUEST, "malformed_json")
            }
            ApiError::BadRequest(detail) => {
                seed.detail = Some(detail.clone());
                (StatusCode::BAD_REQUEST, "bad_request")
            }
            ApiError::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            ApiError::UnsupportedMediaType => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
        };
        seed.status = status;
        seed.code = code;
        seed
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.seed().status
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        let seed = self.seed();
        if seed.status.is_server_error() {
            // The cause goes to the log only; the client gets an opaque problem.
            log::error!("internal error: {self}");
        }
        let mut builder = HttpResponse::build(seed.status);
        if let ApiError::TooManyRequests { retry_after_secs }
        | ApiError::Busy { retry_after_secs } = self
        {
            builder.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        if matches!(self, ApiError::Unauthorized | ApiError::InvalidCredentials) {
            builder.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        let mut response = problem_response(builder, &seed.render(Lang::En, None, None));
        response.extensions_mut().insert(seed);
        response
    }
}

fn problem_response(
    mut builder: actix_web::HttpResponseBuilder,
    problem: &Problem,
) -> HttpResponse {
    builder
        .content_type("application/problem+json")
        .body(serde_json::to_string(problem).unwrap_or_default())
}

/// The request id of the current request (set by [`request_id`]).
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// Gives each request an id (the client's `X-Request-Id` when it is sane), echoed in the response.
pub async fn request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .map(str::to_string)
        .unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    req.extensions_mut().insert(RequestId(id.clone()));
    let mut res = next.call(req).await?;
    if let Ok(value) = HeaderValue::from_str(&id) {
        res.headers_mut()
            .insert(header::HeaderName::from_static("x-request-id"), value);
    }
    Ok(res)
}

/// Re-renders problem responses in the request's language, with its path and id.
pub async fn localize(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let lang = Lang::from_accept_language(
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let path = req.path().to_string();
    let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
    let res = next.call(req).await?.map_into_boxed_body();
    let Some(seed) = res.response().extensions().get::<ProblemSeed>().cloned() else {
        return Ok(res);
    };
    let problem = seed.render(lang, Some(path), request_id);
    let (req, old) = res.into_parts();
    let mut builder = HttpResponse::build(old.status());
    for (name, value) in old.headers() {
        if name != header::CONTENT_LENGTH {
            builder.append_header((name.clone(), value.clone()));
        }
    }
    if lang == Lang::Vi {
        builder.insert_header((header::CONTENT_LANGUAGE, "vi"));
    }
    Ok(ServiceResponse::new(
        req,
        problem_response(builder, &problem),
    ))
}
