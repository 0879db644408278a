//! Points of sale, e-commerce listings and revenue reports: who records them, the rules on their
//! days and links, scope, versions, and two requests racing for one product on sale.

use futures_util::future::join;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::evaluations::json_of;
use crate::helpers::*;

const PROVINCE: &str = "66";

fn point_body(unit: i64, name: &str, opened_on: &str) -> Value {
    json!({
        "kind": "display_point", "name": name, "unit_id": unit,
        "address": "Chợ Buôn Ma Thuột, đường Phan Bội Châu",
        "latitude": 12.6797, "longitude": 108.0446,
        "opened_on": opened_on, "closed_on": null
    })
}

async fn open_point(app: &TestApp, user: &User, unit: i64, name: &str, opened_on: &str) -> Value {
    json_of(
        app.post(
            user,
            "/api/v1/points-of-sale",
            point_body(unit, name, opened_on),
        )
        .await,
        StatusCode::CREATED,
        "open a point of sale",
    )
    .await
}

/// A subject in `unit_code` with one product: (subject id, product id).
async fn subject_with_product(
    app: &TestApp,
    admin: &User,
    unit_code: &str,
    name: &str,
) -> (String, String) {
    let subject = app.create_subject(admin, unit_code, name).await;
    let subject_id = subject["id"].as_str().unwrap().to_string();
    let product = app
        .create_product(admin, &subject_id, &format!("Cà phê bột {name}"), "I.6")
        .await;
    (subject_id, product["id"].as_str().unwrap().to_string())
}

async fn problem(res: reqwest::Response, expected: StatusCode, what: &str) -> (String, String) {
    let body = json_of(res, expected, what).await;
    (
        body["errors"][0]["field"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        body["errors"][0]["code"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    )
}

#[tokio::test]
async fn an_officer_opens_a_point_in_a_commune_puts_a_product_on_sale_and_ends_it() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let officer = app
        .user_with_role(&admin, "commune_officer", COMMUNE_A, None)
        .await;
    let (_, product) = subject_with_product(&app, &admin, COMMUNE_A, "HTX Ea Tu").await;
    let unit = app.unit(&officer, COMMUNE_A).await;
    let point = open_point(
        &app,
        &officer,
        unit,
        "Điểm giới thiệu và bán sản phẩm OCOP chợ Buôn Ma Thuột",
        "2027-01-15",
    )
    .await;
    assert_eq!(point["version"], 1);
    assert_eq!(point["product_count"], 0);
    assert_eq!(point["unit_name"], "Phường Buôn Ma Thuột");
    let id = point["id"].as_str().unwrap();
    let products = format!("/api/v1/points-of-sale/{id}/products");

    let res = app
        .post(
            &officer,
            &products,
            json!({"product_id": product, "since": "2027-01-01"}),
        )
        .await;
    let refused = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "before opening").await;
    assert_eq!(refused, ("since".into(), "before_opening".into()));

    let on_sale = json_of(
        app.post(
            &officer,
            &products,
            json!({"product_id": product, "since": "2027-02-01"}),
        )
        .await,
        StatusCode::CREATED,
        "put on sale",
    )
    .await;
    assert_eq!(on_sale["product_name"], "Cà phê bột HTX Ea Tu");
    assert_eq!(on_sale["subject_name"], "HTX Ea Tu");
    assert_eq!(on_sale["until"], Value::Null);
    let read = json_of(
        app.get(&officer, &format!("/api/v1/points-of-sale/{id}"))
            .await,
        StatusCode::OK,
        "point",
    )
    .await;
    assert_eq!(read["product_count"], 1);

    let res = app
        .post(
            &officer,
            &products,
            json!({"product_id": product, "since": "2027-03-01"}),
        )
        .await;
    let refused = problem(res, StatusCode::CONFLICT, "twice on sale").await;
    assert_eq!(refused.0, "product_id");

    let end = format!("{products}/{product}/end");
    let res = app
        .post(&officer, &end, json!({"until": "2027-01-20"}))
        .await;
    let refused = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "end before start").await;
    assert_eq!(refused, ("until".into(), "before_start".into()));
    let point_path = format!("/api/v1/points-of-sale/{id}");
    let version_of = |res: Value| res["version"].as_i64().unwrap();
    let open = version_of(app.get(&officer, &point_path).await.json().await.unwrap());
    let ended = json_of(
        app.post(&officer, &end, json!({"until": "2027-03-05"}))
            .await,
        StatusCode::OK,
        "end sale",
    )
    .await;
    assert_eq!(ended["until"], "2027-03-05");
    // Ending a sale moves the point's version on: its event carries a version of its own.
    let after = version_of(app.get(&officer, &point_path).await.json().await.unwrap());
    assert_eq!(after, open + 1);
    let res = app
        .post(&officer, &end, json!({"until": "2027-03-06"}))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "nothing left to end");

    // Past and present sales stay listed; the count follows the day asked.
    let listed = json_of(
        app.get(&officer, &products).await,
        StatusCode::OK,
        "products",
    )
    .await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["until"], "2027-03-05");
    let today = json_of(
        app.get(&officer, &format!("/api/v1/points-of-sale/{id}"))
            .await,
        StatusCode::OK,
        "point",
    )
    .await;
    assert_eq!(today["product_count"], 0, "ended before today");
    let in_february = json_of(
        app.get(&officer, "/api/v1/points-of-sale?open_on=2027-02-15")
            .await,
        StatusCode::OK,
        "list on a past day",
    )
    .await;
    assert_eq!(in_february["items"][0]["product_count"], 1);
}

