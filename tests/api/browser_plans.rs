//! A province's annual plan in headless Chromium: the province officer opens the plan and finds
//! each target's progress row (target, actual, a meter) with its status worded, the progress
//! chart drawn from data, and the training class with its participant; an officer with an
//! account is added through the account picker (so the participant carries the account); the
//! page fits a phone.
//!
//! Runs only with `OCOP_BROWSER_TESTS=1`, like the other browser tests. Screenshots go to
//! `target/screenshots/plans/`.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::browser::{Browser, Tools, browser_tests_enabled, run_in_browser, sign_in};
use crate::evaluations::json_of;
use crate::helpers::{COMMUNE_A, TestApp, User, spawn_app_with_spa, test_day};

const PLAN_TITLE: &str = "Kế hoạch thực hiện Chương trình OCOP năm 2027";
const TRAINING: &str = "Tập huấn kiến thức OCOP cho cán bộ xã";
const PARTICIPANT: &str = "Nguyễn Thị Hoa";
/// The Vietnamese words of every status a target may show.
const STATUS_WORDS: [&str; 5] = [
    "Đã đạt",
    "Đúng tiến độ",
    "Cần đẩy nhanh",
    "Tiến triển chậm",
    "Đi ngược mục tiêu",
];

#[derive(Clone)]
struct Seeded {
    officer: String,
    plan_id: String,
    as_of: String,
    activity_id: String,
    /// A commune officer's account, picked in the participant form.
    trainee: String,
}

async fn created(app: &TestApp, user: &User, path: &str, body: Value, what: &str) -> Value {
    json_of(app.post(user, path, body).await, StatusCode::CREATED, what).await
}

#[tokio::test]
async fn a_province_officer_reads_the_plans_progress_statuses_chart_and_activities() {
    if !browser_tests_enabled() {
        return;
    }
    let tools = Tools::find("plans");
    let app = spawn_app_with_spa(Some(tools.spa_dir.clone())).await;
    let admin = app.admin().await;
    let officer = app
        .user_with_role(&admin, "province_officer", "66", None)
        .await;
    let province = app.unit(&admin, "66").await;
    let commune = app.unit(&admin, COMMUNE_A).await;
    let plan = created(
        &app,
        &officer,
        "/api/v1/plans",
        json!({"unit_id": province, "phase_id": null, "year": 2027, "title": PLAN_TITLE,
               "summary": "Công nhận 10–12 sản phẩm; tập huấn 50 lượt người"}),
        "the plan",
    )
    .await;
    let plan_id = plan["id"].as_str().expect("plan id").to_string();
    let targets = format!("/api/v1/plans/{plan_id}/targets");
    created(
        &app,
        &officer,
        &targets,
        json!({"metric": "products_recognised", "filter": {"min_stars": 3, "max_stars": 4},
               "title": "Công nhận 10–12 sản phẩm đạt 3–4 sao", "unit_id": province,
               "start_year": 2027, "end_year": 2027, "direction": "at_least",
               "target": 10, "target_max": 12}),
        "the products target",
    )
    .await;
    created(
        &app,
        &officer,
        &targets,
        json!({"metric": "people_trained", "title": "Tập huấn cho 50 lượt người",
               "unit_id": province, "start_year": 2027, "end_year": 2027,
               "direction": "at_least", "target": 50}),
        "the training target",
    )
    .await;
    let activity = created(
        &app,
        &officer,
        &format!("/api/v1/plans/{plan_id}/activities"),
        json!({"kind": "training", "title": TRAINING,
               "lead_department": "Sở Nông nghiệp và Môi trường",
               "cooperating_units": ["Liên minh Hợp tác xã tỉnh"], "quarters": [1],
               "unit_id": commune, "place": "Hội trường UBND phường",
               "starts_on": "2027-02-19", "ends_on": "2027-02-20", "status": "done",
               "results": "35 cán bộ tham dự"}),
        "the training class",
    )
    .await;
    created(
        &app,
        &officer,
        &format!(
            "/api/v1/activities/{}/participants",
            activity["id"].as_str().expect("activity id")
        ),
        json!({"full_name": PARTICIPANT, "audience": "officer", "unit_id": commune,
               "position": "Công chức Nông nghiệp"}),
        "the participant",
    )
    .await;
    let trainee = app
        .user_with_role(&admin, "commune_officer", COMMUNE_A, None)
        .await;
    let activity_id = activity["id"].as_str().expect("activity id").to_string();
    let seeded = Seeded {
        officer: officer.email.clone(),
        plan_id,
        as_of: test_day().to_string(),
        activity_id: activity_id.clone(),
        trainee: trainee.id.clone(),
    };
    run_in_browser(&tools, &app.address, |b| scenario(b, seeded)).await;
    let participants = json_of(
        app.get(
            &officer,
            &format!("/api/v1/activities/{activity_id}/participants"),
        )
        .await,
        StatusCode::OK,
        "the participants",
    )
    .await;
    let linked = participants
        .as_array()
        .expect("participants")
        .iter()
        .filter(|p| p["user_id"] == json!(trainee.id))
        .count();
    assert_eq!(linked, 1, "the picked officer is recorded with the account");
}

