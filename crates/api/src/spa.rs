//! Serves the built SPA at `/`, with client-side routes falling back to `index.html`. Unknown
//! `/api/` paths stay problem+json 404s, never the SPA page.
//!
//! The build (`cargo xtask spa`) names the JS, wasm and CSS by a hash of their content and
//! leaves a `.br` and a `.gz` beside each text or wasm file. So a hashed file is cached for a year
//! (`immutable`: a new build is a new name), `index.html` is revalidated on every visit
//! (`no-cache`), and a browser that accepts brotli or gzip gets the file compressed at build
//! time, with nothing compressed per request.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use actix_files::NamedFile;
use actix_web::http::Method;
use actix_web::http::header::{self, AcceptEncoding, ContentEncoding, Encoding, Header};
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};

use crate::error::ApiError;

/// A year, the longest `max-age` caches are expected to honour; `immutable` spares even the
/// revalidation on reload.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Kept, but checked with the server (ETag, Last-Modified) before each use.
const REVALIDATE: &str = "no-cache";

pub fn configure(cfg: &mut web::ServiceConfig, dir: &Path) {
    let dir = Arc::new(dir.to_path_buf());
    cfg.default_service(web::to(move |req: HttpRequest| {
        let dir = Arc::clone(&dir);
        async move { serve(&req, &dir) }
    }));
}

fn serve(req: &HttpRequest, dir: &Path) -> HttpResponse {
    let path = req.path();
    if path.starts_with("/api/") || path == "/api" {
        return ApiError::RouteNotFound.error_response();
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return HttpResponse::MethodNotAllowed()
            .insert_header((header::ALLOW, "GET, HEAD"))
            .finish();
    }
    match file_in(dir, path) {
        Some(file) => send(req, &file, cache_for(path)),
        // A file that is not there, such as the wasm of the build before a deploy that an open
        // tab still asks for: a 404, never the page, which the browser would fail to run.
        None if looks_like_a_file(path) => HttpResponse::NotFound()
            .content_type("text/plain; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, REVALIDATE))
            .body("No such file."),
        // A client-side route (`/`, or a path the SPA answers itself).
        None => {
            let index = dir.join("index.html");
            if index.is_file() {
                send(req, &index, REVALIDATE)
            } else {
                HttpResponse::NotFound()
                    .content_type("text/plain; charset=utf-8")
                    .body("The SPA is not built: run `cargo run -p xtask -- spa`.")
            }
        }
    }
}

/// The file `path` names inside `dir`, if it is one: only plain names (no `..`, no hidden
/// files, no backslashes), so nothing outside the bundle can be reached.
fn file_in(dir: &Path, path: &str) -> Option<PathBuf> {
    let relative = path.trim_start_matches('/');
    if relative.is_empty() {
        return None;
    }
    let safe = relative.split('/').all(|part| {
        !part.is_empty()
            && !part.starts_with('.')
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    });
    let file = dir.join(relative);
    (safe && file.is_file()).then_some(file)
}

/// The SPA's routes live in the hash, so a path whose last part has an extension asks for a
/// file, not for the page.
fn looks_like_a_file(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
}

/// Hashed names never change content: a file named by its hash (`style-0123456789abcdef.css`)
/// or anything in a build's folder named by the hash of all its files (`app-0123456789abcdef/`).
fn cache_for(path: &str) -> &'static str {
    let hashed = |name: &str| {
        let stem = name.split('.').next().unwrap_or(name);
        stem.rsplit_once('-').is_some_and(|(_, hash)| {
            hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
        })
    };
    let mut parts = path.trim_start_matches('/').split('/');
    let first = parts.next().unwrap_or("");
    let in_build = first.starts_with("app-") && hashed(first) && parts.next().is_some();
    if in_build || hashed(path.rsplit('/').next().unwrap_or("")) {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

/// Sends `file`, or its build-time `.br` / `.gz` copy when the client accepts that encoding.
fn send(req: &HttpRequest, file: &Path, cache: &'static str) -> HttpResponse {
    let mime = actix_files::file_extension_to_mime(
        file.extension().and_then(|e| e.to_str()).unwrap_or(""),
    );
    let (path, encoding) = precompressed(req, file);
    let opened = NamedFile::open(&path).map(|named| {
        let named = named.set_content_type(mime).disable_content_disposition();
        match encoding {
            Some(encoding) => named.set_content_encoding(encoding),
            None => named,
        }
    });
    match opened {
        Ok(named) => {
            let mut response = named.into_response(req);
            let headers = response.headers_mut();
            headers.insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static(cache),
            );
            // Caches must keep the brotli, gzip and plain answers apart.
            headers.insert(
                header::VARY,
                header::HeaderValue::from_static("Accept-Encoding"),
            );
            response
        }
        Err(_) => HttpResponse::NotFound().finish(),
    }
}

/// The best copy of `file` the client accepts: brotli, then gzip, then the file itself, among
/// the copies the build left.
fn precompressed(req: &HttpRequest, file: &Path) -> (PathBuf, Option<ContentEncoding>) {
    let copy = |suffix: &str| {
        let mut name = file.as_os_str().to_os_string();
        name.push(".");
        name.push(suffix);
        PathBuf::from(name)
    };
    let (brotli, gzip) = (copy("br"), copy("gz"));
    let mut offered = vec![Encoding::identity()];
    if brotli.is_file() {
        offered.push(Encoding::brotli());
    }
    if gzip.is_file() {
        offered.push(Encoding::gzip());
    }
    let choice = AcceptEncoding::parse(req)
        .ok()
        .and_then(|accept| accept.negotiate(offered.iter()));
    match choice {
        Some(e) if e == Encoding::brotli() => (brotli, Some(ContentEncoding::Brotli)),
        Some(e) if e == Encoding::gzip() => (gzip, Some(ContentEncoding::Gzip)),
        _ => (file.to_path_buf(), None),
    }
}
