//! The SPA in headless Chromium, driven over WebDriver (fantoccini → chromedriver): a province
//! officer signs in, adds a subject and a product through the forms, and finds both in the
//! lists. The API then confirms that both exist, so the test is about behaviour, not the DOM.
//!
//! Runs only with `OCOP_BROWSER_TESTS=1`, so a plain `cargo test` stays green on a machine
//! without Chromium. When it is set, anything missing fails the test and names its fix.
//! Screenshots of each step go to `target/screenshots/<scenario>/`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

use crate::evaluations::{
    add_to_agenda, cast, checked_dossier, round_with_council, save_sheet, selection_with_stars,
};
use crate::helpers::{COMMUNE_A, PASSWORD, User, spawn_app_with_spa};

/// How long any one condition may take to become true.
const TIMEOUT: Duration = Duration::from_secs(15);
/// How often a condition is checked while waiting.
const POLL: Duration = Duration::from_millis(100);
const CHROMIUM: &str = "/usr/bin/chromium";

#[tokio::test]
async fn an_officer_logs_in_creates_a_subject_and_a_product_and_finds_them_in_the_lists() {
    if !browser_tests_enabled() {
        return;
    }
    let started = Instant::now();
    let tools = Tools::find("officer");

    let app = spawn_app_with_spa(Some(tools.spa_dir.clone())).await;
    let admin = app.admin().await;
    let officer = app
        .user_with_role(&admin, "province_officer", "66", None)
        .await;
    let commune = app.unit(&admin, COMMUNE_A).await;
    let run = uuid::Uuid::new_v4().as_u128() % 1_000_000;
    let plan = Plan::new(&officer, commune, run);
    // Decoys the searches must filter out, so finding the new records proves the search.
    let decoy = app
        .create_subject(
            &admin,
            COMMUNE_A,
            &format!("Hợp tác xã Dịch vụ Krông Pắc {run}"),
        )
        .await;
    app.create_product(
        &admin,
        decoy["id"].as_str().expect("decoy id"),
        &format!("Mật ong hoa cà phê {run}"),
        "I.6",
    )
    .await;
    let setup = started.elapsed();

    run_in_browser(&tools, &app.address, |b| scenario(b, plan.clone())).await;
    let in_browser = started.elapsed();

    // What the browser did, as the API sees it.
    let subjects: Value = app
        .get(
            &officer,
            &format!(
                "/api/v1/subjects?q={}",
                plan.subject_query.replace(' ', "%20")
            ),
        )
        .await
        .json()
        .await
        .expect("json");
    let items = subjects["items"].as_array().expect("subject items");
    assert_eq!(items.len(), 1, "one subject matches: {subjects}");
    let subject = &items[0];
    assert_eq!(subject["name"], plan.subject_name.as_str());
    assert_eq!(subject["kind"], "cooperative");
    assert_eq!(subject["unit_id"], plan.commune);
    assert_eq!(subject["phone"], "0912345678");
    assert_eq!(subject["member_count"], 15);
    let products: Value = app
        .get(
            &officer,
            &format!(
                "/api/v1/products?q={}",
                plan.product_query.replace(' ', "%20")
            ),
        )
        .await
        .json()
        .await
        .expect("json");
    let items = products["items"].as_array().expect("product items");
    assert_eq!(items.len(), 1, "one product matches: {products}");
    let product = &items[0];
    assert_eq!(product["name"], plan.product_name.as_str());
    assert_eq!(product["subject_id"], subject["id"]);
    assert_eq!(product["product_set"]["code"], "I.6");
    assert_eq!(product["price_min"], 250_000);
    assert_eq!(product["price_max"], 300_000);

    eprintln!(
        "browser test: setup {:.1} s, Chromium and scenario {:.1} s, total {:.1} s; \
         screenshots in {}",
        setup.as_secs_f64(),
        (in_browser - setup).as_secs_f64(),
        started.elapsed().as_secs_f64(),
        tools.screenshots.display()
    );
}

/// What the officer types, and what the lists must then show.
#[derive(Clone)]
struct Plan {
    email: String,
    commune: i64,
    subject_name: String,
    /// The subject's name without diacritics, as typed into the search box.
    subject_query: String,
    product_name: String,
    product_query: String,
    decoy_subject: String,
    decoy_product: String,
}

