//! The server-rendered verification pages a phone opens from a certificate's QR code, the QR
//! codes themselves, and GS1 Digital Link (`/01/{gtin}`): what a shopper is told for a valid,
//! expiring, expired, revoked and superseded certificate, in Vietnamese and in English; that
//! nothing in a page is markup a producer typed; that a code leading nowhere tells nothing;
//! and that a product's GTIN is checked, unique, and resolves to its certificate in force.

use chrono::{Datelike, Duration, NaiveDate};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::certificates::certify;
use crate::evaluations::{Cast, cast, decision, json_of};
use crate::helpers::*;

/// A plain HTTP answer: the pages are outside the API contract, and redirects are looked at,
/// not followed.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// Fails unless every piece is in the page.
    fn shows(&self, pieces: &[&str]) {
        for piece in pieces {
            assert!(
                self.body.contains(piece),
                "the page lacks {piece:?}:\n{}",
                self.body
            );
        }
    }
}

async fn fetch(app: &TestApp, method: Method, path: &str, etag: Option<&str>) -> Answer {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let mut request = client.request(method, app.url(path));
    if let Some(etag) = etag {
        request = request.header("If-None-Match", etag);
    }
    let res = request.send().await.expect("request");
    Answer {
        status: res.status(),
        headers: res.headers().clone(),
        body: res.text().await.unwrap_or_default(),
    }
}

async fn page(app: &TestApp, path: &str) -> Answer {
    let answer = fetch(app, Method::GET, path, None).await;
    assert_eq!(answer.status, StatusCode::OK, "{path}: {}", answer.body);
    assert!(
        answer.header("content-type").starts_with("text/html"),
        "{path}: {:?}",
        answer.headers
    );
    answer
}

fn vi_date(day: &Value) -> String {
    let day: NaiveDate = day.as_str().expect("date").parse().expect("ISO date");
    day.format("%d/%m/%Y").to_string()
}

fn day_of(value: &Value) -> NaiveDate {
    value.as_str().expect("date").parse().expect("ISO date")
}

/// Renames the cast's product and gives it `gtin`, before it is certified.
async fn set_product(app: &TestApp, cast: &Cast, changes: Value) -> Value {
    let path = format!("/api/v1/products/{}", cast.product_id);
    let product = json_of(app.get(&cast.admin, &path).await, StatusCode::OK, "product").await;
    let version = product["version"].as_i64().expect("version");
    json_of(
        app.patch(&cast.admin, &path, version, changes).await,
        StatusCode::OK,
        "patch product",
    )
    .await
}

/// Uploads a PNG (its signature and a few bytes: images are recognised by their first bytes)
/// as the product's photo.
async fn upload_photo(app: &TestApp, cast: &Cast) -> Value {
    let png = b"\x89PNG\r\n\x1a\n0000IHDR-test-bytes".to_vec();
    json_of(
        app.client
            .post(app.url(&format!("/api/v1/products/{}/images", cast.product_id)))
            .bearer_auth(&cast.admin.token)
            .header("content-type", "image/png")
            .header("x-file-name", "photo.png")
            .body(png)
            .send()
            .await
            .expect("upload"),
        StatusCode::CREATED,
        "upload a photo",
    )
    .await
}

const SCRIPT_NAME: &str = "<script>alert(1)</script>";

