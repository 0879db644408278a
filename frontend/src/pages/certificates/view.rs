//! One certificate with the QR code of its public verification page; the A4 print is its own
//! page (`print.rs`). Province officers may revoke it: the form opens behind a button and the
//! revocation asks for confirmation, since it cannot be undone.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::access::Action;
use ocop_evaluations::{CertificateId, CertificateOut, DecisionIn, RevocationGround, RevokeIn};

use super::cert_badge;
use crate::api;
use crate::components::fields::{
    Field, FormErrors, FormMessage, SelectInput, TextInput, local_error,
};
use crate::components::remote::stars_text;
use crate::format::{self, from_wire, optional, optional_date, wire};
use crate::route::Route;
use crate::state::{AppState, use_app};

const GROUNDS: [RevocationGround; 6] = [
    RevocationGround::FalseDossier,
    RevocationGround::CriteriaNoLongerMet,
    RevocationGround::LegalBreach,
    RevocationGround::MarkMisuse,
    RevocationGround::ProductionStopped,
    RevocationGround::OtherAuthorityFinding,
];

#[component]
pub fn CertificateView(id: CertificateId) -> impl IntoView {
    let app = use_app();
    let cert = RwSignal::new(None::<CertificateOut>);
    let errors = FormErrors::new();
    spawn_local(async move {
        match api::certificate(id).await {
            Ok(c) => cert.set(Some(c)),
            Err(error) => errors.show(&error),
        }
    });
    let may_revoke = move || {
        app.can(Action::CertificatesRevoke)
            && cert.with(|c| {
                c.as_ref()
                    .is_some_and(|c| c.revocation.is_none() && c.state.is_valid())
            })
    };
    view! {
        <section class="page certificate-page">
            <div class="page-head no-print">
                <h1>{move || app.t().ev.certificate}</h1>
                <div class="head-actions">
                    <a id="cert-print" class="button" href=Route::CertificatePrint(id).href()>
                        {move || app.lang.get().certs().print_pdf}
                    </a>
                    <a class="back" href=Route::Certificates.href()>{move || app.t().back}</a>
                </div>
            </div>
            <FormMessage errors />
            {move || cert.get().map(|c| certificate_view(app, c))}
            <Show when=may_revoke>
                <RevokeForm cert />
            </Show>
        </section>
    }
}

fn certificate_view(app: AppState, c: CertificateOut) -> impl IntoView {
    let level = c.issuing_level;
    let qr = api::qr_url(&c.verification_code);
    let set_label = if c.product_set_name.is_empty() {
        c.product_set.clone()
    } else {
        c.product_set_name.clone()
    };
    let successor = c.superseded_by.map(|next| {
        view! {
            <p class="superseded" id="cert-successor">
                <a href=Route::Certificate(next).href()>{move || app.lang.get().certs().see_successor}</a>
            </p>
        }
    });
    let revocation = c.revocation.clone().map(|r| {
        let ground = r.ground;
        view! {
            <div class="revocation" id="cert-revocation">
                <strong>{move || app.t().ev.revoked}</strong>
                {move || format!(
                    " — {} · {} {} · {}",
                    app.lang.get().revocation_ground(ground),
                    r.number,
                    format::day(&r.decided_on),
                    r.signer
                )}
            </div>
        }
    });
    view! {
        <article class="certificate card" id="certificate">
            <header class="cert-head">
                <p class="cert-issuer" id="cert-issuing-body">{c.issuing_body.clone()}</p>
                <h2 class="cert-title">{move || app.t().ev.certificate_heading}</h2>
                <p class="cert-number">{move || app.t().ev.certificate_number}": " <strong id="cert-number">{c.number.clone()}</strong></p>
            </header>
            <div class="cert-body">
                <div class="cert-facts">
                    <p class="cert-product" id="cert-product">{c.product_name.clone()}</p>
                    <p class="muted" id="cert-set">{set_label}</p>
                    <p>{move || app.t().subject}": " <strong id="cert-subject">{c.subject_name.clone()}</strong></p>
                    <p class="cert-stars" id="cert-stars" data-stars=c.stars.to_string()>{stars_text(c.stars)}</p>
                    <dl class="facts">
                        <dt>{move || app.t().ev.issuing_level}</dt>
                        <dd>{move || app.lang.get().level(level)}</dd>
                        <dt>{move || app.t().ev.decision}</dt>
                        <dd id="cert-decision">{format!("{} — {}", c.decision_number, c.decision_signer)}</dd>
                        <dt>{move || app.t().ev.issued_on}</dt>
                        <dd id="cert-issued">{format::day(&c.issued_on)}</dd>
                        <dt>{move || app.t().ev.expires_on}</dt>
                        <dd id="cert-expires">{format::day(&c.expires_on)}</dd>
                        <dt>{move || app.t().status}</dt>
                        <dd id="cert-state">{cert_badge(app, c.state)}</dd>
                        <dt class="no-print">{move || app.t().ev.re_rating_window}</dt>
                        <dd class="no-print">{format!("{} – {}", format::day(&c.re_rating_opens_on), format::day(&c.re_rating_closes_on))}</dd>
                    </dl>
                    {revocation}
                    {successor}
                </div>
                <figure class="cert-qr">
                    <img id="cert-qr" src=qr alt="QR" width="160" height="160" />
                    <figcaption>
                        {move || app.t().ev.verify_at}
                        <br />
                        <span class="code">{c.verification_url.clone()}</span>
                    </figcaption>
                </figure>
            </div>
            <p class="no-print cert-links">
                <a href=Route::Product(c.product_id).href()>{c.product_name.clone()}</a>
                " · "
                <a href=Route::Cycle(c.cycle_id).href()>{move || app.t().ev.open_dossier}</a>
            </p>
        </article>
    }
}

