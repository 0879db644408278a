//! One round: its dates, council and agenda. The agenda is the chair's summary: for each
//! dossier the sheets in, the running (then frozen) average, stars and unmet star minimums.
//! Province officers add checked dossiers; the chair closes the round (`#round-close`, then
//! `#round-close-confirm`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_evaluations::{
    AgendaItem, CouncilPosition, CycleId, CycleQuery, CycleState, MySheet, RecognitionLevel,
    RoundId, RoundOut,
};

use super::council::CouncilCard;
use super::{manages_rounds, round_badge};
use crate::api;
use crate::components::fields::{FormErrors, FormMessage, SelectInput};
use crate::components::remote::stars_text;
use crate::format;
use crate::pages::cycles::state_badge;
use crate::route::Route;
use crate::state::{AppState, use_app};

#[component]
pub fn RoundDetail(id: RoundId) -> impl IntoView {
    let app = use_app();
    let round = RwSignal::new(None::<RoundOut>);
    let errors = FormErrors::new();
    let load = move || {
        spawn_local(async move {
            match api::round(id).await {
                Ok(r) => {
                    errors.clear();
                    round.set(Some(r));
                }
                Err(error) => errors.show(&error),
            }
        });
    };
    load();
    let me = app.user.with_untracked(|u| u.as_ref().map(|u| u.id));
    let position = Memo::new(move |_| {
        round.with(|r| {
            r.as_ref().and_then(|r| {
                r.council
                    .iter()
                    .find(|m| Some(m.user_id) == me)
                    .map(|m| m.position)
            })
        })
    });
    let open =
        Memo::new(move |_| round.with(|r| r.as_ref().is_some_and(|r| r.closed_at.is_none())));
    let manages = Signal::derive(move || manages_rounds(app) && open.get());

    view! {
        <section class="page round-page">
            <div class="page-head">
                <h1 id="round-name">{move || round.with(|r| r.as_ref().map(|r| r.name.clone()))}</h1>
                <a class="back" href=Route::Rounds.href()>{move || app.t().back}</a>
            </div>
            <FormMessage errors on_reload=Callback::new(move |()| load()) />
            {move || round.get().map(|r| facts_view(app, r))}
            <CouncilCard round editable=manages />
            <section class="card agenda">
                <h2>{move || app.t().ev.agenda}</h2>
                {move || round.get().map(|r| {
                    let rid = r.id;
                    let scoring = position.get().is_some();
                    view! { <AgendaTable round_id=rid items=r.agenda scoring /> }
                })}
                <Show when=move || manages.get()>
                    <AddToAgenda round />
                </Show>
            </section>
            <Show when=move || open.get() && position.get() == Some(CouncilPosition::Chair)>
                <CloseRound round />
            </Show>
        </section>
    }
}

fn facts_view(app: AppState, r: RoundOut) -> impl IntoView {
    let level = r.level;
    let closed = r.closed_at;
    view! {
        <section class="card summary">
            <dl class="facts">
                <dt>{move || app.t().ev.level}</dt>
                <dd>{move || app.lang.get().level(level)}</dd>
                <dt>{move || app.t().ev.instrument}</dt>
                <dd>{r.instrument.clone()}</dd>
                <dt>{move || app.t().ev.opened_on}</dt>
                <dd>{format::day(&r.opened_on)}</dd>
                <dt>{move || app.t().ev.forwarded_before}</dt>
                <dd>{format::day(&r.forwarded_before)}</dd>
                <dt>{move || app.t().ev.decide_before}</dt>
                <dd>{format::day(&r.decide_before)}</dd>
                <dt>{move || app.t().status}</dt>
                <dd id="round-status">
                    {round_badge(app, closed.is_some())}
                    {closed.map(|at| format!(" {}", format::date_time(&at)))}
                </dd>
            </dl>
        </section>
    }
}

#[component]
fn AgendaTable(round_id: RoundId, items: Vec<AgendaItem>, scoring: bool) -> impl IntoView {
    let app = use_app();
    let empty = items.is_empty();
    view! {
        <table class="list" id="agenda">
            <thead>
                <tr>
                    <th>{move || app.t().product_name}</th>
                    <th>{move || app.t().status}</th>
                    <th class="num">{move || app.t().ev.sheets_in}</th>
                    <th>{move || app.t().ev.my_sheet}</th>
                    <th class="num">{move || app.t().ev.average}</th>
                    <th>{move || app.t().ev.stars}</th>
                    <th>{move || app.t().ev.unmet_minimums}</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>
                {empty.then(|| view! { <tr><td colspan="8" class="muted">{move || app.t().ev.agenda_empty}</td></tr> })}
                {items.into_iter().map(|item| agenda_row(app, round_id, item, scoring)).collect_view()}
            </tbody>
        </table>
    }
}

