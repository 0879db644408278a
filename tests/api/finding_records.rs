//! Finding records: dossiers, certificates and rounds found by a query typed without marks and
//! ordered by any listed column (an unknown one refused, naming `sort`), inside the caller's
//! scope; users filtered by name, role, unit and status; the whole audit trail for the
//! administrator, by record, actor and day.

use chrono::{Datelike, Duration};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::evaluations::{
    Cast, add_to_agenda, cast, checked_dossier, close_round, cycle, decision, json_of, move_ok,
    round_with_council, save_sheet, selection_with_stars,
};
use crate::helpers::*;

const PROVINCE: &str = "66";

async fn list(app: &TestApp, user: &User, path: &str) -> Value {
    json_of(app.get(user, path).await, StatusCode::OK, path).await
}

/// `field` of each item of a page (`items`) or a plain list.
fn column(body: &Value, field: &str) -> Vec<String> {
    body.get("items")
        .unwrap_or(body)
        .as_array()
        .expect("a list")
        .iter()
        .map(|item| match &item[field] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn reversed(mut v: Vec<String>) -> Vec<String> {
    v.reverse();
    v
}

/// A 422 naming `field`.
async fn refused(res: reqwest::Response, field: &str) {
    let body = json_of(res, StatusCode::UNPROCESSABLE_ENTITY, field).await;
    assert!(
        body["errors"]
            .as_array()
            .is_some_and(|e| e.iter().any(|e| e["field"] == field)),
        "{body}"
    );
}

async fn open(app: &TestApp, user: &User, product: &str, year: i32, entry: &str) -> String {
    let opened = json_of(
        app.post(
            user,
            "/api/v1/cycles",
            json!({"product_id": product, "year": year, "entry": entry,
                   "dossier_type": "first_rating"}),
        )
        .await,
        StatusCode::CREATED,
        "open cycle",
    )
    .await;
    opened["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn dossiers_are_found_by_product_or_subject_without_marks_and_sorted_by_each_column() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let coffee_house = app
        .create_subject(&admin, COMMUNE_A, "HTX Cà phê Buôn Ma Thuột")
        .await;
    let coffee_house = coffee_house["id"].as_str().unwrap().to_string();
    let honey_house = app
        .create_subject(&admin, COMMUNE_B, "HTX Ong mật Tuy Hòa")
        .await;
    let honey_house = honey_house["id"].as_str().unwrap().to_string();
    let product = |subject: String, name: &'static str| {
        let (app, admin) = (&app, &admin);
        async move { app.create_product(admin, &subject, name, "I.6").await["id"].clone() }
    };
    let ground = product(coffee_house.clone(), "Cà phê bột Thử Nghiệm").await;
    // Found through its subject's name only.
    let cashew = product(coffee_house.clone(), "Hạt điều rang muối").await;
    let honey = product(honey_house.clone(), "Mật ong rừng Ea Súp").await;
    let officer_a = app
        .user_with_role(&admin, "commune_officer", COMMUNE_A, None)
        .await;
    let officer_b = app
        .user_with_role(&admin, "commune_officer", COMMUNE_B, None)
        .await;
    let year = test_day().year();
    let ground = open(
        &app,
        &officer_a,
        ground.as_str().unwrap(),
        year,
        "implementation",
    )
    .await;
    let cashew = open(
        &app,
        &officer_a,
        cashew.as_str().unwrap(),
        year - 1,
        "idea_registered",
    )
    .await;
    let honey = open(
        &app,
        &officer_b,
        honey.as_str().unwrap(),
        year,
        "implementation",
    )
    .await;

    let found = list(&app, &admin, "/api/v1/cycles?q=ca%20phe").await;
    assert_eq!(found["total"], 2, "{found}");
    assert_eq!(
        sorted(column(&found, "id")),
        sorted(vec![ground.clone(), cashew.clone()])
    );
    let found = list(&app, &admin, "/api/v1/cycles?q=MAT%20ONG").await;
    assert_eq!(column(&found, "id"), [honey.as_str()]);
    let found = list(&app, &admin, "/api/v1/cycles?q=ruou").await;
    assert_eq!(found["total"], 0);

    // The query searches inside the caller's scope, never beyond it.
    let found = list(&app, &officer_b, "/api/v1/cycles?q=ca%20phe").await;
    assert_eq!(found["total"], 0, "{found}");
    let found = list(&app, &officer_a, "/api/v1/cycles?q=mat%20ong").await;
    assert_eq!(found["total"], 0, "{found}");
    let found = list(&app, &officer_b, "/api/v1/cycles?q=mat%20ong").await;
    assert_eq!(column(&found, "id"), [honey.as_str()]);

    let order = |sort: &'static str| {
        let (app, admin) = (&app, &admin);
        async move {
            column(
                &list(app, admin, &format!("/api/v1/cycles?sort={sort}")).await,
                "id",
            )
        }
    };
    let by_name = vec![ground.clone(), cashew.clone(), honey.clone()];
    assert_eq!(order("product_name").await, by_name);
    assert_eq!(order("-product_name").await, reversed(by_name));
    // Made one after the other, so they were last changed in that order.
    let by_change = vec![ground.clone(), cashew.clone(), honey.clone()];
    assert_eq!(order("updated_at").await, by_change);
    assert_eq!(order("-updated_at").await, reversed(by_change));
    assert_eq!(order("year").await[0], cashew);
    assert_eq!(order("-year").await[2], cashew);
    // An idea comes before a product already made: the cycle's order, not the alphabet's.
    assert_eq!(order("state").await[0], cashew);
    assert_eq!(order("-state").await[2], cashew);

    refused(app.get(&admin, "/api/v1/cycles?sort=price").await, "sort").await;
    refused(app.get(&admin, "/api/v1/cycles?sort=-").await, "sort").await;
}

/// Scores `cycle_id` `stars` in a round of its own and recognises it by a decision of `day`.
async fn certify(app: &TestApp, cast: &Cast, cycle_id: &str, stars: i64, day: &str) -> Value {
    let round = round_with_council(app, cast, "province").await;
    let round_id = round["id"].as_str().unwrap();
    add_to_agenda(app, cast, round_id, cycle_id).await;
    let set_id = cycle(app, &cast.producer, cycle_id).await["criteria_set_id"]
        .as_i64()
        .unwrap();
    let choices = selection_with_stars(app, &cast.producer, set_id, stars).await;
    for user in [&cast.chair, &cast.secretary, &cast.member] {
        let res = save_sheet(app, user, round_id, cycle_id, &choices, true).await;
        json_of(res, StatusCode::OK, "submit sheet").await;
    }
    json_of(
        close_round(app, &cast.chair, round_id).await,
        StatusCode::OK,
        "close",
    )
    .await;
    move_ok(app, &cast.chair, cycle_id, json!({"to": "result_decided"})).await;
    let recognised = move_ok(
        app,
        &cast.province,
        cycle_id,
        json!({"to": "recognised", "decision": decision(&format!("{stars}/QĐ-UBND"), day)}),
    )
    .await;
    let id = recognised["certificate_id"].as_str().unwrap();
    list(app, &cast.province, &format!("/api/v1/certificates/{id}")).await
}

#[tokio::test]
async fn certificates_are_found_by_name_number_or_code_and_sorted_by_each_column() {
    let app = spawn_app().await;
    let coffee = cast(&app).await;
    let subject = list(
        &app,
        &coffee.admin,
        &format!("/api/v1/products/{}", coffee.product_id),
    )
    .await["subject_id"]
        .clone();
    let honey_id = app
        .create_product(
            &coffee.admin,
            subject.as_str().unwrap(),
            "Mật ong rừng Ea Súp",
            "I.6",
        )
        .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let honey = Cast {
        admin: coffee.admin.clone(),
        producer: coffee.producer.clone(),
        commune: coffee.commune.clone(),
        province: coffee.province.clone(),
        chair: coffee.chair.clone(),
        secretary: coffee.secretary.clone(),
        member: coffee.member.clone(),
        product_id: honey_id,
    };
    let year = test_day().year();
    let first = checked_dossier(&app, &coffee, year, "first_rating", Some(4)).await;
    let second = checked_dossier(&app, &honey, year, "first_rating", Some(3)).await;
    let earlier = (test_day() - Duration::days(10)).to_string();
    let later = (test_day() - Duration::days(5)).to_string();
    let coffee_cert = certify(&app, &coffee, &first, 4, &earlier).await;
    let honey_cert = certify(&app, &honey, &second, 3, &later).await;
    let (coffee_id, honey_id) = (
        coffee_cert["id"].as_str().unwrap().to_string(),
        honey_cert["id"].as_str().unwrap().to_string(),
    );
    let province = &coffee.province;

    let found = list(&app, province, "/api/v1/certificates?q=ca%20phe%20bot").await;
    assert_eq!(column(&found, "id"), [coffee_id.as_str()], "{found}");
    assert_eq!(found["total"], 1);
    let found = list(&app, province, "/api/v1/certificates?q=mat%20ong").await;
    assert_eq!(column(&found, "id"), [honey_id.as_str()]);
    // The subject's name finds both; a certificate number or a code typed in lower case, one.
    let found = list(&app, province, "/api/v1/certificates?q=htx%20ca%20phe").await;
    assert_eq!(found["total"], 2, "{found}");
    let number = honey_cert["number"].as_str().unwrap().to_lowercase();
    let found = list(&app, province, &format!("/api/v1/certificates?q={number}")).await;
    assert_eq!(
        column(&found, "id"),
        [honey_id.as_str()],
        "{number}: {found}"
    );
    let code = coffee_cert["verification_code"]
        .as_str()
        .unwrap()
        .to_lowercase();
    let found = list(&app, province, &format!("/api/v1/certificates?q={code}")).await;
    assert_eq!(column(&found, "id"), [coffee_id.as_str()]);
    let found = list(&app, province, "/api/v1/certificates?q=ruou").await;
    assert_eq!(found["total"], 0);
    // With a state filter too (computed, so filtered after the query).
    let found = list(
        &app,
        province,
        "/api/v1/certificates?q=mat%20ong&state=valid",
    )
    .await;
    assert_eq!(column(&found, "id"), [honey_id.as_str()], "{found}");

    // Another commune's officer finds nothing, whatever they type.
    let elsewhere = app
        .user_with_role(&coffee.admin, "commune_officer", COMMUNE_B, None)
        .await;
    let found = list(&app, &elsewhere, "/api/v1/certificates?q=ca%20phe").await;
    assert_eq!(found["total"], 0, "{found}");

    let order = |sort: String| {
        let (app, path) = (&app, format!("/api/v1/certificates?sort={sort}"));
        async move { column(&list(app, province, &path).await, "id") }
    };
    let older_first = vec![coffee_id.clone(), honey_id.clone()];
    for sort in ["issued_on", "expires_on", "product_name"] {
        assert_eq!(order(sort.into()).await, older_first, "{sort}");
        let descending = order(format!("-{sort}")).await;
        assert_eq!(descending, reversed(older_first.clone()), "-{sort}");
    }
    // Three stars before four.
    assert_eq!(order("stars".into()).await, reversed(older_first.clone()));
    assert_eq!(order("-stars".into()).await, older_first);
    refused(
        app.get(province, "/api/v1/certificates?sort=number").await,
        "sort",
    )
    .await;
}

#[tokio::test]
async fn rounds_are_found_by_name_without_marks_and_sorted_by_each_column() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let province = app
        .user_with_role(&admin, "province_officer", PROVINCE, None)
        .await;
    let member = app
        .user_with_role(&admin, "council_member", PROVINCE, None)
        .await;
    let mut ids = Vec::new();
    // Convened last autumn, the first decides before the end of last year.
    let last_autumn = format!("{}-08-01", test_day().year() - 1);
    for (name, opened_on) in [
        ("Hội đồng cấp tỉnh đợt 2", Some(last_autumn.as_str())),
        ("Hội đồng cấp tỉnh đợt 1", None),
        ("Đợt xét chọn bổ sung", None),
    ] {
        let round = json_of(
            app.post(
                &province,
                "/api/v1/rounds",
                json!({"level": "province", "name": name, "opened_on": opened_on}),
            )
            .await,
            StatusCode::CREATED,
            name,
        )
        .await;
        ids.push(round["id"].as_str().unwrap().to_string());
    }
    let (second, first, extra) = (ids[0].clone(), ids[1].clone(), ids[2].clone());

    let found = list(&app, &province, "/api/v1/rounds?q=hoi%20dong").await;
    assert_eq!(
        sorted(column(&found, "id")),
        sorted(vec![first.clone(), second.clone()])
    );
    let found = list(&app, &member, "/api/v1/rounds?q=BO%20SUNG").await;
    assert_eq!(column(&found, "id"), [extra.as_str()]);
    let found = list(&app, &province, "/api/v1/rounds?q=trung%20uong").await;
    assert_eq!(column(&found, "id"), Vec::<String>::new());

    let order = |sort: &'static str| {
        let (app, province) = (&app, &province);
        async move {
            column(
                &list(app, province, &format!("/api/v1/rounds?sort={sort}")).await,
                "id",
            )
        }
    };
    let by_name = vec![extra.clone(), first.clone(), second.clone()];
    assert_eq!(order("name").await, by_name);
    assert_eq!(order("-name").await, reversed(by_name));
    let by_creation = vec![second.clone(), first.clone(), extra.clone()];
    assert_eq!(order("created_at").await, by_creation);
    assert_eq!(order("-created_at").await, reversed(by_creation));
    assert_eq!(order("decision_due_on").await[0], second);
    assert_eq!(order("-decision_due_on").await[2], second);
    refused(
        app.get(&province, "/api/v1/rounds?sort=opened").await,
        "sort",
    )
    .await;
}