impl Plan {
    fn new(officer: &User, commune: i64, run: u128) -> Self {
        Self {
            email: officer.email.clone(),
            commune,
            subject_name: format!("Hợp tác xã Nông nghiệp Ea Kao {run}"),
            subject_query: format!("hop tac xa nong nghiep ea kao {run}"),
            product_name: format!("Cà phê rang xay Ea Kao {run}"),
            product_query: format!("ca phe rang xay ea kao {run}"),
            decoy_subject: format!("Krông Pắc {run}"),
            decoy_product: format!("Mật ong hoa cà phê {run}"),
        }
    }
}

async fn scenario(b: Browser, plan: Plan) {
    // Sign in.
    b.goto("/").await;
    b.element("#login-email").await;
    b.shot("01-login").await;
    b.fill("#login-email", &plan.email).await;
    b.fill("#login-password", PASSWORD).await;
    b.click("#login-submit").await;
    b.until(
        "the header names the signed-in officer",
        "const e = document.querySelector('#user-name'); \
         return !!e && e.textContent.trim().length > 0;",
        vec![],
    )
    .await;
    // The officer lands on their home page; the subjects are one click away.
    b.click("#nav-subjects").await;
    b.on_list("#/subjects", "#filter-kind").await;
    b.contains("#list-table", &plan.decoy_subject).await;
    b.shot("02-subjects").await;

    // A new subject through the form.
    b.click("#nav-subjects").await;
    b.click("#new-button").await;
    b.element("#field-kind").await;
    b.select("#field-kind", "cooperative").await;
    b.fill("#field-name", &plan.subject_name).await;
    b.fill("#field-legal_representative", "Y Bhim Niê").await;
    b.select("#field-unit_id", &plan.commune.to_string()).await;
    b.fill("#field-address", "Buôn Kao, thôn 2").await;
    b.fill("#field-phone", "0912345678").await;
    b.fill("#field-member_count", "15").await;
    b.shot("03-subject-form").await;
    b.click("#form-submit").await;
    // The new subject opens on its own page, read-only, with "edit"; then back to the list.
    b.contains("#record-title", &plan.subject_name).await;
    b.element("#edit-button").await;
    b.shot("03b-subject-page").await;
    b.click("#nav-subjects").await;
    b.on_list("#/subjects", "#filter-kind").await;

    // Found by its name typed without diacritics; the decoy is filtered out.
    b.fill("#filter-q", &plan.subject_query).await;
    b.until(
        "the subjects list shows only the new subject",
        "const t = document.querySelector('#list-table'); \
         return !!t && t.textContent.includes(arguments[0]) && !t.textContent.includes(arguments[1]);",
        vec![json!(plan.subject_name), json!(plan.decoy_subject)],
    )
    .await;
    b.shot("04-subjects-found").await;

    // A product of that subject; first with prices the wrong way round.
    b.click("#nav-products").await;
    b.on_list("#/products", "#filter-product_set").await;
    b.contains("#list-table", &plan.decoy_product).await;
    b.shot("05-products").await;
    b.click("#new-button").await;
    b.element("#field-subject_id").await;
    b.select_label("#field-subject_id", &plan.subject_name)
        .await;
    b.fill("#field-name", &plan.product_name).await;
    b.select("#field-product_set", "I.6").await;
    b.fill("#field-price_min", "250.000").await;
    b.fill("#field-price_max", "120000").await;
    b.click("#form-submit").await;
    b.until(
        "a message beside the maximum price",
        "const e = document.querySelector('#error-price_max'); \
         return !!e && e.textContent.trim().length > 0 && !!document.querySelector('#form-error');",
        vec![],
    )
    .await;
    b.shot("06-product-error").await;
    b.fill("#field-price_max", "300000").await;
    b.until(
        "the message goes once the field is edited",
        "const e = document.querySelector('#error-price_max'); \
         return !!e && e.textContent.trim().length === 0;",
        vec![],
    )
    .await;
    b.click("#form-submit").await;
    // The new product opens on its own page, its subject a link; then back to the list.
    b.contains("#record-title", &plan.product_name).await;
    b.contains("#subject-link", &plan.subject_name).await;
    b.shot("06b-product-page").await;
    b.click("#nav-products").await;
    b.on_list("#/products", "#filter-product_set").await;
    b.fill("#filter-q", &plan.product_query).await;
    b.until(
        "the products list shows only the new product",
        "const t = document.querySelector('#list-table'); \
         return !!t && t.textContent.includes(arguments[0]) && t.textContent.includes(arguments[1]) \
                && !t.textContent.includes(arguments[2]);",
        vec![
            json!(plan.product_name),
            json!(plan.subject_name),
            json!(plan.decoy_product),
        ],
    )
    .await;
    b.shot("07-products-found").await;

    // Back on the subjects list, the search is still there and still finds it.
    b.click("#nav-subjects").await;
    b.on_list("#/subjects", "#filter-kind").await;
    b.contains("#list-table", &plan.subject_name).await;
    b.shot("08-subjects-final").await;
}

