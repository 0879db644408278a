//! The public catalogue in headless Chromium, signed out: the sign-in page links to it; it
//! lists the certified product (with its photo, loaded from the public address) and not the
//! product without a certificate; the stars filter rides in the address and narrows the list,
//! the text search finds the product without its accents; the product's page shows its stars,
//! producer, origin and certificate number, links to the server-rendered verification page, and
//! switches to English. Desktop and phone screenshots of both pages.
//!
//! Runs only with `OCOP_BROWSER_TESTS=1`, like the other browser tests. Screenshots go to
//! `target/screenshots/catalogue/`.

use chrono::Datelike;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::browser::{Browser, Tools, browser_tests_enabled, run_in_browser};
use crate::certificates::certify;
use crate::evaluations::{cast, json_of};
use crate::helpers::{TestApp, User, spawn_app_with_spa, test_day};

/// The product `cast` creates and `certify` certifies.
const CERTIFIED: &str = "Cà phê bột Thử Nghiệm";
const UNCERTIFIED: &str = "Mật ong hoa cà phê chưa chứng nhận";

/// A 64 x 48 PNG of one colour: a real image, so the page can show that it loaded.
const PHOTO: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x30, 0x08, 0x02, 0x00, 0x00, 0x00, 0x2e, 0x29, 0xeb,
    0x48, 0x00, 0x00, 0x00, 0x43, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0xed, 0xcf, 0x41, 0x09, 0x00,
    0x00, 0x08, 0x04, 0xb0, 0xab, 0x66, 0x57, 0x4b, 0xd9, 0xc6, 0x0a, 0x7e, 0x85, 0xc1, 0x0a, 0x2c,
    0xd3, 0xf5, 0x5a, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04,
    0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04,
    0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0xae, 0x16, 0x2f, 0xfd, 0xe9, 0x2d, 0x0e, 0x45,
    0xf9, 0x90, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

#[derive(Clone)]
struct CataloguePlan {
    product_id: String,
    uncertified_id: String,
    number: String,
    code: String,
}

async fn add_photo(app: &TestApp, user: &User, product_id: &str) {
    let res = app
        .client
        .post(app.url(&format!("/api/v1/products/{product_id}/images")))
        .bearer_auth(&user.token)
        .header("content-type", "image/png")
        .header("x-file-name", "ca-phe.png")
        .body(PHOTO.to_vec())
        .send()
        .await
        .expect("upload a photo");
    assert_eq!(res.status(), StatusCode::CREATED, "upload a photo");
}

#[tokio::test]
async fn a_visitor_browses_the_catalogue_and_reads_a_certified_products_page() {
    if !browser_tests_enabled() {
        return;
    }
    let tools = Tools::find("catalogue");
    let app = spawn_app_with_spa(Some(tools.spa_dir.clone())).await;
    let cast = cast(&app).await;
    add_photo(&app, &cast.admin, &cast.product_id).await;
    let today = test_day();
    let cert = certify(
        &app,
        &cast,
        today.year(),
        "first_rating",
        4,
        "12/QĐ-UBND",
        &today.to_string(),
    )
    .await;
    let subject_id = cert["subject_id"].as_str().expect("subject id");
    let uncertified = app
        .create_product(&cast.admin, subject_id, UNCERTIFIED, "I.6")
        .await;
    // What the page will show is what the feed serves.
    let feed = json_of(
        app.client
            .get(app.url("/api/v1/public/products"))
            .send()
            .await
            .expect("feed"),
        StatusCode::OK,
        "the feed",
    )
    .await;
    assert_eq!(feed["items"].as_array().map(Vec::len), Some(1), "{feed}");
    let text = |v: &Value, key: &str| v[key].as_str().expect(key).to_string();
    let plan = CataloguePlan {
        product_id: cast.product_id.clone(),
        uncertified_id: text(&uncertified, "id"),
        number: text(&cert, "number"),
        code: text(&cert, "verification_code"),
    };
    run_in_browser(&tools, &app.address, |b| scenario(b, plan)).await;
}

