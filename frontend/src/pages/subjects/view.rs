//! One subject, read-only: what is on record, its products (each a link), and "edit" for those
//! who may change it.

use leptos::prelude::*;
use ocop_core::SubjectId;
use ocop_core::access::Action;
use ocop_products::{ProductOut, ProductQuery, ProductSort};
use ocop_subjects::SubjectOut;

use crate::api;
use crate::components::remote::remote;
use crate::format;
use crate::i18n::Dict;
use crate::route::Route;
use crate::state::{AppState, use_app};

/// A subject has a handful of products; more than this is not a page's worth.
const PRODUCTS_SHOWN: u64 = 100;

/// One fact of a record: a `<dt>` in the current language and its `<dd>`; an empty value shows
/// a dash rather than nothing.
pub fn fact(
    app: AppState,
    id: &'static str,
    label: fn(&'static Dict) -> &'static str,
    value: impl IntoView + 'static,
) -> impl IntoView {
    view! {
        <div class="fact">
            <dt>{move || label(app.t())}</dt>
            <dd id=format!("fact-{id}")>{value}</dd>
        </div>
    }
}

/// Text that may be empty.
pub fn text_or_dash(text: Option<String>) -> String {
    text.filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| "—".to_string())
}

#[component]
pub fn SubjectView(id: SubjectId) -> impl IntoView {
    let app = use_app();
    let subject = LocalResource::new(move || api::subject(id));
    let products = LocalResource::new(move || {
        let query = ProductQuery {
            subject_id: Some(id.0),
            sort: Some(ProductSort::NameAsc),
            per_page: Some(PRODUCTS_SHOWN),
            ..Default::default()
        };
        async move { api::products(&query).await }
    });
    let title = move || {
        subject
            .get()
            .and_then(Result::ok)
            .map(|s| s.name)
            .unwrap_or_default()
    };
    view! {
        <section class="page record">
            <a class="back" href=Route::Subjects.href()>{move || app.lang.get().rec_to_subjects()}</a>
            <div class="page-head">
                <h1 id="record-title">{title}</h1>
                <div class="actions">
                    <Show when=move || app.can(Action::SubjectsUpdate)>
                        <a id="edit-button" class="button primary" href=Route::SubjectEdit(id).href()>
                            {move || app.lang.get().rec_edit()}
                        </a>
                    </Show>
                </div>
            </div>
            {remote(subject, move |s| facts(app, s))}
            <section class="card">
                <div class="section-head">
                    <h2>{move || app.lang.get().rec_products()}</h2>
                    <Show when=move || app.can(Action::ProductsCreate)>
                        <a id="new-product" class="button" href=Route::ProductNew.href()>
                            {move || app.lang.get().rec_new_product()}
                        </a>
                    </Show>
                </div>
                {remote(products, move |page| product_list(app, page.items))}
            </section>
        </section>
    }
}

fn facts(app: AppState, s: SubjectOut) -> impl IntoView {
    let (kind, status, women_led) = (s.kind, s.status, s.women_led);
    let members = kind.has_members().then(|| {
        fact(
            app,
            "member_count",
            |t| t.member_count,
            s.member_count
                .map_or_else(|| "—".to_string(), |n| n.to_string()),
        )
    });
    view! {
        <dl class="card record-facts" id="subject-facts">
            {fact(app, "kind", |t| t.kind, move || app.lang.get().kind(kind))}
            {fact(app, "registration_code", |t| t.registration_code, text_or_dash(s.registration_code))}
            {fact(app, "legal_representative", |t| t.legal_representative, s.legal_representative)}
            {fact(app, "unit", |t| t.unit, s.unit_name)}
            {fact(app, "address", |t| t.address, text_or_dash(Some(s.address)))}
            {fact(app, "phone", |t| t.phone, text_or_dash(s.phone))}
            {fact(app, "email", |t| t.email, text_or_dash(s.email))}
            {fact(app, "founded_on", |t| t.founded_on, s.founded_on.map_or_else(|| "—".to_string(), |d| format::day(&d)))}
            {members}
            {fact(app, "women_led", |t| t.women_led, move || {
                let lang = app.lang.get();
                if women_led { lang.rec_yes() } else { lang.rec_no() }
            })}
            {fact(app, "status", |t| t.status, view! {
                <span class=format!("badge {}", status.as_str())>{move || app.lang.get().subject_status(status)}</span>
            })}
            {fact(app, "updated", |t| t.updated, format::date(&s.updated_at))}
        </dl>
    }
}

fn product_list(app: AppState, products: Vec<ProductOut>) -> impl IntoView {
    if products.is_empty() {
        return view! { <p class="muted" id="subject-products">{move || app.lang.get().rec_no_products()}</p> }
            .into_any();
    }
    let items = products
        .into_iter()
        .map(|p| {
            let status = p.status;
            view! {
                <li>
                    <a href=Route::Product(p.id).href()>{p.name}</a>
                    <span class="sub">{format!(" · {} — {}", p.product_set.code, p.product_set.name)}</span>
                    " "
                    <span class=format!("badge {}", status.as_str())>{move || app.lang.get().product_status(status)}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="links" id="subject-products">{items}</ul> }.into_any()
}