#[tokio::test]
async fn points_are_listed_by_unit_and_by_the_days_they_are_open_within_scope() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let unit_a = app.unit(&admin, COMMUNE_A).await;
    let unit_b = app.unit(&admin, COMMUNE_B).await;
    open_point(
        &app,
        &admin,
        unit_a,
        "Ki-ốt chợ Buôn Ma Thuột",
        "2027-01-01",
    )
    .await;
    let mut closed = point_body(unit_b, "Cửa hàng OCOP Tuy Hòa", "2026-01-01");
    closed["kind"] = json!("shop");
    closed["closed_on"] = json!("2026-12-31");
    json_of(
        app.post(&admin, "/api/v1/points-of-sale", closed).await,
        StatusCode::CREATED,
        "closed shop",
    )
    .await;

    let names = |page: Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect()
    };
    let list = |user: User, query: String| {
        let app = &app;
        async move {
            json_of(
                app.get(&user, &format!("/api/v1/points-of-sale{query}"))
                    .await,
                StatusCode::OK,
                "list",
            )
            .await
        }
    };
    assert_eq!(
        names(list(admin.clone(), format!("?unit_id={unit_a}")).await),
        ["Ki-ốt chợ Buôn Ma Thuột"]
    );
    assert_eq!(
        names(list(admin.clone(), "?open_on=2027-03-01".into()).await),
        ["Ki-ốt chợ Buôn Ma Thuột"]
    );
    assert_eq!(
        names(list(admin.clone(), "?open_on=2026-06-01".into()).await),
        ["Cửa hàng OCOP Tuy Hòa"]
    );
    assert_eq!(
        names(list(admin.clone(), "?kind=shop".into()).await),
        ["Cửa hàng OCOP Tuy Hòa"]
    );
    assert_eq!(names(list(admin.clone(), String::new()).await).len(), 2);

    // A commune officer sees its commune's point only; the other is not found.
    let officer = app
        .user_with_role(&admin, "commune_officer", COMMUNE_A, None)
        .await;
    let seen = list(officer.clone(), String::new()).await;
    assert_eq!(names(seen), ["Ki-ốt chợ Buôn Ma Thuột"]);
    let all = list(admin.clone(), "?kind=shop".into()).await;
    let other = all["items"][0]["id"].as_str().unwrap();
    let res = app
        .get(&officer, &format!("/api/v1/points-of-sale/{other}"))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_point_outside_scope_above_a_commune_or_with_half_its_coordinates_is_refused() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let officer = app
        .user_with_role(&admin, "commune_officer", COMMUNE_A, None)
        .await;
    let unit_a = app.unit(&admin, COMMUNE_A).await;
    let unit_b = app.unit(&admin, COMMUNE_B).await;
    let province = app.unit(&admin, PROVINCE).await;
    let post = |user: User, body: Value| {
        let app = &app;
        async move { app.post(&user, "/api/v1/points-of-sale", body).await }
    };

    let res = post(
        officer.clone(),
        point_body(unit_b, "Ki-ốt Tuy Hòa", "2027-01-01"),
    )
    .await;
    let refused = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "other commune").await;
    assert_eq!(refused.0, "unit_id");
    let res = post(
        admin.clone(),
        point_body(province, "Trung tâm OCOP tỉnh", "2027-01-01"),
    )
    .await;
    let refused = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "province").await;
    assert_eq!(refused, ("unit_id".into(), "not_a_commune".into()));

    let mut half = point_body(unit_a, "Ki-ốt chợ Buôn Ma Thuột", "2027-01-01");
    half["longitude"] = Value::Null;
    let refused = problem(
        post(officer.clone(), half).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "lat only",
    )
    .await;
    assert_eq!(refused, ("longitude".into(), "required".into()));

    let mut backwards = point_body(unit_a, "Ki-ốt chợ Buôn Ma Thuột", "2027-01-01");
    backwards["closed_on"] = json!("2026-12-31");
    let refused = problem(
        post(officer.clone(), backwards).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "closed first",
    )
    .await;
    assert_eq!(refused, ("closed_on".into(), "before_start".into()));
}

