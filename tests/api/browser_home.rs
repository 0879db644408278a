//! Each role's home page is its work: a producer sees the dossier the commune returned, with
//! the reason and a link into it; a council member sees the sheet waiting for them and opens it
//! from there; a province officer sees the pipeline with the server's counts per state, each
//! linking to the filtered list. Desktop and phone screenshots per role.
//!
//! Runs only with `OCOP_BROWSER_TESTS=1` and a built SPA, like the other browser tests.

use chrono::Datelike;
use reqwest::StatusCode;
use serde_json::json;

use crate::browser::{Browser, Tools, browser_tests_enabled, run_in_browser, sign_in};
use crate::evaluations::{
    add_to_agenda, cast, checked_dossier, form_01, json_of, move_ok, patch_dossier,
    round_with_council, selection_with_stars, sibling_product,
};
use crate::helpers::{spawn_app_with_spa, test_day};

const DESKTOP: (u32, u32) = (1280, 800);
const PHONE: (u32, u32) = (390, 844);
const REASON: &str = "Thiếu phiếu kết quả kiểm nghiệm mẫu sản phẩm";
const RETURNED_PRODUCT: &str = "Mật ong Thử Nghiệm";

#[derive(Clone)]
struct HomePlan {
    producer: String,
    member: String,
    province: String,
    /// The dossier the commune returned for completion.
    returned_id: String,
    /// The dossier on the round's agenda, not yet scored by the member.
    scored_id: String,
    round_id: String,
    /// `(state, count)` as the server counts the province's pipeline.
    pipeline: Vec<(String, i64)>,
}

#[tokio::test]
async fn each_role_s_home_page_shows_its_work_and_links_into_it() {
    if !browser_tests_enabled() {
        return;
    }
    let tools = Tools::find("home");
    let app = spawn_app_with_spa(Some(tools.spa_dir.clone())).await;
    let cast = cast(&app).await;
    let year = test_day().year();
    // A checked dossier on an open round's agenda: the member's sheet is still to score.
    let scored_id = checked_dossier(&app, &cast, year, "first_rating", Some(4)).await;
    let round = round_with_council(&app, &cast, "province").await;
    let round_id = round["id"].as_str().expect("round id").to_string();
    add_to_agenda(&app, &cast, &round_id, &scored_id).await;

    // A second product of the same subject: its dossier filed, then returned with a reason.
    let second = sibling_product(&app, &cast, RETURNED_PRODUCT).await;
    let opened = json_of(
        app.post(
            &cast.producer,
            "/api/v1/cycles",
            json!({"product_id": second["id"], "year": year, "entry": "implementation",
                   "dossier_type": "first_rating"}),
        )
        .await,
        StatusCode::CREATED,
        "open the second dossier",
    )
    .await;
    let returned_id = opened["id"].as_str().expect("cycle id").to_string();
    let set_id = opened["criteria_set_id"].as_i64().expect("set id");
    let four = selection_with_stars(&app, &cast.producer, set_id, 4).await;
    json_of(
        patch_dossier(
            &app,
            &cast.producer,
            &returned_id,
            json!({"form_01": form_01(), "self_assessment": four, "samples": 5}),
        )
        .await,
        StatusCode::OK,
        "file the forms",
    )
    .await;
    move_ok(
        &app,
        &cast.producer,
        &returned_id,
        json!({"to": "dossier_submitted"}),
    )
    .await;
    move_ok(
        &app,
        &cast.commune,
        &returned_id,
        json!({"to": "dossier_returned_for_completion", "reason": REASON}),
    )
    .await;

    // The counts the province's home must show, as the server has them.
    let summary = json_of(
        app.get(&cast.province, "/api/v1/cycles/summary").await,
        StatusCode::OK,
        "pipeline",
    )
    .await;
    let pipeline: Vec<(String, i64)> = summary["states"]
        .as_array()
        .expect("states")
        .iter()
        .map(|s| {
            (
                s["state"].as_str().expect("state").to_string(),
                s["count"].as_i64().expect("count"),
            )
        })
        .collect();
    let count = |state: &str| pipeline.iter().find(|(s, _)| s == state).map(|(_, n)| *n);
    assert_eq!(
        count("dossier_returned_for_completion"),
        Some(1),
        "{summary}"
    );
    assert_eq!(summary["total"], 2, "{summary}");

    let plan = HomePlan {
        producer: cast.producer.email.clone(),
        member: cast.member.email.clone(),
        province: cast.province.email.clone(),
        returned_id,
        scored_id,
        round_id,
        pipeline,
    };
    run_in_browser(&tools, &app.address, |b| home_scenario(b, plan)).await;
}

