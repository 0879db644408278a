//! The producer's home: a dossier returned for completion first, with its reason; then each
//! dossier with its state and the next step spelled out, the products and the certificates.

use leptos::prelude::*;
use ocop_core::access::Action;
use ocop_evaluations::{
    AlertKind, AlertOut, CertificateOut, CertificateQuery, CycleOut, CycleQuery, CycleState,
};
use ocop_products::{ProductOut, ProductQuery};

use super::{alert_list, card};
use crate::api::{self, ApiError};
use crate::components::remote::{remote, stars_text};
use crate::format;
use crate::i18n::home::Missing;
use crate::pages::certificates::cert_badge;
use crate::pages::cycles::state_badge;
use crate::route::Route;
use crate::state::{AppState, use_app};

/// A producer has a handful of products and dossiers: one page holds them all.
const ALL: u64 = 100;

/// Everything the page shows, read at once.
#[derive(Clone)]
struct Work {
    products: Vec<ProductOut>,
    cycles: Vec<CycleOut>,
    certificates: Vec<CertificateOut>,
    alerts: Vec<AlertOut>,
}

fn is_returned(state: CycleState) -> bool {
    matches!(
        state,
        CycleState::DossierReturnedForCompletion | CycleState::IdeaReturned
    )
}

#[component]
pub fn ProducerHome() -> impl IntoView {
    let app = use_app();
    let data = LocalResource::new(|| async {
        let products = ProductQuery {
            per_page: Some(ALL),
            ..Default::default()
        };
        let cycles = CycleQuery {
            per_page: Some(ALL),
            ..Default::default()
        };
        let certificates = CertificateQuery {
            per_page: Some(ALL),
            ..Default::default()
        };
        let (products, cycles, certificates, alerts) = futures::join!(
            api::products(&products),
            api::cycles(&cycles),
            api::certificates(&certificates),
            api::alerts(),
        );
        Ok::<_, ApiError>(Work {
            products: products?.items,
            cycles: cycles?.items,
            certificates: certificates?.items,
            // The lists are the work; the reasons of returns are a bonus that may fail alone.
            alerts: alerts.unwrap_or_default(),
        })
    });
    let can_file = move || app.can(Action::CyclesOpen);
    view! {
        <div class="home-actions">
            <Show when=move || app.can(Action::ProductsCreate)>
                <a id="home-new-product" class="button" href=Route::ProductNew.href()>
                    {move || app.lang.get().home().new_product}
                </a>
            </Show>
            <Show when=can_file>
                <a id="home-start-dossier" class="button primary" href=Route::CycleNew.href()>
                    {move || app.lang.get().home().start_dossier}
                </a>
            </Show>
        </div>
        {remote(data, move |work| producer_work(app, work))}
    }
}

fn producer_work(app: AppState, work: Work) -> impl IntoView {
    let returned: Vec<CycleOut> = work
        .cycles
        .iter()
        .filter(|c| is_returned(c.state))
        .cloned()
        .collect();
    let reason = |c: &CycleOut| {
        work.alerts
            .iter()
            .find(|a| a.kind == AlertKind::DossierReturned && a.target_id == c.id.0)
            .and_then(|a| a.detail.clone())
            .filter(|d| !d.trim().is_empty())
    };
    let returned_view = (!returned.is_empty()).then(|| {
        let items = returned
            .iter()
            .map(|c| returned_item(app, c, reason(c)))
            .collect_view();
        view! {
            <section id="home-returned" class="card home-card returned">
                <h2>{move || app.lang.get().home().returned_title}</h2>
                <ul class="home-list">{items}</ul>
            </section>
        }
    });
    // What the other alerts say (certificates expiring, re-ratings due), if anything.
    let others: Vec<AlertOut> = work
        .alerts
        .iter()
        .filter(|a| a.kind != AlertKind::DossierReturned)
        .cloned()
        .collect();
    let others_view = (!others.is_empty()).then(|| {
        card(
            "home-alerts",
            |h| h.all_alerts,
            Some(Route::Alerts),
            alert_list(app, others),
        )
    });
    view! {
        {returned_view}
        <div class="home-grid">
            {card("home-dossiers", |h| h.my_dossiers, Some(Route::Cycles), dossier_list(app, work.cycles))}
            {card("home-products", |h| h.my_products, Some(Route::Products), product_list(app, work.products))}
            {card("home-certificates", |h| h.my_certificates, Some(Route::Certificates), certificate_list(app, work.certificates))}
            {others_view}
        </div>
    }
}

