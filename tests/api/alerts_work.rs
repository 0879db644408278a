//! The alerts that are someone's own work (sheets to score, returned dossiers, certificates
//! about to expire), the pipeline's counts by state, and accounts refused on abolished units.

use chrono::{Datelike, Duration, Months, NaiveDate};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::evaluations::{
    Cast, add_to_agenda, best_selection, cast, checked_dossier, close_round, cycle, decision,
    json_of, move_ok, round_with_council, save_sheet, selection_with_stars, submitted_dossier,
};
use crate::helpers::*;

/// The cast, filing for another product of the same subject.
async fn with_second_product(app: &TestApp, cast: &Cast, name: &str) -> Cast {
    let product: Value = app
        .get(
            &cast.admin,
            &format!("/api/v1/products/{}", cast.product_id),
        )
        .await
        .json()
        .await
        .unwrap();
    let other = app
        .create_product(
            &cast.admin,
            product["subject_id"].as_str().unwrap(),
            name,
            "I.6",
        )
        .await;
    Cast {
        admin: cast.admin.clone(),
        producer: cast.producer.clone(),
        commune: cast.commune.clone(),
        province: cast.province.clone(),
        chair: cast.chair.clone(),
        secretary: cast.secretary.clone(),
        member: cast.member.clone(),
        product_id: other["id"].as_str().unwrap().to_string(),
    }
}

async fn alerts(app: &TestApp, user: &User) -> Vec<Value> {
    let list = json_of(
        app.get(user, "/api/v1/alerts").await,
        StatusCode::OK,
        "alerts",
    )
    .await;
    list.as_array().cloned().unwrap_or_default()
}

fn of_kind<'a>(alerts: &'a [Value], kind: &str) -> Vec<&'a Value> {
    alerts.iter().filter(|a| a["kind"] == kind).collect()
}

#[tokio::test]
async fn a_council_member_sees_each_unscored_dossier_of_their_open_round_until_they_submit() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let second = with_second_product(&app, &cast, "Cà phê hạt Thử Nghiệm").await;
    let year = test_day().year();
    let first_id = checked_dossier(&app, &cast, year, "first_rating", None).await;
    let second_id = checked_dossier(&app, &second, year, "first_rating", None).await;
    let round = round_with_council(&app, &cast, "province").await;
    let round_id = round["id"].as_str().unwrap();
    add_to_agenda(&app, &cast, round_id, &first_id).await;
    let round = add_to_agenda(&app, &cast, round_id, &second_id).await;

    let mine = alerts(&app, &cast.member).await;
    let to_score = of_kind(&mine, "sheet_to_score");
    assert_eq!(to_score.len(), 2, "{mine:?}");
    for id in [&first_id, &second_id] {
        let alert = to_score
            .iter()
            .find(|a| a["target_id"] == id.as_str())
            .unwrap_or_else(|| panic!("no sheet_to_score for {id}: {mine:?}"));
        assert_eq!(alert["target"], "cycle");
        assert_eq!(alert["round_id"], round_id);
        assert_eq!(alert["due_on"], round["decide_before"], "{round}");
        assert_eq!(
            alert["title"],
            cycle(&app, &cast.member, id).await["product_name"]
        );
        assert!(alert["detail"].is_null());
    }
    // A council member not seated, and the other roles, have no sheets to score.
    let outsider = app
        .user_with_role(&cast.admin, "council_member", "66", None)
        .await;
    assert!(of_kind(&alerts(&app, &outsider).await, "sheet_to_score").is_empty());
    assert!(of_kind(&alerts(&app, &cast.province).await, "sheet_to_score").is_empty());

    // A draft is not a submission; a submitted sheet takes its dossier off the list.
    let set_id = cycle(&app, &cast.member, &first_id).await["criteria_set_id"]
        .as_i64()
        .unwrap();
    let choices = best_selection(&app, &cast.member, set_id).await;
    let res = save_sheet(&app, &cast.member, round_id, &first_id, &choices, false).await;
    json_of(res, StatusCode::OK, "save draft").await;
    assert_eq!(
        of_kind(&alerts(&app, &cast.member).await, "sheet_to_score").len(),
        2
    );
    let res = save_sheet(&app, &cast.member, round_id, &first_id, &choices, true).await;
    json_of(res, StatusCode::OK, "submit sheet").await;
    let mine = alerts(&app, &cast.member).await;
    let to_score = of_kind(&mine, "sheet_to_score");
    assert_eq!(to_score.len(), 1, "{mine:?}");
    assert_eq!(to_score[0]["target_id"], second_id.as_str());
    // The others' lists are their own.
    assert_eq!(
        of_kind(&alerts(&app, &cast.chair).await, "sheet_to_score").len(),
        2
    );
}

