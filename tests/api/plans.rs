//! Phases, plans and targets over HTTP: a province drafts its year's plan under a phase, sets
//! its targets, approves it by a decision and closes it once its year is over; a commune sees only its own plans; the
//! targets follow their metric's rules; lost updates are refused.

use futures_util::future::join;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::change_pipeline::{events_after, last_position, names};
use crate::helpers::*;

/// The province of the test tree (Đắk Lắk after 2025).
const PROVINCE: &str = "66";

async fn created(res: reqwest::Response, what: &str) -> Value {
    let status = res.status();
    let body = res.text().await.unwrap_or_default();
    assert_eq!(status, StatusCode::CREATED, "create {what}: {body}");
    serde_json::from_str(&body).unwrap()
}

async fn problem(res: reqwest::Response, status: StatusCode) -> Value {
    let got = res.status();
    let body = res.text().await.unwrap_or_default();
    assert_eq!(got, status, "{body}");
    serde_json::from_str(&body).unwrap()
}

async fn create_phase(app: &TestApp, user: &User, unit: i64) -> Value {
    let body = json!({
        "unit_id": unit, "name": "Chương trình OCOP giai đoạn 2026–2030",
        "start_year": 2026, "end_year": 2030, "decision_number": "1415/QĐ-UBND",
        "decision_date": "2026-03-14", "planned_total": 120_000_000_000_i64
    });
    created(app.post(user, "/api/v1/phases", body).await, "phase").await
}

async fn create_plan(
    app: &TestApp,
    user: &User,
    unit: i64,
    phase: Option<&Value>,
    year: i32,
) -> Value {
    let body = json!({
        "unit_id": unit, "phase_id": phase.map(|p| p["id"].clone()), "year": year,
        "title": format!("Kế hoạch thực hiện Chương trình OCOP năm {year}"),
        "summary": "Công nhận 10–12 sản phẩm đạt 3–4 sao"
    });
    created(app.post(user, "/api/v1/plans", body).await, "plan").await
}

fn recognised(unit: i64) -> Value {
    json!({
        "metric": "products_recognised", "filter": {"min_stars": 3, "max_stars": 4},
        "title": "Công nhận 10–12 sản phẩm đạt 3–4 sao", "unit_id": unit,
        "start_year": 2027, "end_year": 2027, "direction": "at_least", "target": 10, "target_max": 12
    })
}

fn path(kind: &str, record: &Value) -> String {
    format!("/api/v1/{kind}/{}", record["id"].as_str().unwrap())
}

async fn transition(
    app: &TestApp,
    user: &User,
    plan: &Value,
    version: i64,
    body: Value,
) -> reqwest::Response {
    app.send_if_match(
        user,
        Method::POST,
        &format!("{}/transitions", path("plans", plan)),
        version,
        Some(body),
    )
    .await
}

