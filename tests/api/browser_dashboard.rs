//! The dashboard in headless Chromium, over the demo province: the province officer opens
//! `#/dashboard` and finds each card drawn from its report, the figures equal to those of the
//! reports' JSON read over HTTP for the same query (the home unit, the server's day and its
//! year): products by stars, certificates expiring within 90 days, dossiers in the pipeline,
//! targets, and the budget planned and disbursed. The CSV of a card is the report itself,
//! fetched with the token. Picking a commune redraws the cards for it and keeps it in the
//! address; the page fits a phone and reads in English too.
//!
//! Runs only with `OCOP_BROWSER_TESTS=1`, like the other browser tests. Screenshots go to
//! `target/screenshots/dashboard/`.

use chrono::Datelike;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::browser::{Browser, Tools, browser_tests_enabled, run_in_browser};
use crate::evaluations::json_of;
use crate::helpers::{TestApp, User, spawn_demo_app_on, test_day};

const OFFICER: &str = "tinh@demo.ocop.vn";
const DEMO_PASSWORD: &str = "ocop-demo-2026";

/// What the cards must show, as the reports say it.
#[derive(Clone, Debug)]
struct Expected {
    day: String,
    stars: [i64; 3],
    expiring: i64,
    dossiers: i64,
    /// Targets the card lists (it lists ten at most).
    targets: usize,
    /// Planned and disbursed đồng over every source, or `None` when the server has no
    /// budgets report (the card then says it is not available).
    budget: Option<(i64, i64)>,
    /// A commune with certified products, and its products by stars.
    commune_id: i64,
    commune_stars: i64,
}

async fn demo_user(app: &TestApp, email: &str) -> User {
    let res = app.login(email, DEMO_PASSWORD).await;
    let body = json_of(res, StatusCode::OK, "demo sign-in").await;
    User {
        token: body["access_token"].as_str().expect("token").into(),
        id: body["user"]["id"].as_str().expect("id").into(),
        email: email.into(),
    }
}

/// The report's rows, or `None` when the server answers 404 (a report not there yet).
async fn rows(app: &TestApp, user: &User, name: &str, query: &str) -> Option<Vec<Value>> {
    let res = app
        .get(user, &format!("/api/v1/reports/{name}?{query}"))
        .await;
    if res.status() == StatusCode::NOT_FOUND {
        return None;
    }
    let body = json_of(res, StatusCode::OK, name).await;
    Some(body["rows"].as_array().cloned().unwrap_or_default())
}

fn sum(rows: &[Value], key: &str, keep: impl Fn(&Value) -> bool) -> i64 {
    rows.iter()
        .filter(|r| keep(r))
        .map(|r| r[key].as_i64().unwrap_or(0))
        .sum()
}

/// `1500000` as the page writes đồng: `1.500.000 ₫`.
fn dong(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}{out} ₫")
}

#[tokio::test]
async fn a_province_officer_reads_the_dashboard_drawn_from_the_reports() {
    if !browser_tests_enabled() {
        return;
    }
    let tools = Tools::find("dashboard");
    let day = test_day();
    let demo = spawn_demo_app_on(day).await;
    // The demo app serves no SPA: a second process on its database, on the same day, does.
    let app = demo
        .on_day_with(day, |s| s.spa_dir = tools.spa_dir.clone())
        .await;
    let officer = demo_user(&app, OFFICER).await;
    let on_day = format!("as_of={day}");
    let in_year = format!("as_of={day}&year={}", day.year());

    let products = rows(&app, &officer, "products", &on_day)
        .await
        .expect("the products report");
    let stars = [3, 4, 5].map(|s| sum(&products, "in_force", |r| r["stars"] == s));
    assert!(
        stars.iter().sum::<i64>() > 0,
        "the demo has products in force"
    );
    let summary = rows(&app, &officer, "province-summary", &on_day)
        .await
        .expect("the province summary");
    let expiring = sum(&summary, "expiring_90_days", |_| true);
    let commune = summary
        .iter()
        .max_by_key(|r| r["certified"].as_i64().unwrap_or(0))
        .expect("a commune");
    let commune_code = commune["unit_code"].as_str().expect("commune code");
    let commune_id = app.unit(&officer, commune_code).await;
    let commune_products = rows(
        &app,
        &officer,
        "products",
        &format!("{on_day}&unit_id={commune_id}"),
    )
    .await
    .expect("the commune's products");
    let dossiers = sum(
        &rows(&app, &officer, "pipeline", &in_year)
            .await
            .expect("the pipeline"),
        "dossiers",
        |_| true,
    );
    let targets = rows(&app, &officer, "targets", &in_year)
        .await
        .expect("the targets")
        .len();
    let budget = rows(&app, &officer, "budgets", &in_year)
        .await
        .map(|lines| {
            (
                sum(&lines, "planned", |_| true),
                sum(&lines, "disbursed", |_| true),
            )
        });
    let expected = Expected {
        day: day.to_string(),
        stars,
        expiring,
        dossiers,
        targets: targets.min(10),
        budget,
        commune_id,
        commune_stars: sum(&commune_products, "in_force", |_| true),
    };
    eprintln!("dashboard expects {expected:?}");
    run_in_browser(&tools, &app.address, |b| scenario(b, expected)).await;
}

