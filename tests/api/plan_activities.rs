//! Activities, training participants and fair products.

use futures_util::future::join_all;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::*;

/// The province of the test data (Đắk Lắk).
const PROVINCE: &str = "66";

async fn create_plan(app: &TestApp, user: &User, unit_code: &str) -> Value {
    let unit = app.unit(user, unit_code).await;
    let res = app
        .post(
            user,
            "/api/v1/plans",
            json!({"unit_id": unit, "year": 2027, "title": "Kế hoạch thực hiện Chương trình OCOP năm 2027"}),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "create plan: {}",
        res.text().await.unwrap_or_default()
    );
    res.json().await.unwrap()
}

fn activity_body(kind: &str, title: &str, unit: i64, quarters: &[u8]) -> Value {
    json!({
        "kind": kind, "title": title, "lead_department": "Sở Nông nghiệp và Môi trường",
        "cooperating_units": [" Sở Công Thương ", "", "UBND các xã, phường"],
        "quarters": quarters, "unit_id": unit
    })
}

async fn create_activity(app: &TestApp, user: &User, plan: &Value, body: Value) -> Value {
    let res = app.post(user, &activities_of(plan), body).await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "create activity: {}",
        res.text().await.unwrap_or_default()
    );
    res.json().await.unwrap()
}

fn activities_of(plan: &Value) -> String {
    format!("/api/v1/plans/{}/activities", plan["id"].as_str().unwrap())
}

fn path(activity: &Value, rest: &str) -> String {
    format!(
        "/api/v1/activities/{}{rest}",
        activity["id"].as_str().unwrap()
    )
}