#[tokio::test]
async fn a_valid_certificate_reads_valid_then_expiring_then_expired_as_the_days_pass() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    set_product(&app, &cast, json!({"name": SCRIPT_NAME})).await;
    let image = upload_photo(&app, &cast).await;
    let today = test_day();
    let issued = (today - Duration::days(10)).to_string();
    let cert = certify(
        &app,
        &cast,
        today.year() - 1,
        "first_rating",
        4,
        "10/QĐ-UBND",
        &issued,
    )
    .await;
    let code = cert["verification_code"].as_str().expect("code");
    let public = json_of(
        app.client
            .get(app.url(&format!("/api/v1/public/certificates/{code}")))
            .send()
            .await
            .expect("public certificate"),
        StatusCode::OK,
        "public certificate",
    )
    .await;
    let province = public["province_name"].as_str().expect("province");
    assert!(province.contains("Đắk Lắk"), "{public}");
    assert_eq!(public["product_id"], cast.product_id.as_str());
    let path = format!("/verify/{code}");

    // Vietnamese by default, with the product, its stars, producer, place and dates.
    let vi = page(&app, &path).await;
    vi.shows(&[
        "<html lang=\"vi\"",
        "name=\"viewport\"",
        "CÒN HIỆU LỰC",
        "★★★★<span class=\"off\">☆</span>",
        "HTX Cà phê Thử Nghiệm",
        public["unit_name"].as_str().expect("unit"),
        province,
        cert["number"].as_str().expect("number"),
        &vi_date(&cert["issued_on"]),
        &vi_date(&cert["expires_on"]),
        "Ngày cấp",
        &format!("href=\"/verify/{code}?lang=en\""),
    ]);
    // Its photo, from the public catalogue's address (same origin, as the policy wants).
    let photo = format!(
        "/api/v1/public/products/{}/images/{}",
        cast.product_id,
        image["id"].as_str().expect("image id")
    );
    vi.shows(&[&format!("<img class=\"photo\" src=\"{photo}\"")]);
    let served = app.client.get(app.url(&photo)).send().await.expect("photo");
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(
        public["image_url"],
        format!("{PUBLIC_URL}{photo}").as_str(),
        "the API's answer names the photo by its absolute address"
    );
    // The product's name is text, never markup, in the page and in its title.
    vi.shows(&["&lt;script&gt;alert(1)&lt;/script&gt;"]);
    assert!(!vi.body.contains("<script"), "{}", vi.body);
    // Nothing inline for the content security policy to block: the style is a file.
    assert!(!vi.body.contains("<style") && !vi.body.contains("style="));
    let css_link = vi
        .body
        .split("href=\"")
        .find(|s| s.starts_with("/verify.css"))
        .and_then(|s| s.split('"').next())
        .expect("a stylesheet link")
        .to_string();
    let css = page_css(&app, &css_link).await;
    assert!(css.contains(".banner"), "{css}");

    // English on request, with the way back.
    let en = page(&app, &format!("{path}?lang=en")).await;
    en.shows(&[
        "<html lang=\"en\"",
        "VALID",
        "Issued on",
        &format!("href=\"/verify/{code}\""),
    ]);
    assert!(!en.body.contains("CÒN HIỆU LỰC"));

    // Asked again every time, so a revocation shows at once; the re-check costs no body.
    assert_eq!(vi.header("cache-control"), "public, no-cache");
    let etag = vi.header("etag").to_string();
    let again = fetch(&app, Method::GET, &path, Some(&etag)).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), etag);
    // The English page is another body, so another tag.
    assert_ne!(en.header("etag"), etag);

    // Ten days before expiry (a process whose clock stands then): expiring, still in force.
    let expires = day_of(&cert["expires_on"]);
    let later = app.on_day(expires - Duration::days(10)).await;
    page(&later, &path)
        .await
        .shows(&["SẮP HẾT HẠN", "Còn hiệu lực"]);
    page(&later, &format!("{path}?lang=en"))
        .await
        .shows(&["EXPIRING"]);
    // The day after expiry, with no re-rating filed: expired.
    let after = app.on_day(expires + Duration::days(1)).await;
    page(&after, &path).await.shows(&["HẾT HIỆU LỰC"]);
    page(&after, &format!("{path}?lang=en"))
        .await
        .shows(&["EXPIRED"]);
}

async fn page_css(app: &TestApp, path: &str) -> String {
    let answer = fetch(app, Method::GET, path, None).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.header("content-type").starts_with("text/css"));
    assert_eq!(answer.header("cache-control"), "public, max-age=86400");
    answer.body
}

