//! Serves the built SPA at `/`, with client-side routes falling back to `index.html`. Unknown
//! `/api/` paths stay problem+json 404s, never the SPA page.

use std::path::Path;

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::{HttpResponse, ResponseError, web};

use crate::error::ApiError;

pub fn configure(cfg: &mut web::ServiceConfig, dir: &Path) {
    let index = dir.join("index.html");
    cfg.service(
        Files::new("/", dir)
            .index_file("index.html")
            .default_handler(fn_service(move |req: ServiceRequest| {
                let index = index.clone();
                async move {
                    let (req, _) = req.into_parts();
                    if req.path().starts_with("/api/") || req.path() == "/api" {
                        return Ok(ServiceResponse::new(
                            req,
                            ApiError::RouteNotFound.error_response(),
                        ));
                    }
                    let response = match NamedFile::open(&index) {
                        Ok(file) => file.into_response(&req),
                        Err(_) => HttpResponse::NotFound()
                            .content_type("text/plain; charset=utf-8")
                            .body("The SPA is not built: run `cargo run -p xtask -- spa`."),
                    };
                    Ok(ServiceResponse::new(req, response))
                }
            })),
    );
}