async fn problem_field(res: reqwest::Response) -> (StatusCode, String, String) {
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    (
        status,
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
async fn a_training_records_an_officer_and_a_producer_and_counts_them() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let officer = app
        .user_with_role(&admin, "province_officer", PROVINCE, None)
        .await;
    let trainee = app
        .user_with_role(&admin, "commune_officer", COMMUNE_A, None)
        .await;
    let subject = app
        .create_subject(&officer, COMMUNE_A, "Hợp tác xã Cà phê Ea Tu")
        .await;
    let plan = create_plan(&app, &officer, PROVINCE).await;
    let commune = app.unit(&officer, COMMUNE_A).await;
    let training = create_activity(
        &app,
        &officer,
        &plan,
        activity_body(
            "training",
            "Tập huấn kiến thức OCOP cho cán bộ cấp xã",
            commune,
            &[3, 2],
        ),
    )
    .await;
    assert_eq!(training["quarters"], json!([2, 3]));
    assert_eq!(
        training["cooperating_units"],
        json!(["Sở Công Thương", "UBND các xã, phường"])
    );
    assert_eq!(training["unit_name"], "Phường Buôn Ma Thuột");
    assert_eq!(training["status"], "planned");

    let participants = path(&training, "/participants");
    let res = app
        .post(
            &officer,
            &participants,
            json!({
                "full_name": "Trần Văn Bình", "audience": "officer", "user_id": trainee.id,
                "unit_id": commune, "position": "Công chức Nông nghiệp - Môi trường"
            }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = app
        .post(
            &officer,
            &participants,
            json!({
                "full_name": "Nguyễn Thị Hoa", "audience": "producer",
                "subject_id": subject["id"], "unit_id": commune
            }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let producer: Value = res.json().await.unwrap();
    assert_eq!(producer["subject_name"], "Hợp tác xã Cà phê Ea Tu");

    let again = app
        .post(&officer, &participants, json!({
            "full_name": "Trần Văn Bình", "audience": "officer", "user_id": trainee.id, "unit_id": commune
        }))
        .await;
    assert_eq!(problem_field(again).await.0, StatusCode::CONFLICT);
    let (status, field, _) = problem_field(
        app.post(
            &officer,
            &participants,
            json!({
                "full_name": "Lê Văn Cường", "audience": "producer", "unit_id": commune
            }),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, field.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "subject_id")
    );

    let list: Value = app.get(&officer, &participants).await.json().await.unwrap();
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["full_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Trần Văn Bình", "Nguyễn Thị Hoa"]);
    let read: Value = app
        .get(&officer, &path(&training, ""))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(read["participant_count"], 2);

    let gone = app
        .call(
            &officer,
            Method::DELETE,
            &path(
                &training,
                &format!("/participants/{}", producer["id"].as_str().unwrap()),
            ),
            None,
        )
        .await;
    assert_eq!(gone.status(), StatusCode::NO_CONTENT);
    let list: Value = app.get(&officer, &participants).await.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    // Each change of its participants moves the activity's version on, so every event about it
    // carries a version of its own.
    let reread: Value = app
        .get(&officer, &path(&training, ""))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        reread["version"].as_i64(),
        read["version"].as_i64().map(|v| v + 1)
    );
}

#[tokio::test]
async fn a_propaganda_activity_records_no_participants() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let plan = create_plan(&app, &admin, PROVINCE).await;
    let province = app.unit(&admin, PROVINCE).await;
    let propaganda = create_activity(
        &app,
        &admin,
        &plan,
        activity_body(
            "propaganda",
            "Tuyên truyền Chương trình OCOP trên báo, đài",
            province,
            &[1],
        ),
    )
    .await;
    let (status, field, code) = problem_field(
        app.post(
            &admin,
            &path(&propaganda, "/participants"),
            json!({
                "full_name": "Trần Văn Bình", "audience": "officer", "unit_id": province
            }),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        (field.as_str(), code.as_str()),
        ("activity", "no_participants")
    );
    let (status, field, _) = problem_field(
        app.post(
            &admin,
            &path(&propaganda, "/products"),
            json!({"product_id": uuid::Uuid::new_v4()}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, field.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "activity")
    );
}

#[tokio::test]
async fn a_fair_records_its_products_once_each() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let officer = app
        .user_with_role(&admin, "province_officer", PROVINCE, None)
        .await;
    let subject = app
        .create_subject(&officer, COMMUNE_A, "Hợp tác xã Cà phê Ea Tu")
        .await;
    let product = app
        .create_product(
            &officer,
            subject["id"].as_str().unwrap(),
            "Cà phê bột Ea Tu",
            "I.6",
        )
        .await;
    let plan = create_plan(&app, &officer, PROVINCE).await;
    let province = app.unit(&officer, PROVINCE).await;
    let fair = create_activity(
        &app,
        &officer,
        &plan,
        activity_body(
            "fair",
            "Tham gia Hội chợ OCOP khu vực Tây Nguyên",
            province,
            &[4],
        ),
    )
    .await;
    let products = path(&fair, "/products");
    let res = app
        .post(&officer, &products, json!({"product_id": product["id"]}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let shown: Value = res.json().await.unwrap();
    assert_eq!(shown["product_name"], "Cà phê bột Ea Tu");
    assert_eq!(shown["subject_name"], "Hợp tác xã Cà phê Ea Tu");
    let (status, field, _) = problem_field(
        app.post(&officer, &products, json!({"product_id": product["id"]}))
            .await,
    )
    .await;
    assert_eq!(
        (status, field.as_str()),
        (StatusCode::CONFLICT, "product_id")
    );
    let (status, field, _) = problem_field(
        app.post(
            &officer,
            &products,
            json!({"product_id": uuid::Uuid::new_v4()}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, field.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "product_id")
    );

    let list: Value = app.get(&officer, &products).await.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let read: Value = app
        .get(&officer, &path(&fair, ""))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(read["product_count"], 1);
    let one = path(
        &fair,
        &format!("/products/{}", product["id"].as_str().unwrap()),
    );
    assert_eq!(
        app.call(&officer, Method::DELETE, &one, None)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.call(&officer, Method::DELETE, &one, None)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn activities_list_in_quarter_order_and_filter_by_quarter_and_status() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let plan = create_plan(&app, &admin, PROVINCE).await;
    let province = app.unit(&admin, PROVINCE).await;
    create_activity(
        &app,
        &admin,
        &plan,
        activity_body("clip", "Phóng sự về sản phẩm OCOP", province, &[4]),
    )
    .await;
    create_activity(
        &app,
        &admin,
        &plan,
        activity_body("training", "Tập huấn cho chủ thể", province, &[2, 3]),
    )
    .await;
    let mut done = activity_body(
        "council_setup",
        "Kiện toàn Hội đồng đánh giá cấp tỉnh",
        province,
        &[1],
    );
    done["status"] = json!("done");
    done["ends_on"] = json!("2027-02-20");
    create_activity(&app, &admin, &plan, done).await;

    let titles = |list: Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap().to_string())
            .collect()
    };
    let all: Value = app
        .get(&admin, &activities_of(&plan))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        titles(all),
        [
            "Kiện toàn Hội đồng đánh giá cấp tỉnh",
            "Tập huấn cho chủ thể",
            "Phóng sự về sản phẩm OCOP"
        ]
    );
    let q3: Value = app
        .get(&admin, &format!("{}?quarter=3", activities_of(&plan)))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(titles(q3), ["Tập huấn cho chủ thể"]);
    let finished: Value = app
        .get(&admin, &format!("{}?status=done", activities_of(&plan)))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(titles(finished), ["Kiện toàn Hội đồng đánh giá cấp tỉnh"]);
    let bad = app
        .get(&admin, &format!("{}?quarter=5", activities_of(&plan)))
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_done_activity_says_when_it_ended() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let plan = create_plan(&app, &admin, PROVINCE).await;
    let province = app.unit(&admin, PROVINCE).await;
    let mut body = activity_body(
        "study_tour",
        "Tham quan học tập mô hình OCOP tại Lâm Đồng",
        province,
        &[2],
    );
    body["status"] = json!("done");
    let (status, field, _) =
        problem_field(app.post(&admin, &activities_of(&plan), body).await).await;
    assert_eq!(
        (status, field.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "ends_on")
    );

    let tour = create_activity(
        &app,
        &admin,
        &plan,
        activity_body(
            "study_tour",
            "Tham quan học tập mô hình OCOP tại Lâm Đồng",
            province,
            &[2],
        ),
    )
    .await;
    let (status, field, _) = problem_field(
        app.patch(&admin, &path(&tour, ""), 1, json!({"status": "done"}))
            .await,
    )
    .await;
    assert_eq!(
        (status, field.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "ends_on")
    );
    let res = app
        .patch(
            &admin,
            &path(&tour, ""),
            1,
            json!({"status": "done", "ends_on": "2027-05-14", "results": "25 người tham gia"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let after: Value = res.json().await.unwrap();
    assert_eq!(after["version"], 2);
    assert_eq!(after["results"], "25 người tham gia");
}

#[tokio::test]
async fn an_activity_is_held_in_the_plans_unit_or_under_it() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let plan = create_plan(&app, &admin, COMMUNE_A).await;
    let other = app.unit(&admin, COMMUNE_B).await;
    let (status, field, code) = problem_field(
        app.post(
            &admin,
            &activities_of(&plan),
            activity_body("propaganda", "Tuyên truyền", other, &[1]),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        (field.as_str(), code.as_str()),
        ("unit_id", "outside_plan_unit")
    );
}

#[tokio::test]
async fn a_closed_plan_refuses_new_activities() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    // Last year's plan: a plan is closed only once its year is over.
    let province = app.unit(&admin, PROVINCE).await;
    let res = app
        .post(
            &admin,
            "/api/v1/plans",
            json!({"unit_id": province, "year": 2026, "title": "Kế hoạch thực hiện Chương trình OCOP năm 2026"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let plan: Value = res.json().await.unwrap();
    let moves = format!("/api/v1/plans/{}/transitions", plan["id"].as_str().unwrap());
    let approve =
        json!({"to": "approved", "decision_number": "12/QĐ-UBND", "decision_date": "2026-01-15"});
    let res = app
        .send_if_match(&admin, Method::POST, &moves, 1, Some(approve))
        .await;
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let res = app
        .send_if_match(
            &admin,
            Method::POST,
            &moves,
            2,
            Some(json!({"to": "closed"})),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "{}",
        res.text().await.unwrap_or_default()
    );

    let res = app
        .post(
            &admin,
            &activities_of(&plan),
            activity_body("clip", "Phóng sự OCOP", province, &[4]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["errors"][0]["code"], "plan_closed");
}

#[tokio::test]
async fn a_commune_officer_cannot_touch_another_communes_plan_activities() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let plan = create_plan(&app, &admin, COMMUNE_A).await;
    let commune = app.unit(&admin, COMMUNE_A).await;
    let training = create_activity(
        &app,
        &admin,
        &plan,
        activity_body("training", "Tập huấn cho chủ thể", commune, &[2]),
    )
    .await;
    let own = app
        .user_with_role(&admin, "commune_officer", COMMUNE_A, None)
        .await;
    let stranger = app
        .user_with_role(&admin, "commune_officer", COMMUNE_B, None)
        .await;
    assert_eq!(
        app.get(&own, &path(&training, "")).await.status(),
        StatusCode::OK
    );

    assert_eq!(
        app.get(&stranger, &activities_of(&plan)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&stranger, &path(&training, "")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&stranger, &path(&training, "/participants"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let res = app
        .post(
            &stranger,
            &activities_of(&plan),
            activity_body("propaganda", "Tuyên truyền", commune, &[1]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app
        .patch(
            &stranger,
            &path(&training, ""),
            1,
            json!({"title": "Đổi tên"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app
        .post(
            &stranger,
            &path(&training, "/participants"),
            json!({
                "full_name": "Trần Văn Bình", "audience": "officer", "unit_id": commune
            }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_viewer_reads_activities_but_cannot_change_them() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let plan = create_plan(&app, &admin, PROVINCE).await;
    let province = app.unit(&admin, PROVINCE).await;
    let clip = create_activity(
        &app,
        &admin,
        &plan,
        activity_body("clip", "Phóng sự OCOP", province, &[4]),
    )
    .await;
    let viewer = app.user_with_role(&admin, "viewer", PROVINCE, None).await;
    assert_eq!(
        app.get(&viewer, &activities_of(&plan)).await.status(),
        StatusCode::OK
    );
    let res = app
        .post(
            &viewer,
            &activities_of(&plan),
            activity_body("clip", "Phóng sự khác", province, &[4]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app
        .patch(&viewer, &path(&clip, ""), 1, json!({"title": "Đổi tên"}))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app
        .send_if_match(&viewer, Method::DELETE, &path(&clip, ""), 1, None)
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_stale_if_match_is_refused_and_a_fresh_one_deletes() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let plan = create_plan(&app, &admin, PROVINCE).await;
    let province = app.unit(&admin, PROVINCE).await;
    let clip = create_activity(
        &app,
        &admin,
        &plan,
        activity_body("clip", "Phóng sự OCOP", province, &[4]),
    )
    .await;
    let res = app
        .patch(&admin, &path(&clip, ""), 1, json!({"quarters": [3, 4]}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["etag"], "\"2\"");
    let res = app
        .patch(&admin, &path(&clip, ""), 1, json!({"title": "Phóng sự cũ"}))
        .await;
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
    let res = app
        .send_if_match(&admin, Method::DELETE, &path(&clip, ""), 1, None)
        .await;
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
    let res = app
        .send_if_match(&admin, Method::DELETE, &path(&clip, ""), 2, None)
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get(&admin, &path(&clip, "")).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn two_parallel_adds_of_one_product_record_it_once() {
    let app = spawn_busy_app().await;
    let admin = app.admin().await;
    let subject = app
        .create_subject(&admin, COMMUNE_A, "Hợp tác xã Cà phê Ea Tu")
        .await;
    let product = app
        .create_product(
            &admin,
            subject["id"].as_str().unwrap(),
            "Cà phê bột Ea Tu",
            "I.6",
        )
        .await;
    let plan = create_plan(&app, &admin, PROVINCE).await;
    let province = app.unit(&admin, PROVINCE).await;
    let fair = create_activity(
        &app,
        &admin,
        &plan,
        activity_body(
            "trade_promotion",
            "Tuần lễ giới thiệu sản phẩm OCOP",
            province,
            &[3],
        ),
    )
    .await;
    let products = path(&fair, "/products");
    let body = json!({"product_id": product["id"]});
    let mut statuses: Vec<u16> =
        join_all((0..2).map(|_| app.post(&admin, &products, body.clone())))
            .await
            .into_iter()
            .map(|r| r.status().as_u16())
            .collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 409]);
    let list: Value = app.get(&admin, &products).await.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
}