#[tokio::test]
async fn a_superseded_page_leads_to_its_successor_and_a_revoked_one_says_when_and_why() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let today = test_day();
    let earlier = (today - Duration::days(10)).to_string();
    let first = certify(
        &app,
        &cast,
        today.year() - 1,
        "first_rating",
        3,
        "10/QĐ-UBND",
        &earlier,
    )
    .await;
    let second = certify(
        &app,
        &cast,
        today.year(),
        "upgrade",
        4,
        "11/QĐ-UBND",
        &today.to_string(),
    )
    .await;
    let first_code = first["verification_code"].as_str().expect("code");
    let second_code = second["verification_code"].as_str().expect("code");

    let old = page(&app, &format!("/verify/{first_code}")).await;
    old.shows(&[
        "ĐÃ ĐƯỢC THAY THẾ",
        &format!("Được thay thế ngày: {}", today.format("%d/%m/%Y")),
        &format!("href=\"/verify/{second_code}\""),
        "★★★<span class=\"off\">☆☆</span>",
    ]);
    let old_en = page(&app, &format!("/verify/{first_code}?lang=en")).await;
    old_en.shows(&[
        "SUPERSEDED",
        &format!("href=\"/verify/{second_code}?lang=en\""),
    ]);
    page(&app, &format!("/verify/{second_code}"))
        .await
        .shows(&["CÒN HIỆU LỰC"]);

    let path = format!(
        "/api/v1/certificates/{}/revoke",
        second["id"].as_str().expect("id")
    );
    json_of(
        app.send_if_match(
            &cast.province,
            Method::POST,
            &path,
            second["version"].as_i64().expect("version"),
            Some(json!({"ground": "mark_misuse",
                        "decision": decision("12/QĐ-UBND", &today.to_string())})),
        )
        .await,
        StatusCode::OK,
        "revoke",
    )
    .await;
    let revoked = page(&app, &format!("/verify/{second_code}")).await;
    revoked.shows(&[
        "ĐÃ THU HỒI",
        &format!("Thu hồi ngày: {}", today.format("%d/%m/%Y")),
        "Lý do: Sử dụng sai biểu trưng OCOP",
    ]);
    assert!(!revoked.body.contains("CÒN HIỆU LỰC"));
    page(&app, &format!("/verify/{second_code}?lang=en"))
        .await
        .shows(&["REVOKED", "Ground: Misuse of the OCOP mark"]);
}

#[tokio::test]
async fn a_code_that_leads_nowhere_gets_one_404_whatever_it_looks_like() {
    let app = spawn_app().await;
    let unknown = fetch(&app, Method::GET, "/verify/ZZZZZZZZZZZZ", None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.header("content-type").starts_with("text/html"));
    for malformed in [
        "/verify/ab-cd",
        "/verify/%3Cscript%3E",
        "/verify/%20",
        "/verify?code=a%20b",
    ] {
        let answer = fetch(&app, Method::GET, malformed, None).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{malformed}");
        assert_eq!(answer.body, unknown.body, "{malformed}");
    }
    // Nothing of what was typed comes back.
    assert!(!unknown.body.contains("ZZZZ"));

    // The form, and what it sends: a redirect to the code's page, language kept.
    let form = page(&app, "/verify").await;
    form.shows(&[
        "<form method=\"get\" action=\"/verify\"",
        "name=\"code\"",
        "Mã xác thực",
    ]);
    page(&app, "/verify?lang=en")
        .await
        .shows(&["name=\"lang\" value=\"en\"", "Verification code"]);
    let sent = fetch(&app, Method::GET, "/verify?code=+ab23cd+", None).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert_eq!(sent.header("location"), "/verify/AB23CD");
    let sent = fetch(&app, Method::GET, "/verify?code=ab23cd&lang=en", None).await;
    assert_eq!(sent.header("location"), "/verify/AB23CD?lang=en");

    // The QR codes of a code that does not exist are not drawn.
    for qr in ["qr.svg", "qr.png"] {
        let res = app
            .client
            .get(app.url(&format!("/api/v1/public/certificates/ZZZZZZZZZZZZ/{qr}")))
            .send()
            .await
            .expect("qr");
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{qr}");
    }
}

