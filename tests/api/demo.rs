//! The demo province as `cargo run -p xtask -- demo` seeds it: every step made through the real
//! use cases, so what the demo shows is what the rules allow.

use std::collections::BTreeSet;

use chrono::{Datelike, Months, NaiveDate};
use serde_json::Value;

use crate::helpers::*;

async fn all(app: &TestApp, user: &User, path: &str) -> Vec<Value> {
    let page: Value = app.get(user, path).await.json().await.expect("json");
    page["items"].as_array().cloned().unwrap_or_default()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
}

/// The first and the last day of each month of `year`, from month `from` to month `to`.
fn month_ends(year: i32, from: u32, to: u32) -> Vec<NaiveDate> {
    (from..=to)
        .flat_map(|m| {
            let first = day(year, m, 1);
            let last = first + Months::new(1) - chrono::Days::new(1);
            [first, last]
        })
        .collect()
}

/// Seeds the demo on each day in turn and checks what it shows on that day.
async fn sweep(days: Vec<NaiveDate>) {
    for d in days {
        demo_shows_every_state_on(d).await;
    }
}

// The sweep: the first and last day of every month of 2027 and 2028 (29 February 2028 and both
// 31 Decembers among them), the first day 26/2026 is in force, the day this test once broke
// (1 December 2026, when the demo's history fell into the current year) and the last day of 2031.
// Split in six so the test runner seeds them side by side.

#[tokio::test]
async fn the_demo_seeds_on_every_month_end_of_early_2027() {
    sweep(month_ends(2027, 1, 4)).await;
}

#[tokio::test]
async fn the_demo_seeds_on_every_month_end_of_mid_2027() {
    sweep(month_ends(2027, 5, 8)).await;
}

#[tokio::test]
async fn the_demo_seeds_on_every_month_end_of_late_2027() {
    sweep(month_ends(2027, 9, 12)).await;
}

#[tokio::test]
async fn the_demo_seeds_on_every_month_end_of_early_2028_with_its_leap_day() {
    let days = month_ends(2028, 1, 4);
    assert!(days.contains(&day(2028, 2, 29)));
    sweep(days).await;
}

#[tokio::test]
async fn the_demo_seeds_on_every_month_end_of_mid_2028() {
    sweep(month_ends(2028, 5, 8)).await;
}

#[tokio::test]
async fn the_demo_seeds_on_every_month_end_of_late_2028_and_at_the_edges_of_26_2026() {
    let mut days = month_ends(2028, 9, 12);
    days.extend([day(2026, 5, 22), day(2026, 12, 1), day(2031, 12, 31)]);
    sweep(days).await;
}

