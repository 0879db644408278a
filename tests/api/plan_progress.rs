//! Targets' progress computed from live records, as of any day, rolled up and scoped.

use chrono::{Datelike, Duration};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::certificates::certify;
use crate::evaluations::{Cast, cast, json_of};
use crate::helpers::*;

const PROVINCE: &str = "66";

/// A province plan for the test year with four targets, made over HTTP by the province officer.
async fn province_plan(app: &TestApp, cast: &Cast) -> String {
    let province = app.unit(&cast.admin, PROVINCE).await;
    let year = test_day().year();
    let plan = json_of(
        app.post(
            &cast.province,
            "/api/v1/plans",
            json!({"unit_id": province, "year": year, "title": "Kế hoạch OCOP tỉnh năm 2027"}),
        )
        .await,
        StatusCode::CREATED,
        "create plan",
    )
    .await;
    let id = plan["id"].as_str().expect("plan id").to_string();
    for (metric, target) in [
        ("products_recognised", 10),
        ("certified_products", 20),
        ("new_subjects", 5),
        ("women_led_share", 5000),
    ] {
        json_of(
            app.post(
                &cast.province,
                &format!("/api/v1/plans/{id}/targets"),
                json!({"metric": metric, "title": format!("Chỉ tiêu {metric}"), "unit_id": province,
                       "start_year": year, "end_year": year, "direction": "at_least",
                       "target": target}),
            )
            .await,
            StatusCode::CREATED,
            "create target",
        )
        .await;
    }
    id
}

async fn progress(app: &TestApp, user: &User, plan: &str, query: &str) -> Value {
    json_of(
        app.get(user, &format!("/api/v1/plans/{plan}/progress{query}"))
            .await,
        StatusCode::OK,
        "progress",
    )
    .await
}

/// The target of `metric` in a progress.
fn target<'a>(progress: &'a Value, metric: &str) -> &'a Value {
    progress["targets"]
        .as_array()
        .and_then(|all| all.iter().find(|t| t["metric"] == metric))
        .unwrap_or_else(|| panic!("no {metric} in {progress}"))
}

fn actual(progress: &Value, metric: &str) -> (i64, Option<i64>) {
    let a = &target(progress, metric)["actual"];
    (
        a["numerator"].as_i64().expect("numerator"),
        a["denominator"].as_i64(),
    )
}

async fn subject(app: &TestApp, user: &User, unit_code: &str, name: &str, women_led: bool) {
    let unit = app.unit(user, unit_code).await;
    let mut body = subject_body(unit, name);
    body["women_led"] = json!(women_led);
    json_of(
        app.post(user, "/api/v1/subjects", body).await,
        StatusCode::CREATED,
        "subject",
    )
    .await;
}

#[tokio::test]
async fn progress_follows_the_records_as_they_change_and_as_of_reads_the_past() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let plan = province_plan(&app, &cast).await;
    let today = test_day();

    // The cast's subject (women-led, commune A) was registered today; nothing is certified.
    let before = progress(&app, &cast.province, &plan, "").await;
    assert_eq!(before["as_of"], today.to_string());
    assert_eq!(actual(&before, "products_recognised"), (0, None));
    assert_eq!(actual(&before, "certified_products"), (0, None));
    assert_eq!(actual(&before, "new_subjects"), (1, None));
    assert_eq!(actual(&before, "women_led_share"), (1, Some(1)));

    certify(
        &app,
        &cast,
        today.year(),
        "first_rating",
        4,
        "15/QĐ-UBND",
        &today.to_string(),
    )
    .await;
    subject(&app, &cast.admin, COMMUNE_A, "HTX Chè Thử", false).await;
    subject(&app, &cast.admin, COMMUNE_B, "HTX Dừa Thử", true).await;

    let after = progress(&app, &cast.province, &plan, "").await;
    assert_eq!(actual(&after, "products_recognised"), (1, None));
    assert_eq!(actual(&after, "certified_products"), (1, None));
    assert_eq!(actual(&after, "new_subjects"), (3, None));
    let recognised = target(&after, "products_recognised");
    assert_eq!(recognised["actual_value"], 1.0);
    assert!(
        recognised["percent"]
            .as_f64()
            .is_some_and(|p| (p - 10.0).abs() < 1e-9)
    );

    // Yesterday, none of today's records existed.
    let yesterday = today - Duration::days(1);
    let past = progress(&app, &cast.province, &plan, &format!("?as_of={yesterday}")).await;
    assert_eq!(past["as_of"], yesterday.to_string());
    assert_eq!(actual(&past, "products_recognised"), (0, None));
    assert_eq!(actual(&past, "certified_products"), (0, None));
    assert_eq!(actual(&past, "new_subjects"), (0, None));
    assert_eq!(actual(&past, "women_led_share"), (0, Some(0)));
}

