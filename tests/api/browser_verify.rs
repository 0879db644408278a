//! The verification page in headless Chromium at a small phone's size (360 x 740): a valid, an
//! expired and a revoked certificate each show their banner, and the page fits the screen
//! with nothing scrolling sideways. The page is server-rendered: no SPA is loaded.
//!
//! Runs only with `OCOP_BROWSER_TESTS=1`, like the other browser tests. Screenshots go to
//! `target/screenshots/verify/`.

use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::browser::{Browser, Tools, browser_tests_enabled, run_in_browser};
use crate::certificates::certify;
use crate::evaluations::{cast, decision, json_of};
use crate::helpers::{spawn_app, test_day};

#[tokio::test]
async fn a_phone_sees_valid_expired_and_revoked_at_a_glance() {
    if !browser_tests_enabled() {
        return;
    }
    let tools = tools();
    let app = spawn_app().await;
    let mut cast = cast(&app).await;
    let today = test_day();
    let issued = (today - Duration::days(10)).to_string();
    let kept = certify(
        &app,
        &cast,
        today.year() - 1,
        "first_rating",
        4,
        "10/QĐ-UBND",
        &issued,
    )
    .await;

    // A second product of the same producer, certified and then revoked.
    let subject_id = kept["subject_id"].as_str().expect("subject").to_string();
    let other = app
        .create_product(
            &cast.admin,
            &subject_id,
            "Cà phê hạt rang Thử Nghiệm",
            "I.6",
        )
        .await;
    cast.product_id = other["id"].as_str().expect("id").to_string();
    let withdrawn = certify(
        &app,
        &cast,
        today.year() - 1,
        "first_rating",
        3,
        "11/QĐ-UBND",
        &issued,
    )
    .await;
    let path = format!(
        "/api/v1/certificates/{}/revoke",
        withdrawn["id"].as_str().expect("id")
    );
    json_of(
        app.send_if_match(
            &cast.province,
            Method::POST,
            &path,
            withdrawn["version"].as_i64().expect("version"),
            Some(json!({"ground": "mark_misuse",
                        "decision": decision("12/QĐ-UBND", &today.to_string())})),
        )
        .await,
        StatusCode::OK,
        "revoke",
    )
    .await;

    // The kept certificate on the day after its expiry, served by a process living then.
    let expires: NaiveDate = kept["expires_on"]
        .as_str()
        .expect("expiry")
        .parse()
        .expect("date");
    let later = app.on_day(expires + Duration::days(1)).await;

    let kept_code = kept["verification_code"]
        .as_str()
        .expect("code")
        .to_string();
    let withdrawn_code = withdrawn["verification_code"]
        .as_str()
        .expect("code")
        .to_string();
    let later_address = later.address.clone();
    run_in_browser(&tools, &app.address, move |b| async move {
        b.resize(360, 740).await;
        let expired = Browser {
            base: later_address,
            ..b.clone()
        };
        for (browser, code, banner, shot) in [
            (&b, &kept_code, "CÒN HIỆU LỰC", "valid"),
            (&expired, &kept_code, "HẾT HIỆU LỰC", "expired"),
            (&b, &withdrawn_code, "ĐÃ THU HỒI", "revoked"),
        ] {
            browser.goto(&format!("/verify/{code}")).await;
            browser.contains(".banner strong", banner).await;
            browser.fits_width(shot).await;
            browser.shot(shot).await;
        }
        // The revoked page says why; the English link gives the same in English.
        b.contains(".banner", "Sử dụng sai biểu trưng OCOP").await;
        b.click(".lang").await;
        b.contains(".banner strong", "REVOKED").await;
        b.shot("revoked-en").await;
    })
    .await;
}

/// What the scenario needs from the machine. Unlike `Tools::find`, no built SPA: the page is
/// served by the API process itself, which is the point of it.
fn tools() -> Tools {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate sits in the repository")
        .to_path_buf();
    let chromedriver = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join("chromedriver"))
        .find(|path| path.is_file())
        .expect("chromedriver is not on PATH: run `bash .ci/install-tools`");
    let screenshots = repo.join("target/screenshots/verify");
    std::fs::create_dir_all(&screenshots)
        .unwrap_or_else(|e| panic!("create {}: {e}", screenshots.display()));
    // Only this run's pictures, so an old `timeout.png` cannot mislead.
    for entry in std::fs::read_dir(&screenshots)
        .into_iter()
        .flatten()
        .flatten()
    {
        if entry.path().extension().is_some_and(|e| e == "png") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    Tools {
        spa_dir: repo.join("frontend/dist"),
        chromedriver,
        screenshots,
    }
}
