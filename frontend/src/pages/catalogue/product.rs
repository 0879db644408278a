//! One catalogue entry as a shopper reads it: the photos, the stars, the producer, where the
//! product comes from (the commune and province today and before 2025), its price range, where
//! to buy it (e-commerce listings and points of sale), and its certificate (number, dates,
//! status) with a link to the server-rendered verification page, the one its QR code opens.

use leptos::prelude::*;
use ocop_catalogue::{CatalogueItem, FormerUnit, ItemCertificate, ItemListing, ItemPointOfSale};
use ocop_core::{Dong, ProductId};
use ocop_plans::PointOfSaleKind;
use ocop_subjects::SubjectKind;

use super::on_this_origin;
use crate::api::{self, ApiError};
use crate::components::remote::stars_text;
use crate::format::{self, from_wire};
use crate::i18n::catalogue::Catalogue;
use crate::route::Route;
use crate::state::{AppState, use_app};

#[component]
pub fn CatalogueProduct(id: ProductId) -> impl IntoView {
    let app = use_app();
    let data = LocalResource::new(move || api::catalogue_item(id));
    let c = move || app.lang.get().catalogue();
    view! {
        <section class="page catalogue-product">
            <a class="back" id="catalogue-back" href=Route::Catalogue.href()>{move || c().to_list}</a>
            {move || match data.get() {
                None => view! { <p class="muted" aria-busy="true">{app.t().loading}</p> }.into_any(),
                // Out of force or never certified: the same answer, and no hint which.
                Some(Err(ApiError::Problem(p))) if p.status == 404 => view! {
                    <p id="load-error" class="form-error">{move || c().not_listed}</p>
                }
                .into_any(),
                Some(Err(error)) => {
                    view! { <p id="load-error" class="form-error">{app.describe(&error)}</p> }
                        .into_any()
                }
                Some(Ok(item)) => entry(app, item).into_any(),
            }}
        </section>
    }
}

fn entry(app: AppState, item: CatalogueItem) -> impl IntoView {
    let c = move || app.lang.get().catalogue();
    let stars = item.certificate.stars;
    let kind = item.subject.kind.clone();
    let kind = move || match from_wire::<SubjectKind>(&kind) {
        Some(known) => app.lang.get().kind(known).to_string(),
        None => kind.clone(),
    };
    let price = format::price_range(item.price.min.map(Dong), item.price.max.map(Dong));
    let price = move || {
        if price.is_empty() {
            c().price_unknown.to_string()
        } else {
            price.clone()
        }
    };
    let gtin = item.gtin.map(|gtin| {
        view! {
            <dt>{move || c().gtin}</dt>
            <dd id="catalogue-gtin" class="code">{gtin}</dd>
        }
    });
    let description = (!item.description.trim().is_empty()).then(|| {
        view! { <p class="prewrap catalogue-description">{item.description.clone()}</p> }
    });
    view! {
        <div class="page-head">
            <h1 id="catalogue-title">{item.name.clone()}</h1>
            {in_force_badge(app)}
        </div>
        <p
            id="catalogue-stars"
            class="cert-stars"
            data-stars=stars.to_string()
            aria-label=move || app.lang.get().stars_words(stars)
        >
            {stars_text(stars)}
        </p>
        {photos(app, item.name.clone(), item.images)}
        <div class="card catalogue-facts">
            {description}
            <dl class="facts">
                <dt>{move || app.t().product_set}</dt>
                <dd id="catalogue-product-set">{item.product_set.name}</dd>
                <dt>{move || c().sector}</dt>
                <dd>{item.sector.name}</dd>
                <dt>{move || c().producer}</dt>
                <dd id="catalogue-producer">{item.subject.name}<span class="sub">" · "{kind}</span></dd>
                <dt>{move || c().commune}</dt>
                <dd id="catalogue-commune">{item.origin.commune.name}</dd>
                <dt>{move || c().province}</dt>
                <dd id="catalogue-province">{item.origin.province.name}</dd>
                {former(c, item.origin.former)}
                <dt>{move || c().price}</dt>
                <dd id="catalogue-price">{price}</dd>
                {gtin}
            </dl>
        </div>
        {certificate(app, item.certificate)}
        {listings(c, item.listings)}
        {points_of_sale(app, item.points_of_sale)}
    }
}

fn photos(app: AppState, name: String, images: Vec<String>) -> impl IntoView {
    let c = move || app.lang.get().catalogue();
    let shown = (!images.is_empty()).then(|| {
        images
            .into_iter()
            .enumerate()
            .map(|(i, src)| {
                let name = name.clone();
                view! {
                    <figure class="catalogue-photo">
                        <img src=on_this_origin(&src) alt=move || app.lang.get().photo_of(&name, i + 1) loading="lazy" />
                    </figure>
                }
            })
            .collect_view()
    });
    view! {
        <div id="catalogue-photos" class="catalogue-photos" aria-label=move || c().photos>
            {match shown {
                Some(views) => views.into_any(),
                None => view! { <p class="muted no-photo">{move || c().no_photo}</p> }.into_any(),
            }}
        </div>
    }
}