#[tokio::test]
async fn a_producer_is_told_a_dossier_came_back_with_the_reason_and_no_one_else_s_producer_is() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let year = test_day().year();
    let id = submitted_dossier(&app, &cast, year, "first_rating", None).await;
    let reason = "Thiếu phiếu kiểm nghiệm mẫu sản phẩm";
    move_ok(
        &app,
        &cast.commune,
        &id,
        json!({"to": "dossier_returned_for_completion", "reason": reason}),
    )
    .await;
    // An idea of another product, returned too.
    let second = with_second_product(&app, &cast, "Cà phê hạt Thử Nghiệm").await;
    let idea = json_of(
        app.post(
            &cast.producer,
            "/api/v1/cycles",
            json!({"product_id": second.product_id, "year": year, "entry": "idea_registered",
                   "dossier_type": "first_rating", "idea": "Cà phê hạt rang"}),
        )
        .await,
        StatusCode::CREATED,
        "idea",
    )
    .await;
    let idea_id = idea["id"].as_str().unwrap();
    move_ok(
        &app,
        &cast.commune,
        idea_id,
        json!({"to": "idea_returned", "reason": "Cần nêu rõ vùng nguyên liệu"}),
    )
    .await;

    for user in [&cast.producer, &cast.commune] {
        let list = alerts(&app, user).await;
        let returned = of_kind(&list, "dossier_returned");
        assert_eq!(returned.len(), 2, "{list:?}");
        let dossier = returned
            .iter()
            .find(|a| a["target_id"] == id.as_str())
            .expect("the returned dossier");
        assert_eq!(dossier["target"], "cycle");
        assert_eq!(dossier["detail"], reason);
        assert!(dossier["round_id"].is_null());
        let idea = returned
            .iter()
            .find(|a| a["target_id"] == idea_id)
            .expect("the returned idea");
        assert_eq!(idea["detail"], "Cần nêu rõ vùng nguyên liệu");
    }

    // Another subject's producer, another commune's officer and the province are not told.
    let admin = &cast.admin;
    let other = app.create_subject(admin, COMMUNE_A, "HTX Khác").await;
    let other_producer = app
        .user_with_role(admin, "producer", COMMUNE_A, other["id"].as_str())
        .await;
    let other_commune = app
        .user_with_role(admin, "commune_officer", COMMUNE_B, None)
        .await;
    for user in [&other_producer, &other_commune, &cast.province] {
        assert!(of_kind(&alerts(&app, user).await, "dossier_returned").is_empty());
    }

    // Once resubmitted, it is the commune's to check again, and no longer "returned".
    move_ok(
        &app,
        &cast.producer,
        &id,
        json!({"to": "dossier_resubmitted"}),
    )
    .await;
    let list = alerts(&app, &cast.producer).await;
    assert!(
        of_kind(&list, "dossier_returned")
            .iter()
            .all(|a| a["target_id"] != id.as_str()),
        "{list:?}"
    );
}