async fn create_user(app: &TestApp, admin: &User, name: &str, role: &str, unit: &str) -> Value {
    let unit = app.unit(admin, unit).await;
    let email = format!("{}@test.ocop.vn", uuid::Uuid::new_v4().simple());
    json_of(
        app.post(
            admin,
            "/api/v1/users",
            json!({"email": email, "full_name": name, "role": role, "unit_id": unit,
                   "password": PASSWORD}),
        )
        .await,
        StatusCode::CREATED,
        name,
    )
    .await
}

#[tokio::test]
async fn users_are_filtered_by_name_role_unit_and_status() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let binh = create_user(
        &app,
        &admin,
        "Nguyễn Văn Bình",
        "commune_officer",
        COMMUNE_A,
    )
    .await;
    let bich = create_user(&app, &admin, "Trần Thị Bích", "commune_officer", COMMUNE_B).await;
    let duc = create_user(&app, &admin, "Lê Đức Anh", "province_officer", PROVINCE).await;
    let id = |u: &Value| u["id"].as_str().unwrap().to_string();

    let found = list(&app, &admin, "/api/v1/users?q=nguyen%20van").await;
    assert_eq!(column(&found, "id"), [id(&binh)], "{found}");
    let found = list(&app, &admin, "/api/v1/users?q=DUC").await;
    assert_eq!(column(&found, "id"), [id(&duc)]);
    let email = binh["email"].as_str().unwrap()[..8].to_string();
    let found = list(&app, &admin, &format!("/api/v1/users?q={email}")).await;
    assert_eq!(column(&found, "id"), [id(&binh)]);

    let found = list(&app, &admin, "/api/v1/users?role=commune_officer").await;
    assert_eq!(
        sorted(column(&found, "id")),
        sorted(vec![id(&binh), id(&bich)])
    );
    let unit_b = app.unit(&admin, COMMUNE_B).await;
    let found = list(
        &app,
        &admin,
        &format!("/api/v1/users?role=commune_officer&unit_id={unit_b}"),
    )
    .await;
    assert_eq!(column(&found, "id"), [id(&bich)]);

    let disabled = json_of(
        app.patch(
            &admin,
            &format!("/api/v1/users/{}", id(&bich)),
            1,
            json!({"status": "disabled"}),
        )
        .await,
        StatusCode::OK,
        "disable",
    )
    .await;
    let found = list(&app, &admin, "/api/v1/users?status=disabled").await;
    assert_eq!(column(&found, "id"), [id(&bich)]);
    // A new name is found by its new spelling, and no longer by the old.
    json_of(
        app.patch(
            &admin,
            &format!("/api/v1/users/{}", id(&bich)),
            disabled["version"].as_i64().unwrap(),
            json!({"full_name": "Phạm Thị Cúc"}),
        )
        .await,
        StatusCode::OK,
        "rename",
    )
    .await;
    let found = list(
        &app,
        &admin,
        "/api/v1/users?q=pham%20thi%20cuc&status=disabled",
    )
    .await;
    assert_eq!(column(&found, "id"), [id(&bich)]);
    let found = list(&app, &admin, "/api/v1/users?q=tran%20thi").await;
    assert_eq!(found["total"], 0);

    // An officer searches their own area only.
    let officer_b = app
        .user_with_role(&admin, "commune_officer", COMMUNE_B, None)
        .await;
    let found = list(&app, &officer_b, "/api/v1/users?q=nguyen%20van").await;
    assert_eq!(found["total"], 0, "{found}");
    refused(app.get(&admin, "/api/v1/users?role=king").await, "role").await;
}