/// Where the revocation stands: behind its button, being typed, or awaiting confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Closed,
    Typing,
    Confirming,
}

#[component]
fn RevokeForm(cert: RwSignal<Option<CertificateOut>>) -> impl IntoView {
    let app = use_app();
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let step = RwSignal::new(Step::Closed);
    let ground = RwSignal::new(wire(&RevocationGround::CriteriaNoLongerMet));
    let number = RwSignal::new(String::new());
    let decided_on = RwSignal::new(String::new());
    let signer = RwSignal::new(String::new());
    let ground_options = Signal::derive(move || {
        let lang = app.lang.get();
        GROUNDS
            .map(|g| (wire(&g), lang.revocation_ground(g).to_string()))
            .to_vec()
    });
    // Checked here before the confirmation, so the officer confirms a complete decision.
    let input = move || -> Option<RevokeIn> {
        errors.clear();
        let t = app.t_now();
        let mut local = Vec::new();
        let number_text = optional(&number.get_untracked());
        let signer_text = optional(&signer.get_untracked());
        let date = optional_date(&decided_on.get_untracked());
        if number_text.is_none() {
            local.push(local_error("decision.number", t.required));
        }
        if !matches!(date, Ok(Some(_))) {
            local.push(local_error("decision.decided_on", t.bad_date));
        }
        if signer_text.is_none() {
            local.push(local_error("decision.signer", t.required));
        }
        let (Some(number), Some(signer), Ok(Some(decided_on))) = (number_text, signer_text, date)
        else {
            errors.local(local, t);
            return None;
        };
        Some(RevokeIn {
            ground: from_wire(&ground.get_untracked())
                .unwrap_or(RevocationGround::CriteriaNoLongerMet),
            decision: DecisionIn {
                number,
                decided_on,
                signer,
            },
        })
    };
    let review = move |_| {
        if input().is_some() {
            step.set(Step::Confirming);
        }
    };
    let confirm = move |_| {
        let Some(before) = cert.get_untracked() else {
            return;
        };
        let Some(input) = input() else {
            step.set(Step::Typing);
            return;
        };
        let t = app.t_now();
        busy.set(true);
        spawn_local(async move {
            let result = api::revoke_certificate(before.id, before.version, &input).await;
            busy.set(false);
            match result {
                Ok(updated) => {
                    step.set(Step::Closed);
                    cert.set(Some(updated));
                    app.notify(t.ev.revoked);
                }
                Err(error) => {
                    // The server names the field: back to the form, where it shows.
                    step.set(Step::Typing);
                    errors.show(&error);
                }
            }
        });
    };
    let question = move || {
        let number = cert.with(|c| c.as_ref().map(|c| c.number.clone()).unwrap_or_default());
        (app.lang.get().certs().revoke_question)(&number)
    };
    let summary = move || {
        let lang = app.lang.get();
        let ground = from_wire(&ground.get())
            .map(|g| lang.revocation_ground(g))
            .unwrap_or_default();
        let day = optional_date(&decided_on.get())
            .ok()
            .flatten()
            .map(|d| format::day(&d))
            .unwrap_or_default();
        format!("{ground} · {} {day} · {}", number.get(), signer.get())
    };
    view! {
        <section class="card form no-print revoke" id="revoke-section">
            <Show when=move || step.get() == Step::Closed>
                <div class="actions">
                    <button id="revoke-open" type="button" class="danger" on:click=move |_| step.set(Step::Typing)>
                        {move || app.lang.get().certs().revoke_open}
                    </button>
                </div>
            </Show>
            <Show when=move || step.get() != Step::Closed>
                <h2>{move || app.t().ev.revoke}</h2>
                <FormMessage errors />
            </Show>
            <Show when=move || step.get() == Step::Typing>
                <div id="revoke-form">
                    <p class="muted">{move || app.lang.get().certs().revoke_intro}</p>
                    <fieldset class="grid">
                        <Field name="ground" label=|t| t.ev.ground errors wide=true>
                            <SelectInput id="field-ground" value=ground options=ground_options />
                        </Field>
                        <Field name="decision.number" label=|t| t.ev.decision_number errors>
                            <TextInput id="field-decision.number" value=number />
                        </Field>
                        <Field name="decision.decided_on" label=|t| t.ev.decided_on errors>
                            <TextInput id="field-decision.decided_on" value=decided_on kind="date" />
                        </Field>
                        <Field name="decision.signer" label=|t| t.ev.signer errors wide=true>
                            <TextInput id="field-decision.signer" value=signer />
                        </Field>
                    </fieldset>
                    <div class="actions">
                        <button id="revoke-review" type="button" class="primary danger" on:click=review>
                            {move || app.lang.get().certs().revoke_review}
                        </button>
                        <button id="revoke-cancel" type="button" on:click=move |_| {
                            errors.clear();
                            step.set(Step::Closed);
                        }>
                            {move || app.lang.get().certs().cancel}
                        </button>
                    </div>
                </div>
            </Show>
            <Show when=move || step.get() == Step::Confirming>
                <div id="revoke-confirm-step" role="alertdialog" aria-labelledby="revoke-question">
                    <p id="revoke-question"><strong>{question}</strong></p>
                    <p id="revoke-summary">{summary}</p>
                    <div class="actions">
                        <button id="revoke-submit" type="button" class="primary danger" disabled=move || busy.get() on:click=confirm>
                            {move || app.lang.get().certs().revoke_confirm}
                        </button>
                        <button id="revoke-edit" type="button" disabled=move || busy.get() on:click=move |_| step.set(Step::Typing)>
                            {move || app.lang.get().certs().revoke_edit}
                        </button>
                    </div>
                </div>
            </Show>
        </section>
    }
}