/// Takes `cycles` (checked dossiers) through one council to certificates issued on `issued`.
async fn certificates_issued(
    app: &TestApp,
    cast: &Cast,
    cycles: &[(String, NaiveDate)],
) -> Vec<String> {
    let round = round_with_council(app, cast, "province").await;
    let round_id = round["id"].as_str().unwrap();
    for (id, _) in cycles {
        add_to_agenda(app, cast, round_id, id).await;
    }
    let set_id = cycle(app, &cast.producer, &cycles[0].0).await["criteria_set_id"]
        .as_i64()
        .unwrap();
    let four = selection_with_stars(app, &cast.producer, set_id, 4).await;
    for (id, _) in cycles {
        for user in [&cast.chair, &cast.secretary, &cast.member] {
            let res = save_sheet(app, user, round_id, id, &four, true).await;
            json_of(res, StatusCode::OK, "submit sheet").await;
        }
    }
    json_of(
        close_round(app, &cast.chair, round_id).await,
        StatusCode::OK,
        "close",
    )
    .await;
    let mut out = Vec::new();
    for (id, issued) in cycles {
        move_ok(app, &cast.chair, id, json!({"to": "result_decided"})).await;
        let recognised = move_ok(
            app,
            &cast.province,
            id,
            json!({"to": "recognised", "decision": decision(&format!("{}/QĐ-UBND", out.len() + 1), &issued.to_string())}),
        )
        .await;
        out.push(recognised["certificate_id"].as_str().unwrap().to_string());
    }
    out
}

#[tokio::test]
async fn the_province_is_warned_of_a_certificate_expiring_within_30_days() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let second = with_second_product(&app, &cast, "Cà phê hạt Thử Nghiệm").await;
    // Certificates last 36 months from their issue.
    let issued_for = |days: i64| test_day() + Duration::days(days) - Months::new(36);
    let (soon, later) = (issued_for(20), issued_for(40));
    let soon_cycle = checked_dossier(&app, &cast, soon.year(), "first_rating", Some(4)).await;
    let later_cycle = checked_dossier(&app, &second, later.year(), "first_rating", Some(4)).await;
    let certs = certificates_issued(&app, &cast, &[(soon_cycle, soon), (later_cycle, later)]).await;
    let (soon_cert, later_cert) = (&certs[0], &certs[1]);
    let cert: Value = json_of(
        app.get(&cast.province, &format!("/api/v1/certificates/{soon_cert}"))
            .await,
        StatusCode::OK,
        "certificate",
    )
    .await;
    assert_eq!(
        cert["expires_on"],
        (test_day() + Duration::days(20)).to_string(),
        "{cert}"
    );

    for user in [&cast.province, &cast.commune, &cast.producer] {
        let list = alerts(&app, user).await;
        let expiring = of_kind(&list, "certificate_expiring");
        assert_eq!(expiring.len(), 1, "{list:?}");
        assert_eq!(expiring[0]["target"], "certificate");
        assert_eq!(expiring[0]["target_id"], soon_cert.as_str());
        assert_eq!(expiring[0]["due_on"], cert["expires_on"]);
        assert_eq!(expiring[0]["overdue"], false);
        assert!(
            list.iter().all(|a| a["target_id"] != later_cert.as_str()),
            "40 days ahead is not yet due: {list:?}"
        );
    }
    // Another commune's officer is not warned of this commune's certificates.
    let other = app
        .user_with_role(&cast.admin, "commune_officer", COMMUNE_B, None)
        .await;
    assert!(of_kind(&alerts(&app, &other).await, "certificate_expiring").is_empty());
}

async fn summary(app: &TestApp, user: &User, query: &str) -> Value {
    json_of(
        app.get(user, &format!("/api/v1/cycles/summary{query}"))
            .await,
        StatusCode::OK,
        "summary",
    )
    .await
}

