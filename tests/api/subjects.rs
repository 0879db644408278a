use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

#[tokio::test]
async fn an_officer_registers_a_subject_and_reads_it_back_with_its_version() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let officer = app
        .user_with_role(&admin, "province_officer", "66", None)
        .await;
    let created = app
        .create_subject(&officer, COMMUNE_A, "Hợp tác xã Cà phê Ea Tu")
        .await;
    assert_eq!(created["version"], 1);
    assert_eq!(created["status"], "active");

    let res = app
        .get(
            &officer,
            &format!("/api/v1/subjects/{}", created["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["etag"], "\"1\"");
    let read: Value = res.json().await.unwrap();
    assert_eq!(read["name"], "Hợp tác xã Cà phê Ea Tu");
    assert_eq!(read["unit_name"], "Phường Buôn Ma Thuột");
}

#[tokio::test]
async fn search_ignores_vietnamese_diacritics_and_pages_carry_a_total() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    for name in [
        "Hợp tác xã Cà phê Ea Tu",
        "HTX Cà Phê Buôn Hồ",
        "Tổ hợp tác Mật ong Krông Bông",
    ] {
        app.create_subject(&admin, COMMUNE_A, name).await;
    }
    let page: Value = app
        .get(&admin, "/api/v1/subjects?q=ca%20phe&per_page=1")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["total"], 2);
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["per_page"], 1);
    let second: Value = app
        .get(
            &admin,
            "/api/v1/subjects?q=ca%20phe&per_page=1&page=2&sort=-name",
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(second["items"].as_array().unwrap().len(), 1);
    assert_eq!(second["total"], 2);
    let past_the_end: Value = app
        .get(&admin, "/api/v1/subjects?q=ca%20phe&per_page=1&page=9")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(past_the_end["items"].as_array().unwrap().len(), 0);
    assert_eq!(
        past_the_end["total"], 2,
        "the total holds past the last page"
    );
    let none: Value = app
        .get(&admin, "/api/v1/subjects?q=lua%20gao")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(none["total"], 0);
}

#[tokio::test]
async fn a_stale_update_is_refused_with_412_and_changes_nothing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let subject = app
        .create_subject(&admin, COMMUNE_A, "HTX Hồ tiêu Chư Sê")
        .await;
    let path = format!("/api/v1/subjects/{}", subject["id"].as_str().unwrap());

    let first = app
        .patch(&admin, &path, 1, json!({"phone": "0987654321"}))
        .await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()["etag"], "\"2\"");

    let stale = app
        .patch(&admin, &path, 1, json!({"name": "Tên khác"}))
        .await;
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    let read: Value = app.get(&admin, &path).await.json().await.unwrap();
    assert_eq!(read["name"], "HTX Hồ tiêu Chư Sê");
    assert_eq!(read["phone"], "0987654321");

    let missing = app
        .client
        .patch(app.url(&path))
        .bearer_auth(&admin.token)
        .json(&json!({"name": "X Y"}))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::PRECONDITION_REQUIRED);
}

#[tokio::test]
async fn every_change_is_in_the_audit_trail() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let subject = app
        .create_subject(&admin, COMMUNE_A, "HTX Sầu riêng Krông Pắc")
        .await;
    let id = subject["id"].as_str().unwrap();
    app.patch(
        &admin,
        &format!("/api/v1/subjects/{id}"),
        1,
        json!({"women_led": false}),
    )
    .await;
    let history: Value = app
        .get(&admin, &format!("/api/v1/audit?entity=subject&id={id}"))
        .await
        .json()
        .await
        .unwrap();
    let items = history["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["action"], "subject.update");
    assert_eq!(
        items[0]["changes"]["women_led"],
        json!({"from": true, "to": false})
    );
    assert_eq!(items[0]["actor_id"], admin.id.as_str());
    assert_eq!(items[1]["action"], "subject.create");
}

#[tokio::test]
async fn registration_codes_are_unique() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let unit = app.unit(&admin, COMMUNE_A).await;
    let mut body = subject_body(unit, "HTX Một");
    body["registration_code"] = json!("6001234567");
    assert_eq!(
        app.post(&admin, "/api/v1/subjects", body.clone())
            .await
            .status(),
        StatusCode::CREATED
    );
    body["name"] = json!("HTX Hai");
    let dup = app.post(&admin, "/api/v1/subjects", body).await;
    assert_eq!(dup.status(), StatusCode::CONFLICT);
    let problem: Value = dup.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "registration_code");
}

#[tokio::test]
async fn a_subject_with_products_is_archived_never_deleted() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let subject = app
        .create_subject(&admin, COMMUNE_A, "HTX Ca cao Ea Kar")
        .await;
    let id = subject["id"].as_str().unwrap();
    app.create_product(&admin, id, "Sô cô la Ea Kar", "I.6")
        .await;
    let path = format!("/api/v1/subjects/{id}");

    let delete = app
        .client
        .delete(app.url(&path))
        .bearer_auth(&admin.token)
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_eq!(delete.status(), StatusCode::CONFLICT);
    assert_eq!(app.get(&admin, &path).await.status(), StatusCode::OK);

    let archive = app
        .client
        .post(app.url(&format!("{path}/archive")))
        .bearer_auth(&admin.token)
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_eq!(archive.status(), StatusCode::OK);
    let read: Value = app.get(&admin, &path).await.json().await.unwrap();
    assert_eq!(read["status"], "archived");

    let empty = app
        .create_subject(&admin, COMMUNE_A, "HTX Đăng ký nhầm")
        .await;
    let empty_path = format!("/api/v1/subjects/{}", empty["id"].as_str().unwrap());
    let gone = app
        .client
        .delete(app.url(&empty_path))
        .bearer_auth(&admin.token)
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get(&admin, &empty_path).await.status(),
        StatusCode::NOT_FOUND
    );
}
