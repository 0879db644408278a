//! How the SPA's files are sent: hashed files cached for good, `index.html` revalidated, and the
//! build's brotli or gzip copy chosen by `Accept-Encoding` and sent as it is (the server does
//! not compress it again). The bundle here is a small stand-in with the build's layout, so the
//! test needs no wasm build.

use std::path::Path;

use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, VARY};

use crate::helpers::spawn_app_with_spa;

const JS: &str = "ocop-0123456789abcdef.js";
/// A build's folder, named by the hash of all its files.
const BUILD: &str = "app-0123456789abcdef";
const JS_BODY: &str = "export default function init() { /* the glue */ }";
const BROTLI: &[u8] = b"pretend brotli bytes";
const GZIP: &[u8] = b"pretend gzip bytes";
const INDEX: &str = "<!doctype html><title>OCOP</title><script src=\"/ocop-0123456789abcdef.js\">";

fn bundle(dir: &Path) {
    let put = |name: &str, body: &[u8]| {
        std::fs::write(dir.join(name), body).unwrap_or_else(|e| panic!("write {name}: {e}"));
    };
    put(JS, JS_BODY.as_bytes());
    put(&format!("{JS}.br"), BROTLI);
    put(&format!("{JS}.gz"), GZIP);
    put("index.html", INDEX.as_bytes());
    put("index.html.gz", b"pretend gzipped index");
    put("notes.txt", b"not hashed");
    std::fs::create_dir_all(dir.join(BUILD)).expect("build folder");
    put(
        &format!("{BUILD}/__wasm_split.js"),
        b"export const load = 1;",
    );
    put(".secret", b"hidden");
}

async fn fetch(
    address: &str,
    path: &str,
    accept_encoding: Option<&str>,
) -> (reqwest::StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    // A plain client: the checked one validates API answers, and reqwest here decodes nothing.
    let mut request = reqwest::Client::new().get(format!("{address}{path}"));
    if let Some(value) = accept_encoding {
        request = request.header(ACCEPT_ENCODING, value);
    }
    let response = request.send().await.expect("request");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await.expect("body").to_vec();
    (status, headers, body)
}

fn header<'a>(
    headers: &'a reqwest::header::HeaderMap,
    name: &reqwest::header::HeaderName,
) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[tokio::test]
async fn hashed_files_are_immutable_and_sent_as_the_builds_brotli_or_gzip_copy() {
    let dir = tempfile::tempdir().expect("temp dir");
    bundle(dir.path());
    let app = spawn_app_with_spa(Some(dir.path().to_path_buf())).await;
    let path = format!("/{JS}");

    let (status, headers, body) = fetch(&app.address, &path, Some("gzip, deflate, br")).await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, &CONTENT_ENCODING), "br");
    assert_eq!(body, BROTLI, "the build's file, not compressed again");
    assert_eq!(
        header(&headers, &CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert!(
        header(&headers, &CONTENT_TYPE).starts_with("text/javascript")
            || header(&headers, &CONTENT_TYPE).starts_with("application/javascript")
    );
    assert!(
        header(&headers, &VARY).contains("Accept-Encoding"),
        "{headers:?}"
    );

    let (_, headers, body) = fetch(&app.address, &path, Some("gzip")).await;
    assert_eq!(header(&headers, &CONTENT_ENCODING), "gzip");
    assert_eq!(body, GZIP);

    // Brotli refused by weight: gzip it is.
    let (_, headers, body) = fetch(&app.address, &path, Some("br;q=0, gzip;q=0.8")).await;
    assert_eq!(header(&headers, &CONTENT_ENCODING), "gzip");
    assert_eq!(body, GZIP);

    let (_, headers, body) = fetch(&app.address, &path, None).await;
    assert_eq!(header(&headers, &CONTENT_ENCODING), "");
    assert_eq!(body, JS_BODY.as_bytes());
}

#[tokio::test]
async fn the_page_and_client_routes_are_revalidated_and_nothing_outside_the_bundle_is_served() {
    let dir = tempfile::tempdir().expect("temp dir");
    bundle(dir.path());
    let app = spawn_app_with_spa(Some(dir.path().to_path_buf())).await;

    for path in ["/", "/index.html", "/some/client/route"] {
        let (status, headers, body) = fetch(&app.address, path, None).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(header(&headers, &CACHE_CONTROL), "no-cache", "{path}");
        assert_eq!(body, INDEX.as_bytes(), "{path}");
    }
    // No brotli copy of the page: the gzip one.
    let (_, headers, body) = fetch(&app.address, "/", Some("br, gzip")).await;
    assert_eq!(header(&headers, &CONTENT_ENCODING), "gzip");
    assert_eq!(body, b"pretend gzipped index");

    let (_, headers, _) = fetch(&app.address, "/notes.txt", None).await;
    assert_eq!(
        header(&headers, &CACHE_CONTROL),
        "no-cache",
        "unhashed files may change"
    );

    // Hidden files and escapes are never served.
    for path in ["/.secret", "/..%2F..%2Fetc%2Fpasswd", "/%2e%2e/Cargo.toml"] {
        let (status, _, body) = fetch(&app.address, path, None).await;
        assert_eq!(status, 404, "{path}");
        assert_ne!(body, b"hidden", "{path}");
    }
    // A previous build's wasm, asked for by a tab opened before a deploy: 404, not the page.
    let (status, _, body) = fetch(&app.address, "/ocop_bg-fedcba9876543210.wasm", None).await;
    assert_eq!(status, 404);
    assert_ne!(body, INDEX.as_bytes());

    // API paths stay problem+json.
    let (status, headers, _) = fetch(&app.address, "/api/v1/nowhere", None).await;
    assert_eq!(status, 404);
    assert!(header(&headers, &CONTENT_TYPE).starts_with("application/problem+json"));
}