#[tokio::test]
async fn a_council_member_scores_a_dossier_in_the_spa_and_the_chair_closes_the_round() {
    if !browser_tests_enabled() {
        return;
    }
    let tools = Tools::find("council");
    let app = spawn_app_with_spa(Some(tools.spa_dir.clone())).await;
    let cast = cast(&app).await;
    let cycle_id = checked_dossier(&app, &cast, 2026, "first_rating", Some(4)).await;
    let round = round_with_council(&app, &cast, "province").await;
    let round_id = round["id"].as_str().expect("round id").to_string();
    add_to_agenda(&app, &cast, &round_id, &cycle_id).await;
    let set_id = app
        .get(&cast.chair, &format!("/api/v1/cycles/{cycle_id}"))
        .await
        .json::<Value>()
        .await
        .expect("json")["criteria_set_id"]
        .as_i64()
        .expect("set id");
    let four = selection_with_stars(&app, &cast.chair, set_id, 4).await;
    let three = selection_with_stars(&app, &cast.chair, set_id, 3).await;
    for user in [&cast.chair, &cast.secretary] {
        let res = save_sheet(&app, user, &round_id, &cycle_id, &four, true).await;
        assert_eq!(res.status(), reqwest::StatusCode::OK);
    }
    // What the member's choices must add up to, by the server's own rules.
    let expected: Value = app
        .post(
            &cast.member,
            &format!("/api/v1/criteria/sets/{set_id}/evaluate"),
            json!({"choices": three}),
        )
        .await
        .json()
        .await
        .expect("json");
    let expected_total = expected["score"]["total"].as_i64().expect("total");
    let plan = CouncilPlan {
        member: cast.member.email.clone(),
        chair: cast.chair.email.clone(),
        round_id: round_id.clone(),
        cycle_id: cycle_id.clone(),
        choices: three,
        expected_total,
    };
    run_in_browser(&tools, &app.address, |b| council_scenario(b, plan)).await;

    // The member's sheet as the server has it, and the frozen result.
    let sheets: Value = app
        .get(
            &cast.member,
            &format!("/api/v1/rounds/{round_id}/dossiers/{cycle_id}/sheets"),
        )
        .await
        .json()
        .await
        .expect("json");
    assert!(sheets["mine"]["submitted_at"].is_string(), "{sheets}");
    assert_eq!(sheets["mine"]["score"]["total"], expected_total);
    assert_eq!(sheets["others"].as_array().map(Vec::len), Some(2));
    let round: Value = app
        .get(&cast.province, &format!("/api/v1/rounds/{round_id}"))
        .await
        .json()
        .await
        .expect("json");
    assert!(round["closed_at"].is_string(), "{round}");
    assert_eq!(round["agenda"][0]["state"], "scored");
    assert!(
        round["agenda"][0]["result"]["average"].is_number(),
        "{round}"
    );
}

#[derive(Clone)]
struct CouncilPlan {
    member: String,
    chair: String,
    round_id: String,
    cycle_id: String,
    choices: Value,
    expected_total: i64,
}

pub(crate) async fn sign_in(b: &Browser, email: &str) {
    b.goto("/").await;
    b.element("#login-email").await;
    b.fill("#login-email", email).await;
    b.fill("#login-password", PASSWORD).await;
    b.click("#login-submit").await;
    b.until(
        "the header names the signed-in user",
        "const e = document.querySelector('#user-name'); \
         return !!e && e.textContent.trim().length > 0;",
        vec![],
    )
    .await;
}

