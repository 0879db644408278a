//! The producer's dossier wizard in the browser: a dossier entered at implementation, submitted
//! empty, lists what is missing (Mẫu 01, Mẫu 02, the samples) in words, never as codes, and each
//! item opens the tab that fixes it; Mẫu 01 starts from the subject's record; the business plan,
//! which that state does not ask for, cannot be edited. Then, at phone size, the producer fills
//! every tab with nothing scrolling sideways: a bad phone is explained beside its field, which
//! takes the focus, and a self-assessment of 2★ for a 4★ application warns before submitting
//! without blocking it.
//!
//! Runs only with `OCOP_BROWSER_TESTS=1` and a built SPA, like the other browser tests.

use chrono::Datelike;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::browser::{Browser, Tools, browser_tests_enabled, run_in_browser, sign_in};
use crate::evaluations::{cast, cycle, json_of, selection_with_stars};
use crate::helpers::{spawn_app_with_spa, test_day};

const PHONE: (u32, u32) = (390, 844);

#[derive(Clone)]
struct DossierPlan {
    producer: String,
    cycle_id: String,
    /// A complete self-assessment the sheet rates 2★, as `{code: option}`.
    choices: Value,
}

#[tokio::test]
async fn an_incomplete_dossier_lists_its_missing_parts_and_the_wizard_fits_a_phone() {
    if !browser_tests_enabled() {
        return;
    }
    let tools = Tools::find("dossier");
    let app = spawn_app_with_spa(Some(tools.spa_dir.clone())).await;
    let cast = cast(&app).await;
    let opened = json_of(
        app.post(
            &cast.producer,
            "/api/v1/cycles",
            json!({"product_id": cast.product_id, "year": test_day().year(),
                   "entry": "implementation", "dossier_type": "first_rating"}),
        )
        .await,
        StatusCode::CREATED,
        "open cycle",
    )
    .await;
    let cycle_id = opened["id"].as_str().expect("cycle id").to_string();
    let set_id = opened["criteria_set_id"].as_i64().expect("criteria set");
    let choices = selection_with_stars(&app, &cast.producer, set_id, 2).await;
    let plan = DossierPlan {
        producer: cast.producer.email.clone(),
        cycle_id: cycle_id.clone(),
        choices,
    };

    run_in_browser(&tools, &app.address, |b| scenario(b, plan)).await;

    // The warning did not block: the dossier went in, with what the wizard saved.
    let filed = cycle(&app, &cast.producer, &cycle_id).await;
    assert_eq!(filed["state"], "dossier_submitted", "{filed}");
    assert_eq!(filed["samples"], 5);
    assert_eq!(filed["form_01"]["representative"], "Nguyễn Thị Hoa");
    assert_eq!(filed["form_01"]["phone"], "0987654321");
    assert_eq!(filed["form_01"]["stars_sought"], 4);
    assert!(filed["self_assessment_total"].is_number(), "{filed}");
}

/// An element by id, for ids holding a dot (`field-form_01.phone`), which CSS reads as a class.
fn by_id(id: &str) -> String {
    format!("[id=\"{id}\"]")
}

