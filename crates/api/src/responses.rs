//! Response sets shared by the handlers' OpenAPI descriptions (`ReadErrors`, `WriteErrors`,
//! `AuthErrors`) and the one way a handler answers 201 Created. Its own module so that routes
//! depend on it without depending on `openapi`, which collects the routes.

use actix_web::HttpResponse;
use actix_web::http::header;
use utoipa::IntoResponses;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

use crate::conditional::etag;

/// 201 Created with `Location` and the body; with `version`, its ETag too, so that the client
/// can change the record next without reading it again.
pub fn created<T: serde::Serialize>(
    location: impl Into<String>,
    out: &T,
    version: impl Into<Option<i32>>,
) -> HttpResponse {
    let mut response = HttpResponse::Created();
    response.insert_header((header::LOCATION, location.into()));
    if let Some(version) = version.into() {
        response.insert_header((header::ETAG, etag(version)));
    }
    response.json(out)
}

fn problem(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
        .into()
}

fn responses(list: &[(&str, &str)]) -> std::collections::BTreeMap<String, RefOr<Response>> {
    list.iter()
        .map(|(status, description)| (status.to_string(), problem(description)))
        .collect()
}

/// Errors of a read.
pub struct ReadErrors;

impl IntoResponses for ReadErrors {
    fn responses() -> std::collections::BTreeMap<String, RefOr<Response>> {
        responses(&[
            ("400", "A malformed parameter"),
            ("401", "Not logged in, or the token expired"),
            ("403", "The role may not do this"),
            ("404", "Not found, or outside the caller's scope"),
            ("422", "A parameter has an invalid value; `errors` names it"),
        ])
    }
}

/// Errors of a change.
pub struct WriteErrors;

impl IntoResponses for WriteErrors {
    fn responses() -> std::collections::BTreeMap<String, RefOr<Response>> {
        responses(&[
            ("400", "Malformed JSON or header"),
            ("401", "Not logged in, or the token expired"),
            ("403", "The role may not do this"),
            ("404", "Not found, or outside the caller's scope"),
            (
                "409",
                "Conflicts with stored data (a duplicate code, a subject still in use)",
            ),
            ("412", "Someone else changed the record since it was read"),
            ("413", "The body is too large"),
            ("415", "Not JSON"),
            ("422", "Invalid fields; `errors` names each"),
            ("428", "`If-Match` is missing"),
        ])
    }
}

/// Errors of login and token calls.
pub struct AuthErrors;

impl IntoResponses for AuthErrors {
    fn responses() -> std::collections::BTreeMap<String, RefOr<Response>> {
        responses(&[
            ("400", "Malformed JSON"),
            (
                "401",
                "Wrong credentials or an invalid token (the same answer for both parts)",
            ),
            ("413", "The body is too large"),
            ("415", "Not JSON"),
            ("422", "Invalid fields"),
            ("429", "Too many failed attempts; see Retry-After"),
        ])
    }
}