async fn council_scenario(b: Browser, plan: CouncilPlan) {
    sign_in(&b, &plan.member).await;
    b.goto(&format!(
        "/#/rounds/{}/score/{}",
        plan.round_id, plan.cycle_id
    ))
    .await;
    b.element("#sheet-submit").await;
    b.element("#others-hidden").await;
    b.shot("01-empty-sheet").await;
    // Each choice is a click on its radio button, as the member would make it.
    let choices = plan.choices.as_object().expect("choices").clone();
    for (code, option) in &choices {
        let css = format!("input[name=\"{code}\"][value=\"{option}\"]");
        b.check(&css).await;
    }
    b.until(
        "the live total shows the server's total",
        "const e = document.querySelector('#live-total'); \
         return !!e && e.textContent.trim() === arguments[0];",
        vec![json!(plan.expected_total.to_string())],
    )
    .await;
    b.shot("02-filled").await;
    b.click("#sheet-submit").await;
    // Submitted: the other members' sheets appear.
    b.element("#others-table").await;
    b.shot("03-submitted").await;

    b.click("#logout").await;
    // Signing out ends the session on the server first; only then is the form back.
    b.element("#login-email").await;
    sign_in(&b, &plan.chair).await;
    b.goto(&format!("/#/rounds/{}", plan.round_id)).await;
    b.element("#round-close").await;
    b.click("#round-close").await;
    b.click("#round-close-confirm").await;
    b.until(
        "the round shows as closed",
        "return !document.querySelector('#round-close') && \
                !!document.querySelector('#round-status') && \
                document.querySelector('#round-status').textContent.match(/\\d{2}:\\d{2}/);",
        vec![],
    )
    .await;
    b.shot("04-closed").await;

    // The dossier now shows the council's frozen result beside its scorecard.
    b.goto(&format!("/#/cycles/{}", plan.cycle_id)).await;
    b.until(
        "the dossier page shows the council's average",
        "const e = document.querySelector('#council-average'); \
         return !!e && /\\d/.test(e.textContent);",
        vec![],
    )
    .await;
    b.shot("05-dossier").await;
}

/// Starts chromedriver and a Chromium session, runs `scenario` in it and always ends both, so a
/// failing scenario leaves no browser behind; the panic is then re-raised.
pub(crate) async fn run_in_browser<F, Fut>(tools: &Tools, base: &str, scenario: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let driver = Chromedriver::start(&tools.chromedriver, &tools.screenshots).await;
    let profile = tempfile::tempdir().expect("temp dir for the browser profile");
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities(profile.path()))
        .connect(&driver.url())
        .await
        .expect("start a Chromium session through chromedriver");
    let browser = Browser {
        client: client.clone(),
        base: base.to_string(),
        screenshots: tools.screenshots.clone(),
    };
    let outcome = tokio::spawn(scenario(browser.clone())).await;
    if outcome.is_err() {
        browser.shot("failure").await;
    }
    let _ = client.close().await;
    drop(driver);
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
}

pub(crate) fn browser_tests_enabled() -> bool {
    let on = std::env::var("OCOP_BROWSER_TESTS").as_deref() == Ok("1");
    if !on {
        eprintln!(
            "skipped a browser test: set OCOP_BROWSER_TESTS=1 to run it (needs the built SPA, \
             chromium and chromedriver)"
        );
    }
    on
}

/// The WebDriver session and where its screenshots go.
#[derive(Clone)]
pub(crate) struct Browser {
    pub(crate) client: Client,
    pub(crate) base: String,
    pub(crate) screenshots: PathBuf,
}