fn agenda_row(app: AppState, round_id: RoundId, item: AgendaItem, scoring: bool) -> impl IntoView {
    let cycle = item.cycle_id;
    let my_sheet = item.my_sheet;
    let sheet_class = format!("badge sheet-{}", my_sheet.as_str());
    let (average, stars, unmet) = match &item.result {
        Some(r) => (
            r.average.to_string(),
            view! { <span class="glyphs" data-stars=r.stars.to_string()>{stars_text(r.stars)}</span> }.into_any(),
            r.unmet
                .iter()
                .map(|u| format!("{} (≥{}★)", u.criterion_code, u.required_level))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        None => ("—".to_string(), "—".into_any(), String::new()),
    };
    let score_link = scoring.then(|| {
        let done = matches!(my_sheet, MySheet::Submitted | MySheet::Excluded);
        view! {
            <a class="button" id=format!("score-{cycle}") href=Route::RoundScore(round_id, cycle).href()>
                {move || if done { app.t().ev.view_sheet } else { app.t().ev.score }}
            </a>
        }
    });
    view! {
        <tr data-cycle=cycle.to_string()>
            <td>
                <a href=Route::Cycle(cycle).href()>{item.product_name}</a>
                <div class="sub">{format!("{} · {}", item.subject_name, item.product_set)}</div>
            </td>
            <td>{state_badge(app, item.state)}</td>
            <td class="num">{format!("{} / {}", item.submitted_sheets, item.eligible_members)}</td>
            <td>
                <span class=sheet_class>{move || app.lang.get().my_sheet(my_sheet)}</span>
            </td>
            <td class="num average">{average}</td>
            <td class="stars-cell">{stars}</td>
            <td class="unmet">{unmet}</td>
            <td>{score_link}</td>
        </tr>
    }
}

#[component]
fn AddToAgenda(round: RwSignal<Option<RoundOut>>) -> impl IntoView {
    let app = use_app();
    let errors = FormErrors::new();
    let chosen = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let level = round.with_untracked(|r| r.as_ref().map(|r| r.level));
    // A province round takes dossiers the commune checked; a central one the 90-point candidates.
    let state = match level {
        Some(RecognitionLevel::Central) => CycleState::PotentialFiveStars,
        _ => CycleState::CommuneChecked,
    };
    let candidates = LocalResource::new(move || async move {
        let query = CycleQuery {
            state: Some(state),
            per_page: Some(100),
            ..Default::default()
        };
        api::cycles(&query).await.map(|p| p.items)
    });
    let options = Signal::derive(move || {
        let mut list = vec![(String::new(), app.t().choose.to_string())];
        let items = candidates.get().and_then(Result::ok).unwrap_or_default();
        list.extend(items.into_iter().map(|c| {
            (
                c.id.to_string(),
                format!("{} — {} ({})", c.product_name, c.subject_name, c.year),
            )
        }));
        list
    });
    let add = move |_| {
        let Some(before) = round.get_untracked() else {
            return;
        };
        let Ok(cycle_id) = chosen.get_untracked().parse::<CycleId>() else {
            return;
        };
        errors.clear();
        busy.set(true);
        spawn_local(async move {
            let result = api::add_to_agenda(before.id, before.version, cycle_id).await;
            busy.set(false);
            match result {
                Ok(updated) => {
                    round.set(Some(updated));
                    chosen.set(String::new());
                    candidates.refetch();
                    app.notify(app.t_now().ev.added_to_agenda);
                }
                Err(error) => errors.show(&error),
            }
        });
    };
    view! {
        <div class="add-agenda" id="agenda-form">
            <h3>{move || app.t().ev.add_to_agenda}</h3>
            <FormMessage errors />
            <div class="picker">
                <SelectInput id="agenda-cycle" value=chosen options />
                <button
                    id="agenda-add"
                    type="button"
                    class="primary"
                    disabled=move || busy.get() || chosen.with(String::is_empty)
                    on:click=add
                >
                    {move || app.t().ev.add}
                </button>
            </div>
        </div>
    }
}

#[component]
fn CloseRound(round: RwSignal<Option<RoundOut>>) -> impl IntoView {
    let app = use_app();
    let errors = FormErrors::new();
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let close = move |_| {
        let Some(before) = round.get_untracked() else {
            return;
        };
        errors.clear();
        busy.set(true);
        spawn_local(async move {
            let result = api::close_round(before.id, before.version).await;
            busy.set(false);
            match result {
                Ok(updated) => {
                    confirming.set(false);
                    round.set(Some(updated));
                    app.notify(app.t_now().ev.round_closed_notice);
                }
                Err(error) => errors.show(&error),
            }
        });
    };
    view! {
        <section class="card close-round">
            <h2>{move || app.t().ev.close_round}</h2>
            <FormMessage errors />
            <p class="muted">{move || app.t().ev.close_round_hint}</p>
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button id="round-close" type="button" class="primary" on:click=move |_| confirming.set(true)>
                        {move || app.t().ev.close_round}
                    </button>
                }
            >
                <div class="confirm" id="round-close-box">
                    <p><strong>{move || app.t().ev.close_round_confirm}</strong></p>
                    <button id="round-close-confirm" type="button" class="primary" disabled=move || busy.get() on:click=close>
                        {move || app.t().ev.confirm}
                    </button>
                    <button id="round-close-cancel" type="button" on:click=move |_| confirming.set(false)>
                        {move || app.t().cancel}
                    </button>
                </div>
            </Show>
        </section>
    }
}