#[tokio::test]
async fn the_qr_codes_are_pictures_cached_for_a_day_and_the_json_has_an_etag() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let today = test_day();
    let cert = certify(
        &app,
        &cast,
        today.year() - 1,
        "first_rating",
        3,
        "10/QĐ-UBND",
        &today.to_string(),
    )
    .await;
    let code = cert["verification_code"].as_str().expect("code");
    let get = |path: String, etag: Option<String>| {
        let mut request = app.client.get(app.url(&path));
        if let Some(etag) = etag {
            request = request.header("If-None-Match", etag);
        }
        request.send()
    };
    for (file, content_type) in [("qr.svg", "image/svg+xml"), ("qr.png", "image/png")] {
        let path = format!("/api/v1/public/certificates/{}/{file}", code.to_lowercase());
        let res = get(path.clone(), None).await.expect("qr");
        assert_eq!(res.status(), StatusCode::OK, "{file}");
        assert_eq!(res.headers()["content-type"], content_type);
        assert_eq!(res.headers()["cache-control"], "public, max-age=86400");
        let etag = res.headers()["etag"].to_str().expect("etag").to_string();
        let bytes = res.bytes().await.expect("body");
        match file {
            "qr.png" => assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n")),
            _ => assert!(String::from_utf8_lossy(&bytes).contains("<svg")),
        }
        let again = get(path, Some(etag)).await.expect("qr");
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{file}");
    }
    // The same code in any case draws the same picture (the address is upper-cased).
    let upper = get(format!("/api/v1/public/certificates/{code}/qr.svg"), None)
        .await
        .expect("qr")
        .bytes()
        .await
        .expect("svg");
    let lower = get(
        format!("/api/v1/public/certificates/{}/qr.svg", code.to_lowercase()),
        None,
    )
    .await
    .expect("qr")
    .bytes()
    .await
    .expect("svg");
    assert_eq!(upper, lower);

    let path = format!("/api/v1/public/certificates/{code}");
    let res = get(path.clone(), None).await.expect("json");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "public, no-cache");
    let etag = res.headers()["etag"].to_str().expect("etag").to_string();
    assert_eq!(
        get(path, Some(etag)).await.expect("json").status(),
        StatusCode::NOT_MODIFIED
    );
}

#[tokio::test]
async fn a_gtin_must_carry_its_check_digit_and_belongs_to_one_product() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let subject = app.create_subject(&admin, COMMUNE_A, "HTX Mật ong").await;
    let subject_id = subject["id"].as_str().expect("subject");
    for (gtin, code) in [
        ("5901234123458", "check_digit"),
        ("12345", "format"),
        ("59012341234a7", "format"),
    ] {
        let mut body = product_body(subject_id, "Mật ong rừng", "I.2.b");
        body["gtin"] = json!(gtin);
        let res = app.post(&admin, "/api/v1/products", body).await;
        let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY, gtin).await;
        assert_eq!(problem["errors"][0]["field"], "gtin", "{problem}");
        assert_eq!(problem["errors"][0]["code"], code, "{problem}");
    }
    let mut body = product_body(subject_id, "Mật ong rừng", "I.2.b");
    body["gtin"] = json!("5901234123457");
    let first = json_of(
        app.post(&admin, "/api/v1/products", body.clone()).await,
        StatusCode::CREATED,
        "first",
    )
    .await;
    assert_eq!(first["gtin"], "5901234123457");
    body["name"] = json!("Mật ong hoa cà phê");
    let problem = json_of(
        app.post(&admin, "/api/v1/products", body).await,
        StatusCode::CONFLICT,
        "duplicate",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "gtin", "{problem}");

    // A patch sets it, checks it and clears it with null.
    let second = app
        .create_product(&admin, subject_id, "Mật ong hoa cà phê", "I.2.b")
        .await;
    assert!(second["gtin"].is_null(), "{second}");
    let path = format!("/api/v1/products/{}", second["id"].as_str().expect("id"));
    let version = second["version"].as_i64().expect("version");
    let res = app
        .patch(&admin, &path, version, json!({"gtin": "5901234123457"}))
        .await;
    assert_eq!(
        json_of(res, StatusCode::CONFLICT, "duplicate by patch").await["errors"][0]["field"],
        "gtin"
    );
    // The same GTIN in its 14-digit writing is the same GTIN.
    let res = app
        .patch(&admin, &path, version, json!({"gtin": "05901234123457"}))
        .await;
    assert_eq!(
        json_of(res, StatusCode::CONFLICT, "duplicate as GTIN-14").await["errors"][0]["field"],
        "gtin"
    );
    let res = app
        .patch(&admin, &path, version, json!({"gtin": "96385075"}))
        .await;
    assert_eq!(
        json_of(res, StatusCode::UNPROCESSABLE_ENTITY, "bad patch").await["errors"][0]["code"],
        "check_digit"
    );
    // Stored in its shortest writing, the number printed under an EAN-8 barcode.
    let set = json_of(
        app.patch(&admin, &path, version, json!({"gtin": "00000096385074"}))
            .await,
        StatusCode::OK,
        "set",
    )
    .await;
    assert_eq!(set["gtin"], "96385074");
    let cleared = json_of(
        app.patch(
            &admin,
            &path,
            set["version"].as_i64().expect("version"),
            json!({"gtin": null}),
        )
        .await,
        StatusCode::OK,
        "clear",
    )
    .await;
    assert!(cleared["gtin"].is_null(), "{cleared}");
}