async fn sign_in(b: &Browser) {
    b.goto("/").await;
    b.element("#login-email").await;
    b.fill("#login-email", OFFICER).await;
    b.fill("#login-password", DEMO_PASSWORD).await;
    b.click("#login-submit").await;
    b.element("#nav-dashboard").await;
}

/// Waits until every card has left its loading state.
async fn cards_drawn(b: &Browser) {
    b.until(
        "five cards, none of them loading or failed",
        "const cards = [...document.querySelectorAll('#dashboard .dash-card')]; \
         return cards.length === 5 \
             && cards.every(c => ['ready', 'unavailable'].includes(c.dataset.state));",
        vec![],
    )
    .await;
}

/// The `data-value` of the element at `css`, once it equals `value`.
async fn shows(b: &Browser, what: &str, css: &str, value: i64) {
    b.until(
        what,
        "const e = document.querySelector(arguments[0]); \
         return !!e && e.dataset.value === arguments[1];",
        vec![json!(css), json!(value.to_string())],
    )
    .await;
}

/// The whole page in one picture: the window made as tall as the page (WebDriver pictures
/// only what the window shows).
async fn full_page(b: &Browser, width: u32, step: &str) {
    b.resize(width, 900).await;
    let height = b
        .client
        .execute("return document.documentElement.scrollHeight;", vec![])
        .await
        .expect("the page's height")
        .as_u64()
        .unwrap_or(900);
    // The window's frame takes some of its height from the page.
    let height = u32::try_from(height).unwrap_or(900).saturating_add(160);
    b.resize(width, height.min(6000)).await;
    b.shot(step).await;
}