async fn scenario(b: Browser, plan: CataloguePlan) {
    // Signed out, the sign-in page leads to the catalogue.
    b.goto("/#/").await;
    b.click("#login-catalogue").await;
    let card = format!("#catalogue-items li[data-id=\"{}\"]", plan.product_id);
    b.until(
        "the catalogue with the certified product, its stars and photo, and not the other",
        "const card = document.querySelector(arguments[0]); \
         const img = card && card.querySelector('img'); \
         return location.hash.startsWith('#/catalogue') && !document.querySelector('#logout') \
                && !!card && card.textContent.includes(arguments[1]) \
                && card.querySelector('.catalogue-stars').dataset.stars === '4' \
                && !!img && img.complete && img.naturalWidth === 64 \
                && !document.querySelector(`#catalogue-items li[data-id=\"${arguments[2]}\"]`) \
                && document.querySelectorAll('#catalogue-items li').length === 1 \
                && !document.querySelector('#catalogue-more');",
        vec![json!(card), json!(CERTIFIED), json!(plan.uncertified_id)],
    )
    .await;
    b.shot("01-catalogue").await;
    b.resize(390, 844).await;
    b.fits_width("the catalogue on a phone").await;
    b.shot("02-catalogue-phone").await;
    b.resize(1366, 900).await;

    // Five stars only: nothing; the filter is in the address.
    b.select("#filter-min_stars", "5").await;
    b.until(
        "an empty catalogue for five stars, the filter in the address",
        "return location.hash.includes('min_stars=5') \
                && !!document.querySelector('#catalogue-empty') \
                && document.querySelectorAll('#catalogue-items li').length === 0;",
        vec![],
    )
    .await;
    b.select("#filter-min_stars", "4").await;
    // The search folds accents: "ca phe bot" finds "Cà phê bột".
    b.fill("#filter-q", "ca phe bot").await;
    b.until(
        "the product found by its name typed without accents, four stars or more",
        "return location.hash.includes('min_stars=4') && location.hash.includes('q=ca') \
                && !!document.querySelector(arguments[0]) \
                && document.querySelectorAll('#catalogue-items li').length === 1;",
        vec![json!(card)],
    )
    .await;
    // The product set and province choices come from the entries seen.
    b.until(
        "the product set and the province offered as filters",
        "return document.querySelectorAll('#filter-product_set option').length === 2 \
                && document.querySelectorAll('#filter-province option').length === 2;",
        vec![],
    )
    .await;

    // The product's page.
    b.click(&format!("{card} a")).await;
    b.until(
        "the product's page: its stars, certificate number, status and verification link",
        "const link = document.querySelector('#catalogue-verify'); \
         const photo = document.querySelector('#catalogue-photos img'); \
         return location.hash === '#/catalogue/' + arguments[0] \
                && document.querySelector('#catalogue-title')?.textContent === arguments[1] \
                && document.querySelector('#catalogue-stars')?.dataset.stars === '4' \
                && document.querySelector('#catalogue-stars').textContent === '★★★★☆' \
                && document.querySelector('#catalogue-cert-number')?.textContent === arguments[2] \
                && document.querySelector('.page-head .badge')?.dataset.state === 'in_force' \
                && /^\\d{4}-\\d{2}-\\d{2}$/.test(document.querySelector('#catalogue-valid-through')?.dataset.day ?? '') \
                && !!link && link.getAttribute('href') === '/verify/' + arguments[3] \
                && !!photo && photo.complete && photo.naturalWidth === 64 \
                && document.querySelector('#catalogue-producer').textContent.length > 0 \
                && document.querySelector('#catalogue-province').textContent.length > 0;",
        vec![
            json!(plan.product_id),
            json!(CERTIFIED),
            json!(plan.number),
            json!(plan.code),
        ],
    )
    .await;
    b.shot("03-product").await;
    b.resize(390, 844).await;
    b.fits_width("the product's page on a phone").await;
    b.shot("04-product-phone").await;
    b.resize(1366, 900).await;
    b.client
        .execute(
            "document.querySelector('#catalogue-certificate').scrollIntoView();",
            vec![],
        )
        .await
        .expect("scroll to the certificate");
    b.shot("05-product-certificate").await;

    // In English.
    b.click("#lang-switch").await;
    b.contains("#catalogue-certificate h2", "OCOP certificate")
        .await;
    b.contains("#catalogue-back", "Product catalogue").await;
    b.shot("06-product-en").await;

    // A product outside the catalogue says so, without saying why.
    b.goto(&format!("/#/catalogue/{}", plan.uncertified_id))
        .await;
    b.contains("#load-error", "not in the catalogue").await;
}