const GTIN: &str = "8930000000019";

#[tokio::test]
async fn a_gs1_digital_link_resolves_to_the_certificate_in_force_and_lists_its_links() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    set_product(&app, &cast, json!({"gtin": GTIN})).await;
    // Not certified yet: nothing to resolve to.
    assert_eq!(
        fetch(&app, Method::GET, &format!("/01/{GTIN}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let today = test_day();
    let cert = certify(
        &app,
        &cast,
        today.year() - 1,
        "first_rating",
        4,
        "10/QĐ-UBND",
        &today.to_string(),
    )
    .await;
    let code = cert["verification_code"].as_str().expect("code");
    let verify = format!("{PUBLIC_URL}/verify/{code}");
    let entry = format!("{PUBLIC_URL}/api/v1/public/products/{}", cast.product_id);

    // The GTIN as registered, its 14-digit form, with a lot and query attributes.
    for path in [
        format!("/01/{GTIN}"),
        format!("/01/0{GTIN}"),
        format!("/01/0{GTIN}/10/LOT-2027-03?linkType=gs1:certificationInfo"),
        format!("/01/{GTIN}?utm=qr"),
    ] {
        let answer = fetch(&app, Method::GET, &path, None).await;
        assert_eq!(
            answer.status,
            StatusCode::TEMPORARY_REDIRECT,
            "{path}: {}",
            answer.body
        );
        assert_eq!(answer.header("location"), verify, "{path}");
    }
    let pip = fetch(
        &app,
        Method::GET,
        &format!("/01/{GTIN}?linkType=gs1:pip"),
        None,
    )
    .await;
    assert_eq!(pip.header("location"), entry);

    // HEAD names every link.
    let head = fetch(&app, Method::HEAD, &format!("/01/{GTIN}"), None).await;
    assert_eq!(head.status, StatusCode::TEMPORARY_REDIRECT);
    let links = head.header("link");
    for expected in [
        format!("<{verify}>; rel=\"gs1:certificationInfo\""),
        format!("<{entry}>; rel=\"gs1:pip\"; type=\"application/json\""),
        format!("<{entry}>; rel=\"gs1:pip\"; type=\"application/ld+json\""),
        format!("<{PUBLIC_URL}/01/0{GTIN}?linkType=linkset>; rel=\"linkset\""),
    ] {
        assert!(links.contains(&expected), "{expected} not in {links}");
    }
    let linkset = fetch(
        &app,
        Method::GET,
        &format!("/01/{GTIN}?linkType=linkset"),
        None,
    )
    .await;
    assert_eq!(linkset.status, StatusCode::OK);
    assert_eq!(linkset.header("content-type"), "application/linkset+json");
    let linkset: Value = serde_json::from_str(&linkset.body).expect("linkset json");
    assert_eq!(
        linkset["linkset"][0]["https://gs1.org/voc/certificationInfo"][0]["href"],
        verify.as_str()
    );

    // Another GTIN, or a mistyped one, resolves to nothing.
    for other in ["5901234123457", "8930000000018", "893"] {
        assert_eq!(
            fetch(&app, Method::GET, &format!("/01/{other}"), None)
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{other}"
        );
    }

    // Revoked: the link leads nowhere any more.
    let path = format!(
        "/api/v1/certificates/{}/revoke",
        cert["id"].as_str().expect("id")
    );
    json_of(
        app.send_if_match(
            &cast.province,
            Method::POST,
            &path,
            cert["version"].as_i64().expect("version"),
            Some(json!({"ground": "production_stopped",
                        "decision": decision("12/QĐ-UBND", &today.to_string())})),
        )
        .await,
        StatusCode::OK,
        "revoke",
    )
    .await;
    assert_eq!(
        fetch(&app, Method::GET, &format!("/01/{GTIN}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
