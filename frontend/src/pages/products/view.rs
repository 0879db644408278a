//! One product, read-only: what is on record, its images, its dossiers and certificates (each a
//! link), "edit" for those who may change it and "start a dossier" for those who may open one;
//! its e-commerce listings come from `pages::trade`.

use leptos::prelude::*;
use ocop_core::ProductId;
use ocop_core::access::Action;
use ocop_evaluations::{CertificateOut, CertificateQuery, CycleOut, CycleQuery};
use ocop_products::ProductOut;

use super::images::ImageGallery;
use crate::api;
use crate::components::remote::{remote, stars_text};
use crate::format;
use crate::pages::certificates::cert_badge;
use crate::pages::cycles::state_badge;
use crate::pages::subjects::{fact, text_or_dash};
use crate::pages::trade::ProductListings;
use crate::route::Route;
use crate::state::{AppState, use_app};

/// A product has one cycle a year at most: a page holds them all.
const SHOWN: u64 = 100;

/// `#/cycles/new?product=<id>`: the new-dossier form with this product chosen.
pub fn start_dossier_href(id: ProductId) -> String {
    format!("{}?product={id}", Route::CycleNew.href())
}

#[component]
pub fn ProductView(id: ProductId) -> impl IntoView {
    let app = use_app();
    let product = LocalResource::new(move || api::product(id));
    let cycles = LocalResource::new(move || {
        let query = CycleQuery {
            product_id: Some(id),
            per_page: Some(SHOWN),
            ..Default::default()
        };
        async move { api::cycles(&query).await }
    });
    let certificates = LocalResource::new(move || {
        let query = CertificateQuery {
            product_id: Some(id),
            per_page: Some(SHOWN),
            ..Default::default()
        };
        async move { api::certificates(&query).await }
    });
    let images = RwSignal::new(Vec::new());
    Effect::new(move || {
        if let Some(Ok(p)) = product.get() {
            images.set(p.images);
        }
    });
    let title = move || {
        product
            .get()
            .and_then(Result::ok)
            .map(|p| p.name)
            .unwrap_or_default()
    };
    // Administrators hold every permission but make no legal act (as on the dossiers list).
    let can_open = move || app.can(Action::CyclesOpen) && !app.is_admin();
    view! {
        <section class="page record">
            <a class="back" href=Route::Products.href()>{move || app.lang.get().rec_to_products()}</a>
            <div class="page-head">
                <h1 id="record-title">{title}</h1>
                <div class="actions">
                    <Show when=can_open>
                        <a id="start-dossier" class="button primary" href=start_dossier_href(id)>
                            {move || app.lang.get().rec_start_dossier()}
                        </a>
                    </Show>
                    <Show when=move || app.can(Action::ProductsUpdate)>
                        <a id="edit-button" class="button" href=Route::ProductEdit(id).href()>
                            {move || app.lang.get().rec_edit()}
                        </a>
                    </Show>
                </div>
            </div>
            {remote(product, move |p| facts(app, p))}
            <section class="card">
                <h2>{move || app.lang.get().rec_dossiers()}</h2>
                {remote(cycles, move |page| cycle_list(app, page.items))}
            </section>
            <section class="card">
                <h2>{move || app.lang.get().rec_certificates()}</h2>
                {remote(certificates, move |page| certificate_list(app, page.items))}
            </section>
            <Show when=move || app.can(Action::PlansRead) || app.can(Action::TradeRecord)>
                <ProductListings product_id=id />
            </Show>
            <ImageGallery product_id=id images can_upload=Signal::derive(|| false) />
        </section>
    }
}

fn facts(app: AppState, p: ProductOut) -> impl IntoView {
    let status = p.status;
    let capacity = match (p.capacity_value, p.capacity_unit) {
        (Some(value), Some(unit)) => format!("{value} {unit}"),
        (Some(value), None) => value.to_string(),
        _ => "—".to_string(),
    };
    let price = Some(format::price_range(p.price_min, p.price_max));
    view! {
        <dl class="card record-facts" id="product-facts">
            {fact(app, "subject", |t| t.subject, view! {
                <a id="subject-link" href=Route::Subject(p.subject_id).href()>{p.subject_name}</a>
            })}
            {fact(app, "product_set", |t| t.product_set, format!("{} — {}", p.product_set.code, p.product_set.name))}
            {fact(app, "origin_unit", |t| t.origin_unit, p.origin_unit_name)}
            {fact(app, "price", |t| t.price, text_or_dash(price))}
            {fact(app, "capacity", |t| t.capacity_value, capacity)}
            {fact(app, "packaging", |t| t.packaging, text_or_dash(Some(p.packaging)))}
            {fact(app, "gtin", |t| t.gtin, text_or_dash(p.gtin))}
            {fact(app, "status", |t| t.status, view! {
                <span class=format!("badge {}", status.as_str())>{move || app.lang.get().product_status(status)}</span>
            })}
            {fact(app, "updated", |t| t.updated, format::date(&p.updated_at))}
            <div class="fact wide">
                <dt>{move || app.t().description}</dt>
                <dd id="fact-description" class="prose">{text_or_dash(Some(p.description))}</dd>
            </div>
            <div class="fact wide">
                <dt>{move || app.t().ingredients}</dt>
                <dd id="fact-ingredients" class="prose">{text_or_dash(Some(p.ingredients))}</dd>
            </div>
        </dl>
    }
}

fn cycle_list(app: AppState, cycles: Vec<CycleOut>) -> impl IntoView {
    if cycles.is_empty() {
        return view! { <p class="muted" id="product-cycles">{move || app.lang.get().rec_no_dossiers()}</p> }
            .into_any();
    }
    let items = cycles
        .into_iter()
        .map(|c| {
            let kind = c.dossier_type;
            view! {
                <li data-id=c.id.to_string()>
                    <a href=Route::Cycle(c.id).href()>
                        {c.year}" · "{move || app.lang.get().dossier_type(kind)}
                    </a>
                    " "
                    {state_badge(app, c.state)}
                    <span class="sub">{format!(" · {}", format::date(&c.updated_at))}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="links" id="product-cycles">{items}</ul> }.into_any()
}

fn certificate_list(app: AppState, certificates: Vec<CertificateOut>) -> impl IntoView {
    if certificates.is_empty() {
        return view! { <p class="muted" id="product-certificates">{move || app.lang.get().rec_no_certificates()}</p> }
            .into_any();
    }
    let items = certificates
        .into_iter()
        .map(|c| {
            let stars = u8::from(c.stars);
            view! {
                <li data-id=c.id.to_string()>
                    <a href=Route::Certificate(c.id).href()>{c.number}</a>
                    " "
                    <span class="glyphs" role="img" aria-label=move || app.lang.get().rec_stars(stars)>
                        {stars_text(stars)}
                    </span>
                    " "
                    {cert_badge(app, c.state)}
                    <span class="sub">
                        {format!(" · {} – {}", format::day(&c.issued_on), format::day(&c.expires_on))}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="links" id="product-certificates">{items}</ul> }.into_any()
}
