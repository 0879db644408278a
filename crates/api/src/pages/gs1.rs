//! GS1 Digital Link (GS1 Digital Link URI syntax 1.4, resolver standard 1.1): a package's QR
//! code may carry `{public_url}/01/{gtin}` instead of a certificate's own address, so that any
//! GS1 scanner app understands it and the same code also serves the shop's till. This resolver
//! knows one thing about a GTIN: the product carrying it and its certificate in force.
//!
//! `GET /01/{gtin}` answers 307 to the certificate's verification page (404 when no
//! certificate is in force); `HEAD` answers the same with the `Link` header listing every link
//! (the certificate, the catalogue entry, its JSON-LD, the linkset). Key qualifiers after the
//! GTIN (`/10/{lot}`, `/21/{serial}`) and query attributes are accepted and ignored: a
//! certificate covers every lot. `?linkType=` picks another link (`gs1:pip`), or `linkset`
//! (`all`) gives the links as an RFC 9264 linkset.

use actix_web::http::header::{self, HeaderValue};
use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use ocop_evaluations::store::public::{self as public_reads, GtinTarget};
use ocop_products::gtin_forms;
use serde_json::json;

use crate::error::ApiError;
use crate::pages::verify;
use crate::public_cache::{self, Freshness};
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    for path in ["/01/{gtin}", "/01/{gtin}/{qualifiers:.*}"] {
        cfg.route(path, web::get().to(resolve))
            .route(path, web::head().to(resolve));
    }
}

/// Where the links of one product point.
struct Links {
    /// The GTIN as GS1 Digital Link writes it canonically: 14 digits.
    canonical: String,
    verify: String,
    entry: String,
}

impl Links {
    fn new(public_url: &str, gtin: &str, target: &GtinTarget) -> Self {
        Self {
            canonical: format!("{public_url}/01/{gtin:0>14}"),
            verify: verify::qr::verification_url(public_url, &target.verification_code),
            entry: format!("{public_url}/api/v1/public/products/{}", target.product_id),
        }
    }

    /// The `Link` header (RFC 8288): every link with its relation and media type.
    fn header(&self) -> String {
        format!(
            "<{verify}>; rel=\"gs1:certificationInfo\"; type=\"text/html\"; hreflang=\"vi\", \
             <{entry}>; rel=\"gs1:pip\"; type=\"application/json\", \
             <{entry}>; rel=\"gs1:pip\"; type=\"application/ld+json\", \
             <{canonical}?linkType=linkset>; rel=\"linkset\"; type=\"application/linkset+json\"",
            verify = self.verify,
            entry = self.entry,
            canonical = self.canonical,
        )
    }

    /// The same links as an RFC 9264 linkset, relation types written as GS1's vocabulary IRIs.
    fn linkset(&self) -> serde_json::Value {
        json!({"linkset": [{
            "anchor": self.canonical,
            "https://gs1.org/voc/certificationInfo": [
                {"href": self.verify, "type": "text/html", "hreflang": ["vi", "en"]}
            ],
            "https://gs1.org/voc/pip": [
                {"href": self.entry, "type": "application/json"},
                {"href": self.entry, "type": "application/ld+json"}
            ],
            "https://gs1.org/voc/defaultLink": [{"href": self.verify}]
        }]})
    }
}

/// What `?linkType=` asks for.
enum LinkType {
    /// The verification page: the default link, since what a scan of an OCOP product wants to
    /// know is whether its stars are real.
    Certification,
    Pip,
    Linkset,
}

fn link_type(query: &str) -> LinkType {
    let asked = form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "linkType")
        .map(|(_, value)| value.into_owned());
    match asked.as_deref() {
        Some("gs1:pip" | "pip" | "https://gs1.org/voc/pip") => LinkType::Pip,
        Some("linkset" | "all") => LinkType::Linkset,
        _ => LinkType::Certification,
    }
}

async fn resolve(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let gtin = req.match_info().get("gtin").unwrap_or_default().to_string();
    let Some(forms) = gtin_forms(&gtin) else {
        return not_found();
    };
    let target =
        match public_reads::in_force_by_gtin(&state.public_db, &forms, state.clock.today()).await {
            Ok(Some(target)) => target,
            Ok(None) => return not_found(),
            Err(e) => return ApiError::Domain(e).error_response(),
        };
    let links = Links::new(state.public_url.as_str(), &gtin, &target);
    let link_header = match HeaderValue::from_str(&links.header()) {
        Ok(value) => value,
        Err(e) => return ApiError::BadRequest(e.to_string()).error_response(),
    };
    let location = match link_type(req.query_string()) {
        LinkType::Certification => links.verify.clone(),
        LinkType::Pip => links.entry.clone(),
        LinkType::Linkset => {
            let body = links.linkset().to_string().into_bytes();
            return public_cache::respond(
                &req,
                "application/linkset+json",
                body,
                Freshness::Entry,
                &[(header::LINK, link_header)],
            );
        }
    };
    HttpResponse::TemporaryRedirect()
        .insert_header((header::LOCATION, location))
        .insert_header((header::LINK, link_header))
        // The certificate in force can change (a revocation, a new rating): five minutes.
        .insert_header((header::CACHE_CONTROL, Freshness::Entry.cache_control()))
        .finish()
}

/// No product, or none in force: the verification pages' own 404, in Vietnamese.
fn not_found() -> HttpResponse {
    verify::not_found(verify::text::Lang::Vi)
}
