//! The signed-in shell on a phone (390 x 844): a producer and a council member sign in, open the
//! folded menu (tailored to each role, with sign-out and the language switch in reach), and
//! nothing scrolls sideways on the home page, the lists, a dossier's wizard and the score
//! sheet. An unknown address shows the "not found" page with its way home.
//!
//! Runs only with `OCOP_BROWSER_TESTS=1` and a built SPA, like the other browser tests.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::browser::{Browser, Tools, browser_tests_enabled, run_in_browser, sign_in};
use crate::evaluations::{
    add_to_agenda, cast, checked_dossier, json_of, round_with_council, sibling_product,
};
use crate::helpers::spawn_app_with_spa;

const PHONE: (u32, u32) = (390, 844);

#[derive(Clone)]
struct PhonePlan {
    producer: String,
    member: String,
    /// A dossier being filled in (the wizard's tabs are open).
    draft_id: String,
    /// A checked dossier on the round's agenda, for the member to score.
    cycle_id: String,
    round_id: String,
}

#[tokio::test]
async fn a_producer_and_a_council_member_use_the_app_on_a_phone() {
    if !browser_tests_enabled() {
        return;
    }
    let tools = Tools::find("shell-phone");
    let app = spawn_app_with_spa(Some(tools.spa_dir.clone())).await;
    let cast = cast(&app).await;
    let cycle_id = checked_dossier(&app, &cast, 2026, "first_rating", Some(4)).await;
    let round = round_with_council(&app, &cast, "province").await;
    let round_id = round["id"].as_str().expect("round id").to_string();
    add_to_agenda(&app, &cast, &round_id, &cycle_id).await;
    // A second product of the same subject, with a dossier still being written.
    let second = sibling_product(&app, &cast, "Mật ong Thử Nghiệm").await;
    let draft = json_of(
        app.post(
            &cast.producer,
            "/api/v1/cycles",
            json!({"product_id": second["id"], "year": 2026, "entry": "implementation",
                   "dossier_type": "first_rating"}),
        )
        .await,
        StatusCode::CREATED,
        "open the draft dossier",
    )
    .await;
    let plan = PhonePlan {
        producer: cast.producer.email.clone(),
        member: cast.member.email.clone(),
        draft_id: draft["id"].as_str().expect("draft id").to_string(),
        cycle_id,
        round_id,
    };
    run_in_browser(&tools, &app.address, |b| phone_scenario(b, plan)).await;
}