impl Browser {
    pub(crate) async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap_or_else(|e| panic!("open {path}: {e}"));
    }

    /// Polls `script` (a function body; `arguments` are `args`) until it returns something
    /// truthy, and returns that. On timeout it saves `timeout.png` and fails with what the page
    /// showed.
    pub(crate) async fn until(&self, what: &str, script: &str, args: Vec<Value>) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let last = match self.client.execute(script, args.clone()).await {
                Ok(value) if truthy(&value) => return value,
                Ok(value) => value,
                Err(e) => json!(e.to_string()),
            };
            if Instant::now() > deadline {
                self.shot("timeout").await;
                let page = self
                    .client
                    .execute(
                        "return location.hash + ' | ' + \
                         (document.querySelector('#form-error')?.textContent ?? '') + ' | ' + \
                         document.body.innerText.slice(0, 800);",
                        vec![],
                    )
                    .await
                    .unwrap_or_default();
                panic!(
                    "timed out after {TIMEOUT:?} waiting for {what}; last result {last}; page: {page}"
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    pub(crate) async fn element(&self, css: &str) {
        self.until(
            &format!("{css} to appear"),
            "return !!document.querySelector(arguments[0]);",
            vec![json!(css)],
        )
        .await;
    }

    pub(crate) async fn contains(&self, css: &str, text: &str) {
        self.until(
            &format!("{css} to contain {text:?}"),
            "const e = document.querySelector(arguments[0]); \
             return !!e && e.textContent.includes(arguments[1]);",
            vec![json!(css), json!(text)],
        )
        .await;
    }

    /// Waits for the list at `hash`, recognised by a filter only that list has. The list's
    /// filters may follow in the address (`#/subjects?q=...`).
    pub(crate) async fn on_list(&self, hash: &str, marker: &str) {
        self.until(
            &format!("the list at {hash}"),
            "return location.hash.split('?')[0] === arguments[0] \
                    && !!document.querySelector(arguments[1]) \
                    && !!document.querySelector('#list-table');",
            vec![json!(hash), json!(marker)],
        )
        .await;
    }

    /// Retries `act` on the element at `css` until it succeeds and `check` (a script given the
    /// element as `arguments[0]`) holds; the SPA may re-render an element between find and use.
    /// A click has no check: it may well take the element away.
    pub(crate) async fn act<F, Fut>(&self, what: &str, css: &str, check: Option<&str>, act: F)
    where
        F: Fn(fantoccini::elements::Element) -> Fut,
        Fut: Future<Output = Result<(), fantoccini::error::CmdError>>,
    {
        self.element(css).await;
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let error = match self.client.find(Locator::Css(css)).await {
                Ok(element) => {
                    let handle = json!(element);
                    match (act(element).await, check) {
                        (Ok(()), None) => return,
                        (Ok(()), Some(check)) => {
                            match self.client.execute(check, vec![handle]).await {
                                Ok(value) if truthy(&value) => return,
                                Ok(value) => format!("check returned {value}"),
                                Err(e) => e.to_string(),
                            }
                        }
                        (Err(e), _) => e.to_string(),
                    }
                }
                Err(e) => e.to_string(),
            };
            if Instant::now() > deadline {
                self.shot("timeout").await;
                panic!("could not {what} {css} within {TIMEOUT:?}: {error}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Types `value` into the input, replacing what was there.
    pub(crate) async fn fill(&self, css: &str, value: &str) {
        self.act(
            &format!("type {value:?} into"),
            css,
            Some(&format!("return arguments[0].value === {};", json!(value))),
            |e| async move {
                e.clear().await?;
                e.send_keys(value).await
            },
        )
        .await;
    }

    /// Ticks a radio button or checkbox, scrolled to the middle of the view first so that a
    /// sticky bar does not cover it.
    pub(crate) async fn check(&self, css: &str) {
        let client = self.client.clone();
        self.act(
            "tick",
            css,
            Some("return arguments[0].checked;"),
            move |e| {
                let client = client.clone();
                async move {
                    client
                        .execute(
                            "arguments[0].scrollIntoView({block: 'center'});",
                            vec![json!(e)],
                        )
                        .await?;
                    e.click().await
                }
            },
        )
        .await;
    }

    pub(crate) async fn click(&self, css: &str) {
        self.act("click", css, None, |e| async move { e.click().await })
            .await;
    }

    /// Picks the option with this value, once the select has it (options often load later).
    pub(crate) async fn select(&self, css: &str, value: &str) {
        self.element(&format!("{css} option[value=\"{value}\"]"))
            .await;
        self.act(
            &format!("choose {value:?} in"),
            css,
            Some(&format!("return arguments[0].value === {};", json!(value))),
            |e| async move { e.select_by_value(value).await },
        )
        .await;
    }

    /// Picks the option showing this text, as a person reading the list would.
    pub(crate) async fn select_label(&self, css: &str, label: &str) {
        self.until(
            &format!("{css} to offer {label:?}"),
            "return [...document.querySelectorAll(arguments[0] + ' option')] \
                    .some(o => o.textContent.trim() === arguments[1]);",
            vec![json!(css), json!(label)],
        )
        .await;
        self.act(
            &format!("choose {label:?} in"),
            css,
            Some(&format!(
                "const s = arguments[0]; \
                 return s.selectedIndex > 0 && s.options[s.selectedIndex].textContent.trim() === {};",
                json!(label)
            )),
            |e| async move { e.select_by_label(label).await },
        )
        .await;
    }

    /// Resizes the window to a phone's (390 x 844, an iPhone 12-15) or back to a desktop's.
    pub(crate) async fn resize(&self, width: u32, height: u32) {
        self.client
            .set_window_size(width, height)
            .await
            .unwrap_or_else(|e| panic!("resize the window to {width}x{height}: {e}"));
    }

    /// Fails unless the page fits the window's width: nothing scrolls sideways.
    pub(crate) async fn fits_width(&self, what: &str) {
        self.until(
            &format!("{what} to fit the window's width (no horizontal scroll)"),
            "return document.documentElement.scrollWidth <= window.innerWidth;",
            vec![],
        )
        .await;
    }

    pub(crate) async fn shot(&self, step: &str) {
        match self.client.screenshot().await {
            Ok(png) => {
                let path = self.screenshots.join(format!("{step}.png"));
                std::fs::write(&path, png)
                    .unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
            }
            Err(e) => eprintln!("no screenshot for {step}: {e}"),
        }
    }
}

fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

fn capabilities(profile: &Path) -> Capabilities {
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,800",
                format!("--user-data-dir={}", profile.display()),
            ],
        },
    });
    match caps {
        Value::Object(map) => map,
        _ => unreachable!("a JSON object"),
    }
}