#[tokio::test]
async fn the_administrator_reads_the_whole_trail_by_record_actor_and_day() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let province = app
        .user_with_role(&admin, "province_officer", PROVINCE, None)
        .await;
    let officer = app
        .user_with_role(&admin, "commune_officer", COMMUNE_A, None)
        .await;
    let by_admin = app.create_subject(&admin, COMMUNE_A, "HTX Sầu riêng").await;
    let by_officer = app.create_subject(&officer, COMMUNE_A, "HTX Hồ tiêu").await;
    let subject_id = by_officer["id"].as_str().unwrap();
    json_of(
        app.patch(
            &officer,
            &format!("/api/v1/subjects/{subject_id}"),
            by_officer["version"].as_i64().unwrap(),
            json!({"address": "Thôn 5"}),
        )
        .await,
        StatusCode::OK,
        "update subject",
    )
    .await;
    let trail = |query: String| {
        let (app, admin) = (&app, &admin);
        async move { list(app, admin, &format!("/api/v1/audit/trail{query}")).await }
    };

    let all = trail(String::new()).await;
    let ids: Vec<i64> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");

    let subjects = trail("?entity=subject".into()).await;
    assert_eq!(subjects["total"], 3, "{subjects}");
    assert!(column(&subjects, "entity").iter().all(|e| e == "subject"));
    let one = trail(format!("?entity=subject&entity_id={subject_id}")).await;
    assert_eq!(
        column(&one, "action"),
        ["subject.update", "subject.create"],
        "{one}"
    );
    assert_eq!(one["items"][0]["actor_name"], "Người Thử");

    let mine = trail(format!("?actor_id={}", officer.id)).await;
    assert!(mine["total"].as_u64().unwrap() >= 2, "{mine}");
    assert!(
        column(&mine, "actor_id").iter().all(|a| *a == officer.id),
        "{mine}"
    );
    assert!(
        !column(&mine, "entity_id").contains(&by_admin["id"].as_str().unwrap().to_string()),
        "{mine}"
    );
    let created = trail(format!("?actor_id={}&action=subject.create", officer.id)).await;
    assert_eq!(column(&created, "entity_id"), [subject_id.to_string()]);

    let (today, tomorrow, yesterday) = (
        test_day(),
        test_day() + Duration::days(1),
        test_day() - Duration::days(1),
    );
    let same_day = trail(format!("?entity=subject&from={today}&to={today}")).await;
    assert_eq!(same_day["total"], 3);
    assert_eq!(trail(format!("?from={tomorrow}")).await["total"], 0);
    assert_eq!(trail(format!("?to={yesterday}")).await["total"], 0);
    let paged = trail("?entity=subject&per_page=1&page=2".into()).await;
    assert_eq!(
        (paged["total"].clone(), column(&paged, "id").len()),
        (json!(3), 1)
    );

    refused(
        app.get(
            &admin,
            &format!("/api/v1/audit/trail?from={today}&to={yesterday}"),
        )
        .await,
        "to",
    )
    .await;
    refused(
        app.get(&admin, "/api/v1/audit/trail?entity=planet").await,
        "entity",
    )
    .await;
    for user in [&province, &officer] {
        let res = app
            .call(user, Method::GET, "/api/v1/audit/trail", None)
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
}
