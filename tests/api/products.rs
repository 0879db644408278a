use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

#[tokio::test]
async fn a_product_is_classified_in_the_product_set_in_force() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let subject = app
        .create_subject(&admin, COMMUNE_A, "HTX Cà phê Ea Tu")
        .await;
    let product = app
        .create_product(
            &admin,
            subject["id"].as_str().unwrap(),
            "Cà phê bột Ea Tu",
            "I.6",
        )
        .await;
    assert_eq!(product["product_set"]["code"], "I.6");
    assert_eq!(product["product_set"]["classification"], "26-2026");
    assert_eq!(product["subject_name"], "HTX Cà phê Ea Tu");
    assert_eq!(product["price_min"], 100000);

    let found: Value = app
        .get(&admin, "/api/v1/products?q=ca%20phe&product_set=I")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found["total"], 1);
    let other: Value = app
        .get(&admin, "/api/v1/products?product_set=II")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(other["total"], 0);
}

#[tokio::test]
async fn the_classifications_include_the_2019_and_2026_trees() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let list: Value = app
        .get(&admin, "/api/v1/classifications")
        .await
        .json()
        .await
        .unwrap();
    let list = list.as_array().unwrap();
    let current = list.iter().find(|c| c["in_force"] == true).unwrap();
    assert_eq!(current["code"], "26-2026");
    let sets = current["categories"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["level"] == "product_set")
        .count();
    assert_eq!(sets, 26);
    assert!(list.iter().any(|c| c["code"] == "1048-2019"));
}

#[tokio::test]
async fn prices_must_be_a_non_negative_range_and_nothing_is_stored_otherwise() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let subject = app.create_subject(&admin, COMMUNE_A, "HTX Mật ong").await;
    let id = subject["id"].as_str().unwrap();
    let mut negative = product_body(id, "Mật ong rừng", "I.2.b");
    negative["price_min"] = json!(-1);
    let res = app.post(&admin, "/api/v1/products", negative).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "price_min");

    let mut inverted = product_body(id, "Mật ong rừng", "I.2.b");
    inverted["price_min"] = json!(300000);
    let res = app.post(&admin, "/api/v1/products", inverted).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let res = app
        .post(
            &admin,
            "/api/v1/products",
            product_body(id, "Mật ong rừng", "IX.9"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["errors"][0]["code"], "unknown_product_set");

    let all: Value = app
        .get(&admin, "/api/v1/products")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all["total"], 0);
}

#[tokio::test]
async fn a_tourism_association_registers_only_tourism_products() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let unit = app.unit(&admin, COMMUNE_B).await;
    let mut body = subject_body(unit, "Hội Du lịch cộng đồng Gành Đá Đĩa");
    body["kind"] = json!("tourism_association");
    body["member_count"] = json!(null);
    let subject: Value = app
        .post(&admin, "/api/v1/subjects", body)
        .await
        .json()
        .await
        .unwrap();
    let id = subject["id"].as_str().unwrap();
    let coffee = app
        .post(
            &admin,
            "/api/v1/products",
            product_body(id, "Cà phê", "I.6"),
        )
        .await;
    assert_eq!(coffee.status(), StatusCode::UNPROCESSABLE_ENTITY);
    app.create_product(&admin, id, "Du lịch cộng đồng Gành Đá Đĩa", "VI.1")
        .await;
}

#[tokio::test]
async fn images_are_checked_by_content_stored_and_served_back() {
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
    let path = format!(
        "/api/v1/products/{}/images",
        product["id"].as_str().unwrap()
    );
    let png: Vec<u8> = b"\x89PNG\r\n\x1a\n0000IHDR-test-bytes".to_vec();

    let upload = |body: Vec<u8>, content_type: &'static str| {
        app.client
            .post(app.url(&path))
            .bearer_auth(&admin.token)
            .header("content-type", content_type)
            .header("x-file-name", "khan.png")
            .body(body)
            .send()
    };
    let res = upload(png.clone(), "image/png").await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let image: Value = res.json().await.unwrap();
    assert_eq!(image["byte_size"], png.len());

    let bytes = app.get(&admin, image["url"].as_str().unwrap()).await;
    assert_eq!(bytes.headers()["content-type"], "image/png");
    assert_eq!(bytes.bytes().await.unwrap().to_vec(), png);

    let svg = upload(
        b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
        "image/png",
    )
    .await
    .unwrap();
    assert_eq!(svg.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let big = upload(vec![0xFF; 6 * 1024 * 1024], "image/jpeg")
        .await
        .unwrap();
    assert_eq!(big.status(), StatusCode::PAYLOAD_TOO_LARGE);

    let read: Value = app
        .get(
            &admin,
            &format!("/api/v1/products/{}", product["id"].as_str().unwrap()),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(read["images"].as_array().unwrap().len(), 1);
}
