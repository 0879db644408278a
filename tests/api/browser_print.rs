//! The certificate as an office prints it and as a buyer checks it, in headless Chromium: the
//! province officer opens the print page and saves it as PDF (Chromium's print-to-PDF), whose
//! text must carry the national motto and the decision line; signed out, the code typed on the
//! verification page shows the certificate valid; revoked through its confirmation step, the
//! same code then shows the revocation with its date and ground and no "valid until".
//!
//! Runs only with `OCOP_BROWSER_TESTS=1`, like the other browser tests; it also needs
//! `pdftotext` (poppler-utils). The PDF and screenshots go to `target/screenshots/print/`.

use std::path::PathBuf;
use std::process::Command;

use chrono::Datelike;
use fantoccini::wd::{PrintConfiguration, PrintMargins, PrintOrientation, PrintSize};
use serde_json::{Value, json};

use crate::browser::{Browser, Tools, browser_tests_enabled, run_in_browser, sign_in};
use crate::certificates::certify;
use crate::evaluations::cast;
use crate::helpers::{spawn_app_with_spa, test_day};

const MOTTO: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";

#[derive(Clone)]
struct PrintPlan {
    officer: String,
    id: String,
    code: String,
    number: String,
    /// The decision line the certificate must print.
    decision_line: String,
    pdftotext: PathBuf,
    today: String,
}

#[tokio::test]
async fn the_certificate_prints_on_a4_with_motto_and_decision_and_its_code_checks_publicly() {
    if !browser_tests_enabled() {
        return;
    }
    let tools = Tools::find("print");
    let pdftotext = which("pdftotext").unwrap_or_else(|| {
        panic!(
            "pdftotext is not on PATH: run `bash .ci/install-tools` (installs poppler-utils), \
             or `apt-get install -y poppler-utils`"
        )
    });
    let app = spawn_app_with_spa(Some(tools.spa_dir.clone())).await;
    let cast = cast(&app).await;
    let today = test_day();
    let cert = certify(
        &app,
        &cast,
        today.year(),
        "first_rating",
        4,
        "123/QĐ-UBND",
        &today.to_string(),
    )
    .await;
    let text = |key: &str| cert[key].as_str().expect(key).to_string();
    let plan = PrintPlan {
        officer: cast.province.email.clone(),
        id: text("id"),
        code: text("verification_code"),
        number: text("number"),
        decision_line: format!(
            "Theo Quyết định số 123/QĐ-UBND ngày {} của {}",
            today.format("%d/%m/%Y"),
            text("issuing_body")
        ),
        pdftotext,
        today: today.format("%d/%m/%Y").to_string(),
    };
    let pdf_path = tools.screenshots.join("certificate.pdf");
    run_in_browser(&tools, &app.address, |b| print_scenario(b, plan)).await;
    assert!(pdf_path.is_file(), "{} was saved", pdf_path.display());

    // The revocation made in the page is the server's.
    let seen: Value = app
        .client
        .get(app.url(&format!(
            "/api/v1/public/certificates/{}",
            cert["verification_code"].as_str().expect("code")
        )))
        .send()
        .await
        .expect("public verification")
        .json()
        .await
        .expect("json");
    assert_eq!(seen["state"], "revoked", "{seen}");
    assert_eq!(seen["revocation_ground"], "mark_misuse", "{seen}");
}

