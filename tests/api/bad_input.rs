//! Bad input gets a 4xx problem naming the field, never a 500, and nothing is written.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

async fn send_raw(app: &TestApp, user: &User, body: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/subjects"))
        .bearer_auth(&user.token)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn bad_bodies_get_problems_naming_the_field_and_write_nothing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let unit = app.unit(&admin, COMMUNE_A).await;

    let malformed = send_raw(&app, &admin, "{\"kind\": ").await;
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        malformed.headers()["content-type"],
        "application/problem+json"
    );

    let mut wrong_type = subject_body(unit, "HTX A");
    wrong_type["member_count"] = json!("many");
    let res = app.post(&admin, "/api/v1/subjects", wrong_type).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.json::<Value>().await.unwrap()["errors"][0]["field"],
        "member_count"
    );

    let mut unknown_enum = subject_body(unit, "HTX A");
    unknown_enum["kind"] = json!("corporation");
    let res = app.post(&admin, "/api/v1/subjects", unknown_enum).await;
    assert_eq!(
        res.json::<Value>().await.unwrap()["errors"][0]["code"],
        "unknown_value"
    );

    let mut unknown_field = subject_body(unit, "HTX A");
    unknown_field["status"] = json!("active");
    let res = app.post(&admin, "/api/v1/subjects", unknown_field).await;
    assert_eq!(
        res.json::<Value>().await.unwrap()["errors"][0]["field"],
        "status"
    );

    let mut bad_phone = subject_body(unit, "HTX A");
    bad_phone["phone"] = json!("12345");
    bad_phone["name"] = json!("");
    let res = app.post(&admin, "/api/v1/subjects", bad_phone).await;
    let problem: Value = res.json().await.unwrap();
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"name") && fields.contains(&"phone"),
        "{problem}"
    );

    let mut not_collective = subject_body(unit, "Doanh nghiệp A");
    not_collective["kind"] = json!("sme");
    let res = app.post(&admin, "/api/v1/subjects", not_collective).await;
    assert_eq!(
        res.json::<Value>().await.unwrap()["errors"][0]["field"],
        "member_count"
    );

    let huge = format!("{{\"name\": \"{}\"}}", "a".repeat(100 * 1024));
    assert_eq!(
        send_raw(&app, &admin, &huge).await.status(),
        StatusCode::PAYLOAD_TOO_LARGE
    );

    let not_json = app
        .client
        .post(app.url("/api/v1/subjects"))
        .bearer_auth(&admin.token)
        .body("kind=x")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let bad_uuid = app.get(&admin, "/api/v1/subjects/not-a-uuid").await;
    assert!(bad_uuid.status().is_client_error());
    let bad_page = app.get(&admin, "/api/v1/subjects?per_page=100000").await;
    assert_eq!(bad_page.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let bad_filter = app.get(&admin, "/api/v1/subjects?kind=corporation").await;
    assert_eq!(bad_filter.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let list: Value = app
        .get(&admin, "/api/v1/subjects")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 0);
}

#[tokio::test]
async fn problems_speak_vietnamese_when_asked() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let res = app
        .client
        .post(app.url("/api/v1/subjects"))
        .bearer_auth(&admin.token)
        .header("accept-language", "vi-VN,vi;q=0.9")
        .json(&json!({"kind": "cooperative"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["title"], "Dữ liệu không hợp lệ");
    assert_eq!(problem["errors"][0]["message"], "Trường này là bắt buộc");
    assert_eq!(problem["instance"], "/api/v1/subjects");
}

#[tokio::test]
async fn a_star_filter_outside_three_to_five_is_refused_and_non_json_logins_get_415() {
    let app = spawn_app().await;
    let admin = app.admin().await;

    for stars in [0, 2, 6] {
        let res = app
            .get(&admin, &format!("/api/v1/certificates?stars={stars}"))
            .await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "stars={stars}"
        );
        assert_eq!(
            res.json::<Value>().await.unwrap()["errors"][0]["field"],
            "stars"
        );
    }
    let res = app.get(&admin, "/api/v1/certificates?stars=4").await;
    assert_eq!(res.status(), StatusCode::OK);

    // The contract check of the client verifies that the 415 is documented for auth.login.
    let form = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("email={ADMIN_EMAIL}&password=x"))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}
