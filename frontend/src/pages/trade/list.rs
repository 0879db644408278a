//! `#/points-of-sale`: the points of sale filtered by commune, kind and a day they were open on
//! (the filters kept in the address), drawn on a map and listed in a table. One request serves
//! both, so the map shows the very points the table lists.

use leptos::prelude::*;
use ocop_core::Page;
use ocop_core::access::Action;
use ocop_plans::{PointOfSaleKind, PointOfSaleOut, PointOfSaleQuery};

use super::map::{PointsMap, colour};
use super::{kind_badge, kind_options, open_badge, tr};
use crate::api;
use crate::components::filters::{CommunePicker, FilterSelect, UrlParam, keep_in_url};
use crate::components::pager::{Pager, Position};
use crate::format::{self, from_wire};
use crate::route::Route;
use crate::state::{AppState, use_app};

/// A province has a few dozen points: one page (the server's largest) holds them all for the
/// map; beyond that the map shows the page listed.
const PER_PAGE: u64 = 100;

#[component]
pub fn PointOfSaleList() -> impl IntoView {
    let app = use_app();
    let unit = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let open_on = RwSignal::new(String::new());
    let page = RwSignal::new(1_u64);
    keep_in_url(
        Route::PointsOfSale,
        vec![
            UrlParam::new("unit", unit),
            UrlParam::new("kind", kind),
            UrlParam::new("open_on", open_on),
        ],
        page,
    );
    Effect::watch(
        move || (unit.get(), kind.get(), open_on.get()),
        move |_, _, _| {
            if page.get_untracked() != 1 {
                page.set(1);
            }
        },
        false,
    );
    let data = LocalResource::new(move || {
        let query = PointOfSaleQuery {
            unit_id: unit.get().parse::<i32>().ok().map(ocop_core::UnitId),
            kind: from_wire(&kind.get()),
            open_on: format::optional_date(&open_on.get()).ok().flatten(),
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
        };
        async move { api::points_of_sale(&query).await }
    });
    let kinds = Signal::derive(move || {
        let lang = app.lang.get();
        kind_options(lang, lang.trade().all_kinds)
    });

    view! {
        <section class="page trade">
            <div class="page-head">
                <h1>{move || tr(app).title}</h1>
                <Show when=move || app.can(Action::PlansManage)>
                    <a id="new-button" class="button primary" href=Route::PointOfSaleNew.href()>
                        {move || tr(app).new_point}
                    </a>
                </Show>
            </div>
            <div class="filters">
                <CommunePicker value=unit />
                <FilterSelect id="filter-kind" label=|l| l.trade().filter_kind value=kind options=kinds />
                <label class="filter-day">
                    <span>{move || tr(app).open_on}</span>
                    <input
                        id="filter-open_on"
                        type="date"
                        title=move || tr(app).open_on_hint
                        prop:value=move || open_on.get()
                        on:change=move |ev| open_on.set(event_target_value(&ev))
                    />
                </label>
            </div>
            {move || match data.get() {
                None => view! { <p class="muted">{app.t().loading}</p> }.into_any(),
                Some(Err(error)) => {
                    view! { <p id="load-error" class="form-error">{app.describe(&error)}</p> }.into_any()
                }
                Some(Ok(list)) => points(app, list, page).into_any(),
            }}
        </section>
    }
}

fn points(app: AppState, list: Page<PointOfSaleOut>, page: RwSignal<u64>) -> impl IntoView {
    let at = Position::from(&list);
    let off_map: Vec<PointOfSaleOut> = list
        .items
        .iter()
        .filter(|p| p.latitude.is_none() || p.longitude.is_none())
        .cloned()
        .collect();
    view! {
        <div class="pos-layout">
            <section class="card pos-map-card">
                <h2>{move || tr(app).map_title}</h2>
                <PointsMap points=list.items.clone() />
                {legend(app)}
                {off_map_list(app, off_map)}
            </section>
            {table(app, list.items)}
        </div>
        <Pager page at />
    }
}

fn legend(app: AppState) -> impl IntoView {
    let items = PointOfSaleKind::ALL
        .iter()
        .map(|kind| {
            let kind = *kind;
            view! {
                <li>
                    <svg class="swatch" viewBox="0 0 10 10" width="12" height="12" aria-hidden="true">
                        <circle cx="5" cy="5" r="5" fill=colour(kind) />
                    </svg>
                    " "
                    {move || app.lang.get().pos_kind(kind)}
                </li>
            }
        })
        .collect_view();
    view! {
        <ul id="pos-legend" class="pos-legend" aria-label=move || tr(app).legend>{items}</ul>
    }
}

fn off_map_list(app: AppState, points: Vec<PointOfSaleOut>) -> impl IntoView {
    if points.is_empty() {
        return ().into_any();
    }
    let count = points.len();
    let items = points
        .into_iter()
        .map(|p| {
            view! {
                <li data-id=p.id.to_string()>
                    <a href=Route::PointOfSale(p.id).href()>{p.name}</a>
                    <span class="sub">{format!(" · {}", p.unit_name)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div id="pos-off-map" class="pos-off-map">
            <h3>{move || tr(app).not_on_map}</h3>
            <p class="muted">{move || app.lang.get().trade_off_map(count)}</p>
            <ul class="links">{items}</ul>
        </div>
    }
    .into_any()
}

fn table(app: AppState, items: Vec<PointOfSaleOut>) -> impl IntoView {
    let empty = items.is_empty();
    let heading = move |label: fn(&'static crate::i18n::trade::Trade) -> &'static str,
                        num: bool| {
        view! { <th scope="col" class=num.then_some("num")>{move || label(tr(app))}</th> }
    };
    view! {
        <div class="table-scroll">
            <table id="list-table" class="list pos-list">
                <thead>
                    <tr>
                        {heading(|t| t.name, false)}
                        {heading(|t| t.kind, false)}
                        {heading(|t| t.commune, false)}
                        {heading(|t| t.address, false)}
                        {heading(|t| t.open_state, false)}
                        {heading(|t| t.products_count, true)}
                    </tr>
                </thead>
                <tbody>
                    {empty.then(|| view! { <tr><td colspan="6" class="muted">{move || app.t().no_results}</td></tr> })}
                    {items.into_iter().map(|p| row(app, p)).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn row(app: AppState, p: PointOfSaleOut) -> impl IntoView {
    let route = Route::PointOfSale(p.id);
    let href = route.href();
    view! {
        <tr class="clickable" data-id=p.id.to_string() on:click=move |_| app.go(route.clone())>
            <td><a href=href>{p.name}</a></td>
            <td>{kind_badge(app, p.kind)}</td>
            <td>{p.unit_name}</td>
            <td>{p.address}</td>
            <td>
                {open_badge(app, p.closed_on)}
                <div class="sub">{move || tr(app).opened_on}{format!(" {}", format::day(&p.opened_on))}</div>
            </td>
            <td class="num">{p.product_count}</td>
        </tr>
    }
}
