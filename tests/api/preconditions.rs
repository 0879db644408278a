//! Every change of a versioned record names the version it was made from: 428 without it, 412
//! when the record has moved on since. (The fuzzer found five changes that skipped it.)

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::evaluations::{
    add_to_agenda, cast, checked_dossier, json_of, round_version, round_with_council,
    selection_with_stars,
};
use crate::helpers::*;

fn etag(res: &reqwest::Response) -> String {
    res.headers()["etag"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn agenda_sheets_and_recusals_take_the_version_read() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let id = checked_dossier(&app, &cast, 2026, "first_rating", Some(3)).await;
    let round = round_with_council(&app, &cast, "province").await;
    let round_id = round["id"].as_str().unwrap();
    let agenda = format!("/api/v1/rounds/{round_id}/agenda");
    let version = round["version"].as_i64().unwrap();

    let res = app
        .post(&cast.province, &agenda, json!({"cycle_id": id}))
        .await;
    assert_eq!(res.status(), StatusCode::PRECONDITION_REQUIRED, "agenda");
    let res = app
        .send_if_match(
            &cast.province,
            Method::POST,
            &agenda,
            version - 1,
            Some(json!({"cycle_id": id})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED, "agenda");
    let added = add_to_agenda(&app, &cast, round_id, &id).await;
    assert_eq!(added["version"], version + 1);

    // The first save says there is no sheet yet; every later one names the sheet's version.
    let set_id = added["agenda"][0]["criteria_set_id"].as_i64().unwrap();
    let choices = selection_with_stars(&app, &cast.producer, set_id, 3).await;
    let sheet = format!("/api/v1/rounds/{round_id}/dossiers/{id}/sheet");
    let put = |headers: Vec<(&'static str, String)>| {
        let mut request = app
            .client
            .put(app.url(&sheet))
            .bearer_auth(&cast.chair.token)
            .json(&json!({"choices": choices, "submit": false}));
        for (name, value) in headers {
            request = request.header(name, value);
        }
        request.send()
    };
    let res = put(vec![]).await.unwrap();
    assert_eq!(res.status(), StatusCode::PRECONDITION_REQUIRED, "sheet");
    let res = put(vec![("If-Match", "\"1\"".into())]).await.unwrap();
    assert_eq!(
        res.status(),
        StatusCode::PRECONDITION_FAILED,
        "no sheet has version 1 yet"
    );
    let res = put(vec![("If-None-Match", "*".into())]).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "the first save");
    assert_eq!(etag(&res), "\"1\"");
    let res = put(vec![("If-None-Match", "*".into())]).await.unwrap();
    assert_eq!(
        res.status(),
        StatusCode::PRECONDITION_FAILED,
        "a second tab's first save"
    );
    let res = put(vec![("If-Match", "\"1\"".into())]).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(etag(&res), "\"2\"");
    let saved: Value = res.json().await.unwrap();
    assert_eq!(saved["version"], 2);
    let res = put(vec![("If-Match", "\"1\"".into())]).await.unwrap();
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED, "a stale tab");

    let recusal = format!("/api/v1/rounds/{round_id}/dossiers/{id}/recusal");
    let reason = json!({"reason": "Người thân là thành viên hợp tác xã"});
    let res = app.post(&cast.member, &recusal, reason.clone()).await;
    assert_eq!(res.status(), StatusCode::PRECONDITION_REQUIRED, "recusal");
    let current = round_version(&app, &cast.member, round_id).await;
    let res = app
        .send_if_match(
            &cast.member,
            Method::POST,
            &recusal,
            current - 1,
            Some(reason),
        )
        .await;
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED, "recusal");
    let round: Value = json_of(
        app.get(&cast.member, &format!("/api/v1/rounds/{round_id}"))
            .await,
        StatusCode::OK,
        "round",
    )
    .await;
    assert_eq!(
        round["agenda"][0]["my_sheet"], "none",
        "the refused recusal changed nothing"
    );
}

#[tokio::test]
async fn removing_an_image_takes_the_product_version_and_moves_it_on() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let subject = app.create_subject(&admin, COMMUNE_A, "HTX Thổ cẩm").await;
    let product = app
        .create_product(
            &admin,
            subject["id"].as_str().unwrap(),
            "Khăn thổ cẩm Ê Đê",
            "IV.2",
        )
        .await;
    let product_id = product["id"].as_str().unwrap();
    let version = product["version"].as_i64().unwrap();
    let res = app
        .client
        .post(app.url(&format!("/api/v1/products/{product_id}/images")))
        .bearer_auth(&admin.token)
        .header("content-type", "image/png")
        .header("x-file-name", "khan.png")
        .body(b"\x89PNG\r\n\x1a\n0000IHDR-test-bytes".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let image: Value = res.json().await.unwrap();
    let path = format!(
        "/api/v1/products/{product_id}/images/{}",
        image["id"].as_str().unwrap()
    );

    let res = app.call(&admin, Method::DELETE, &path, None).await;
    assert_eq!(res.status(), StatusCode::PRECONDITION_REQUIRED);
    let res = app
        .send_if_match(&admin, Method::DELETE, &path, version + 1, None)
        .await;
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
    let res = app
        .send_if_match(&admin, Method::DELETE, &path, version, None)
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(etag(&res), format!("\"{}\"", version + 1));

    let read: Value = app
        .get(&admin, &format!("/api/v1/products/{product_id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(read["images"], json!([]));
    assert_eq!(read["version"], version + 1);
}