/// A producer names another subject's product in the body: that product is outside its scope,
/// and a body that names what the caller may not see is told as unknown (422 on `product_id`,
/// as `subject_id` is for products) — the same answer as a product that does not exist.
#[tokio::test]
async fn a_producer_lists_its_own_product_on_https_but_not_another_subjects() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (own_subject, own) = subject_with_product(&app, &admin, COMMUNE_A, "HTX Ea Tu").await;
    let (other_subject, other) = subject_with_product(&app, &admin, COMMUNE_A, "HTX Buôn Hồ").await;
    let producer = app
        .user_with_role(&admin, "producer", COMMUNE_A, Some(&own_subject))
        .await;
    let listing = |product: &str, url: &str, since: &str, until: Value| json!({"product_id": product, "platform": "Shopee", "url": url, "since": since, "until": until});
    let shopee = "https://shopee.vn/ca-phe-bot-ea-tu-i.123.456";

    let created = json_of(
        app.post(
            &producer,
            "/api/v1/listings",
            listing(&own, shopee, "2027-01-10", json!("2027-02-28")),
        )
        .await,
        StatusCode::CREATED,
        "own listing",
    )
    .await;
    assert_eq!(created["subject_id"], own_subject.as_str());
    assert_eq!(created["product_name"], "Cà phê bột HTX Ea Tu");
    let res = app
        .post(
            &producer,
            "/api/v1/listings",
            listing(&other, shopee, "2027-01-10", Value::Null),
        )
        .await;
    let refused = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "other's product").await;
    assert_eq!(refused, ("product_id".into(), "unknown_product".into()));
    let res = app
        .post(
            &producer,
            "/api/v1/listings",
            listing(&own, "http://shopee.vn/x", "2027-01-10", Value::Null),
        )
        .await;
    let refused = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "http").await;
    assert_eq!(refused, ("url".into(), "https_required".into()));
    let res = app
        .post(
            &producer,
            "/api/v1/listings",
            listing(&own, shopee, "2027-03-01", json!("2027-02-01")),
        )
        .await;
    let refused = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "backwards").await;
    assert_eq!(refused, ("until".into(), "before_start".into()));

    let postmart = "https://postmart.vn/ca-phe-ea-tu";
    let mut current = listing(&own, postmart, "2027-03-01", Value::Null);
    current["platform"] = json!("Postmart");
    json_of(
        app.post(&producer, "/api/v1/listings", current).await,
        StatusCode::CREATED,
        "second listing",
    )
    .await;
    json_of(
        app.post(
            &admin,
            "/api/v1/listings",
            listing(&other, shopee, "2027-01-01", Value::Null),
        )
        .await,
        StatusCode::CREATED,
        "officer lists another's product",
    )
    .await;

    let platforms = |page: Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["platform"].as_str().unwrap().to_string())
            .collect()
    };
    let get = |user: User, query: &'static str| {
        let app = &app;
        async move {
            json_of(
                app.get(&user, &format!("/api/v1/listings{query}")).await,
                StatusCode::OK,
                query,
            )
            .await
        }
    };
    assert_eq!(get(producer.clone(), "").await["total"], 2, "its own only");
    assert_eq!(get(admin.clone(), "").await["total"], 3);
    assert_eq!(
        platforms(get(producer.clone(), "?live_on=2027-02-01").await),
        ["Shopee"]
    );
    assert_eq!(
        platforms(get(producer.clone(), "?live_on=2027-03-05").await),
        ["Postmart"]
    );
    let of_other = app
        .get(
            &admin,
            &format!("/api/v1/listings?subject_id={other_subject}"),
        )
        .await;
    assert_eq!(
        json_of(of_other, StatusCode::OK, "by subject").await["total"],
        1
    );

    // Ending is an edit at the version read; deleting is for a listing recorded by mistake.
    let path = format!("/api/v1/listings/{}", created["id"].as_str().unwrap());
    let res = app
        .patch(&producer, &path, 0, json!({"until": "2027-02-20"}))
        .await;
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
    let ended = json_of(
        app.patch(&producer, &path, 1, json!({"until": "2027-02-20"}))
            .await,
        StatusCode::OK,
        "end listing",
    )
    .await;
    assert_eq!(ended["until"], "2027-02-20");
    assert_eq!(ended["version"], 2);
    let res = app
        .send_if_match(&producer, Method::DELETE, &path, 2, None)
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(get(producer.clone(), "").await["total"], 1);
}

