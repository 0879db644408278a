//! The province's home: the pipeline by state, the decisions due, the certificates expiring or
//! due for re-rating. A district officer of the former districts reads the same. The viewer's
//! home (the public lists' summaries) sits here too, being the province's lists without alerts.

use leptos::prelude::*;
use ocop_core::access::Action;
use ocop_evaluations::{AlertKind, AlertOut, CertificateQuery};
use ocop_products::{ProductOut, ProductQuery};

use super::producer::certificate_list;
use super::{alert_list, card, of_kinds, pipeline_card};
use crate::api::{self, ApiError};
use crate::components::remote::remote;
use crate::route::Route;
use crate::state::use_app;

const DECISIONS: [AlertKind; 3] = [
    AlertKind::ResultAwaitingDecision,
    AlertKind::RoundDeadlineNear,
    AlertKind::DossierAwaitingCouncil,
];
const CERTIFICATES: [AlertKind; 3] = [
    AlertKind::CertificateExpiring,
    AlertKind::ReRatingDue,
    AlertKind::CertificateExpired,
];
/// How many of the newest records a summary shows.
const NEWEST: u64 = 5;

#[component]
pub fn ProvinceHome() -> impl IntoView {
    let app = use_app();
    let alerts = LocalResource::new(api::alerts);
    let has_alerts = app.can(Action::AlertsRead);
    view! {
        <div class="home-grid">
            {pipeline_card()}
            {has_alerts.then(|| view! {
                {card("home-decisions", |h| h.decisions_due, Some(Route::Alerts),
                    remote(alerts, move |list| alert_list(app, of_kinds(&list, &DECISIONS))))}
                {card("home-expiring", |h| h.certificates_attention, Some(Route::Certificates),
                    remote(alerts, move |list| alert_list(app, of_kinds(&list, &CERTIFICATES))))}
                {card("home-alerts", |h| h.all_alerts, Some(Route::Alerts),
                    remote(alerts, move |list| alert_list(app, rest(list))))}
            })}
        </div>
    }
}

/// The alerts neither card above shows (checks overdue at the communes, returns).
fn rest(alerts: Vec<AlertOut>) -> Vec<AlertOut> {
    alerts
        .into_iter()
        .filter(|a| !DECISIONS.contains(&a.kind) && !CERTIFICATES.contains(&a.kind))
        .collect()
}

#[derive(Clone)]
struct Summary {
    certificates: ocop_core::Page<ocop_evaluations::CertificateOut>,
    products: ocop_core::Page<ProductOut>,
}

#[component]
pub fn ViewerHome() -> impl IntoView {
    let app = use_app();
    let data = LocalResource::new(|| async {
        let certificates = CertificateQuery {
            per_page: Some(NEWEST),
            ..Default::default()
        };
        let products = ProductQuery {
            per_page: Some(NEWEST),
            ..Default::default()
        };
        let (certificates, products) =
            futures::join!(api::certificates(&certificates), api::products(&products));
        Ok::<_, ApiError>(Summary {
            certificates: certificates?,
            products: products?,
        })
    });
    view! {
        {remote(data, move |s| {
            let certificates_total = s.certificates.total;
            let products_total = s.products.total;
            view! {
                <div class="home-grid">
                    {card("home-certificates", |h| h.certificates, Some(Route::Certificates), view! {
                        <p class="summary-count">{move || (app.lang.get().home().count_certificates)(certificates_total)}</p>
                        {certificate_list(app, s.certificates.items)}
                    })}
                    {card("home-products", |h| h.products, Some(Route::Products), view! {
                        <p class="summary-count">{move || (app.lang.get().home().count_products)(products_total)}</p>
                        {product_summary(s.products.items)}
                    })}
                </div>
            }
        })}
    }
}

fn product_summary(products: Vec<ProductOut>) -> impl IntoView {
    let items = products
        .into_iter()
        .map(|p| {
            view! {
                <li class="home-item" data-id=p.id.to_string()>
                    <div class="item-main">
                        <a class="item-title" href=Route::Product(p.id).href()>{p.name}</a>
                        <div class="sub">{format!("{} · {}", p.subject_name, p.product_set.name)}</div>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="home-list">{items}</ul> }
}