async fn print_scenario(b: Browser, plan: PrintPlan) {
    sign_in(&b, &plan.officer).await;
    b.goto(&format!("/#/certificates/{}", plan.id)).await;
    b.contains("#cert-number", &plan.number).await;
    // The revocation waits behind its button.
    b.element("#revoke-open").await;
    b.until(
        "the revoke form to stay closed",
        "return !document.querySelector('#revoke-form');",
        vec![],
    )
    .await;
    b.shot("01-certificate").await;

    b.click("#cert-print").await;
    b.until(
        "the print page, alone, with its QR code loaded",
        "const q = document.querySelector('#print-qr'); \
         return location.hash.endsWith('/print') && !!document.querySelector('#print-decision') \
                && !!q && q.complete && q.naturalWidth > 0 && !document.querySelector('#logout');",
        vec![],
    )
    .await;
    b.shot("02-print-page").await;
    let config = PrintConfiguration::builder()
        .orientation(PrintOrientation::Landscape)
        .size(PrintSize::A4)
        .margins(PrintMargins {
            top: 0.0,
            bottom: 0.0,
            left: 0.0,
            right: 0.0,
        })
        .background(true)
        .build()
        .expect("an A4 landscape print configuration");
    let pdf = b.client.print(config).await.expect("print the page to PDF");
    let pdf_path = b.screenshots.join("certificate.pdf");
    std::fs::write(&pdf_path, &pdf).unwrap_or_else(|e| panic!("write {}: {e}", pdf_path.display()));
    let text = pdf_text(&plan.pdftotext, &pdf_path);
    for expected in [
        MOTTO,
        "Độc lập - Tự do - Hạnh phúc",
        plan.decision_line.as_str(),
    ] {
        assert!(
            text.contains(expected),
            "the printed certificate lacks {expected:?}; its text: {text}"
        );
    }
    assert!(text.contains(&plan.number), "{text}");
    assert!(
        text.contains("(Ký, đóng dấu)"),
        "the seal block is printed: {text}"
    );

    // A buyer, signed out, reaches the check from the sign-in page and types the code.
    b.goto(&format!("/#/certificates/{}", plan.id)).await;
    b.click("#logout").await;
    b.element("#login-email").await;
    b.click("#login-verify").await;
    b.element("#verify-input").await;
    b.shot("03-verify-form").await;
    b.fill("#verify-input", &plan.code.to_lowercase()).await;
    b.click("#verify-submit").await;
    b.until(
        "the certificate to show as valid",
        "const e = document.querySelector('#verify-status'); \
         return !!e && e.dataset.valid === 'true' && e.dataset.state === 'valid' \
                && location.hash === '#/verify/' + arguments[0];",
        vec![json!(plan.code)],
    )
    .await;
    b.contains("#verify-number", &plan.number).await;
    b.element("#verify-expires").await;
    b.shot("04-verify-valid").await;

    // The officer revokes it: the form, then the confirmation.
    sign_in(&b, &plan.officer).await;
    b.goto(&format!("/#/certificates/{}", plan.id)).await;
    b.click("#revoke-open").await;
    b.element("#revoke-form").await;
    b.select("#field-ground", "mark_misuse").await;
    b.fill("[id='field-decision.number']", "15/QĐ-UBND").await;
    b.fill("[id='field-decision.signer']", "Chủ tịch UBND tỉnh")
        .await;
    // A date input takes typed keys in the browser's locale order; set it as the picker does.
    b.until(
        "the decision date to be set",
        "const e = document.querySelector(\"[id='field-decision.decided_on']\"); \
         if (!e) return false; \
         e.value = arguments[0]; \
         e.dispatchEvent(new Event('input', {bubbles: true})); \
         e.dispatchEvent(new Event('change', {bubbles: true})); \
         return e.value === arguments[0];",
        vec![json!(test_day().to_string())],
    )
    .await;
    b.click("#revoke-review").await;
    b.element("#revoke-question").await;
    b.shot("05-revoke-confirm").await;
    b.click("#revoke-submit").await;
    b.element("#cert-revocation").await;
    b.shot("06-revoked").await;

    // Signed out again, the same code now tells the revocation, its date and ground.
    b.click("#logout").await;
    b.element("#login-email").await;
    b.goto(&format!("/#/verify/{}", plan.code)).await;
    b.until(
        "the certificate to show as revoked on its date, with its ground",
        "const e = document.querySelector('#verify-status'); \
         const h = document.querySelector('#verify-headline'); \
         const g = document.querySelector('#verify-ground'); \
         return !!e && e.dataset.valid === 'false' && e.dataset.state === 'revoked' \
                && !!h && h.textContent.includes(arguments[0]) \
                && !!g && g.textContent.trim().length > 0 \
                && !document.querySelector('#verify-expires');",
        vec![json!(plan.today)],
    )
    .await;
    b.shot("07-verify-revoked").await;
}

/// The PDF's text with its line breaks and runs of spaces made single spaces, so a line the
/// layout wrapped still reads as one.
fn pdf_text(pdftotext: &PathBuf, pdf: &PathBuf) -> String {
    let out = Command::new(pdftotext)
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", pdftotext.display()));
    assert!(
        out.status.success(),
        "pdftotext failed on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
}