async fn scenario(b: Browser, plan: DossierPlan) {
    sign_in(&b, &plan.producer).await;
    b.goto(&format!("/#/cycles/{}", plan.cycle_id)).await;
    b.element("#move-dossier_submitted").await;
    b.element("#step-form01.current").await;
    b.shot("01-dossier-opened").await;

    // Submitting asks no reason of the producer, and the refusal lists the missing parts.
    b.click("#move-dossier_submitted").await;
    b.element("#move-confirm").await;
    b.until(
        "the submit confirmation asks for no reason",
        "return !!document.querySelector('#move-form') && !document.querySelector('#field-reason');",
        vec![],
    )
    .await;
    b.click("#move-confirm").await;
    b.until(
        "the missing parts listed in words",
        "const list = document.querySelector('#form-errors'); \
         if (!list) return false; \
         const t = list.textContent; \
         return list.querySelectorAll('li').length === 3 && t.includes('Mẫu 01') \
                && t.includes('Mẫu 02') && t.includes('5 mẫu');",
        vec![],
    )
    .await;
    let shown: Value = b
        .until(
            "the error summary's text",
            "return document.querySelector('#form-error').textContent;",
            vec![],
        )
        .await;
    let shown = shown.as_str().unwrap_or_default().to_string();
    for code in ["form_01", "form_02", "samples", "too_few", "required"] {
        assert!(
            !shown.contains(code),
            "a raw code {code:?} is shown: {shown}"
        );
    }
    assert!(shown.contains("Hồ sơ chưa đủ"), "{shown}");
    b.until(
        "the summary is announced",
        "return document.querySelector('#form-error').getAttribute('role') === 'alert';",
        vec![],
    )
    .await;
    b.shot("02-missing-parts").await;

    // Each missing part opens its tab.
    b.click("#form-errors li[data-field='samples'] button")
        .await;
    b.element("#step-files.current").await;
    b.element("#field-samples").await;
    b.shot("03-samples-tab").await;
    b.click("#form-errors li[data-field='form_02'] button")
        .await;
    b.element("#step-form02.current").await;
    b.click("#form-errors li[data-field='form_01'] button")
        .await;
    b.element("#step-form01.current").await;
    // Mẫu 01 starts from the subject's record.
    b.until(
        "Mẫu 01 pre-filled from the subject",
        "const r = document.querySelector(arguments[0]); \
         const p = document.querySelector(arguments[1]); \
         return !!r && !!p && r.value === 'Nguyễn Thị Hoa' && p.value === '0912345678' \
                && !!document.querySelector('#form01-subject');",
        vec![
            json!(by_id("field-form_01.representative")),
            json!(by_id("field-form_01.phone")),
        ],
    )
    .await;
    b.shot("04-form01-prefilled").await;

    // Entered at implementation, the business plan is not the producer's to edit now.
    b.click("#step-plan").await;
    b.until(
        "the business plan locked, with no save button",
        "const f = document.querySelector('#field-business_plan'); \
         return !!f && f.matches(':disabled') && !document.querySelector('#plan-save') \
                && !!document.querySelector('.locked-note');",
        vec![],
    )
    .await;
    b.click("#step-submit").await;
    b.until(
        "the checklist holds no plan against the dossier",
        "const c = document.querySelector('#checklist'); \
         return !!c && !c.querySelector('#check-plan') && !!c.querySelector('#check-form01.missing');",
        vec![],
    )
    .await;
    b.shot("05-checklist").await;

    // At phone size, every tab of the wizard is filled with nothing scrolling sideways.
    b.resize(PHONE.0, PHONE.1).await;
    b.click("#step-form01").await;
    b.element("#form01-save").await;
    b.fits_width("Mẫu 01 at phone size").await;
    let phone = by_id("field-form_01.phone");
    b.fill(&phone, "abc").await;
    b.select(&by_id("field-form_01.stars_sought"), "4").await;
    b.click("#form01-save").await;
    b.until(
        "a bad phone explained beside it, with the focus on it",
        "const e = document.querySelector(arguments[0]); \
         return !!e && e.textContent.includes('10 chữ số') \
                && document.activeElement && document.activeElement.id === 'field-form_01.phone';",
        vec![json!(by_id("error-form_01.phone"))],
    )
    .await;
    b.shot("06-phone-error").await;
    b.fill(&phone, "0987654321").await;
    b.click("#form01-save").await;
    b.until(
        "Mẫu 01 saved",
        "const e = document.querySelector('#notice'); \
         return !!e && !document.querySelector(arguments[0]).textContent.trim();",
        vec![json!(by_id("error-form_01.phone"))],
    )
    .await;
    b.fits_width("Mẫu 01 saved at phone size").await;

    b.click("#step-form02").await;
    b.element("#self-save").await;
    let choices = plan.choices.as_object().expect("choices").clone();
    for (code, option) in &choices {
        b.check(&format!("input[name=\"{code}\"][value=\"{option}\"]"))
            .await;
    }
    b.fits_width("Mẫu 02 at phone size").await;
    b.shot("07-form02-phone").await;
    b.click("#self-save").await;
    b.until(
        "the self-assessment saved with its total",
        "const e = document.querySelector('#self-total'); \
         return !!e && /\\d/.test(e.textContent);",
        vec![],
    )
    .await;

    b.click("#step-files").await;
    b.element("#samples-save").await;
    b.fill("#field-samples", "5").await;
    b.click("#samples-save").await;
    b.until(
        "the samples counted on the checklist",
        "return !!document.querySelector('#field-samples') && \
                document.querySelector('#field-samples').value === '5';",
        vec![],
    )
    .await;
    b.fits_width("samples and files at phone size").await;
    b.shot("08-files-phone").await;

    b.click("#step-submit").await;
    b.element("#check-samples.done").await;
    b.element("#check-form01.done").await;
    b.element("#check-form02.done").await;
    b.fits_width("the checklist at phone size").await;
    b.shot("09-checklist-phone").await;

    // 2★ for a 4★ application: a warning, not a block.
    b.click("#move-dossier_submitted").await;
    b.until(
        "the warning that the self-score is below the stars applied for",
        "const w = document.querySelector('#submit-warning'); \
         return !!w && w.textContent.includes('4 sao') && w.textContent.includes('2 sao');",
        vec![],
    )
    .await;
    b.fits_width("the submit confirmation at phone size").await;
    b.shot("10-submit-warning").await;
    b.click("#move-confirm").await;
    b.contains("#cycle-state", "Đã nộp hồ sơ").await;
    b.fits_width("the submitted dossier at phone size").await;
    b.shot("11-submitted").await;
}
