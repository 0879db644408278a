//! Evaluation rounds: the list with the form that opens one (province officers), the round's
//! page (`detail`: council, agenda, the chair's summary and closing) and a member's sheet
//! (`score`).

mod council;
mod detail;
mod score;

pub use detail::RoundDetail;
pub use score::ScorePage;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::access::Action;
use ocop_evaluations::{RecognitionLevel, RoundIn, RoundOut, RoundQuery};

use crate::api::{self, ListSearch};
use crate::components::fields::{
    Field, FormErrors, FormMessage, SelectInput, TextInput, local_error,
};
use crate::components::filters::{FilterSelect, SearchInput, UrlParam, keep_in_url};
use crate::components::list_table::{Column, sorted_list_table};
use crate::format::{self, from_wire, optional, optional_date, wire};
use crate::pages::cycles::year_options;
use crate::route::Route;
use crate::state::{AppState, use_app};

pub const LEVELS: [RecognitionLevel; 2] = [RecognitionLevel::Province, RecognitionLevel::Central];

/// Province officers (and administrators) open rounds and manage councils and agendas.
pub fn manages_rounds(app: AppState) -> bool {
    app.can(Action::RoundsManage)
}

#[component]
pub fn RoundList() -> impl IntoView {
    let app = use_app();
    let q = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let level = RwSignal::new(String::new());
    let closed = RwSignal::new(String::new());
    let sort = RwSignal::new(String::new());
    // Not paged: the page signal only satisfies the address keeper.
    let page = RwSignal::new(1_u64);
    keep_in_url(
        Route::Rounds,
        vec![
            UrlParam::new("q", q),
            UrlParam::new("year", year),
            UrlParam::new("level", level),
            UrlParam::new("closed", closed),
            UrlParam::new("sort", sort),
        ],
        page,
    );
    let data = LocalResource::new(move || {
        let query = RoundQuery {
            year: year.get().parse().ok(),
            level: from_wire(&level.get()),
            closed: closed.get().parse().ok(),
            ..Default::default()
        };
        let search = ListSearch {
            q: q.get(),
            sort: sort.get(),
        };
        async move { api::find_rounds(&query, &search).await }
    });
    let year_opts = Signal::derive(move || year_options(app.t().ev.all_years));
    let level_options = Signal::derive(move || {
        let lang = app.lang.get();
        let mut options = vec![(String::new(), lang.dict().ev.all_levels.to_string())];
        options.extend(LEVELS.map(|l| (wire(&l), lang.level(l).to_string())));
        options
    });
    let closed_options = Signal::derive(move || {
        let t = app.t();
        vec![
            (String::new(), t.all_statuses.to_string()),
            ("false".to_string(), t.ev.round_open.to_string()),
            ("true".to_string(), t.ev.round_closed.to_string()),
        ]
    });
    let creating = RwSignal::new(false);
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{move || app.t().ev.rounds_title}</h1>
                <Show when=move || manages_rounds(app)>
                    <button id="new-button" type="button" class="primary" on:click=move |_| creating.update(|c| *c = !*c)>
                        {move || app.t().ev.new_round}
                    </button>
                </Show>
            </div>
            <Show when=move || creating.get()>
                <RoundForm />
            </Show>
            <div class="filters">
                <SearchInput value=q />
                <FilterSelect id="filter-year" label=|l| l.rec_filter_year() value=year options=year_opts />
                <FilterSelect id="filter-level" label=|l| l.rec_filter_level() value=level options=level_options />
                <FilterSelect id="filter-closed" label=|l| l.rec_filter_closed() value=closed options=closed_options />
            </div>
            {sorted_list_table(data, &COLUMNS, None, Some(sort), round_row)}
        </section>
    }
}

const COLUMNS: [Column; 6] = [
    Column::text(|t| t.name).sorts("name"),
    Column::text(|t| t.ev.level),
    Column::num(|t| t.ev.opened_on).sorts("created_at"),
    Column::num(|t| t.ev.decide_before).sorts("decision_due_on"),
    Column::num(|t| t.ev.agenda_count),
    Column::text(|t| t.status),
];

fn round_row(app: AppState, r: RoundOut) -> impl IntoView {
    let route = Route::Round(r.id);
    let href = route.href();
    let level = r.level;
    let closed = r.closed_at.is_some();
    view! {
        <tr class="clickable" data-id=r.id.to_string() on:click=move |_| app.go(route.clone())>
            <td>
                <a href=href>{r.name}</a>
                <div class="sub">{format!("{} · {}", r.year, r.instrument)}</div>
            </td>
            <td>{move || app.lang.get().level(level)}</td>
            <td class="num">{format::day(&r.opened_on)}</td>
            <td class="num">{format::day(&r.decide_before)}</td>
            <td class="num">{r.agenda.len()}</td>
            <td>{round_badge(app, closed)}</td>
        </tr>
    }
}

pub fn round_badge(app: AppState, closed: bool) -> impl IntoView {
    view! {
        <span class="badge" class:active=!closed class:archived=closed>
            {move || if closed { app.t().ev.round_closed } else { app.t().ev.round_open }}
        </span>
    }
}

#[component]
fn RoundForm() -> impl IntoView {
    let app = use_app();
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let level = RwSignal::new(wire(&RecognitionLevel::Province));
    let name = RwSignal::new(String::new());
    let opened_on = RwSignal::new(String::new());
    let level_options = Signal::derive(move || {
        let lang = app.lang.get();
        LEVELS
            .map(|l| (wire(&l), lang.level(l).to_string()))
            .to_vec()
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        let t = app.t_now();
        let opened = optional_date(&opened_on.get_untracked());
        let name_text = optional(&name.get_untracked());
        let mut local = Vec::new();
        if name_text.is_none() {
            local.push(local_error("name", t.required));
        }
        if opened.is_err() {
            local.push(local_error("opened_on", t.bad_date));
        }
        let (Some(name), Ok(opened_on)) = (name_text, opened) else {
            return errors.local(local, t);
        };
        let input = RoundIn {
            level: from_wire(&level.get_untracked()).unwrap_or(RecognitionLevel::Province),
            name,
            opened_on,
        };
        busy.set(true);
        spawn_local(async move {
            let result = api::create_round(&input).await;
            busy.set(false);
            match result {
                Ok(round) => {
                    app.notify(t.created);
                    app.go(Route::Round(round.id));
                }
                Err(error) => errors.show(&error),
            }
        });
    };
    view! {
        <form class="card form new-round" id="round-form" on:submit=submit novalidate>
            <h2>{move || app.t().ev.new_round}</h2>
            <FormMessage errors />
            <fieldset class="grid">
                <Field name="name" label=|t| t.name errors wide=true>
                    <TextInput id="field-name" value=name />
                </Field>
                <Field name="level" label=|t| t.ev.level errors>
                    <SelectInput id="field-level" value=level options=level_options />
                </Field>
                <Field name="opened_on" label=|t| t.ev.opened_on errors hint=|t| t.ev.opened_on_hint>
                    <TextInput id="field-opened_on" value=opened_on kind="date" />
                </Field>
            </fieldset>
            <div class="actions">
                <button id="form-submit" type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { app.t().saving } else { app.t().ev.open_round_submit }}
                </button>
            </div>
        </form>
    }
}