/// The demo seeded on `today` shows a finished round, certificates in every dated state and a
/// dossier in every state of the cycle.
async fn demo_shows_every_state_on(today: NaiveDate) {
    let app = spawn_demo_app_on(today).await;
    let res = app.login("tinh@demo.ocop.vn", "ocop-demo-2026").await;
    let body: Value = res.json().await.expect("json");
    let province = User {
        token: body["access_token"].as_str().expect("token").into(),
        id: body["user"]["id"].as_str().expect("id").into(),
        email: "tinh@demo.ocop.vn".into(),
    };

    let certificates = all(&app, &province, "/api/v1/certificates?per_page=100").await;
    let states: BTreeSet<&str> = certificates
        .iter()
        .map(|c| c["state"].as_str().expect("state"))
        .collect();
    for state in [
        "valid",
        "re_rating_due",
        "expiring",
        "expired",
        "revoked",
        "superseded",
    ] {
        assert!(
            states.contains(state),
            "{today}: no {state} certificate: {states:?}"
        );
    }
    let stars: BTreeSet<i64> = certificates
        .iter()
        .filter_map(|c| c["stars"].as_i64())
        .collect();
    assert!(
        stars.contains(&3) && stars.contains(&4),
        "{today}: {stars:?}"
    );

    let cycles = all(&app, &province, "/api/v1/cycles?per_page=100").await;
    let cycle_states: BTreeSet<&str> = cycles
        .iter()
        .map(|c| c["state"].as_str().expect("state"))
        .collect();
    for state in [
        "idea_registered",
        "idea_returned",
        "idea_accepted",
        "plan_submitted",
        "plan_approved",
        "implementation",
        "dossier_submitted",
        "dossier_returned_for_completion",
        "dossier_resubmitted",
        "commune_checked",
        "awaiting_council",
        "recognised",
        "not_recognised",
        "potential_five_stars",
    ] {
        assert!(
            cycle_states.contains(state),
            "{today}: no cycle in {state}: {cycle_states:?}"
        );
    }

    let rounds: Value = app
        .get(&province, "/api/v1/rounds")
        .await
        .json()
        .await
        .expect("json");
    let closed: Vec<&Value> = rounds
        .as_array()
        .expect("rounds")
        .iter()
        .filter(|r| r["closed_at"].is_string())
        .collect();
    assert!(
        closed.iter().any(|r| r["agenda"]
            .as_array()
            .is_some_and(|a| a.iter().all(|i| i["result"]["stars"].is_number()))),
        "{today}: a finished round with a frozen result on every dossier"
    );
    let this_year = cycles
        .iter()
        .filter(|c| c["year"].as_i64() == Some(i64::from(today.year())))
        .count();
    assert!(this_year > 0, "{today}: this year's dossiers");

    demo_shows_its_plan_on(&app, &province, today).await;
    demo_shows_its_catalogue_on(&app, today).await;
    demo_shows_its_books_on(&app, &province, today).await;
}

/// The demo's books: lines from at least five sources in two phases, this year's allocated to
/// the plan's activities and partly disbursed, and the refused overspend in the audit trail.
async fn demo_shows_its_books_on(app: &TestApp, province: &User, today: NaiveDate) {
    let lines: Vec<Value> = app
        .get(province, "/api/v1/budgets/lines")
        .await
        .json()
        .await
        .expect("lines");
    let sources: BTreeSet<&str> = lines
        .iter()
        .map(|l| l["source_code"].as_str().expect("source"))
        .collect();
    assert!(sources.len() >= 5, "{today}: sources {sources:?}");
    let phases: BTreeSet<&str> = lines
        .iter()
        .filter_map(|l| l["phase_id"].as_str())
        .collect();
    assert_eq!(phases.len(), 2, "{today}: two phases");
    let year = i64::from(today.year());
    let this_year: Vec<&Value> = lines.iter().filter(|l| l["year"] == year).collect();
    let allocated: i64 = this_year
        .iter()
        .map(|l| l["allocated"].as_i64().expect("allocated"))
        .sum();
    let disbursed: i64 = this_year
        .iter()
        .map(|l| l["disbursed"].as_i64().expect("disbursed"))
        .sum();
    assert!(
        allocated > 0 && disbursed > 0 && disbursed <= allocated,
        "{today}: {allocated} {disbursed}"
    );
    for line in &this_year {
        assert!(
            line["allocated"].as_i64() <= line["amount"].as_i64(),
            "{today}: {line}"
        );
    }
    let res = app.login("admin@demo.ocop.vn", "ocop-demo-2026").await;
    let body: Value = res.json().await.expect("json");
    let admin = User {
        token: body["access_token"].as_str().expect("token").into(),
        id: body["user"]["id"].as_str().expect("id").into(),
        email: "admin@demo.ocop.vn".into(),
    };
    let refused = app
        .get(
            &admin,
            "/api/v1/audit/trail?action=budget_entry.disburse_refused",
        )
        .await
        .json::<Value>()
        .await
        .expect("trail");
    assert_eq!(refused["total"], 1, "{today}: the refused overspend");
}