/// The pre-2025 units the origin commune took over, one line each.
fn former(
    c: impl Fn() -> &'static Catalogue + Copy + Send + Sync + 'static,
    former: Vec<FormerUnit>,
) -> impl IntoView {
    (!former.is_empty()).then(|| {
        let lines = former
            .into_iter()
            .map(|unit| {
                let mut parts = vec![unit.commune.name];
                parts.extend(unit.district.map(|d| d.name));
                parts.push(unit.province.name);
                view! { <li>{parts.join(", ")}</li> }
            })
            .collect_view();
        view! {
            <dt>{move || c().formerly}</dt>
            <dd id="catalogue-former"><ul class="plain">{lines}</ul></dd>
        }
    })
}

fn certificate(app: AppState, cert: ItemCertificate) -> impl IntoView {
    let c = move || app.lang.get().catalogue();
    // The server-rendered page, not an SPA route: the one the QR code opens.
    let verify = format!(
        "/verify/{}",
        String::from(js_sys::encode_uri_component(&cert.verification_code))
    );
    view! {
        <div id="catalogue-certificate" class="card">
            <h2>{move || c().certificate}</h2>
            <dl class="facts">
                <dt>{move || app.t().ev.certificate_number}</dt>
                <dd id="catalogue-cert-number">{cert.number}</dd>
                <dt>{move || app.t().ev.issuing_body}</dt>
                <dd>{cert.issuing_body}</dd>
                <dt>{move || app.t().ev.issued_on}</dt>
                <dd id="catalogue-issued">{format::day(&cert.issued_on)}</dd>
                <dt>{move || app.t().ev.expires_on}</dt>
                <dd id="catalogue-expires">{format::day(&cert.expires_on)}</dd>
                <dt>{move || c().valid_through}</dt>
                <dd id="catalogue-valid-through" data-day=cert.valid_through.to_string()>
                    {format::day(&cert.valid_through)}
                </dd>
                <dt>{move || app.t().ev.verify_code}</dt>
                <dd class="code">{cert.verification_code}</dd>
            </dl>
            <p><a id="catalogue-verify" class="button" href=verify>{move || c().verify_link}</a></p>
        </div>
    }
}

fn listings(
    c: impl Fn() -> &'static Catalogue + Copy + Send + Sync + 'static,
    listings: Vec<ItemListing>,
) -> impl IntoView {
    let rows = (!listings.is_empty()).then(|| {
        listings
            .into_iter()
            .map(|l| {
                let href = l.url.clone();
                let until = l.until.map(|d| format!(" – {}", format::day(&d)));
                view! {
                    <li>
                        <strong>{l.platform}</strong>": "
                        <a class="listing-link" href=href target="_blank" rel="noopener noreferrer">{l.url}</a>
                        <span class="sub">" ("{format::day(&l.since)}{until}")"</span>
                    </li>
                }
            })
            .collect_view()
    });
    view! {
        <div id="catalogue-listings" class="card">
            <h2>{move || c().buy_online}</h2>
            {match rows {
                Some(rows) => view! { <ul class="catalogue-lines">{rows}</ul> }.into_any(),
                None => view! { <p class="muted">{move || c().no_listings}</p> }.into_any(),
            }}
        </div>
    }
}

fn points_of_sale(app: AppState, points: Vec<ItemPointOfSale>) -> impl IntoView {
    let c = move || app.lang.get().catalogue();
    let rows = (!points.is_empty()).then(|| {
        points
            .into_iter()
            .map(|p| {
                let kind = p.kind.clone();
                let kind = move || match from_wire::<PointOfSaleKind>(&kind) {
                    Some(known) => app.lang.get().pos_kind(known).to_string(),
                    None => kind.clone(),
                };
                let place: Vec<String> = p
                    .address
                    .into_iter()
                    .chain(p.commune.map(|u| u.name))
                    .filter(|s| !s.trim().is_empty())
                    .collect();
                view! {
                    <li>
                        <strong>{p.name}</strong>
                        <span class="sub">" · "{kind}</span>
                        <div class="sub">{place.join(", ")}</div>
                    </li>
                }
            })
            .collect_view()
    });
    view! {
        <div id="catalogue-points-of-sale" class="card">
            <h2>{move || c().points_of_sale}</h2>
            {match rows {
                Some(rows) => view! { <ul class="catalogue-lines">{rows}</ul> }.into_any(),
                None => view! { <p class="muted">{move || c().no_points_of_sale}</p> }.into_any(),
            }}
        </div>
    }
}

/// Every entry of the catalogue is in force: the day-dependent state (expiring, extended) is on
/// the verification page, which the button opens.
fn in_force_badge(app: AppState) -> impl IntoView {
    let c = move || app.lang.get().catalogue();
    view! { <span class="badge cert valid active" data-state="in_force">{move || c().in_force}</span> }
}
