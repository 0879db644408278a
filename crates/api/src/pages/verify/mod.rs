//! The verification pages a phone opens when it scans a certificate's QR code: `/verify/{code}`
//! (the certificate as it stands today, with a plain banner), `/verify` (a form to type a code)
//! and their stylesheet. Server-rendered HTML of a few kilobytes, no script, Vietnamese unless
//! `?lang=en`. Read from `public_db` (a replica when configured) in one statement, cached with a
//! strong ETag for five minutes like the JSON it mirrors.

pub mod html;
pub mod qr;
pub mod text;

use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use ocop_core::DomainError;
use ocop_evaluations::store::public as public_reads;

use crate::error::ApiError;
use crate::public_cache::{self, Freshness};
use crate::state::AppState;
use text::Lang;

const HTML: &str = "text/html; charset=utf-8";

/// The stylesheet's address carries a hash of its content, so it is cached for a day and a new
/// build's style is a new address.
static STYLESHEET_URL: LazyLock<String> = LazyLock::new(|| {
    let tag = public_cache::etag_of(html::STYLESHEET.as_bytes());
    format!(
        "/verify.css?v={}",
        tag.trim_matches('"').get(..12).unwrap_or_default()
    )
});

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.route("/verify.css", web::get().to(stylesheet))
        .route("/verify", web::get().to(form))
        .route("/verify/{code}", web::get().to(page));
}

/// A code as stored (upper case, letters and digits), or `None` for anything no certificate
/// could carry. Such a request gets the unknown code's page without a database read.
pub fn well_formed(code: &str) -> Option<String> {
    let code = code.trim().to_ascii_uppercase();
    let ok = (1..=40).contains(&code.len()) && code.bytes().all(|c| c.is_ascii_alphanumeric());
    ok.then_some(code)
}

async fn stylesheet(req: HttpRequest) -> HttpResponse {
    public_cache::respond(
        &req,
        "text/css; charset=utf-8",
        html::STYLESHEET.as_bytes().to_vec(),
        Freshness::Lasting,
        &[],
    )
}

/// `/verify`: the form; with `?code=` (what the form sends), a redirect to that code's page.
async fn form(req: HttpRequest) -> HttpResponse {
    let lang = Lang::from_query(req.query_string());
    let typed = form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(key, _)| key == "code")
        .map(|(_, value)| value.into_owned());
    match typed {
        None => public_cache::respond(
            &req,
            HTML,
            html::form_page(lang, &STYLESHEET_URL).into_bytes(),
            Freshness::Lasting,
            &[],
        ),
        Some(typed) => match well_formed(&typed) {
            // 303: the browser follows with a GET, and the address bar shows the code's page.
            Some(code) => HttpResponse::SeeOther()
                .insert_header((
                    header::LOCATION,
                    format!("/verify/{code}{}", lang.query_suffix()),
                ))
                .finish(),
            None => not_found(lang),
        },
    }
}

/// `/verify/{code}`: the certificate's page, or the one 404 page for every code that leads
/// nowhere.
async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> HttpResponse {
    let lang = Lang::from_query(req.query_string());
    let Some(code) = well_formed(&code) else {
        return not_found(lang);
    };
    match public_reads::certificate_by_code(&state.public_db, &code, state.clock.today()).await {
        Ok(cert) => public_cache::respond(
            &req,
            HTML,
            html::certificate_page(lang, &code, &cert, &STYLESHEET_URL).into_bytes(),
            // Asked again every time (cheaply, by ETag): a revocation shows at once.
            Freshness::Revalidate,
            &[],
        ),
        Err(DomainError::NotFound { .. }) => not_found(lang),
        Err(e) => ApiError::Domain(e).error_response(),
    }
}

pub fn not_found(lang: Lang) -> HttpResponse {
    HttpResponse::NotFound()
        .content_type(HTML)
        // A code may be issued later: nobody should keep "not found".
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(html::not_found_page(lang, &STYLESHEET_URL))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_letters_and_digits() {
        assert_eq!(well_formed(" ab23cd "), Some("AB23CD".to_string()));
        for bad in ["", "AB-23", "<script>", "ÀB", &"A".repeat(41)] {
            assert_eq!(well_formed(bad), None, "{bad}");
        }
    }
}