async fn scenario(b: Browser, e: Expected) {
    sign_in(&b).await;
    b.click("#nav-dashboard").await;
    cards_drawn(&b).await;
    // The server's day, told by the first report, fills the day field.
    b.until(
        "the server's day in the day field",
        "return document.querySelector('#dash-as-of').value === arguments[0];",
        vec![json!(e.day)],
    )
    .await;
    for (stars, count) in [3, 4, 5].into_iter().zip(e.stars) {
        shows(
            &b,
            &format!("{stars}★ as the products report counts them"),
            &format!("#dash-stars .column[data-key=\"{stars}\"]"),
            count,
        )
        .await;
    }
    b.until(
        "each column's number written beside it, not told by colour alone",
        "return [...document.querySelectorAll('#dash-stars .column')] \
             .every(g => g.querySelector('.column-value').textContent.trim() \
                         === Number(g.dataset.value).toLocaleString('de-DE') \
                      && !!g.querySelector('title'));",
        vec![],
    )
    .await;
    shows(
        &b,
        "the certificates expiring within 90 days",
        "#dash-expiring-total",
        e.expiring,
    )
    .await;
    shows(
        &b,
        "the dossiers in the pipeline",
        "#dash-pipeline-total",
        e.dossiers,
    )
    .await;
    b.until(
        "a bar, a percentage and a worded status per target",
        "const items = [...document.querySelectorAll('#dash-targets .dash-target')]; \
         return items.length === arguments[0] \
             && items.every(i => !!i.querySelector('svg.bar-track title') \
                              && /%|—/.test(i.querySelector('.percent-text').textContent) \
                              && i.querySelector('.badge.progress').textContent.trim().length > 0);",
        vec![json!(e.targets)],
    )
    .await;
    match e.budget {
        Some((planned, disbursed)) => {
            shows(&b, "the budget planned", "#dash-budget-planned", planned).await;
            shows(
                &b,
                "the budget disbursed",
                "#dash-budget-disbursed",
                disbursed,
            )
            .await;
            b.contains("#dash-budget-planned", &dong(planned)).await;
            b.element("#dash-budget-sources li.pair svg.bar-track")
                .await;
        }
        None => {
            b.element("#dash-budget[data-state=\"unavailable\"]").await;
        }
    }
    b.shot("dashboard").await;
    full_page(&b, 1280, "dashboard-full").await;
    b.resize(1366, 900).await;

    // The products card's CSV is the report itself, fetched with the token. The file is caught
    // on its way to the browser (the blob, and the link's click with its name), since the page's
    // Content-Security-Policy rightly lets no script fetch a `blob:` address back.
    b.client
        .execute(
            "window.__saved = []; window.__blobs = []; \
             const create = URL.createObjectURL; \
             URL.createObjectURL = blob => { window.__blobs.push(blob); return create(blob); }; \
             HTMLAnchorElement.prototype.click = function () { \
                 window.__saved.push(this.download); };",
            vec![],
        )
        .await
        .expect("catch downloads");
    b.click("#dash-products .download-csv").await;
    let name = b
        .until(
            "the CSV handed to the browser",
            "return window.__saved.length > 0 && window.__saved[0];",
            vec![],
        )
        .await;
    assert_eq!(name, json!(format!("ocop-products-66-{}.csv", e.day)));
    // Bytes, not `text()`: decoding would drop the byte-order mark Excel needs.
    b.client
        .execute(
            "window.__blobs[0].arrayBuffer().then(a => { \
                 window.__csv = new TextDecoder('utf-8', {ignoreBOM: true}) \
                     .decode(new Uint8Array(a)); });",
            vec![],
        )
        .await
        .expect("read the CSV");
    b.until(
        "a CSV with a byte-order mark and the report's columns",
        "return typeof window.__csv === 'string' && window.__csv.charCodeAt(0) === 0xFEFF \
             && window.__csv.split('\\n')[0].includes('stars') \
             && window.__csv.split('\\n')[0].includes('in_force');",
        vec![],
    )
    .await;
    b.click("#dash-products .download-xlsx").await;
    let name = b
        .until(
            "the workbook handed to the browser",
            "return window.__saved.length > 1 && window.__saved[1];",
            vec![],
        )
        .await;
    assert_eq!(name, json!(format!("ocop-products-66-{}.xlsx", e.day)));

    // A commune: the cards are drawn again for it, and the address keeps it.
    b.select("#dash-unit", &e.commune_id.to_string()).await;
    shows(
        &b,
        "the commune's products in force",
        "#dash-stars-total",
        e.commune_stars,
    )
    .await;
    cards_drawn(&b).await;
    b.until(
        "the commune kept in the address",
        "return location.hash.includes('unit_id=' + arguments[0]);",
        vec![json!(e.commune_id.to_string())],
    )
    .await;
    b.shot("dashboard-commune").await;

    // Back to the province, whose cards are the fullest, for the phone.
    b.select("#dash-unit", "").await;
    shows(
        &b,
        "the province's products in force again",
        "#dash-stars-total",
        e.stars.iter().sum(),
    )
    .await;
    cards_drawn(&b).await;

    b.resize(390, 844).await;
    b.fits_width("the dashboard on a phone").await;
    b.shot("dashboard-phone").await;
    full_page(&b, 390, "dashboard-phone-full").await;
    b.resize(1366, 900).await;

    // In English, the same cards, worded anew without a reload.
    b.click("#lang-switch").await;
    b.contains("#dash-products h2", "OCOP products by stars")
        .await;
    b.contains("#dash-pipeline-total", "dossiers").await;
    b.shot("dashboard-en").await;
}
