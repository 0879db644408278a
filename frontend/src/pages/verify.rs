//! The public page a certificate's QR code leads to: no sign-in, no personal data; whether the
//! product may carry the OCOP mark today (`#verify-status`, `data-valid`).

use leptos::prelude::*;
use ocop_evaluations::PublicCertificate;

use crate::api;
use crate::components::header::LangSwitch;
use crate::components::remote::{remote, stars_text};
use crate::format;
use crate::pages::certificates::cert_badge;
use crate::state::{AppState, use_app};

#[component]
pub fn VerifyPage(code: Option<String>) -> impl IntoView {
    let code = code.unwrap_or_default();
    let app = use_app();
    let lookup = code.clone();
    let data = LocalResource::new(move || {
        let code = lookup.clone();
        async move { api::public_certificate(&code).await }
    });
    view! {
        <main class="verify-page">
            <div class="card verify">
                <div class="login-head">
                    <h1>{move || app.t().ev.verify_title}</h1>
                    <LangSwitch />
                </div>
                <p class="muted">{move || app.t().ev.verify_code}": " <span class="code" id="verify-code">{code.clone()}</span></p>
                {remote(data, move |c| public_view(app, c))}
            </div>
        </main>
    }
}

fn public_view(app: AppState, c: PublicCertificate) -> impl IntoView {
    let valid = c.valid;
    view! {
        <div
            id="verify-status"
            class="verify-status"
            class:valid=valid
            class:invalid=!valid
            data-valid=valid.to_string()
        >
            {move || if valid { app.t().ev.valid_today } else { app.t().ev.not_valid_today }}
        </div>
        <p class="cert-product" id="verify-product">{c.product_name}</p>
        <p class="cert-stars" data-stars=c.stars.to_string()>{stars_text(c.stars)}</p>
        <dl class="facts">
            <dt>{move || app.t().ev.certificate_number}</dt>
            <dd id="verify-number">{c.number}</dd>
            <dt>{move || app.t().product_set}</dt>
            <dd>{c.product_set}</dd>
            <dt>{move || app.t().subject}</dt>
            <dd>{c.subject_name}</dd>
            <dt>{move || app.t().unit}</dt>
            <dd>{c.unit_name}</dd>
            <dt>{move || app.t().ev.issuing_body}</dt>
            <dd>{c.issuing_body}</dd>
            <dt>{move || app.t().ev.issued_on}</dt>
            <dd>{format::day(&c.issued_on)}</dd>
            <dt>{move || app.t().ev.expires_on}</dt>
            <dd>{format::day(&c.expires_on)}</dd>
            <dt>{move || app.t().status}</dt>
            <dd>{cert_badge(app, c.state)}</dd>
        </dl>
    }
}
