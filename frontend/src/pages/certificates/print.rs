//! The certificate alone on an A4 landscape sheet, laid out as a Vietnamese administrative
//! document: the issuing authority and the national motto side by side, the title, the product,
//! the decision it rests on, the place and date, the signer's block with room for the seal, and
//! the QR code of its public verification. Shown without the app's header (see `App`); the
//! buttons above the sheet do not print. No status badge: paper outlives any state.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_evaluations::{CertificateId, CertificateOut, RecognitionLevel};

use crate::api;
use crate::components::fields::{FormErrors, FormMessage};
use crate::components::remote::stars_text;
use crate::i18n::certificates::Printed;
use crate::route::Route;
use crate::state::use_app;

#[component]
pub fn CertificatePrint(id: CertificateId) -> impl IntoView {
    let app = use_app();
    let cert = RwSignal::new(None::<CertificateOut>);
    let errors = FormErrors::new();
    spawn_local(async move {
        match api::certificate(id).await {
            Ok(c) => cert.set(Some(c)),
            Err(error) => errors.show(&error),
        }
    });
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let not_valid = move || cert.with(|c| c.as_ref().is_some_and(|c| !c.state.is_valid()));
    view! {
        <div class="print-page">
            <div class="print-toolbar no-print">
                <button id="print-now" type="button" class="primary" on:click=print>
                    {move || app.t().ev.print}
                </button>
                <a class="back" href=Route::Certificate(id).href()>
                    {move || app.lang.get().certs().back_to_certificate}
                </a>
                <span class="muted">{move || app.lang.get().certs().print_hint}</span>
                <Show when=not_valid>
                    <strong class="print-warning">{move || app.lang.get().certs().not_valid_print}</strong>
                </Show>
            </div>
            <FormMessage errors />
            <div class="print-scroll">
                {move || cert.get().map(sheet)}
            </div>
        </div>
    }
}

/// The sheet itself, in Vietnamese whatever the screen's language.
fn sheet(c: CertificateOut) -> impl IntoView {
    let central = c.issuing_level == RecognitionLevel::Central;
    let authority = c.issuing_body.to_uppercase();
    let place = place_of(&c.issuing_body, central);
    let signer_position = if central {
        authority.clone()
    } else {
        "TM. ỦY BAN NHÂN DÂN".to_string()
    };
    let stars: u8 = c.stars.into();
    let product_set = if c.product_set_name.is_empty() {
        c.product_set.clone()
    } else {
        c.product_set_name.clone()
    };
    let qr = api::qr_url(&c.verification_code);
    view! {
        <article class="cert-sheet" id="cert-sheet" lang="vi">
            <div class="cert-frame">
                <header class="cert-sheet-head">
                    <div class="cert-authority">
                        <p class="cert-authority-name" id="print-authority">{authority}</p>
                        <p class="cert-rule"></p>
                        <p>{Printed::NUMBER}": " <span id="print-number">{c.number.clone()}</span></p>
                    </div>
                    <div class="cert-motto">
                        <p class="cert-motto-top" id="print-motto">{Printed::MOTTO}</p>
                        <p class="cert-motto-sub">{Printed::MOTTO_SUB}</p>
                        <p class="cert-rule"></p>
                    </div>
                </header>
                <h1 class="cert-sheet-title" id="print-title">{Printed::TITLE}</h1>
                <div class="cert-sheet-body">
                    <p class="cert-line">{Printed::CERTIFIES}":"</p>
                    <p class="cert-sheet-product" id="print-product">{c.product_name.clone()}</p>
                    <p class="cert-line">
                        {Printed::PRODUCT_SET}": " <strong id="print-set">{product_set}</strong>
                    </p>
                    <p class="cert-line">
                        {Printed::SUBJECT}": " <strong id="print-subject">{c.subject_name.clone()}</strong>
                    </p>
                    <p class="cert-line">
                        {Printed::RATED}": "
                        <span class="cert-sheet-stars" id="print-stars" data-stars=stars.to_string()>
                            {stars_text(stars).replace('☆', "")}
                        </span>
                        " (" {Printed::stars(stars)} ")"
                    </p>
                    <p class="cert-line cert-decision" id="print-decision">
                        {Printed::decision(&c.decision_number, &c.issued_on, &c.issuing_body)}
                    </p>
                    <p class="cert-line" id="print-validity">{Printed::valid_until(&c.expires_on)}</p>
                </div>
                <footer class="cert-sheet-foot">
                    <figure class="cert-sheet-qr">
                        <img id="print-qr" src=qr alt="QR" width="110" height="110" />
                        <figcaption>
                            {Printed::SCAN}
                            <br />
                            <span class="code">{c.verification_url.clone()}</span>
                            <br />
                            {Printed::CODE}": " <strong>{c.verification_code.clone()}</strong>
                        </figcaption>
                    </figure>
                    <div class="cert-signer">
                        <p class="cert-place" id="print-place">
                            <em>{Printed::place_and_date(&place, &c.issued_on)}</em>
                        </p>
                        <p class="cert-signer-position">{signer_position}</p>
                        <p class="cert-seal">{Printed::SEAL}</p>
                        <p class="cert-signer-name" id="print-signer">{c.decision_signer.clone()}</p>
                    </div>
                </footer>
            </div>
        </article>
    }
}

/// Where the decision was signed: the province's name without "Ủy ban nhân dân" and its
/// "Tỉnh"/"Thành phố" (UBND Tỉnh Đắk Lắk signs in "Đắk Lắk"); the ministry signs in Hà Nội.
fn place_of(issuing_body: &str, central: bool) -> String {
    if central {
        return "Hà Nội".to_string();
    }
    let mut rest = issuing_body.trim();
    for prefix in ["Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r.trim_start();
        }
    }
    for prefix in ["Tỉnh", "tỉnh", "Thành phố", "thành phố", "TP."] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r.trim_start();
            break;
        }
    }
    rest.to_string()
}