#[tokio::test]
async fn a_share_rolls_up_by_summing_its_parts_and_a_commune_narrows_the_figures() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let plan = province_plan(&app, &cast).await;
    // Commune A: 1 of 2 women-led; commune B: 1 of 1. The province: 2 of 3, not the mean.
    subject(&app, &cast.admin, COMMUNE_A, "HTX Chè Thử", false).await;
    subject(&app, &cast.admin, COMMUNE_B, "HTX Dừa Thử", true).await;

    let all = progress(&app, &cast.province, &plan, "").await;
    let share = target(&all, "women_led_share");
    assert_eq!(actual(&all, "women_led_share"), (2, Some(3)));
    let value = share["actual_value"].as_f64().expect("value");
    assert!((value - 20_000.0 / 3.0).abs() < 1e-6, "{value}");
    let commune_a = app.unit(&cast.admin, COMMUNE_A).await;
    let commune_b = app.unit(&cast.admin, COMMUNE_B).await;
    let by_unit = share["by_unit"].as_array().expect("by_unit");
    let part = |unit: i64| {
        by_unit
            .iter()
            .find(|u| u["unit_id"] == unit)
            .map(|u| {
                (
                    u["actual"]["numerator"].clone(),
                    u["actual"]["denominator"].clone(),
                )
            })
            .unwrap_or_else(|| panic!("no {unit} in {by_unit:?}"))
    };
    assert_eq!(part(commune_a), (json!(1), json!(2)));
    assert_eq!(part(commune_b), (json!(1), json!(1)));
    assert!(
        by_unit
            .iter()
            .all(|u| u["unit_name"].as_str().is_some_and(|n| !n.is_empty()))
    );

    let narrowed = progress(
        &app,
        &cast.province,
        &plan,
        &format!("?unit_id={commune_a}"),
    )
    .await;
    assert_eq!(narrowed["unit_id"], commune_a);
    assert_eq!(target(&narrowed, "women_led_share")["unit_id"], commune_a);
    assert_eq!(actual(&narrowed, "women_led_share"), (1, Some(2)));
    // A count's target is its own unit's figure: the area stays the province (by_unit shows
    // the commune's part), and the all-province total is judged against it.
    assert_eq!(
        target(&narrowed, "new_subjects")["unit_id"],
        target(&all, "new_subjects")["unit_id"]
    );
    assert_eq!(
        actual(&narrowed, "new_subjects"),
        actual(&all, "new_subjects")
    );
}

