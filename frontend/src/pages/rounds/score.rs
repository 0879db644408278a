//! A council member's score sheet for one dossier of a round: the criteria sheet with the live
//! total (`#live-total`) and stars, Save draft (`#sheet-save`) and Submit (`#sheet-submit`).
//! Once submitted the sheet is frozen and the other members' sheets show. A member with a
//! conflict of interest declares it (`#recusal-open`) and takes no part.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_evaluations::{
    CycleId, MySheet, RecusalIn, RoundId, Selection, SheetIn, SheetOut, SheetsOut,
};

use crate::api;
use crate::components::fields::{Field, FormErrors, FormMessage, TextArea, local_error};
use crate::components::remote::{remote, stars_text};
use crate::components::scorecard::Scorecard;
use crate::components::sheet::SheetForm;
use crate::format::{self, optional};
use crate::route::Route;
use crate::state::{AppState, use_app};

#[component]
pub fn ScorePage(round_id: RoundId, cycle_id: CycleId) -> impl IntoView {
    let app = use_app();
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let round = LocalResource::new(move || api::round(round_id));
    let sheets = RwSignal::new(None::<SheetsOut>);
    let choices = RwSignal::new(Selection::default());
    let load_sheets = move || {
        spawn_local(async move {
            match api::sheets(round_id, cycle_id).await {
                Ok(s) => {
                    if let Some(mine) = &s.mine {
                        choices.set(mine.choices.clone());
                    }
                    sheets.set(Some(s));
                }
                Err(error) => errors.show(&error),
            }
        });
    };
    load_sheets();

    let item = Memo::new(move |_| {
        round.get().and_then(Result::ok).and_then(|r| {
            let closed = r.closed_at.is_some();
            r.agenda
                .into_iter()
                .find(|i| i.cycle_id == cycle_id)
                .map(|i| (i, closed))
        })
    });
    let set_id = Memo::new(move |_| item.with(|i| i.as_ref().map(|(i, _)| i.criteria_set_id)));
    let sheet = LocalResource::new(move || {
        let set = set_id.get();
        async move {
            match set {
                Some(set) => api::criteria_set(set)
                    .await
                    .map(|s| Some(Arc::new(s.sheet))),
                None => Ok(None),
            }
        }
    });
    let submitted = Memo::new(move |_| {
        sheets.with(|s| {
            s.as_ref()
                .and_then(|s| s.mine.as_ref())
                .is_some_and(|m| m.submitted_at.is_some())
        })
    });
    let excluded = Memo::new(move |_| {
        item.with(|i| {
            i.as_ref()
                .is_some_and(|(i, _)| i.my_sheet == MySheet::Excluded)
        })
    });
    let locked = Signal::derive(move || {
        submitted.get()
            || excluded.get()
            || item.with(|i| i.as_ref().is_none_or(|(_, closed)| *closed))
    });

    let save = move |submit: bool| {
        if busy.get_untracked() || locked.get_untracked() {
            return;
        }
        errors.clear();
        let input = SheetIn {
            choices: choices.get_untracked(),
            submit,
        };
        let version =
            sheets.with_untracked(|s| s.as_ref().and_then(|s| s.mine.as_ref()).map(|m| m.version));
        busy.set(true);
        spawn_local(async move {
            let result = api::save_sheet(round_id, cycle_id, version, &input).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    let t = app.t_now();
                    app.notify(if submit {
                        t.ev.sheet_submitted
                    } else {
                        t.saved
                    });
                    load_sheets();
                    if submit {
                        round.refetch();
                    }
                }
                Err(error) => errors.show(&error),
            }
        });
    };

    let title = move || {
        item.with(|i| {
            i.as_ref()
                .map(|(i, _)| format!("{} — {}", i.product_name, i.subject_name))
        })
    };

    view! {
        <section class="page score-page">
            <div class="page-head">
                <h1>{move || app.t().ev.score_sheet}": " <span id="score-product">{title}</span></h1>
                <a class="back" href=Route::Round(round_id).href()>{move || app.t().ev.back_to_round}</a>
            </div>
            <p>
                <a id="score-dossier" href=Route::Cycle(cycle_id).href()>{move || app.t().ev.open_dossier}</a>
            </p>
            <FormMessage errors on_reload=Callback::new(move |()| load_sheets()) />
            <p id="sheet-status" class="muted">
                {move || {
                    let t = app.t();
                    if excluded.get() {
                        t.ev.sheet_excluded
                    } else if submitted.get() {
                        t.ev.sheet_is_submitted
                    } else if item.with(|i| i.as_ref().is_some_and(|(_, closed)| *closed)) {
                        t.ev.round_closed
                    } else {
                        t.ev.sheet_draft_hint
                    }
                }}
            </p>
            {remote(sheet, move |loaded| match loaded {
                None => view! { <p class="muted">{app.t().loading}</p> }.into_any(),
                Some(sheet) => view! {
                    <div class="sheet-layout">
                        <SheetForm sheet=sheet.clone() choices disabled=locked />
                        <Scorecard sheet choices />
                    </div>
                }
                .into_any(),
            })}
            <Show when=move || !locked.get()>
                <div class="actions sticky-actions">
                    <button id="sheet-save" type="button" disabled=move || busy.get() on:click=move |_| save(false)>
                        {move || app.t().ev.save_draft}
                    </button>
                    <button id="sheet-submit" type="button" class="primary" disabled=move || busy.get() on:click=move |_| save(true)>
                        {move || app.t().ev.submit_sheet}
                    </button>
                </div>
            </Show>
            {move || sheets.get().map(|s| others_view(app, s))}
            <Show when=move || !locked.get()>
                <Recusal
                    round_id
                    round_version=Signal::derive(move || round.get().and_then(Result::ok).map(|r| r.version))
                    cycle_id
                    on_done=Callback::new(move |()| round.refetch())
                />
            </Show>
        </section>
    }
}