#[tokio::test]
async fn a_province_drafts_its_plan_sets_targets_and_approves_it_by_decision() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let officer = app
        .user_with_role(&admin, "province_officer", PROVINCE, None)
        .await;
    let province = app.unit(&admin, PROVINCE).await;
    let commune = app.unit(&admin, COMMUNE_A).await;
    let before = last_position(&app, &admin).await;

    let phase = create_phase(&app, &officer, province).await;
    assert_eq!(phase["planned_total"], 120_000_000_000_i64);
    let plan = create_plan(&app, &officer, province, Some(&phase), 2027).await;
    assert_eq!(plan["state"], "draft");
    assert_eq!(plan["phase_id"], phase["id"]);
    let targets_path = format!("{}/targets", path("plans", &plan));
    let first = created(
        app.post(&officer, &targets_path, recognised(province))
            .await,
        "target",
    )
    .await;
    assert_eq!(first["measure"], "count");
    assert_eq!(first["filter"], json!({"min_stars": 3, "max_stars": 4}));
    let trained = json!({
        "metric": "people_trained", "filter": {"audience": "producer"},
        "title": "Tập huấn cho 200 lượt chủ thể", "unit_id": commune,
        "start_year": 2027, "end_year": 2027, "direction": "at_least", "target": 200
    });
    let second = created(app.post(&officer, &targets_path, trained).await, "target").await;
    assert_eq!(
        (first["position"].as_i64(), second["position"].as_i64()),
        (Some(1), Some(2))
    );
    let patched = app
        .patch(
            &officer,
            &path("targets", &second),
            1,
            json!({"target": 250}),
        )
        .await;
    assert_eq!(patched.status(), StatusCode::OK);
    // People trained is a flow: it counts from zero, so a typed baseline has no place.
    let flow_baseline = app
        .patch(
            &officer,
            &path("targets", &second),
            2,
            json!({"baseline": {"numerator": 180}}),
        )
        .await;
    let refused = problem(flow_baseline, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        (
            &refused["errors"][0]["field"],
            &refused["errors"][0]["code"]
        ),
        (&json!("baseline"), &json!("not_for_metric"))
    );
    let listed: Value = app.get(&officer, &targets_path).await.json().await.unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert_eq!(listed[1]["target"], 250);
    assert_eq!(listed[1]["baseline"], Value::Null);
    let read: Value = app
        .get(&officer, &path("plans", &plan))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            read["target_count"].as_i64(),
            read["activity_count"].as_i64()
        ),
        (Some(2), Some(0))
    );

    let undecided = transition(&app, &officer, &plan, 1, json!({"to": "approved"})).await;
    assert_eq!(
        problem(undecided, StatusCode::UNPROCESSABLE_ENTITY).await["errors"][0]["field"],
        "decision_number"
    );
    let decision =
        json!({"to": "approved", "decision_number": "245/QĐ-UBND", "decision_date": "2027-02-20"});
    let res = transition(&app, &officer, &plan, 1, decision).await;
    assert_eq!(res.status(), StatusCode::OK);
    let approved: Value = res.json().await.unwrap();
    assert_eq!(
        (
            &approved["state"],
            &approved["decision_number"],
            &approved["decision_date"]
        ),
        (
            &json!("approved"),
            &json!("245/QĐ-UBND"),
            &json!("2027-02-20")
        )
    );

    let frozen = app
        .post(&officer, &targets_path, recognised(province))
        .await;
    assert_eq!(
        problem(frozen, StatusCode::CONFLICT).await["errors"][0]["code"],
        "plan_not_draft"
    );
    let frozen = app
        .patch(&officer, &path("targets", &first), 1, json!({"target": 11}))
        .await;
    assert_eq!(frozen.status(), StatusCode::CONFLICT);
    let frozen = app
        .send_if_match(&officer, Method::DELETE, &path("targets", &first), 1, None)
        .await;
    assert_eq!(frozen.status(), StatusCode::CONFLICT);
    let frozen = app
        .patch(
            &officer,
            &path("plans", &plan),
            2,
            json!({"title": "Đổi tên kế hoạch"}),
        )
        .await;
    assert_eq!(frozen.status(), StatusCode::CONFLICT);
    let skipped = transition(
        &app,
        &officer,
        &plan,
        2,
        json!({"to": "approved", "decision_number": "1", "decision_date": "2027-02-21"}),
    )
    .await;
    assert_eq!(skipped.status(), StatusCode::CONFLICT);

    // Its year (2027) is not over on the test day (2027-03-10): it cannot be closed yet.
    let early = transition(&app, &officer, &plan, 2, json!({"to": "closed"})).await;
    assert_eq!(
        problem(early, StatusCode::CONFLICT).await["errors"][0]["code"],
        "plan_year_not_over"
    );

    let events = events_after(&app, &admin, before).await;
    assert_eq!(
        names(&events),
        [
            "phase.created",
            "plan.created",
            "target.created",
            "target.created",
            "target.updated",
            "plan.moved"
        ]
    );
    assert_eq!(events[5]["payload"]["state"], "approved");
}

