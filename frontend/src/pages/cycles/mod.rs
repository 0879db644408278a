//! Cycles (a product's OCOP year and its dossier): the filtered list, the form that opens one
//! (`new`) and the dossier wizard (`detail`).

mod detail;
mod dossier;
mod files;
mod moves;
mod new;

pub use detail::CycleDetail;
pub use new::CycleNew;

use leptos::prelude::*;
use ocop_core::access::Action;
use ocop_evaluations::{CycleOut, CycleQuery, CycleState};

use crate::api::{self, ListSearch};
use crate::components::filters::{FilterSelect, SearchInput, UrlParam, keep_in_url};
use crate::components::list_table::{Column, sorted_list_table};
use crate::format::{self, from_wire};
use crate::route::Route;
use crate::state::{AppState, use_app};

const PER_PAGE: u64 = 20;

/// The cycles list's filters, kept for the whole signed-in session (and in the address).
#[derive(Clone, Copy)]
pub struct CycleFilters {
    pub q: RwSignal<String>,
    pub state: RwSignal<String>,
    pub year: RwSignal<String>,
    /// The API's `sort`; empty for its own order (latest change first).
    pub sort: RwSignal<String>,
    pub page: RwSignal<u64>,
}

impl CycleFilters {
    pub fn new() -> Self {
        Self {
            q: RwSignal::new(String::new()),
            state: RwSignal::new(String::new()),
            year: RwSignal::new(String::new()),
            sort: RwSignal::new(String::new()),
            page: RwSignal::new(1),
        }
    }

    fn query(&self) -> (CycleQuery, ListSearch) {
        let query = CycleQuery {
            state: from_wire(&self.state.get()),
            year: self.year.get().parse().ok(),
            page: Some(self.page.get()),
            per_page: Some(PER_PAGE),
            ..Default::default()
        };
        let search = ListSearch {
            q: self.q.get(),
            sort: self.sort.get(),
        };
        (query, search)
    }
}

/// This year in Vietnam's calendar as the browser knows it.
pub fn this_year() -> i32 {
    #[allow(clippy::cast_possible_truncation)]
    let year = js_sys::Date::new_0().get_full_year() as i32;
    year
}

/// `(value, label)` of recent years, newest first, after an "all" entry.
pub fn year_options(all: &str) -> Vec<(String, String)> {
    let now = this_year();
    let mut options = vec![(String::new(), all.to_string())];
    options.extend(
        ((now - 4)..=(now + 1))
            .rev()
            .map(|y| (y.to_string(), y.to_string())),
    );
    options
}

pub fn state_badge(app: AppState, state: CycleState) -> impl IntoView {
    view! {
        <span class=format!("badge state {}", state.as_str()) data-state=state.as_str()>
            {move || app.lang.get().cycle_state(state)}
        </span>
    }
}

#[component]
pub fn CycleList() -> impl IntoView {
    let app = use_app();
    let f = expect_context::<CycleFilters>();
    keep_in_url(
        Route::Cycles,
        vec![
            UrlParam::new("q", f.q),
            UrlParam::new("state", f.state),
            UrlParam::new("year", f.year),
            UrlParam::new("sort", f.sort),
        ],
        f.page,
    );
    Effect::watch(
        move || (f.q.get(), f.state.get(), f.year.get(), f.sort.get()),
        move |_, _, _| {
            if f.page.get_untracked() != 1 {
                f.page.set(1);
            }
        },
        false,
    );
    let data = LocalResource::new(move || {
        let (query, search) = f.query();
        async move { api::find_cycles(&query, &search).await }
    });
    let state_options = Signal::derive(move || {
        let lang = app.lang.get();
        let mut options = vec![(String::new(), lang.dict().all_statuses.to_string())];
        options.extend(
            CycleState::ALL.map(|s| (s.as_str().to_string(), lang.cycle_state(s).to_string())),
        );
        options
    });
    let year_opts = Signal::derive(move || year_options(app.t().ev.all_years));
    // Administrators hold every permission but make no legal act.
    let can_open = move || app.can(Action::CyclesOpen) && !app.is_admin();
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{move || app.t().ev.cycles_title}</h1>
                <Show when=can_open>
                    <a id="new-button" class="button primary" href=Route::CycleNew.href()>
                        {move || app.t().ev.new_cycle}
                    </a>
                </Show>
            </div>
            <div class="filters">
                <SearchInput value=f.q />
                <FilterSelect id="filter-state" label=|l| l.rec_filter_status() value=f.state options=state_options />
                <FilterSelect id="filter-year" label=|l| l.rec_filter_year() value=f.year options=year_opts />
            </div>
            {sorted_list_table(data, &COLUMNS, Some(f.page), Some(f.sort), cycle_row)}
        </section>
    }
}

const COLUMNS: [Column; 7] = [
    Column::text(|t| t.product_name).sorts("product_name"),
    Column::num(|t| t.ev.year).sorts("year"),
    Column::text(|t| t.ev.dossier_type),
    Column::text(|t| t.status).sorts("state"),
    Column::num(|t| t.ev.self_total),
    Column::num(|t| t.ev.average),
    Column::num(|t| t.updated).sorts("updated_at"),
];

fn cycle_row(app: AppState, c: CycleOut) -> impl IntoView {
    let route = Route::Cycle(c.id);
    let href = route.href();
    let kind = c.dossier_type;
    let average = c.council.as_ref().map(|r| r.result.average);
    view! {
        <tr class="clickable" data-id=c.id.to_string() on:click=move |_| app.go(route.clone())>
            <td>
                <a href=href>{c.product_name}</a>
                <div class="sub">{format!("{} · {} — {}", c.subject_name, c.product_set, c.product_set_name)}</div>
            </td>
            <td class="num">{c.year}</td>
            <td>{move || app.lang.get().dossier_type(kind)}</td>
            <td>{state_badge(app, c.state)}</td>
            <td class="num">{c.self_assessment_total.map(|t| t.to_string())}</td>
            <td class="num">{move || average.map(|a| crate::format::score(app.lang.get(), a))}</td>
            <td class="num">{format::date(&c.updated_at)}</td>
        </tr>
    }
}