fn count_of(summary: &Value, state: &str) -> i64 {
    summary["states"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["state"] == state)
        .unwrap_or_else(|| panic!("{state} missing: {summary}"))["count"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn the_pipeline_counts_cycles_by_state_within_the_caller_s_scope() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let year = test_day().year();
    submitted_dossier(&app, &cast, year, "first_rating", None).await;
    // Another commune's subject with a product being made.
    let admin = &cast.admin;
    let subject = app.create_subject(admin, COMMUNE_B, "HTX Tuy Hòa").await;
    let product = app
        .create_product(admin, subject["id"].as_str().unwrap(), "Cá ngừ khô", "I.6")
        .await;
    let other_commune = app
        .user_with_role(admin, "commune_officer", COMMUNE_B, None)
        .await;
    json_of(
        app.post(
            &other_commune,
            "/api/v1/cycles",
            json!({"product_id": product["id"], "year": year, "entry": "implementation",
                   "dossier_type": "first_rating"}),
        )
        .await,
        StatusCode::CREATED,
        "open",
    )
    .await;

    let province = summary(&app, &cast.province, "").await;
    let states: Vec<&str> = province["states"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state"].as_str().unwrap())
        .collect();
    assert_eq!(states.len(), 16, "every state, zeros included: {province}");
    assert_eq!(states[0], "idea_registered");
    assert_eq!(states[15], "potential_five_stars");
    assert_eq!(province["total"], 2);
    assert_eq!(count_of(&province, "dossier_submitted"), 1);
    assert_eq!(count_of(&province, "implementation"), 1);
    assert_eq!(count_of(&province, "recognised"), 0);

    for user in [&cast.commune, &cast.producer] {
        let mine = summary(&app, user, "").await;
        assert_eq!(mine["total"], 1, "{mine}");
        assert_eq!(count_of(&mine, "dossier_submitted"), 1);
        assert_eq!(count_of(&mine, "implementation"), 0);
    }
    let theirs = summary(&app, &other_commune, "").await;
    assert_eq!(theirs["total"], 1, "{theirs}");
    assert_eq!(count_of(&theirs, "implementation"), 1);
    let this_year = summary(&app, &cast.province, &format!("?year={year}")).await;
    assert_eq!(this_year["total"], 2);
    let next_year = summary(&app, &cast.province, &format!("?year={}", year + 1)).await;
    assert_eq!(next_year["total"], 0);
    assert_eq!(next_year["states"].as_array().unwrap().len(), 16);
    let res = app
        .get(&cast.province, "/api/v1/cycles/summary?year=1")
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn no_account_is_created_on_or_moved_to_an_abolished_district() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    // Thành phố Buôn Ma Thuột, a district until 30 June 2025.
    let units = json_of(
        app.get(&admin, "/api/v1/units?q=643&history=true").await,
        StatusCode::OK,
        "units",
    )
    .await;
    let district = units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == "643")
        .unwrap_or_else(|| panic!("district 643: {units}"));
    assert!(!district["valid_to"].is_null(), "{district}");
    let email = "huyen.moi@test.ocop.vn";
    let problem = json_of(
        app.post(
            &admin,
            "/api/v1/users",
            json!({"email": email, "full_name": "Lê Thị Huyền", "role": "district_officer",
                   "unit_id": district["id"], "password": PASSWORD}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "create on an abolished district",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "unit_id", "{problem}");
    assert_eq!(
        app.login(email, PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED,
        "nothing was written"
    );
    let users = json_of(
        app.get(&admin, "/api/v1/users?per_page=100").await,
        StatusCode::OK,
        "users",
    )
    .await;
    assert!(
        !users.to_string().contains(email),
        "nothing was written: {users}"
    );

    // Nor is an account moved there.
    let officer = app
        .user_with_role(&admin, "commune_officer", COMMUNE_A, None)
        .await;
    let read = json_of(
        app.get(&admin, &format!("/api/v1/users/{}", officer.id))
            .await,
        StatusCode::OK,
        "user",
    )
    .await;
    let res = app
        .send_if_match(
            &admin,
            Method::PATCH,
            &format!("/api/v1/users/{}", officer.id),
            read["version"].as_i64().unwrap(),
            Some(json!({"unit_id": district["id"]})),
        )
        .await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY, "move").await;
    assert_eq!(problem["errors"][0]["field"], "unit_id", "{problem}");
    let after = json_of(
        app.get(&admin, &format!("/api/v1/users/{}", officer.id))
            .await,
        StatusCode::OK,
        "user",
    )
    .await;
    assert_eq!(after["unit_id"], read["unit_id"]);
    assert_eq!(after["version"], read["version"]);
}