#[tokio::test]
async fn last_years_plan_is_closed_on_the_day_asked() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let officer = app
        .user_with_role(&admin, "province_officer", PROVINCE, None)
        .await;
    let province = app.unit(&admin, PROVINCE).await;
    let plan = create_plan(&app, &officer, province, None, 2026).await;
    let decision =
        json!({"to": "approved", "decision_number": "30/KH-UBND", "decision_date": "2026-01-20"});
    assert_eq!(
        transition(&app, &officer, &plan, 1, decision)
            .await
            .status(),
        StatusCode::OK
    );
    let before = last_position(&app, &admin).await;
    let res = transition(&app, &officer, &plan, 2, json!({"to": "closed"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let closed: Value = res.json().await.unwrap();
    assert_eq!(closed["state"], "closed");
    assert_eq!(closed["closed_on"], test_day().to_string());
    assert_eq!(closed["decision_number"], "30/KH-UBND");
    let events = events_after(&app, &admin, before).await;
    assert_eq!(names(&events), ["plan.moved"]);
    assert_eq!(events[0]["entity_version"], 3);
}

#[tokio::test]
async fn an_approved_plan_goes_back_to_draft_for_an_amending_decision() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let province = app.unit(&admin, PROVINCE).await;
    let plan = create_plan(&app, &admin, province, None, 2027).await;
    let decision =
        json!({"to": "approved", "decision_number": "245/QĐ-UBND", "decision_date": "2027-02-20"});
    assert_eq!(
        transition(&app, &admin, &plan, 1, decision).await.status(),
        StatusCode::OK
    );
    let back: Value = transition(&app, &admin, &plan, 2, json!({"to": "draft"}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (&back["state"], &back["decision_number"]),
        (&json!("draft"), &json!("245/QĐ-UBND"))
    );
    let targets_path = format!("{}/targets", path("plans", &plan));
    created(
        app.post(&admin, &targets_path, recognised(province)).await,
        "target",
    )
    .await;
    let amended =
        json!({"to": "approved", "decision_number": "310/QĐ-UBND", "decision_date": "2027-03-01"});
    let again: Value = transition(&app, &admin, &plan, 3, amended)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (&again["state"], &again["decision_number"]),
        (&json!("approved"), &json!("310/QĐ-UBND"))
    );
}

#[tokio::test]
async fn a_second_plan_of_a_unit_for_the_same_year_is_refused_naming_the_year() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let province = app.unit(&admin, PROVINCE).await;
    create_plan(&app, &admin, province, None, 2027).await;
    let again =
        json!({"unit_id": province, "year": 2027, "title": "Kế hoạch OCOP năm 2027 (bản hai)"});
    let problem = problem(
        app.post(&admin, "/api/v1/plans", again).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "year");
    create_plan(&app, &admin, province, None, 2028).await;
}