#[tokio::test]
async fn revenue_is_reported_once_per_subject_year_and_channel_and_never_negative() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (own, _) = subject_with_product(&app, &admin, COMMUNE_A, "HTX Ea Tu").await;
    let (other, _) = subject_with_product(&app, &admin, COMMUNE_A, "HTX Buôn Hồ").await;
    let producer = app
        .user_with_role(&admin, "producer", COMMUNE_A, Some(&own))
        .await;
    let report = |subject: &str, amount: i64| json!({"subject_id": subject, "year": 2026, "channel": "ecommerce", "amount": amount});

    let first = json_of(
        app.post(
            &producer,
            "/api/v1/revenue-reports",
            report(&own, 850_000_000),
        )
        .await,
        StatusCode::CREATED,
        "report",
    )
    .await;
    assert_eq!(first["reported_on"], test_day().to_string());
    assert_eq!(first["subject_name"], "HTX Ea Tu");
    let res = app
        .post(
            &producer,
            "/api/v1/revenue-reports",
            report(&own, 900_000_000),
        )
        .await;
    let refused = problem(res, StatusCode::CONFLICT, "duplicate").await;
    assert_eq!(refused.0, "channel");
    let res = app
        .post(&producer, "/api/v1/revenue-reports", report(&own, -1))
        .await;
    let refused = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "negative").await;
    assert_eq!(refused, ("amount".into(), "range".into()));
    let res = app
        .post(&producer, "/api/v1/revenue-reports", report(&other, 1))
        .await;
    let refused = problem(res, StatusCode::UNPROCESSABLE_ENTITY, "other subject").await;
    assert_eq!(refused, ("subject_id".into(), "unknown_subject".into()));
    json_of(
        app.post(
            &admin,
            "/api/v1/revenue-reports",
            report(&other, 120_000_000),
        )
        .await,
        StatusCode::CREATED,
        "officer reports",
    )
    .await;

    let mine = json_of(
        app.get(&producer, "/api/v1/revenue-reports?year=2026")
            .await,
        StatusCode::OK,
        "own reports",
    )
    .await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let all = json_of(
        app.get(&admin, "/api/v1/revenue-reports").await,
        StatusCode::OK,
        "all",
    )
    .await;
    assert_eq!(all.as_array().unwrap().len(), 2);

    let path = format!("/api/v1/revenue-reports/{}", first["id"].as_str().unwrap());
    let res = app
        .patch(&producer, &path, 0, report(&own, 910_000_000))
        .await;
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
    let corrected = json_of(
        app.patch(&producer, &path, 1, report(&own, 910_000_000))
            .await,
        StatusCode::OK,
        "correct",
    )
    .await;
    assert_eq!(corrected["amount"], 910_000_000);
    assert_eq!(corrected["version"], 2);
}

