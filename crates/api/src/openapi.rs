//! The OpenAPI 3.1 document: info, security, the schemas only parameters name. Paths are
//! collected from the routes themselves (`routes::configure`); the error sets they list are in
//! `responses`.

use actix_web::App;
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_actix_web::AppExt;

use crate::error::Problem;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "OCOP platform API",
        version = "1",
        description = "Chương trình mỗi xã một sản phẩm (OCOP): administrative units, users, subjects and products; the evaluation cycle, councils and certificates. \
            Errors are RFC 9457 problem+json, in Vietnamese with `Accept-Language: vi`, English otherwise. \
            Every change takes `If-Match` with the version read (the ETag) and answers 412 when it is stale.",
        license(name = "Apache-2.0")
    ),
    // Enums that only query parameters use: `IntoParams` refers to them by name but, unlike
    // `ToSchema`, never registers them, so without this list their `$ref`s would dangle.
    components(schemas(
        Problem,
        crate::routes::audit::AuditEntity,
        ocop_core::store::audit::TrailEntity,
        ocop_evaluations::AdviceSource,
        ocop_evaluations::CertificateSort,
        ocop_evaluations::CycleSort,
        ocop_evaluations::RoundSort,
        // Named only by the hand-written schema of `min_star_requirements`.
        ocop_evaluations::MinStarRequirement,
        ocop_products::ProductSort,
        ocop_reports::ReportFormat,
        ocop_subjects::SubjectSort
    )),
    tags(
        (name = "auth", description = "Login, tokens, the current user"),
        (name = "units", description = "Administrative units (dated tree)"),
        (name = "users", description = "User management within a scope"),
        (name = "subjects", description = "Producers (chủ thể OCOP)"),
        (name = "products", description = "Products, classification and images"),
        (name = "audit", description = "Change history"),
        (name = "criteria", description = "Criteria instruments and versioned scoring sheets (legal data)"),
        (name = "cycles", description = "A product's annual cycle and its evaluation dossier"),
        (name = "rounds", description = "Evaluation rounds, councils and score sheets"),
        (name = "certificates", description = "Certificates and their computed state"),
        (name = "public", description = "Open to anyone, rate-limited: the catalogue of certified products (feed, changes feed, snapshots, JSON-LD) and certificate verification"),
        (name = "alerts", description = "What needs the caller now"),
        (name = "plans", description = "Programme phases, annual plans, targets and their live progress"),
        (name = "activities", description = "A plan's activities: classes and their participants, fairs and their products"),
        (name = "budgets", description = "Funding sources, budget lines, allocations and the append-only ledger of disbursements"),
        (name = "reports", description = "Reports as JSON, CSV or XLSX: products and certificates, subjects, the cycle pipeline, council results, target progress, the periodic summary by commune"),
        (name = "trade", description = "Points of sale, e-commerce listings and revenue reported by subjects"),
        (name = "api_keys", description = "API keys of machine clients (e-commerce platforms), for administrators"),
        (name = "webhooks", description = "Standard Webhooks endpoints of a key holder, their deliveries and attempts"),
        (name = "operations", description = "Health and readiness")
    )
)]
pub struct ApiDoc;

/// Adds what the derive cannot: the bearer scheme.
pub fn finish(mut api: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    let components = api.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .bearer_format("JWT")
                .build(),
        ),
    );
    crate::rate_limit::document(&mut api);
    crate::routes::reports::document(&mut api);
    api
}

/// The document as served and as committed in `openapi/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::routes::configure)
        .split_for_parts();
    finish(api)
}

pub fn document_json() -> String {
    let mut json = document().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}
