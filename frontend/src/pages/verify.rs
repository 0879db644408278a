//! The public page a certificate's QR code leads to: no sign-in, no personal data; whether the
//! product may carry the OCOP mark today (`#verify-status`, `data-valid`, `data-state`). Without
//! a code (`#/verify`) it is a form to type the one printed under the QR code. Each state says
//! what it means in its own words and with its own date: a revoked certificate its revocation
//! and ground, a superseded one a link to check its successor, an expired one its expiry.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use ocop_evaluations::{CertificateState, PublicCertificate};

use crate::api::{self, ApiError};
use crate::components::header::LangSwitch;
use crate::components::remote::stars_text;
use crate::format::{self, wire};
use crate::pages::certificates::cert_badge;
use crate::route::Route;
use crate::state::{AppState, use_app};

#[component]
pub fn VerifyPage(code: Option<String>) -> impl IntoView {
    let app = use_app();
    let signed_in = move || app.user.with(Option::is_some);
    view! {
        <main class="verify-page">
            <div class="card verify">
                <div class="login-head">
                    <h1>{move || app.t().ev.verify_title}</h1>
                    <LangSwitch />
                </div>
                <CodeForm code=code.clone().unwrap_or_default() />
                {code.map(|code| view! { <Lookup code /> })}
                <p class="verify-foot">
                    <Show
                        when=signed_in
                        fallback=move || view! {
                            <a id="verify-sign-in" href=Route::Home.href()>{move || app.lang.get().certs().sign_in}</a>
                        }
                    >
                        <a href=Route::Home.href()>{move || app.t().back}</a>
                    </Show>
                </p>
            </div>
        </main>
    }
}

/// The code box: spaces and stray marks are dropped and the code upper-cased, as the server
/// reads it.
#[component]
fn CodeForm(code: String) -> impl IntoView {
    let app = use_app();
    let typed = RwSignal::new(code);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let code: String = typed
            .get_untracked()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect::<String>()
            .to_ascii_uppercase();
        if !code.is_empty() {
            app.go(Route::Verify(Some(code)));
        }
    };
    view! {
        <form class="verify-form" id="verify-form" on:submit=submit novalidate>
            <p class="muted">{move || app.lang.get().certs().enter_code}</p>
            <div class="field">
                <label for="verify-input">{move || app.t().ev.verify_code}</label>
                <div class="verify-row">
                    <input
                        id="verify-input"
                        type="text"
                        inputmode="text"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        maxlength="64"
                        placeholder=move || app.lang.get().certs().code_hint
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                        on:change=move |ev| typed.set(event_target_value(&ev))
                    />
                    <button id="verify-submit" type="submit" class="primary">
                        {move || app.lang.get().certs().check}
                    </button>
                </div>
            </div>
        </form>
    }
}

#[component]
fn Lookup(code: String) -> impl IntoView {
    let app = use_app();
    let lookup = code.clone();
    let data = LocalResource::new(move || {
        let code = lookup.clone();
        async move { api::public_certificate(&code).await }
    });
    view! {
        <p class="muted">{move || app.t().ev.verify_code}": " <span class="code" id="verify-code">{code.clone()}</span></p>
        {move || match data.get() {
            None => view! { <p class="muted">{app.t().loading}</p> }.into_any(),
            Some(Err(ApiError::Problem(p))) if p.status == 404 => view! {
                <p id="load-error" class="form-error">{move || app.lang.get().certs().not_found}</p>
            }
            .into_any(),
            Some(Err(error)) => {
                view! { <p id="load-error" class="form-error">{app.describe(&error)}</p> }.into_any()
            }
            Some(Ok(c)) => public_view(app, c).into_any(),
        }}
    }
}

fn public_view(app: AppState, c: PublicCertificate) -> impl IntoView {
    let valid = c.valid;
    let state = c.state;
    // The date that explains the state.
    let day = match state {
        CertificateState::Revoked => c.revoked_on.unwrap_or(c.expires_on),
        CertificateState::Superseded => c.superseded_on.unwrap_or(c.issued_on),
        CertificateState::NotYetIssued => c.issued_on,
        _ => c.expires_on,
    };
    let revocation = (state == CertificateState::Revoked)
        .then_some(c.revocation_ground)
        .flatten()
        .map(|ground| {
            view! {
                <p class="verify-detail" id="verify-ground">
                    {move || app.lang.get().certs().revocation_ground}": "
                    <strong>{move || app.lang.get().revocation_ground(ground)}</strong>
                </p>
            }
        });
    let successor = (state == CertificateState::Superseded)
        .then_some(c.successor_code.clone())
        .flatten()
        .map(|next| {
            view! {
                <p class="verify-detail">
                    <a id="verify-successor" href=Route::Verify(Some(next)).href()>
                        {move || app.lang.get().certs().check_successor}
                    </a>
                </p>
            }
        });
    // "Valid until" only while it is true; a lapsed certificate's dates are history.
    let expiry = valid.then(|| {
        view! {
            <dt>{move || app.t().ev.expires_on}</dt>
            <dd id="verify-expires">{format::day(&c.expires_on)}</dd>
        }
    });
    let set = if c.product_set_name.is_empty() {
        c.product_set.clone()
    } else {
        c.product_set_name.clone()
    };
    view! {
        <div
            id="verify-status"
            class=format!("verify-status state-{}", wire(&state))
            class:valid=valid
            class:invalid=!valid
            data-valid=valid.to_string()
            data-state=wire(&state)
            role="status"
        >
            <p class="verify-headline" id="verify-headline">{move || app.lang.get().verify_headline(state, &day)}</p>
            <p class="verify-meaning">{move || app.lang.get().verify_meaning(state)}</p>
            {revocation}
            {successor}
        </div>
        <p class="cert-product" id="verify-product">{c.product_name}</p>
        <p class="cert-stars" data-stars=u8::from(c.stars).to_string()>{stars_text(c.stars)}</p>
        <dl class="facts">
            <dt>{move || app.t().ev.certificate_number}</dt>
            <dd id="verify-number">{c.number}</dd>
            <dt>{move || app.t().product_set}</dt>
            <dd>{set}</dd>
            <dt>{move || app.t().subject}</dt>
            <dd>{c.subject_name}</dd>
            <dt>{move || app.t().unit}</dt>
            <dd>{c.unit_name}</dd>
            <dt>{move || app.t().ev.issuing_body}</dt>
            <dd>{c.issuing_body}</dd>
            <dt>{move || app.t().ev.issued_on}</dt>
            <dd>{format::day(&c.issued_on)}</dd>
            {expiry}
            <dt>{move || app.t().status}</dt>
            <dd>{cert_badge(app, c.state)}</dd>
        </dl>
    }
}
