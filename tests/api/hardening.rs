//! Defects found by fuzzing the contract: huge pages, dates far outside the programme's years,
//! control characters, missing security headers, and public addresses taken from a request.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

async fn problem(res: reqwest::Response, status: StatusCode) -> (String, String) {
    assert_eq!(res.status(), status);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let body: Value = res.json().await.unwrap();
    (
        body["errors"][0]["field"]
            .as_str()
            .unwrap_or_default()
            .into(),
        body["errors"][0]["code"]
            .as_str()
            .unwrap_or_default()
            .into(),
    )
}

#[tokio::test]
async fn a_huge_page_is_refused_and_the_last_page_is_empty() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let subject = app.create_subject(&admin, COMMUNE_A, "HTX Ea Tu").await;
    let audit = format!(
        "audit?entity=subject&id={}&",
        subject["id"].as_str().unwrap()
    );
    for list in [
        "subjects?",
        "products?",
        "users?",
        "cycles?",
        "certificates?",
        audit.as_str(),
    ] {
        for page in ["18446744073709551615", "1000001"] {
            let res = app
                .get(&admin, &format!("/api/v1/{list}page={page}&per_page=100"))
                .await;
            assert_eq!(
                problem(res, StatusCode::UNPROCESSABLE_ENTITY).await,
                ("page".into(), "range".into()),
                "{list}?page={page}"
            );
        }
        let res = app
            .get(&admin, &format!("/api/v1/{list}page=1000000&per_page=100"))
            .await;
        assert_eq!(res.status(), StatusCode::OK, "{list}: the last page");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["items"], json!([]), "{list}");
        assert_eq!(body["page"], 1_000_000, "{list}");
    }
}

#[tokio::test]
async fn responses_carry_security_headers_on_the_api_and_the_spa() {
    let spa = tempfile::tempdir().unwrap();
    std::fs::write(
        spa.path().join("index.html"),
        "<!doctype html><title>OCOP</title>",
    )
    .unwrap();
    let app = spawn_app_with_spa(Some(spa.path().to_path_buf())).await;
    let admin = app.admin().await;
    let api = app.get(&admin, "/api/v1/me").await;
    let page = app.client.get(app.url("/")).send().await.unwrap();
    let deep_link = app.client.get(app.url("/cycles/abc")).send().await.unwrap();
    for res in [api, page, deep_link] {
        let headers = res.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["x-frame-options"], "DENY");
        assert_eq!(
            headers["referrer-policy"],
            "strict-origin-when-cross-origin"
        );
    }
}

#[tokio::test]
async fn dates_outside_1900_to_2100_are_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let province = app
        .user_with_role(&admin, "province_officer", "66", None)
        .await;
    for day in ["9999-12-31", "+10000-04-30", "1899-12-31", "2101-01-01"] {
        let res = app
            .post(
                &province,
                "/api/v1/rounds",
                json!({"level": "province", "name": "Đợt lạ", "opened_on": day}),
            )
            .await;
        let (field, code) = problem(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(
            (field.as_str(), code.as_str()),
            ("opened_on", "date_bounds"),
            "{day}"
        );
    }
    // Spaced variants a date parser may also accept: refused either way, never stored.
    for day in [" 9999-12-31", "9999-12-31 ", "9999 -12-31"] {
        let res = app
            .post(
                &province,
                "/api/v1/rounds",
                json!({"level": "province", "name": "Đợt lạ", "opened_on": day}),
            )
            .await;
        let (field, _) = problem(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(field, "opened_on", "{day:?}");
    }
    let rounds: Value = app
        .get(&province, "/api/v1/rounds")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rounds, json!([]), "no round was stored");

    let unit = app.unit(&admin, COMMUNE_A).await;
    let mut body = subject_body(unit, "HTX Cà phê Ea Tu");
    body["founded_on"] = json!("0001-01-01");
    let res = app.post(&admin, "/api/v1/subjects", body).await;
    assert_eq!(
        problem(res, StatusCode::UNPROCESSABLE_ENTITY).await,
        ("founded_on".into(), "date_bounds".into())
    );
    let res = app.get(&admin, "/api/v1/units?on=9999-12-31").await;
    assert_eq!(
        problem(res, StatusCode::UNPROCESSABLE_ENTITY).await,
        ("on".into(), "date_bounds".into())
    );
}

#[tokio::test]
async fn control_characters_are_refused_with_the_field_named() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let unit = app.unit(&admin, COMMUNE_A).await;
    for (field, value) in [
        ("name", "HTX\u{0}Ea Tu"),
        ("name", "HTX\u{1b}[31m"),
        ("address", "Thôn 1\u{85}"),
    ] {
        let mut body = subject_body(unit, "HTX Ea Tu");
        body[field] = json!(value);
        let res = app.post(&admin, "/api/v1/subjects", body).await;
        assert_eq!(
            problem(res, StatusCode::UNPROCESSABLE_ENTITY).await,
            (field.into(), "control_character".into()),
            "{value:?}"
        );
    }
    let list: Value = app
        .get(&admin, "/api/v1/subjects")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 0, "nothing was stored");

    // Line breaks and tabs are ordinary text in an address.
    let mut body = subject_body(unit, "HTX Ea Tu");
    body["address"] = json!("Thôn 1\nXã Ea Tu\t(đội 2)");
    let res = app.post(&admin, "/api/v1/subjects", body).await;
    assert_eq!(res.status(), StatusCode::CREATED);

    let res = app.get(&admin, "/api/v1/subjects?q=a%00b").await;
    assert_eq!(
        problem(res, StatusCode::UNPROCESSABLE_ENTITY).await,
        ("q".into(), "control_character".into())
    );
}

#[tokio::test]
async fn verification_addresses_come_from_configuration_never_from_the_request() {
    let app = spawn_demo_app_on(test_day()).await;
    let login: Value = app
        .login("tinh@demo.ocop.vn", "ocop-demo-2026")
        .await
        .json()
        .await
        .unwrap();
    let token = login["access_token"].as_str().unwrap();
    let forged = [
        ("host", "evil.example"),
        ("x-forwarded-host", "evil.example"),
        ("x-forwarded-proto", "javascript"),
        ("forwarded", "host=evil.example;proto=javascript"),
    ];
    let mut request = app
        .client
        .get(app.url("/api/v1/certificates?per_page=5"))
        .bearer_auth(token);
    for (name, value) in forged {
        request = request.header(name, value);
    }
    let page: Value = request.send().await.unwrap().json().await.unwrap();
    let first = &page["items"][0];
    let code = first["verification_code"].as_str().unwrap();
    assert_eq!(
        first["verification_url"],
        format!("{PUBLIC_URL}/verify/{code}")
    );

    let qr_path = app.url(&format!("/api/v1/public/certificates/{code}/qr.svg"));
    let plain = app.client.get(&qr_path).send().await.unwrap();
    assert_eq!(plain.status(), StatusCode::OK);
    let plain = plain.bytes().await.unwrap();
    let mut request = app.client.get(&qr_path);
    for (name, value) in forged {
        request = request.header(name, value);
    }
    let with_forged_headers = request.send().await.unwrap().bytes().await.unwrap();
    assert_eq!(
        plain, with_forged_headers,
        "the QR code is the same whatever the request says its host is"
    );
}