#[tokio::test]
async fn a_viewer_reads_trade_records_but_records_none_and_a_producer_reads_no_points() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (subject, product) = subject_with_product(&app, &admin, COMMUNE_A, "HTX Ea Tu").await;
    let viewer = app.user_with_role(&admin, "viewer", PROVINCE, None).await;
    let producer = app
        .user_with_role(&admin, "producer", COMMUNE_A, Some(&subject))
        .await;
    let unit = app.unit(&admin, COMMUNE_A).await;
    let point = open_point(&app, &admin, unit, "Ki-ốt chợ Buôn Ma Thuột", "2027-01-01").await;
    let id = point["id"].as_str().unwrap();

    for path in [
        "/api/v1/points-of-sale",
        "/api/v1/listings",
        "/api/v1/revenue-reports",
    ] {
        assert_eq!(
            app.get(&viewer, path).await.status(),
            StatusCode::OK,
            "{path}"
        );
    }
    let writes = [
        (
            "/api/v1/points-of-sale".to_string(),
            point_body(unit, "Ki-ốt mới", "2027-01-01"),
        ),
        (
            format!("/api/v1/points-of-sale/{id}/products"),
            json!({"product_id": product, "since": "2027-02-01"}),
        ),
        (
            "/api/v1/listings".to_string(),
            json!({"product_id": product, "platform": "Shopee", "url": "https://shopee.vn/x", "since": "2027-01-01"}),
        ),
        (
            "/api/v1/revenue-reports".to_string(),
            json!({"subject_id": subject, "year": 2026, "channel": "direct", "amount": 1}),
        ),
    ];
    for (path, body) in writes {
        let res = app.post(&viewer, &path, body).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let res = app
        .patch(
            &viewer,
            &format!("/api/v1/points-of-sale/{id}"),
            1,
            json!({"name": "Đổi tên"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app.get(&producer, "/api/v1/points-of-sale").await;
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "producers record trade, not plans"
    );
}

#[tokio::test]
async fn a_point_changes_only_from_the_version_read() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let unit = app.unit(&admin, COMMUNE_A).await;
    let point = open_point(&app, &admin, unit, "Ki-ốt chợ Buôn Ma Thuột", "2027-01-01").await;
    let path = format!("/api/v1/points-of-sale/{}", point["id"].as_str().unwrap());
    let res = app
        .send_if_match(
            &admin,
            Method::PATCH,
            &path,
            0,
            Some(json!({"closed_on": "2027-12-31"})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
    let res = app
        .call(
            &admin,
            Method::PATCH,
            &path,
            Some(json!({"closed_on": "2027-12-31"})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::PRECONDITION_REQUIRED);
    let closed = json_of(
        app.patch(
            &admin,
            &path,
            1,
            json!({"closed_on": "2027-12-31", "name": "Ki-ốt OCOP chợ trung tâm"}),
        )
        .await,
        StatusCode::OK,
        "close",
    )
    .await;
    assert_eq!(closed["version"], 2);
    assert_eq!(closed["closed_on"], "2027-12-31");
    let res = app
        .patch(&admin, &path, 2, json!({"closed_on": "2026-12-31"}))
        .await;
    let refused = problem(
        res,
        StatusCode::UNPROCESSABLE_ENTITY,
        "closed before opened",
    )
    .await;
    assert_eq!(refused, ("closed_on".into(), "before_start".into()));
}

#[tokio::test]
async fn two_requests_putting_one_product_on_sale_at_once_give_one_201_and_one_409() {
    let app = spawn_busy_app().await;
    let admin = app.admin().await;
    let (_, product) = subject_with_product(&app, &admin, COMMUNE_A, "HTX Ea Tu").await;
    let unit = app.unit(&admin, COMMUNE_A).await;
    let point = open_point(&app, &admin, unit, "Ki-ốt chợ Buôn Ma Thuột", "2027-01-01").await;
    let path = format!(
        "/api/v1/points-of-sale/{}/products",
        point["id"].as_str().unwrap()
    );
    let body = json!({"product_id": product, "since": "2027-02-01"});
    let (a, b) = join(
        app.post(&admin, &path, body.clone()),
        app.post(&admin, &path, body),
    )
    .await;
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CONFLICT]);
    let listed = json_of(app.get(&admin, &path).await, StatusCode::OK, "products").await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
}

/// The plan's `listed_share` and `points_of_sale` targets move as soon as a listing or a point of
/// sale is recorded, with no manual step; as of yesterday they read as before.
#[tokio::test]
async fn a_recorded_listing_and_an_opened_point_move_the_plan_targets() {
    use chrono::{Datelike, Duration};

    let app = spawn_app().await;
    let cast = crate::evaluations::cast(&app).await;
    let today = test_day();
    crate::certificates::certify(
        &app,
        &cast,
        today.year(),
        "first_rating",
        4,
        "15/QĐ-UBND",
        &today.to_string(),
    )
    .await;
    let province = app.unit(&cast.admin, PROVINCE).await;
    let plan = json_of(
        app.post(
            &cast.province,
            "/api/v1/plans",
            json!({"unit_id": province, "year": today.year(), "title": "Kế hoạch OCOP tỉnh năm 2027"}),
        )
        .await,
        StatusCode::CREATED,
        "plan",
    )
    .await;
    let plan = plan["id"].as_str().unwrap().to_string();
    for (metric, target) in [("listed_share", 10_000), ("points_of_sale", 2)] {
        json_of(
            app.post(
                &cast.province,
                &format!("/api/v1/plans/{plan}/targets"),
                json!({"metric": metric, "title": format!("Chỉ tiêu {metric}"), "unit_id": province,
                       "start_year": today.year(), "end_year": today.year(),
                       "direction": "at_least", "target": target}),
            )
            .await,
            StatusCode::CREATED,
            "target",
        )
        .await;
    }
    let actual = |query: String| {
        let app = &app;
        let user = cast.province.clone();
        let plan = plan.clone();
        async move {
            let progress = json_of(
                app.get(&user, &format!("/api/v1/plans/{plan}/progress{query}"))
                    .await,
                StatusCode::OK,
                "progress",
            )
            .await;
            let of = |metric: &str| {
                let t = progress["targets"]
                    .as_array()
                    .and_then(|all| all.iter().find(|t| t["metric"] == metric))
                    .unwrap_or_else(|| panic!("no {metric} in {progress}"));
                (
                    t["actual"]["numerator"].as_i64().unwrap(),
                    t["actual"]["denominator"].as_i64(),
                )
            };
            (of("listed_share"), of("points_of_sale"))
        }
    };
    assert_eq!(actual(String::new()).await, ((0, Some(1)), (0, None)));

    json_of(
        app.post(
            &cast.producer,
            "/api/v1/listings",
            json!({"product_id": cast.product_id, "platform": "Shopee",
                   "url": "https://shopee.vn/ca-phe-bot-thu-nghiem", "since": today.to_string()}),
        )
        .await,
        StatusCode::CREATED,
        "listing",
    )
    .await;
    let unit = app.unit(&cast.admin, COMMUNE_A).await;
    open_point(
        &app,
        &cast.commune,
        unit,
        "Ki-ốt chợ Buôn Ma Thuột",
        &today.to_string(),
    )
    .await;

    assert_eq!(actual(String::new()).await, ((1, Some(1)), (1, None)));
    let yesterday = today - Duration::days(1);
    let past = actual(format!("?as_of={yesterday}")).await;
    assert_eq!(past.0.0, 0, "not listed yesterday");
    assert_eq!(past.1, (0, None), "not open yesterday");
}
