//! Finding records in headless Chromium: a producer's product page lists its dossier and its
//! certificate (each a link) and "start a dossier" opens the new-dossier form with the product
//! chosen; a filtered dossier list is an address that reloads as the same list; clicking a
//! column heading sorts the list (and says so in `aria-sort`), and the sort survives a reload.
//!
//! Runs only with `OCOP_BROWSER_TESTS=1`, like the other browser tests. Screenshots go to
//! `target/screenshots/records/`.

use chrono::Datelike;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::browser::{Browser, Tools, browser_tests_enabled, run_in_browser, sign_in};
use crate::certificates::certify;
use crate::evaluations::{cast, json_of};
use crate::helpers::{spawn_app_with_spa, test_day};

/// Sorts before the cast's "Cà phê bột Thử Nghiệm" by name.
const OTHER_PRODUCT: &str = "Bánh tráng Thử Nghiệm";
const CERTIFIED_PRODUCT: &str = "Cà phê bột Thử Nghiệm";

#[derive(Clone)]
struct RecordsPlan {
    producer: String,
    product_id: String,
    year: String,
    certificate_number: String,
}

#[tokio::test]
async fn a_product_page_links_its_dossier_and_certificate_and_lists_keep_filters_and_sort() {
    if !browser_tests_enabled() {
        return;
    }
    let tools = Tools::find("records");
    let app = spawn_app_with_spa(Some(tools.spa_dir.clone())).await;
    let cast = cast(&app).await;
    let today = test_day();
    let cert = certify(
        &app,
        &cast,
        today.year(),
        "first_rating",
        4,
        "45/QĐ-UBND",
        &today.to_string(),
    )
    .await;
    // A second product of the same subject with a dossier under way, to sort against.
    let subject_id = cert["subject_id"].as_str().expect("subject id");
    let other = app
        .create_product(&cast.admin, subject_id, OTHER_PRODUCT, "I.6")
        .await;
    json_of(
        app.post(
            &cast.producer,
            "/api/v1/cycles",
            json!({"product_id": other["id"], "year": today.year(), "entry": "implementation",
                   "dossier_type": "first_rating"}),
        )
        .await,
        StatusCode::CREATED,
        "open the second cycle",
    )
    .await;
    let plan = RecordsPlan {
        producer: cast.producer.email.clone(),
        product_id: cast.product_id.clone(),
        year: today.year().to_string(),
        certificate_number: cert["number"].as_str().expect("number").to_string(),
    };
    run_in_browser(&tools, &app.address, |b| scenario(b, plan)).await;
}

/// The first data row of the list, as text.
const FIRST_ROW: &str = "const r = document.querySelector('#list-table tbody tr[data-id]'); \
                         return r ? r.textContent : '';";

async fn scenario(b: Browser, plan: RecordsPlan) {
    sign_in(&b, &plan.producer).await;

    // The product page: read-only facts, its dossier and its certificate, each a link.
    b.goto(&format!("/#/products/{}", plan.product_id)).await;
    b.contains("#record-title", CERTIFIED_PRODUCT).await;
    b.until(
        "the product's dossier and certificate, linked",
        "const c = document.querySelector('#product-cycles a[href^=\"#/cycles/\"]'); \
         const k = document.querySelector('#product-certificates a[href^=\"#/certificates/\"]'); \
         return !!c && c.textContent.includes(arguments[0]) \
                && !!k && k.textContent.includes(arguments[1]) \
                && !document.querySelector('#product-facts input, #product-facts select');",
        vec![json!(plan.year), json!(plan.certificate_number)],
    )
    .await;
    b.element("#edit-button").await;
    b.element("#subject-link").await;
    b.shot("01-product-page").await;
    b.resize(390, 844).await;
    b.fits_width("the product page on a phone").await;
    b.shot("02-product-page-phone").await;
    b.resize(1366, 900).await;

    // "Start a dossier" opens the form with this product chosen.
    b.click("#start-dossier").await;
    b.until(
        "the new-dossier form with the product preselected",
        "const s = document.querySelector('#field-product_id'); \
         return location.hash.startsWith('#/cycles/new?product=') && !!s && s.value === arguments[0];",
        vec![json!(plan.product_id)],
    )
    .await;
    b.shot("03-new-dossier-preselected").await;

    // A filtered list is an address: opened, then reloaded, it shows the same list.
    b.goto("/#/cycles?state=recognised").await;
    let filtered = "const t = document.querySelector('#list-table'); \
                    const s = document.querySelector('#filter-state'); \
                    return !!t && !!s && s.value === 'recognised' \
                           && t.querySelectorAll('tbody tr[data-id]').length === 1 \
                           && t.textContent.includes(arguments[0]) \
                           && !t.textContent.includes(arguments[1]);";
    let names = vec![json!(CERTIFIED_PRODUCT), json!(OTHER_PRODUCT)];
    b.until("the cycles list filtered by state", filtered, names.clone())
        .await;
    b.shot("04-cycles-filtered").await;
    b.client.refresh().await.expect("reload the page");
    b.until("the same filtered list after a reload", filtered, names)
        .await;
    b.until(
        "the filter still in the address",
        "return location.hash.includes('state=recognised');",
        vec![],
    )
    .await;
    b.shot("05-cycles-filtered-reloaded").await;

    // Every dossier again, then sorted by the product column: A→Z, then Z→A.
    b.select("#filter-state", "").await;
    b.until(
        "both dossiers listed",
        "return document.querySelectorAll('#list-table tbody tr[data-id]').length === 2;",
        vec![],
    )
    .await;
    let sort_by_product = "th[data-sort=\"product_name\"] button";
    let sorted = |direction: &str, first: &str| {
        format!(
            "const h = document.querySelector('th[data-sort=\"product_name\"]'); \
             const r = document.querySelector('#list-table tbody tr[data-id]'); \
             return !!h && h.getAttribute('aria-sort') === '{direction}' \
                    && !!r && r.textContent.includes({first}) \
                    && document.querySelectorAll('#list-table tbody tr[data-id]').length === 2;",
            first = json!(first)
        )
    };
    b.click(sort_by_product).await;
    b.until(
        "the list sorted by product A→Z",
        &sorted("ascending", OTHER_PRODUCT),
        vec![],
    )
    .await;
    let first: Value = b.until("the first row", FIRST_ROW, vec![]).await;
    assert!(
        first.as_str().unwrap_or_default().contains(OTHER_PRODUCT),
        "{first}"
    );
    b.shot("06-cycles-sorted-ascending").await;
    b.click(sort_by_product).await;
    b.until(
        "the list sorted by product Z→A",
        &sorted("descending", CERTIFIED_PRODUCT),
        vec![],
    )
    .await;
    b.until(
        "the sort in the address",
        "return location.hash.includes('sort=-product_name');",
        vec![],
    )
    .await;
    b.shot("07-cycles-sorted-descending").await;
    b.client.refresh().await.expect("reload the page");
    b.until(
        "the same order after a reload",
        &sorted("descending", CERTIFIED_PRODUCT),
        vec![],
    )
    .await;
    b.shot("08-cycles-sorted-reloaded").await;
}
