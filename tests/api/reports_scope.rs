//! Reports keep to the caller's scope and refuse what they cannot answer.

use chrono::Duration;
use reqwest::StatusCode;

use crate::evaluations::{cast, json_of};
use crate::helpers::*;
use crate::report_files::*;
use crate::reports::REPORTS;

const PROVINCE: &str = "66";

/// The problem's first field and code.
async fn refused(app: &TestApp, user: &User, path: &str) -> (String, String) {
    let problem = json_of(
        app.get(user, path).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        path,
    )
    .await;
    let error = &problem["errors"][0];
    (
        error["field"].as_str().unwrap_or_default().to_string(),
        error["code"].as_str().unwrap_or_default().to_string(),
    )
}

#[tokio::test]
async fn a_commune_officer_reads_its_own_commune_and_a_producer_no_report() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    app.create_subject(&cast.admin, COMMUNE_B, "HTX Dừa Thử")
        .await;
    let commune_b = app.unit(&cast.admin, COMMUNE_B).await;

    for name in REPORTS {
        let report = report(&app, &cast.commune, name, "").await;
        assert_eq!(report["header"]["unit_code"], COMMUNE_A);
        for r in rows(&report) {
            if let Some(code) = r.get("unit_code") {
                assert_eq!(code, COMMUNE_A, "{name}: {r}");
            }
        }
    }
    let summary = report(&app, &cast.commune, "province-summary", "").await;
    assert_eq!(rows(&summary).len(), 1);
    assert_eq!(rows(&summary)[0]["subjects"], 1);
    // Another commune is out of the officer's scope; the province reads it.
    let path = format!("/api/v1/reports/subjects?unit_id={commune_b}");
    json_of(
        app.get(&cast.commune, &path).await,
        StatusCode::NOT_FOUND,
        "commune B",
    )
    .await;
    let theirs = report(
        &app,
        &cast.province,
        "subjects",
        &format!("?unit_id={commune_b}"),
    )
    .await;
    assert_eq!(rows(&theirs).len(), 1);
    assert_eq!(rows(&theirs)[0]["unit_code"], COMMUNE_B);
    // A producer reads no report, not even the list; a viewer reads them.
    let forbidden = |path: &'static str| {
        let (app, producer) = (&app, &cast.producer);
        async move {
            json_of(app.get(producer, path).await, StatusCode::FORBIDDEN, path).await;
        }
    };
    forbidden("/api/v1/reports").await;
    forbidden("/api/v1/reports/products").await;
    forbidden("/api/v1/reports/province-summary?format=csv").await;
    let viewer = app
        .user_with_role(&cast.admin, "viewer", PROVINCE, None)
        .await;
    assert_eq!(rows(&report(&app, &viewer, "subjects", "").await).len(), 2);
}

#[tokio::test]
async fn a_report_refuses_a_future_day_an_unknown_format_and_a_year_it_does_not_take() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let tomorrow = test_day() + Duration::days(1);
    let field = |f: &str, c: &str| (f.to_string(), c.to_string());
    let path = format!("/api/v1/reports/products?as_of={tomorrow}");
    assert_eq!(
        refused(&app, &admin, &path).await,
        field("as_of", "in_future")
    );
    let path = "/api/v1/reports/products?format=pdf";
    assert_eq!(
        refused(&app, &admin, path).await,
        field("format", "unknown_value")
    );
    let path = "/api/v1/reports/subjects?year=2027";
    assert_eq!(
        refused(&app, &admin, path).await,
        field("year", "unknown_field")
    );
    let unknown = app.get(&admin, "/api/v1/reports/no-such-report").await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    // `Accept` picks the format when `format` is not given.
    let (content_type, bytes) = download(&app, &admin, "subjects", "", Some("text/csv")).await;
    assert_eq!(content_type, "text/csv; charset=utf-8");
    assert!(bytes.starts_with("\u{feff}unit_code,unit_name,kind".as_bytes()));
}

/// The JSON is the body itself, made for the request: no attachment, keyed on `Accept`, and a
/// range or a validator changes nothing, as there is no earlier copy to take a part of or to
/// check against.
#[tokio::test]
async fn a_report_answers_its_whole_json_to_a_range_or_a_validator() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    for (name, value) in [
        ("range", "bytes=0-9"),
        ("if-none-match", "*"),
        ("if-match", "\"x\""),
    ] {
        let res = app
            .client
            .get(app.url("/api/v1/reports/subjects"))
            .bearer_auth(&cast.province.token)
            .header(name, value)
            .send()
            .await
            .expect("request");
        assert_eq!(res.status(), StatusCode::OK, "{name}");
        let header = |h: &str| {
            res.headers()
                .get(h)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        assert_eq!(header("content-type").as_deref(), Some("application/json"));
        assert_eq!(header("content-disposition"), None);
        assert_eq!(header("accept-ranges"), None);
        assert!(header("vary").is_some_and(|v| v.contains("Accept")));
        let body: serde_json::Value = res.json().await.expect("json");
        assert_eq!(body["header"]["report"], "subjects", "{name}");
        assert_eq!(body["header"]["unit_code"], PROVINCE);
    }
}