async fn home_scenario(b: Browser, plan: HomePlan) {
    // The producer: the returned dossier comes first, with the commune's reason.
    sign_in(&b, &plan.producer).await;
    b.element("#home[data-role=\"producer\"]").await;
    b.contains("#home-returned .reason", REASON).await;
    b.contains("#home-returned", RETURNED_PRODUCT).await;
    b.element(&format!(
        "#home-dossiers li[data-id=\"{}\"][data-state=\"dossier_returned_for_completion\"]",
        plan.returned_id
    ))
    .await;
    b.element(&format!(
        "#home-dossiers li[data-id=\"{}\"]",
        plan.scored_id
    ))
    .await;
    b.element("#home-start-dossier").await;
    b.element("#home-new-product").await;
    // No raw state code shows anywhere on the page.
    no_raw_codes(&b, "the producer's home").await;
    b.shot("01-producer").await;
    on_phone(&b, "02-producer-phone", "the producer's home").await;
    b.click("#home-returned a.button.primary").await;
    b.until(
        "the returned dossier opens",
        "return location.hash === arguments[0];",
        vec![json!(format!("#/cycles/{}", plan.returned_id))],
    )
    .await;
    b.shot("03-producer-opens-returned").await;
    sign_out(&b).await;

    // The council member: the sheet to score, one click from the score sheet.
    sign_in(&b, &plan.member).await;
    b.element("#home[data-role=\"council_member\"]").await;
    let score_link = format!(
        "#home-sheets a.score-link[href=\"#/rounds/{}/score/{}\"]",
        plan.round_id, plan.scored_id
    );
    b.element(&score_link).await;
    b.element(&format!("#home-rounds li[data-id=\"{}\"]", plan.round_id))
        .await;
    no_raw_codes(&b, "the council member's home").await;
    b.shot("04-council-member").await;
    on_phone(&b, "05-council-member-phone", "the council member's home").await;
    b.click(&score_link).await;
    b.element("#sheet-submit").await;
    b.shot("06-council-member-opens-sheet").await;
    sign_out(&b).await;

    // The province officer: the pipeline with the server's counts, each row a filtered list.
    sign_in(&b, &plan.province).await;
    b.element("#home[data-role=\"province_officer\"]").await;
    b.element("#pipeline").await;
    for (state, count) in &plan.pipeline {
        b.until(
            &format!("the pipeline shows {count} for {state}"),
            "const e = document.querySelector(\
                 '#pipeline li[data-state=\"' + arguments[0] + '\"] .pl-count'); \
             const a = document.querySelector('#pipeline li[data-state=\"' + arguments[0] + '\"] a'); \
             return !!e && e.textContent.trim() === arguments[1] \
                 && a.getAttribute('href') === '#/cycles?state=' + arguments[0];",
            vec![json!(state), json!(count.to_string())],
        )
        .await;
    }
    b.contains("#pipeline-total", "2").await;
    // The bars are drawn to scale (an empty state has no bar), not all full.
    b.until(
        "the pipeline's bars to be drawn to scale",
        "const fill = s => document.querySelector(\
             '#pipeline li[data-state=\"' + s + '\"] .pl-fill').getBoundingClientRect().width; \
         return fill('idea_registered') === 0 && fill('awaiting_council') > 0;",
        vec![],
    )
    .await;
    b.element("#home-decisions").await;
    b.element("#home-expiring").await;
    no_raw_codes(&b, "the province's home").await;
    b.shot("07-province").await;
    on_phone(&b, "08-province-phone", "the province's home").await;
}

/// The same page at a phone's width: nothing scrolls sideways. Back to the desktop after.
async fn on_phone(b: &Browser, shot: &str, what: &str) {
    b.resize(PHONE.0, PHONE.1).await;
    b.fits_width(what).await;
    b.shot(shot).await;
    b.resize(DESKTOP.0, DESKTOP.1).await;
}

async fn sign_out(b: &Browser) {
    b.click("#logout").await;
    b.element("#login-email").await;
}

/// Fails if an enum's wire name (`dossier_returned_for_completion`, `sheet_to_score`...) is
/// shown as text: the page must say it in words.
async fn no_raw_codes(b: &Browser, what: &str) {
    b.until(
        &format!("{what} to show no raw codes"),
        "const text = document.querySelector('#home').innerText; \
         return !/\\b[a-z]+_[a-z_]+\\b/.test(text);",
        vec![],
    )
    .await;
}