/// The demo's certified products are in the public catalogue, signed out, and a package's GS1
/// Digital Link leads to the certificate's page.
async fn demo_shows_its_catalogue_on(app: &TestApp, today: NaiveDate) {
    let res = app
        .client
        .get(app.url("/api/v1/public/products?limit=200"))
        .send()
        .await
        .expect("feed");
    assert_eq!(res.status(), reqwest::StatusCode::OK, "{today}: the feed");
    let page: Value = res.json().await.expect("feed json");
    let items = page["items"].as_array().expect("items");
    assert!(
        !items.is_empty(),
        "{today}: certified products in the catalogue"
    );
    let item = &items[0];
    let gtin = item["gtin"]
        .as_str()
        .expect("a demo product carries a GTIN");
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let res = client
        .get(app.url(&format!("/01/{gtin}")))
        .send()
        .await
        .expect("digital link");
    assert_eq!(res.status(), reqwest::StatusCode::TEMPORARY_REDIRECT);
    let code = item["certificate"]["verification_code"]
        .as_str()
        .expect("code");
    assert!(
        res.headers()["location"]
            .to_str()
            .expect("location")
            .ends_with(&format!("/verify/{code}")),
        "{today}: /01/{gtin} leads to the certificate's page"
    );
}

/// The demo seeded on `today` has the province's approved plan for the year, whose progress
/// names a status for every target, some met and some not; points of sale and listings are
/// live, and the plan's activities are in several states.
async fn demo_shows_its_plan_on(app: &TestApp, province: &User, today: NaiveDate) {
    let year = today.year();
    let plans = all(
        app,
        province,
        &format!("/api/v1/plans?year={year}&per_page=50"),
    )
    .await;
    let approved: Vec<&Value> = plans.iter().filter(|p| p["state"] == "approved").collect();
    assert_eq!(
        approved.len(),
        1,
        "{today}: the province's approved plan: {plans:?}"
    );
    assert!(
        plans.iter().any(|p| p["state"] == "draft"),
        "{today}: a commune's draft plan"
    );
    let plan = approved[0];
    let id = plan["id"].as_str().expect("plan id");
    let decided = plan["decision_date"].as_str().expect("decision date");
    assert!(
        decided <= today.to_string().as_str(),
        "{today}: decided {decided}"
    );

    let res = app
        .get(province, &format!("/api/v1/plans/{id}/progress"))
        .await;
    assert_eq!(res.status(), 200, "{today}: progress");
    let progress: Value = res.json().await.expect("json");
    let targets = progress["targets"].as_array().expect("targets");
    assert!(targets.len() >= 10, "{today}: {} targets", targets.len());
    let statuses: Vec<&str> = targets
        .iter()
        .map(|t| t["status"].as_str().expect("every target has a status"))
        .collect();
    assert!(
        statuses.contains(&"met"),
        "{today}: some target met: {statuses:?}"
    );
    assert!(
        statuses.iter().any(|s| *s != "met"),
        "{today}: some target not met: {statuses:?}"
    );

    let activities: Value = app
        .get(province, &format!("/api/v1/plans/{id}/activities"))
        .await
        .json()
        .await
        .expect("json");
    let states: BTreeSet<&str> = activities
        .as_array()
        .expect("activities")
        .iter()
        .map(|a| a["status"].as_str().expect("status"))
        .collect();
    for state in ["done", "in_progress", "planned", "cancelled"] {
        assert!(
            states.contains(state),
            "{today}: no {state} activity: {states:?}"
        );
    }

    let points = all(
        app,
        province,
        &format!("/api/v1/points-of-sale?open_on={today}"),
    )
    .await;
    assert!(
        points.len() >= 4,
        "{today}: {} points of sale open",
        points.len()
    );
    let listings = all(
        app,
        province,
        &format!("/api/v1/listings?live_on={today}&per_page=100"),
    )
    .await;
    assert!(
        listings.len() >= 5,
        "{today}: {} listings live",
        listings.len()
    );
}