#[tokio::test]
async fn a_plan_carries_out_a_phase_of_its_unit_or_above_for_a_year_within_it() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let province = app.unit(&admin, PROVINCE).await;
    let phase = create_phase(&app, &admin, province).await;
    let late = json!({"unit_id": province, "phase_id": phase["id"], "year": 2031, "title": "Kế hoạch năm 2031"});
    let res = problem(
        app.post(&admin, "/api/v1/plans", late).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        (&res["errors"][0]["field"], &res["errors"][0]["code"]),
        (&json!("phase_id"), &json!("year_outside_phase"))
    );

    let inverted = json!({"unit_id": province, "name": "Giai đoạn ngược", "start_year": 2030, "end_year": 2026});
    let res = problem(
        app.post(&admin, "/api/v1/phases", inverted).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(res["errors"][0]["field"], "end_year");
    let negative = json!({"unit_id": province, "name": "Giai đoạn âm", "start_year": 2026, "end_year": 2030, "planned_total": -1});
    let res = problem(
        app.post(&admin, "/api/v1/phases", negative).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(res["errors"][0]["field"], "planned_total");

    let commune = app.unit(&admin, COMMUNE_A).await;
    let commune_phase = create_phase(&app, &admin, commune).await;
    let other = app.unit(&admin, COMMUNE_B).await;
    let mismatched = json!({"unit_id": other, "phase_id": commune_phase["id"], "year": 2027, "title": "Kế hoạch năm 2027"});
    let res = problem(
        app.post(&admin, "/api/v1/plans", mismatched).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(res["errors"][0]["field"], "phase_id");
}

#[tokio::test]
async fn a_commune_officer_sees_only_its_communes_plans_and_reads_the_provinces_phases() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let officer = app
        .user_with_role(&admin, "commune_officer", COMMUNE_A, None)
        .await;
    let province = app.unit(&admin, PROVINCE).await;
    let phase = create_phase(&app, &admin, province).await;
    let theirs = create_plan(&app, &admin, province, Some(&phase), 2027).await;

    assert_eq!(
        app.get(&officer, &path("plans", &theirs)).await.status(),
        StatusCode::NOT_FOUND
    );
    let targets_path = format!("{}/targets", path("plans", &theirs));
    assert_eq!(
        app.get(&officer, &targets_path).await.status(),
        StatusCode::NOT_FOUND
    );
    let commune = app.unit(&admin, COMMUNE_A).await;
    assert_eq!(
        app.post(&officer, &targets_path, recognised(commune))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let res = app
        .patch(
            &officer,
            &path("plans", &theirs),
            1,
            json!({"title": "Chiếm kế hoạch"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let decision =
        json!({"to": "approved", "decision_number": "1/QĐ", "decision_date": "2027-02-20"});
    assert_eq!(
        transition(&app, &officer, &theirs, 1, decision)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let res = app
        .send_if_match(&officer, Method::DELETE, &path("plans", &theirs), 1, None)
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let other = app.unit(&admin, COMMUNE_B).await;
    let elsewhere = json!({"unit_id": other, "year": 2027, "title": "Kế hoạch của xã khác"});
    let res = problem(
        app.post(&officer, "/api/v1/plans", elsewhere).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(res["errors"][0]["field"], "unit_id");

    // The province's phase is the frame of the commune's plan: read, not changed.
    let phases: Value = app
        .get(&officer, "/api/v1/phases")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(phases.as_array().unwrap().len(), 1);
    assert_eq!(
        app.get(&officer, &path("phases", &phase)).await.status(),
        StatusCode::OK
    );
    let res = app
        .patch(
            &officer,
            &path("phases", &phase),
            1,
            json!({"name": "Đổi tên giai đoạn"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let ours = create_plan(&app, &officer, commune, Some(&phase), 2027).await;
    let list: Value = app
        .get(&officer, "/api/v1/plans")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["id"], ours["id"]);
    // A unit filter keeps to the caller's scope: above it, the caller's own; beside it, nothing.
    let list: Value = app
        .get(&officer, &format!("/api/v1/plans?unit_id={province}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
    let list: Value = app
        .get(&officer, &format!("/api/v1/plans?unit_id={other}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 0);

    let all: Value = app
        .get(&admin, "/api/v1/plans?year=2027")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all["total"], 2);
    let under: Value = app
        .get(
            &admin,
            &format!("/api/v1/plans?unit_id={commune}&state=draft"),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(under["total"], 1);
}

#[tokio::test]
async fn a_viewer_reads_plans_but_changes_nothing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let viewer = app.user_with_role(&admin, "viewer", PROVINCE, None).await;
    let province = app.unit(&admin, PROVINCE).await;
    let phase = create_phase(&app, &admin, province).await;
    let plan = create_plan(&app, &admin, province, Some(&phase), 2027).await;
    let targets_path = format!("{}/targets", path("plans", &plan));
    let target = created(
        app.post(&admin, &targets_path, recognised(province)).await,
        "target",
    )
    .await;

    assert_eq!(
        app.get(&viewer, &path("plans", &plan)).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get(&viewer, &targets_path).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get(&viewer, "/api/v1/phases").await.status(),
        StatusCode::OK
    );
    let list: Value = app
        .get(&viewer, "/api/v1/plans")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);

    let refused = [
        app.post(
            &viewer,
            "/api/v1/plans",
            json!({"unit_id": province, "year": 2028, "title": "Kế hoạch năm 2028"}),
        )
        .await,
        app.patch(
            &viewer,
            &path("plans", &plan),
            1,
            json!({"title": "Đổi tên kế hoạch"}),
        )
        .await,
        app.post(&viewer, &targets_path, recognised(province)).await,
        app.patch(&viewer, &path("targets", &target), 1, json!({"target": 11}))
            .await,
        app.patch(
            &viewer,
            &path("phases", &phase),
            1,
            json!({"name": "Đổi tên giai đoạn"}),
        )
        .await,
        transition(
            &app,
            &viewer,
            &plan,
            1,
            json!({"to": "approved", "decision_number": "1", "decision_date": "2027-02-20"}),
        )
        .await,
    ];
    for res in refused {
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn a_target_follows_its_metrics_rules_and_counts_the_plans_unit_or_one_under_it() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let commune = app.unit(&admin, COMMUNE_A).await;
    let plan = create_plan(&app, &admin, commune, None, 2027).await;
    let targets_path = format!("{}/targets", path("plans", &plan));
    let before = last_position(&app, &admin).await;

    let cases = [
        (
            json!({"metric": "new_subjects", "filter": {"min_stars": 3}}),
            "filter.min_stars",
        ),
        (
            json!({"metric": "listed_share", "target": 10_001}),
            "target",
        ),
        (
            json!({"metric": "products_recognised", "target": 12, "target_max": 10}),
            "target_max",
        ),
        (json!({"start_year": 2021, "end_year": 2025}), "start_year"),
        (
            json!({"unit_id": app.unit(&admin, COMMUNE_B).await}),
            "unit_id",
        ),
        (
            json!({"metric": "listed_share", "target": 5_000, "baseline": {"numerator": 3}}),
            "baseline.denominator",
        ),
    ];
    for (change, field) in cases {
        let mut body = recognised(commune);
        body["filter"] = json!({});
        body["target_max"] = Value::Null;
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        let res = problem(
            app.post(&admin, &targets_path, body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(res["errors"][0]["field"], field, "{res}");
    }
    let share = json!({
        "metric": "listed_share", "title": "100% sản phẩm OCOP lên sàn thương mại điện tử",
        "unit_id": commune, "start_year": 2026, "end_year": 2030, "direction": "at_least",
        "target": 10_000, "baseline": {"numerator": 30, "denominator": 60}
    });
    let target = created(app.post(&admin, &targets_path, share).await, "target").await;
    assert_eq!(target["measure"], "share");
    let res = app
        .patch(
            &admin,
            &path("targets", &target),
            1,
            json!({"target": 10_001}),
        )
        .await;
    assert_eq!(
        problem(res, StatusCode::UNPROCESSABLE_ENTITY).await["errors"][0]["field"],
        "target"
    );
    assert_eq!(
        names(&events_after(&app, &admin, before).await),
        ["target.created"]
    );
}

#[tokio::test]
async fn stale_versions_are_refused_and_a_deleted_draft_takes_its_targets() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let province = app.unit(&admin, PROVINCE).await;
    let plan = create_plan(&app, &admin, province, None, 2027).await;
    let targets_path = format!("{}/targets", path("plans", &plan));
    let target = created(
        app.post(&admin, &targets_path, recognised(province)).await,
        "target",
    )
    .await;
    let plan_path = path("plans", &plan);
    assert_eq!(
        app.patch(
            &admin,
            &plan_path,
            1,
            json!({"title": "Kế hoạch năm 2027 (sửa)"})
        )
        .await
        .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.patch(
            &admin,
            &plan_path,
            1,
            json!({"title": "Kế hoạch năm 2027 (cũ)"})
        )
        .await
        .status(),
        StatusCode::PRECONDITION_FAILED
    );
    assert_eq!(
        app.send_if_match(&admin, Method::DELETE, &path("targets", &target), 2, None)
            .await
            .status(),
        StatusCode::PRECONDITION_FAILED
    );
    assert_eq!(
        app.send_if_match(&admin, Method::DELETE, &plan_path, 1, None)
            .await
            .status(),
        StatusCode::PRECONDITION_FAILED
    );

    let before = last_position(&app, &admin).await;
    let res = app
        .send_if_match(&admin, Method::DELETE, &plan_path, 2, None)
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get(&admin, &plan_path).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&admin, &targets_path).await.status(),
        StatusCode::NOT_FOUND
    );
    let res = app
        .patch(&admin, &path("targets", &target), 1, json!({"target": 11}))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let events = events_after(&app, &admin, before).await;
    assert_eq!(names(&events), ["plan.deleted"]);
    assert_eq!(events[0]["entity_version"], 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_two_simultaneous_edits_of_a_plan_from_the_same_version_exactly_one_wins() {
    let app = spawn_busy_app().await;
    let admin = app.admin().await;
    let province = app.unit(&admin, PROVINCE).await;
    let plan = create_plan(&app, &admin, province, None, 2027).await;
    let plan_path = path("plans", &plan);
    let (a, b) = join(
        app.patch(
            &admin,
            &plan_path,
            1,
            json!({"title": "Kế hoạch năm 2027 (bản A)"}),
        ),
        app.patch(
            &admin,
            &plan_path,
            1,
            json!({"title": "Kế hoạch năm 2027 (bản B)"}),
        ),
    )
    .await;
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::PRECONDITION_FAILED]);
    assert_eq!(app.get(&admin, &plan_path).await.headers()["etag"], "\"2\"");
}