async fn phone_scenario(b: Browser, plan: PhonePlan) {
    b.resize(PHONE.0, PHONE.1).await;

    // The producer: home, products, dossiers, certificates; no councils.
    sign_in(&b, &plan.producer).await;
    b.element("#home").await;
    menu_is_folded(&b).await;
    b.fits_width("the producer's home page").await;
    b.shot("01-producer-home").await;
    open_menu(&b).await;
    for present in [
        "#nav-home",
        "#nav-products",
        "#nav-cycles",
        "#nav-certificates",
    ] {
        b.element(present).await;
    }
    absent(
        &b,
        &["#nav-rounds", "#nav-subjects", "#nav-users", "#nav-audit"],
    )
    .await;
    b.until(
        "the current page is marked in the menu",
        "const e = document.querySelector('#nav-home'); \
         return !!e && e.getAttribute('aria-current') === 'page';",
        vec![],
    )
    .await;
    b.fits_width("the open menu").await;
    b.shot("02-producer-menu").await;

    b.click("#nav-products").await;
    list_fits(&b, "#/products", "products").await;
    menu_is_folded(&b).await;
    b.shot("03-producer-products").await;
    open_menu(&b).await;
    b.click("#nav-cycles").await;
    list_fits(&b, "#/cycles", "dossiers").await;
    b.shot("04-producer-dossiers").await;
    open_menu(&b).await;
    b.click("#nav-certificates").await;
    list_fits(&b, "#/certificates", "certificates").await;
    b.shot("05-producer-certificates").await;

    // The dossier wizard, tab by tab.
    b.goto(&format!("/#/cycles/{}", plan.draft_id)).await;
    b.element("#cycle-summary").await;
    b.element("#steps").await;
    b.fits_width("the dossier wizard").await;
    b.shot("06-producer-wizard").await;
    let tabs: Value = b
        .until(
            "the wizard's tabs",
            "const tabs = document.querySelectorAll('#steps .step'); \
             return tabs.length > 0 ? tabs.length : null;",
            vec![],
        )
        .await;
    for tab in 0..tabs.as_u64().unwrap_or(0) {
        b.until(
            "the wizard shows the tab",
            "const tab = document.querySelectorAll('#steps .step')[arguments[0]]; \
             if (!tab) return false; tab.click(); return true;",
            vec![json!(tab)],
        )
        .await;
        b.fits_width(&format!("the wizard's tab {}", tab + 1)).await;
        b.shot(&format!("07-producer-wizard-tab-{}", tab + 1)).await;
    }
    b.goto(&format!("/#/cycles/{}", plan.cycle_id)).await;
    b.element("#cycle-summary").await;
    b.fits_width("a submitted dossier").await;
    b.shot("08-producer-dossier").await;

    // An address no screen answers to.
    b.goto("/#/nowhere/at-all").await;
    b.element("#not-found").await;
    b.fits_width("the not-found page").await;
    b.shot("09-not-found").await;
    b.click("#not-found-home").await;
    b.element("#home").await;

    // The skip link moves the focus to the page's content.
    b.until(
        "the skip link focuses the main content",
        "const link = document.querySelector('.skip-link'); \
         if (!link) return false; link.click(); \
         return !!document.activeElement && document.activeElement.id === 'main';",
        vec![],
    )
    .await;

    // The language switch and sign-out are within reach.
    open_menu(&b).await;
    b.click("#lang-switch").await;
    b.until(
        "the page switches to English",
        "return document.documentElement.lang === 'en';",
        vec![],
    )
    .await;
    b.fits_width("the English menu").await;
    b.shot("10-producer-english").await;
    if !menu_open(&b).await {
        open_menu(&b).await;
    }
    b.click("#logout").await;
    b.element("#login-email").await;

    // The council member: home and rounds, with the sheet waiting to be scored counted.
    sign_in(&b, &plan.member).await;
    b.element("#home").await;
    b.fits_width("the council member's home page").await;
    b.shot("11-member-home").await;
    open_menu(&b).await;
    b.element("#nav-rounds").await;
    absent(
        &b,
        &[
            "#nav-products",
            "#nav-subjects",
            "#nav-cycles",
            "#nav-certificates",
        ],
    )
    .await;
    b.until(
        "the rounds link counts the sheet to score",
        "const e = document.querySelector('#nav-rounds .nav-count'); \
         return !!e && /^\\s*[1-9]/.test(e.textContent);",
        vec![],
    )
    .await;
    b.shot("12-member-menu").await;
    b.click("#nav-rounds").await;
    list_fits(&b, "#/rounds", "rounds").await;
    b.shot("13-member-rounds").await;
    b.goto(&format!("/#/rounds/{}", plan.round_id)).await;
    b.element("#agenda").await;
    b.fits_width("the round").await;
    b.shot("14-member-round").await;
    b.goto(&format!(
        "/#/rounds/{}/score/{}",
        plan.round_id, plan.cycle_id
    ))
    .await;
    b.element("#sheet-submit").await;
    b.fits_width("the score sheet").await;
    b.shot("15-member-sheet").await;
    b.until(
        "the sheet's end is reached",
        "window.scrollTo(0, document.body.scrollHeight); return true;",
        vec![],
    )
    .await;
    b.fits_width("the score sheet's end").await;
    b.shot("16-member-sheet-end").await;
}

/// The menu is behind its button: the button says so and the links are hidden.
async fn menu_is_folded(b: &Browser) {
    b.until(
        "the menu folded behind its button",
        "const t = document.querySelector('#menu-toggle'); \
         const m = document.querySelector('#topbar-menu'); \
         return !!t && !!m && t.offsetParent !== null \
                && t.getAttribute('aria-expanded') === 'false' \
                && getComputedStyle(m).display === 'none';",
        vec![],
    )
    .await;
}

async fn menu_open(b: &Browser) -> bool {
    let open: Value = b
        .client
        .execute(
            "const t = document.querySelector('#menu-toggle'); \
             return !!t && t.getAttribute('aria-expanded') === 'true';",
            vec![],
        )
        .await
        .expect("read the menu button");
    open.as_bool().unwrap_or(false)
}

/// Opens the folded menu; sign-out and the language switch are then on screen.
async fn open_menu(b: &Browser) {
    b.click("#menu-toggle").await;
    b.until(
        "the menu opens with sign-out and the language switch in reach",
        "const t = document.querySelector('#menu-toggle'); \
         const inside = (css) => { const e = document.querySelector(css); \
             if (!e || e.offsetParent === null) return false; \
             const r = e.getBoundingClientRect(); \
             return r.left >= 0 && r.right <= window.innerWidth; }; \
         return !!t && t.getAttribute('aria-expanded') === 'true' \
                && inside('#logout') && inside('#lang-switch');",
        vec![],
    )
    .await;
}

async fn absent(b: &Browser, selectors: &[&str]) {
    b.until(
        "links the role has no use for are not offered",
        "return arguments[0].every((css) => !document.querySelector(css));",
        vec![json!(selectors)],
    )
    .await;
}

/// A list at `hash` has loaded and fits the phone.
async fn list_fits(b: &Browser, hash: &str, what: &str) {
    b.until(
        &format!("the {what} list"),
        "return location.hash.split('?')[0] === arguments[0] \
                && !!document.querySelector('#list-table');",
        vec![json!(hash)],
    )
    .await;
    b.fits_width(&format!("the {what} list")).await;
}