#[tokio::test]
async fn a_commune_officer_cannot_read_the_province_plan_nor_anyone_the_future() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let plan = province_plan(&app, &cast).await;
    let res = app
        .get(&cast.commune, &format!("/api/v1/plans/{plan}/progress"))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let tomorrow = test_day() + Duration::days(1);
    let res = app
        .get(
            &cast.province,
            &format!("/api/v1/plans/{plan}/progress?as_of={tomorrow}"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = res.json().await.expect("json");
    assert_eq!(problem["errors"][0]["field"], "as_of");
    assert_eq!(problem["errors"][0]["code"], "in_future");

    // A unit the caller does not cover is not found.
    let other = app.unit(&cast.admin, COMMUNE_B).await;
    let res = app
        .get(
            &cast.commune,
            &format!("/api/v1/plans/{plan}/progress?unit_id={other}"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_metric_catalogue_is_listed_with_its_measures_and_filters() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let list = json_of(
        app.get(&admin, "/api/v1/plans/metrics").await,
        StatusCode::OK,
        "metrics",
    )
    .await;
    let list = list.as_array().expect("list");
    assert_eq!(list.len(), 15);
    let women = list
        .iter()
        .find(|m| m["metric"] == "women_led_share")
        .expect("women_led_share");
    assert_eq!(women["measure"], "share");
    assert_eq!(women["accumulation"], "stock");
    assert_eq!(women["filters"], json!(["subject_kinds"]));
}

#[tokio::test]
async fn every_metric_of_the_catalogue_is_tallied_from_the_records() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let today = test_day();
    certify(
        &app,
        &cast,
        today.year(),
        "first_rating",
        4,
        "16/QĐ-UBND",
        &today.to_string(),
    )
    .await;
    let province = app.unit(&cast.admin, PROVINCE).await;
    let year = today.year();
    let plan = json_of(
        app.post(
            &cast.province,
            "/api/v1/plans",
            json!({"unit_id": province, "year": year, "title": "Kế hoạch đủ chỉ tiêu"}),
        )
        .await,
        StatusCode::CREATED,
        "create plan",
    )
    .await;
    let plan = plan["id"].as_str().expect("plan id").to_string();
    let metrics = json_of(
        app.get(&cast.province, "/api/v1/plans/metrics").await,
        StatusCode::OK,
        "metrics",
    )
    .await;
    for m in metrics.as_array().expect("metrics") {
        let metric = m["metric"].as_str().expect("metric");
        let direction = if metric == "expired_without_re_rating" {
            "at_most"
        } else {
            "at_least"
        };
        json_of(
            app.post(
                &cast.province,
                &format!("/api/v1/plans/{plan}/targets"),
                json!({"metric": metric, "title": format!("Chỉ tiêu {metric}"), "unit_id": province,
                       "start_year": year, "end_year": year, "direction": direction, "target": 100}),
            )
            .await,
            StatusCode::CREATED,
            "create target",
        )
        .await;
    }
    let now = progress(&app, &cast.province, &plan, "").await;
    assert_eq!(now["targets"].as_array().map(Vec::len), Some(15));
    assert_eq!(actual(&now, "certified_products"), (1, None));
    assert_eq!(actual(&now, "high_star_share"), (1, Some(1)));
    assert_eq!(actual(&now, "listed_share"), (0, Some(1)));
    assert_eq!(actual(&now, "product_ideas"), (1, None));
    assert_eq!(actual(&now, "re_rated_products"), (0, None));
    assert_eq!(actual(&now, "expired_without_re_rating"), (0, None));
    assert_eq!(actual(&now, "trainings_held"), (0, None));
    assert_eq!(actual(&now, "reported_revenue"), (0, None));
    // The cast's two officers (commune and province) are the officer accounts.
    assert_eq!(actual(&now, "officers_trained_share"), (0, Some(2)));
    // A stock's baseline is computed from the day before the period: nothing then.
    let certified = target(&now, "certified_products");
    assert_eq!(certified["baseline"]["numerator"], 0);
    // Last year's end, read through a past day: every target still answers.
    let past = progress(&app, &cast.province, &plan, "?as_of=2026-12-31").await;
    assert_eq!(actual(&past, "certified_products"), (0, None));
}

/// An activity of `plan` created planned on 9 March 2027 and moved to done, with `people`.
async fn held(app: &TestApp, user: &User, plan: &str, kind: &str, unit: i64, people: &[Value]) {
    let activity = json_of(
        app.post(
            user,
            &format!("/api/v1/plans/{plan}/activities"),
            json!({"kind": kind, "title": format!("Hoạt động {kind}"), "lead_department": "Sở NN&MT",
                   "quarters": [1], "unit_id": unit, "starts_on": "2027-03-09", "ends_on": "2027-03-09"}),
        )
        .await,
        StatusCode::CREATED,
        "create activity",
    )
    .await;
    let id = activity["id"].as_str().expect("activity id");
    for person in people {
        json_of(
            app.post(
                user,
                &format!("/api/v1/activities/{id}/participants"),
                person.clone(),
            )
            .await,
            StatusCode::CREATED,
            "participant",
        )
        .await;
    }
    // Read the version again: recording people may have moved it.
    let current = json_of(
        app.get(user, &format!("/api/v1/activities/{id}")).await,
        StatusCode::OK,
        "activity",
    )
    .await;
    let version = current["version"].as_i64().expect("version");
    json_of(
        app.patch(
            user,
            &format!("/api/v1/activities/{id}"),
            version,
            json!({"status": "done"}),
        )
        .await,
        StatusCode::OK,
        "done",
    )
    .await;
}

#[tokio::test]
async fn trainings_and_fairs_held_count_with_their_people_and_the_officers_trained() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let province = app.unit(&cast.admin, PROVINCE).await;
    let commune = app.unit(&cast.admin, COMMUNE_A).await;
    let year = test_day().year();
    let plan = json_of(
        app.post(
            &cast.province,
            "/api/v1/plans",
            json!({"unit_id": province, "year": year, "title": "Kế hoạch tập huấn"}),
        )
        .await,
        StatusCode::CREATED,
        "create plan",
    )
    .await;
    let plan = plan["id"].as_str().expect("plan id").to_string();
    for (metric, filter, target) in [
        ("trainings_held", json!({}), 4),
        ("people_trained", json!({"audience": "producer"}), 100),
        ("officers_trained_share", json!({}), 8000),
        ("trade_events", json!({}), 2),
    ] {
        json_of(
            app.post(
                &cast.province,
                &format!("/api/v1/plans/{plan}/targets"),
                json!({"metric": metric, "filter": filter, "title": format!("Chỉ tiêu {metric}"),
                       "unit_id": province, "start_year": year, "end_year": year,
                       "direction": "at_least", "target": target}),
            )
            .await,
            StatusCode::CREATED,
            "create target",
        )
        .await;
    }
    let subject = app
        .create_subject(&cast.admin, COMMUNE_A, "HTX Học Viên")
        .await;
    let people = [
        json!({"full_name": "Trần Văn Bình", "audience": "officer", "user_id": cast.commune.id,
               "unit_id": commune}),
        json!({"full_name": "Nguyễn Thị Hoa", "audience": "producer", "subject_id": subject["id"],
               "unit_id": commune}),
    ];
    held(&app, &cast.province, &plan, "training", province, &people).await;
    held(&app, &cast.province, &plan, "fair", province, &[]).await;

    let now = progress(&app, &cast.province, &plan, "").await;
    assert_eq!(actual(&now, "trainings_held"), (1, None));
    assert_eq!(actual(&now, "people_trained"), (1, None));
    assert_eq!(actual(&now, "officers_trained_share"), (1, Some(2)));
    assert_eq!(actual(&now, "trade_events"), (1, None));
    // Held on the 9th: already counted that day, not the day before.
    let ninth = progress(&app, &cast.province, &plan, "?as_of=2027-03-09").await;
    assert_eq!(actual(&ninth, "trainings_held"), (1, None));
    let eighth = progress(&app, &cast.province, &plan, "?as_of=2027-03-08").await;
    assert_eq!(actual(&eighth, "trainings_held"), (0, None));
}

/// A province plan for the test year with one target per metric given, each at least 1.
async fn plan_with(app: &TestApp, cast: &Cast, title: &str, metrics: &[(&str, Value)]) -> String {
    let province = app.unit(&cast.admin, PROVINCE).await;
    let year = test_day().year();
    let plan = json_of(
        app.post(
            &cast.province,
            "/api/v1/plans",
            json!({"unit_id": province, "year": year, "title": title}),
        )
        .await,
        StatusCode::CREATED,
        "create plan",
    )
    .await;
    let plan = plan["id"].as_str().expect("plan id").to_string();
    for (metric, filter) in metrics {
        json_of(
            app.post(
                &cast.province,
                &format!("/api/v1/plans/{plan}/targets"),
                json!({"metric": metric, "filter": filter, "title": format!("Chỉ tiêu {metric}"),
                       "unit_id": province, "start_year": year, "end_year": year,
                       "direction": "at_least", "target": 1}),
            )
            .await,
            StatusCode::CREATED,
            "create target",
        )
        .await;
    }
    plan
}

#[tokio::test]
async fn participants_recorded_today_leave_yesterdays_people_trained_as_it_was() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let province = app.unit(&cast.admin, PROVINCE).await;
    let commune = app.unit(&cast.admin, COMMUNE_A).await;
    let plan = plan_with(
        &app,
        &cast,
        "Kế hoạch tập huấn",
        &[
            ("trainings_held", json!({})),
            ("people_trained", json!({})),
            ("officers_trained_share", json!({})),
        ],
    )
    .await;
    let subject = app
        .create_subject(&cast.admin, COMMUNE_A, "HTX Học Viên")
        .await;
    // The class was held yesterday; its attendance is recorded today.
    let people = [
        json!({"full_name": "Trần Văn Bình", "audience": "officer", "user_id": cast.commune.id,
               "unit_id": commune}),
        json!({"full_name": "Nguyễn Thị Hoa", "audience": "producer", "subject_id": subject["id"],
               "unit_id": commune}),
    ];
    held(&app, &cast.province, &plan, "training", province, &people).await;

    let now = progress(&app, &cast.province, &plan, "").await;
    assert_eq!(actual(&now, "trainings_held"), (1, None));
    assert_eq!(actual(&now, "people_trained"), (2, None));
    assert_eq!(actual(&now, "officers_trained_share"), (1, Some(2)));

    let yesterday = test_day() - Duration::days(1);
    let past = progress(&app, &cast.province, &plan, &format!("?as_of={yesterday}")).await;
    assert_eq!(actual(&past, "trainings_held"), (1, None));
    assert_eq!(actual(&past, "people_trained"), (0, None));
    // The cast's accounts were made today too: yesterday there were none.
    assert_eq!(actual(&past, "officers_trained_share"), (0, Some(0)));
}

#[tokio::test]
async fn a_certificate_counts_as_expired_from_the_day_after_its_expiry() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    // Issued on 1 March 2024: valid through 1 March 2027, lapsed on the 2nd, no re-rating filed.
    certify(
        &app,
        &cast,
        2024,
        "first_rating",
        3,
        "3/QĐ-UBND",
        "2024-03-01",
    )
    .await;
    let plan = plan_with(
        &app,
        &cast,
        "Kế hoạch duy trì",
        &[
            ("expired_without_re_rating", json!({})),
            ("certified_products", json!({})),
        ],
    )
    .await;
    let now = progress(&app, &cast.province, &plan, "").await;
    assert_eq!(actual(&now, "expired_without_re_rating"), (1, None));
    assert_eq!(actual(&now, "certified_products"), (0, None));
    // On its last day of validity it had not lapsed yet.
    let last_day = progress(&app, &cast.province, &plan, "?as_of=2027-03-01").await;
    assert_eq!(actual(&last_day, "expired_without_re_rating"), (0, None));
    assert_eq!(actual(&last_day, "certified_products"), (1, None));
}