async fn scenario(b: Browser, s: Seeded) {
    sign_in(&b, &s.officer).await;
    b.goto(&format!("/#/plans/{}?as_of={}", s.plan_id, s.as_of))
        .await;
    b.contains("#plan-title", PLAN_TITLE).await;
    b.until(
        "two progress rows, each with its target, a meter and a worded status",
        "const rows = [...document.querySelectorAll('#plan-progress tr.target-row')]; \
         return rows.length === 2 \
            && rows.some(r => r.querySelector('.target-value').textContent.includes('10–12')) \
            && rows.every(r => !!r.querySelector('meter')) \
            && rows.every(r => { \
                 const b = r.querySelector('.badge.progress'); \
                 return !!b && arguments[0].includes(b.textContent.trim()); });",
        vec![json!(STATUS_WORDS)],
    )
    .await;
    // The training class counts: one person trained.
    b.until(
        "the training target's actual of one",
        "const rows = [...document.querySelectorAll('#plan-progress tr.target-row')]; \
         return rows.some(r => r.textContent.includes('50 lượt') \
                            && r.querySelector('.actual-value').textContent.trim().startsWith('1'));",
        vec![],
    )
    .await;
    b.until(
        "the chart with the path and the actual points",
        "const svg = document.querySelector('#plan-chart svg.chart'); \
         return !!svg && !!svg.querySelector('.chart-path') \
                && svg.querySelectorAll('.chart-dot').length >= 1;",
        vec![],
    )
    .await;
    b.contains("#plan-activities", TRAINING).await;
    b.click("#plan-activities .activity-open").await;
    b.contains("#plan-activities .participant-table", PARTICIPANT)
        .await;
    // An officer with an account is picked: the name and the unit come from the account.
    let picker = format!("#field-user_id-{}", s.activity_id);
    b.select(&picker, &s.trainee).await;
    b.until(
        "the picked account's name filled in",
        "return document.querySelector(arguments[0]).value === 'Người Thử';",
        vec![json!(format!("#field-full_name-{}", s.activity_id))],
    )
    .await;
    b.click("#plan-activities .participant-add").await;
    b.contains("#plan-activities .participant-table", "Người Thử")
        .await;
    b.until(
        "the as-of day kept in the address",
        "return location.hash.includes('as_of=' + arguments[0]);",
        vec![json!(s.as_of)],
    )
    .await;
    b.shot("plan").await;
    b.resize(390, 844).await;
    b.fits_width("the plan page on a phone").await;
    b.shot("plan-phone").await;
    b.resize(1366, 900).await;
}