/// What the test needs from the machine; a missing piece fails with the command that fixes it.
pub(crate) struct Tools {
    pub(crate) spa_dir: PathBuf,
    pub(crate) chromedriver: PathBuf,
    pub(crate) screenshots: PathBuf,
}

impl Tools {
    pub(crate) fn find(scenario: &str) -> Self {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("the tests crate sits in the repository")
            .to_path_buf();
        let spa_dir = repo.join("frontend/dist");
        assert!(
            spa_dir.join("index.html").is_file(),
            "the SPA is not built ({} is missing): run `cargo run -p xtask -- spa`",
            spa_dir.join("index.html").display()
        );
        let chromedriver = which("chromedriver").unwrap_or_else(|| {
            panic!("chromedriver is not on PATH: run `bash .ci/install-tools` (installs chromium-driver)")
        });
        assert!(
            Path::new(CHROMIUM).is_file(),
            "{CHROMIUM} is missing: run `bash .ci/install-tools` (installs chromium)"
        );
        // One folder per scenario: the scenarios run at once, and each clears its own.
        let screenshots = repo.join("target/screenshots").join(scenario);
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
        Self {
            spa_dir,
            chromedriver,
            screenshots,
        }
    }
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
}

/// A chromedriver process on a free port, killed when dropped.
struct Chromedriver {
    child: Child,
    port: u16,
}

impl Chromedriver {
    async fn start(binary: &Path, log_dir: &Path) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let log = log_dir.join("chromedriver.log");
        let child = Command::new(binary)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", binary.display()));
        let mut driver = Self { child, port };
        let status = format!("{}/status", driver.url());
        let client = reqwest::Client::new();
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Ok(res) = client.get(&status).send().await
                && let Ok(body) = res.json::<Value>().await
                && body["value"]["ready"] == true
            {
                return driver;
            }
            if let Ok(Some(exit)) = driver.child.try_wait() {
                panic!(
                    "chromedriver exited at start ({exit}); see {}",
                    log.display()
                );
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver did not answer {status} within {TIMEOUT:?}; see {}",
                log.display()
            );
            tokio::time::sleep(POLL).await;
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