fn returned_item(app: AppState, c: &CycleOut, reason: Option<String>) -> impl IntoView + use<> {
    let href = Route::Cycle(c.id).href();
    let has_reason = reason.is_some();
    view! {
        <li class="home-item returned-item" data-id=c.id.to_string()>
            <div class="item-main">
                <a class="item-title" href=href.clone()>{format!("{} · {}", c.product_name, c.year)}</a>
                <p class="reason">
                    <strong>{move || app.lang.get().home().reason} ": "</strong>
                    <span class="reason-text prewrap">
                        {reason}
                        {(!has_reason).then_some(move || app.lang.get().home().no_reason)}
                    </span>
                </p>
                <div class="sub">{next_step_text(app, c)}</div>
            </div>
            <div class="item-side">
                <a class="button primary" href=href>{move || app.lang.get().home().open_dossier}</a>
            </div>
        </li>
    }
}

/// The next step, with the check's due date while the commune has the dossier.
fn next_step_text(app: AppState, c: &CycleOut) -> impl IntoView + use<> {
    let state = c.state;
    let missing = Missing {
        form_01: c.form_01.is_none(),
        form_02: c.self_assessment_total.is_none(),
        samples: c.samples == 0,
    };
    let due = match state {
        CycleState::DossierSubmitted | CycleState::DossierResubmitted => {
            c.check_due_on.map(|d| format::day(&d))
        }
        _ => None,
    };
    move || {
        let lang = app.lang.get();
        let step = lang.next_step(state, missing);
        match &due {
            Some(day) => format!("{step} ({})", (lang.home().check_by)(day)),
            None => step,
        }
    }
}

fn dossier_list(app: AppState, cycles: Vec<CycleOut>) -> impl IntoView {
    if cycles.is_empty() {
        return view! { <p class="muted empty">{move || app.lang.get().home().no_dossiers}</p> }
            .into_any();
    }
    let items = cycles
        .into_iter()
        .map(|c| {
            let href = Route::Cycle(c.id).href();
            let certificate = c.certificate_id.map(|id| {
                view! {
                    " · "
                    <a href=Route::Certificate(id).href()>{move || app.t().ev.certificates_title}</a>
                }
            });
            view! {
                <li class="home-item" class:attention=is_returned(c.state) data-id=c.id.to_string() data-state=c.state.as_str()>
                    <div class="item-main">
                        <a class="item-title" href=href>{format!("{} · {}", c.product_name, c.year)}</a>
                        <div class="next">
                            <span class="muted">{move || app.lang.get().home().next_step} ": "</span>
                            <span class="next-step">{next_step_text(app, &c)}</span>
                            {certificate}
                        </div>
                    </div>
                    <div class="item-side">{state_badge(app, c.state)}</div>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="home-list">{items}</ul> }.into_any()
}

fn product_list(app: AppState, products: Vec<ProductOut>) -> impl IntoView {
    if products.is_empty() {
        return view! { <p class="muted empty">{move || app.lang.get().home().no_products}</p> }
            .into_any();
    }
    let can_file = app.can(Action::CyclesOpen);
    let items = products
        .into_iter()
        .map(|p| {
            let start = format!("{}?product={}", Route::CycleNew.href(), p.id);
            let status = p.status;
            view! {
                <li class="home-item" data-id=p.id.to_string()>
                    <div class="item-main">
                        <a class="item-title" href=Route::Product(p.id).href()>{p.name}</a>
                        <div class="sub">
                            {format!("{} — {}", p.product_set.code, p.product_set.name)}
                            " · "
                            {move || app.lang.get().product_status(status)}
                        </div>
                    </div>
                    <div class="item-side">
                        {can_file.then(|| view! {
                            <a class="start-dossier" href=start>{move || app.lang.get().home().start_dossier}</a>
                        })}
                    </div>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="home-list">{items}</ul> }.into_any()
}

pub(super) fn certificate_list(app: AppState, certificates: Vec<CertificateOut>) -> impl IntoView {
    if certificates.is_empty() {
        return view! { <p class="muted empty">{move || app.lang.get().home().no_certificates}</p> }
            .into_any();
    }
    let items = certificates
        .into_iter()
        .map(|c| {
            let expires = format::day(&c.expires_on);
            view! {
                <li class="home-item" data-id=c.id.to_string()>
                    <div class="item-main">
                        <a class="item-title" href=Route::Certificate(c.id).href()>{c.product_name}</a>
                        <div class="sub">
                            <span class="glyphs">{stars_text(c.stars)}</span>
                            " · " {c.number} " · "
                            {move || (app.lang.get().home().expires)(&expires)}
                        </div>
                    </div>
                    <div class="item-side">{cert_badge(app, c.state)}</div>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="home-list">{items}</ul> }.into_any()
}
