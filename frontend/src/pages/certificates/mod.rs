//! Certificates: the searched, sorted, filtered list (its filters in the address), the
//! certificate (`view`) and its print (`print`).

mod print;
mod view;

pub use print::CertificatePrint;
pub use view::CertificateView;

use leptos::prelude::*;
use ocop_evaluations::{CertificateOut, CertificateQuery, CertificateState};

use crate::api::{self, ListSearch};
use crate::components::filters::{FilterSelect, SearchInput, UrlParam, keep_in_url};
use crate::components::list_table::{Column, sorted_list_table};
use crate::components::remote::stars_text;
use crate::format::{self, from_wire, wire};
use crate::route::Route;
use crate::state::{AppState, use_app};

const PER_PAGE: u64 = 20;

pub const STATES: [CertificateState; 8] = [
    CertificateState::Valid,
    CertificateState::ReRatingDue,
    CertificateState::Expiring,
    CertificateState::Extended,
    CertificateState::Expired,
    CertificateState::Revoked,
    CertificateState::Superseded,
    CertificateState::NotYetIssued,
];

pub fn cert_badge(app: AppState, state: CertificateState) -> impl IntoView {
    let valid = state.is_valid();
    view! {
        <span class=format!("badge cert {}", wire(&state)) class:active=valid class:suspended=!valid data-state=wire(&state)>
            {move || app.lang.get().certificate_state(state)}
        </span>
    }
}

#[component]
pub fn CertificateList() -> impl IntoView {
    let app = use_app();
    let q = RwSignal::new(String::new());
    let state = RwSignal::new(String::new());
    let stars = RwSignal::new(String::new());
    let sort = RwSignal::new(String::new());
    let page = RwSignal::new(1_u64);
    keep_in_url(
        Route::Certificates,
        vec![
            UrlParam::new("q", q),
            UrlParam::new("state", state),
            UrlParam::new("stars", stars),
            UrlParam::new("sort", sort),
        ],
        page,
    );
    Effect::watch(
        move || (q.get(), state.get(), stars.get(), sort.get()),
        move |_, _, _| {
            if page.get_untracked() != 1 {
                page.set(1);
            }
        },
        false,
    );
    let data = LocalResource::new(move || {
        let query = CertificateQuery {
            state: from_wire(&state.get()),
            stars: stars.get().parse().ok(),
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
            ..Default::default()
        };
        let search = ListSearch {
            q: q.get(),
            sort: sort.get(),
        };
        async move { api::find_certificates(&query, &search).await }
    });
    let state_options = Signal::derive(move || {
        let lang = app.lang.get();
        let mut options = vec![(String::new(), lang.dict().all_statuses.to_string())];
        options.extend(STATES.map(|s| (wire(&s), lang.certificate_state(s).to_string())));
        options
    });
    let star_options = Signal::derive(move || {
        let mut options = vec![(String::new(), app.t().ev.all_stars.to_string())];
        options.extend((3..=5_u8).map(|s| (s.to_string(), stars_text(s))));
        options
    });
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{move || app.t().ev.certificates_title}</h1>
            </div>
            <div class="filters">
                <SearchInput value=q />
                <FilterSelect id="filter-state" label=|l| l.rec_filter_status() value=state options=state_options />
                <FilterSelect id="filter-stars" label=|l| l.rec_filter_stars() value=stars options=star_options />
            </div>
            {sorted_list_table(data, &COLUMNS, Some(page), Some(sort), certificate_row)}
        </section>
    }
}

const COLUMNS: [Column; 6] = [
    Column::text(|t| t.ev.certificate_number),
    Column::text(|t| t.product_name).sorts("product_name"),
    Column::num(|t| t.ev.stars).sorts("stars"),
    Column::num(|t| t.ev.issued_on).sorts("issued_on"),
    Column::num(|t| t.ev.expires_on).sorts("expires_on"),
    Column::text(|t| t.status),
];

fn certificate_row(app: AppState, c: CertificateOut) -> impl IntoView {
    let route = Route::Certificate(c.id);
    let href = route.href();
    let stars = u8::from(c.stars);
    view! {
        <tr class="clickable" data-id=c.id.to_string() on:click=move |_| app.go(route.clone())>
            <td><a href=href>{c.number}</a></td>
            <td>
                {c.product_name}
                <div class="sub">{c.subject_name}</div>
            </td>
            <td class="num">
                <span class="glyphs" role="img" aria-label=move || app.lang.get().rec_stars(stars)>{stars_text(stars)}</span>
            </td>
            <td class="num">{format::day(&c.issued_on)}</td>
            <td class="num">{format::day(&c.expires_on)}</td>
            <td>{cert_badge(app, c.state)}</td>
        </tr>
    }
}
