//! Trade promotion in headless Chromium: a province officer opens the points of sale and finds
//! them both on the map (one circle each, drawn from their coordinates) and in the list, with
//! the point that has no coordinates listed as not on the map; opens a point and sees the
//! product on sale there; then adds an e-commerce listing to a product through its page's form
//! and sees it listed as a link that opens in a new tab.
//!
//! Runs only with `OCOP_BROWSER_TESTS=1`, like the other browser tests. Screenshots go to
//! `target/screenshots/trade/`.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::browser::{Browser, Tools, browser_tests_enabled, run_in_browser, sign_in};
use crate::evaluations::json_of;
use crate::helpers::{COMMUNE_A, COMMUNE_B, TestApp, User, spawn_app_with_spa, test_day};

const KIOSK: &str = "Ki-ốt OCOP chợ Buôn Ma Thuột";
const SHOP: &str = "Cửa hàng OCOP Tuy Hòa";
const NO_COORDINATES: &str = "Điểm trưng bày Ea Kao";
const PRODUCT: &str = "Cà phê bột Ea Tu";

#[derive(Clone)]
struct TradePlan {
    officer: String,
    product_id: String,
    kiosk_id: String,
}

async fn point(app: &TestApp, officer: &User, body: Value) -> Value {
    json_of(
        app.post(officer, "/api/v1/points-of-sale", body).await,
        StatusCode::CREATED,
        "create a point of sale",
    )
    .await
}

#[tokio::test]
async fn an_officer_finds_points_of_sale_on_the_map_and_lists_a_product_online() {
    if !browser_tests_enabled() {
        return;
    }
    let tools = Tools::find("trade");
    let app = spawn_app_with_spa(Some(tools.spa_dir.clone())).await;
    let admin = app.admin().await;
    let officer = app
        .user_with_role(&admin, "province_officer", "66", None)
        .await;
    let commune_a = app.unit(&admin, COMMUNE_A).await;
    let commune_b = app.unit(&admin, COMMUNE_B).await;
    let subject = app
        .create_subject(&admin, COMMUNE_A, "Hợp tác xã Cà phê Ea Tu")
        .await;
    let product = app
        .create_product(
            &admin,
            subject["id"].as_str().expect("subject id"),
            PRODUCT,
            "I.6",
        )
        .await;
    let opened = "2026-01-15";
    let kiosk = point(
        &app,
        &officer,
        json!({"kind": "kiosk", "name": KIOSK, "unit_id": commune_a,
               "address": "Chợ trung tâm, 01 Phan Chu Trinh", "latitude": 12.6797,
               "longitude": 108.0448, "opened_on": opened}),
    )
    .await;
    point(
        &app,
        &officer,
        json!({"kind": "shop", "name": SHOP, "unit_id": commune_b,
               "address": "12 Trần Hưng Đạo", "latitude": 13.0955, "longitude": 109.3209,
               "opened_on": opened}),
    )
    .await;
    point(
        &app,
        &officer,
        json!({"kind": "display_point", "name": NO_COORDINATES, "unit_id": commune_a,
               "address": "Trụ sở UBND xã", "opened_on": opened}),
    )
    .await;
    let kiosk_id = kiosk["id"].as_str().expect("kiosk id").to_string();
    json_of(
        app.post(
            &officer,
            &format!("/api/v1/points-of-sale/{kiosk_id}/products"),
            json!({"product_id": product["id"], "since": test_day().to_string()}),
        )
        .await,
        StatusCode::CREATED,
        "put the product on sale",
    )
    .await;
    let plan = TradePlan {
        officer: officer.email.clone(),
        product_id: product["id"].as_str().expect("product id").to_string(),
        kiosk_id,
    };
    run_in_browser(&tools, &app.address, |b| scenario(b, plan)).await;

    // The listing added through the form is on record.
    let listings: Value = app
        .get(
            &officer,
            &format!(
                "/api/v1/listings?product_id={}",
                product["id"].as_str().unwrap_or_default()
            ),
        )
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(listings["items"][0]["platform"], "Shopee", "{listings}");
}

async fn scenario(b: Browser, plan: TradePlan) {
    sign_in(&b, &plan.officer).await;

    // The menu leads to the points of sale: two on the map, three in the list.
    b.click("#nav-points-of-sale").await;
    b.until(
        "the map with one circle per point that has coordinates, and the list of all",
        "const m = document.querySelector('svg#pos-map'); \
         const t = document.querySelector('#list-table'); \
         return location.hash.startsWith('#/points-of-sale') \
                && !!m && m.querySelectorAll('circle').length === 2 \
                && !!t && t.querySelectorAll('tbody tr[data-id]').length === 3 \
                && t.textContent.includes(arguments[0]) && t.textContent.includes(arguments[1]);",
        vec![json!(KIOSK), json!(SHOP)],
    )
    .await;
    b.until(
        "each circle named by its point, and the point without coordinates off the map",
        "const titles = [...document.querySelectorAll('#pos-map .map-point title')] \
                        .map(t => t.textContent); \
         const off = document.querySelector('#pos-off-map'); \
         return titles.includes(arguments[0]) && titles.includes(arguments[1]) \
                && !!off && off.textContent.includes(arguments[2]) \
                && document.querySelectorAll('#pos-legend li').length === 4 \
                && document.querySelectorAll('#pos-map .graticule text').length > 0;",
        vec![json!(KIOSK), json!(SHOP), json!(NO_COORDINATES)],
    )
    .await;
    b.shot("points-of-sale").await;
    b.resize(390, 844).await;
    b.fits_width("the points of sale on a phone").await;
    b.shot("points-of-sale-phone").await;
    b.resize(1366, 900).await;

    // A filter by kind rides in the address and narrows the map and the list.
    b.select("#filter-kind", "shop").await;
    b.until(
        "only the shop, on the map and in the list, with the filter in the address",
        "return location.hash.includes('kind=shop') \
                && document.querySelectorAll('#pos-map circle').length === 1 \
                && document.querySelectorAll('#list-table tbody tr[data-id]').length === 1;",
        vec![],
    )
    .await;

    // The kiosk's page lists the product on sale there.
    b.goto(&format!("/#/points-of-sale/{}", plan.kiosk_id))
        .await;
    b.contains("#record-title", KIOSK).await;
    b.contains("#on-sale-now", PRODUCT).await;
    b.shot("point-of-sale").await;

    // The product's page: a listing added through the form is listed as a link.
    b.goto(&format!("/#/products/{}", plan.product_id)).await;
    b.contains("#record-title", PRODUCT).await;
    b.click("#add-listing").await;
    b.fill("#field-platform", "Shopee").await;
    b.fill("#field-url", "https://shopee.vn/ca-phe-bot-ea-tu")
        .await;
    b.click("#listing-submit").await;
    b.until(
        "the new listing, a link opening in a new tab",
        "const a = document.querySelector('#product-listings a.listing-link'); \
         return !!a && a.getAttribute('href') === arguments[0] && a.target === '_blank' \
                && a.rel.includes('noopener') \
                && document.querySelector('#product-listings').textContent.includes('Shopee');",
        vec![json!("https://shopee.vn/ca-phe-bot-ea-tu")],
    )
    .await;
    b.client
        .execute(
            "document.querySelector('#product-listings-card').scrollIntoView();",
            vec![],
        )
        .await
        .expect("scroll to the listings");
    b.shot("product-listing").await;
}