fn others_view(app: AppState, s: SheetsOut) -> impl IntoView {
    if s.others_hidden {
        return view! { <p class="muted" id="others-hidden">{move || app.t().ev.others_hidden}</p> }
            .into_any();
    }
    let rows = s
        .mine
        .into_iter()
        .chain(s.others)
        .map(|sheet| sheet_row(app, sheet))
        .collect_view();
    view! {
        <section class="card others">
            <h2>{move || app.t().ev.council_sheets}</h2>
            <table class="list" id="others-table">
                <thead>
                    <tr>
                        <th>{move || app.t().ev.member}</th>
                        <th class="num">{move || app.t().ev.total}</th>
                        <th>{move || app.t().ev.stars}</th>
                        <th class="num">{move || app.t().ev.submitted_at}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}

fn sheet_row(_app: AppState, sheet: SheetOut) -> impl IntoView {
    view! {
        <tr data-member=sheet.member_id.to_string()>
            <td>{sheet.member_name}</td>
            <td class="num total">{sheet.score.as_ref().map(|s| s.total.to_string())}</td>
            <td>{sheet.stars.as_ref().map(|s| stars_text(s.stars))}</td>
            <td class="num">{sheet.submitted_at.map(|at| format::date_time(&at))}</td>
        </tr>
    }
}

#[component]
fn Recusal(
    round_id: RoundId,
    round_version: Signal<Option<i32>>,
    cycle_id: CycleId,
    on_done: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let errors = FormErrors::new();
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let confirm = move |_| {
        errors.clear();
        let t = app.t_now();
        let Some(reason_text) = optional(&reason.get_untracked()) else {
            return errors.local(vec![local_error("reason", t.required)], t);
        };
        let Some(version) = round_version.get_untracked() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let result = api::recuse(
                round_id,
                version,
                cycle_id,
                &RecusalIn {
                    reason: reason_text,
                },
            )
            .await;
            busy.set(false);
            match result {
                Ok(()) => {
                    open.set(false);
                    app.notify(t.ev.conflict_declared);
                    on_done.run(());
                }
                Err(error) => errors.show(&error),
            }
        });
    };
    view! {
        <section class="card recusal">
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button id="recusal-open" type="button" on:click=move |_| open.set(true)>
                        {move || app.t().ev.declare_conflict}
                    </button>
                }
            >
                <h2>{move || app.t().ev.declare_conflict}</h2>
                <FormMessage errors />
                <Field name="reason" label=|t| t.ev.conflict_reason errors wide=true>
                    <TextArea id="field-reason" value=reason />
                </Field>
                <div class="actions">
                    <button id="recusal-confirm" type="button" class="primary" disabled=move || busy.get() on:click=confirm>
                        {move || app.t().ev.confirm}
                    </button>
                    <button id="recusal-cancel" type="button" on:click=move |_| open.set(false)>
                        {move || app.t().cancel}
                    </button>
                </div>
            </Show>
        </section>
    }
}
