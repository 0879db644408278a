//! One plan (`#/plans/<id>`): its header and the moves the caller may make (approve with the
//! decision, close, back to draft — each with `If-Match`), the day and area the progress is
//! read for (both kept in the address: `?as_of=` and `?unit_id=`), the targets' progress and
//! chart, the title, summary and targets editors and the delete button while a draft, and the
//! activities. The day may not pass the server's today.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::access::Action;
use ocop_core::{Role, UnitId};
use ocop_plans::{PlanId, PlanOut, PlanState, PlanTransitionIn};

use super::activities::Activities;
use super::chart::PlanChart;
use super::edit::PlanEditor;
use super::progress::progress_table;
use super::state_badge;
use super::targets::TargetsEditor;
use crate::api::{self, ApiError};
use crate::components::fields::{
    Field, FormErrors, FormMessage, SelectInput, TextInput, local_error,
};
use crate::format::{self, browser_today, optional, optional_date};
use crate::i18n::plans::pl;
use crate::route::{self, Route};
use crate::state::{AppState, use_app, use_refs};

#[component]
pub fn PlanView(id: PlanId) -> impl IntoView {
    let app = use_app();
    let refs = use_refs();
    let plan = RwSignal::new(None::<PlanOut>);
    let errors = FormErrors::new();
    let load = move || {
        spawn_local(async move {
            match api::plan(id).await {
                Ok(p) => plan.set(Some(p)),
                Err(error) => errors.show(&error),
            }
        })
    };
    load();
    let as_of = RwSignal::new(route::query_param("as_of").unwrap_or_default());
    let unit = RwSignal::new(route::query_param("unit_id").unwrap_or_default());
    Effect::new(move || {
        route::replace_query(
            &Route::Plan(id),
            &[("as_of", as_of.get()), ("unit_id", unit.get())],
        )
    });
    // Bumped when targets or activities change, so the progress is read again.
    let changed = RwSignal::new(0_u32);
    let progress = LocalResource::new(move || {
        let day = NaiveDate::parse_from_str(&as_of.get(), "%Y-%m-%d").ok();
        let area = unit.get().parse::<i32>().ok().map(UnitId);
        changed.track();
        async move {
            // Without a day the server reads its own today, which the answer tells.
            match api::progress(id, day, area).await {
                Err(ApiError::Problem(p)) if day.is_none() && matches!(p.status, 400 | 422) => {
                    api::progress(id, Some(browser_today()), area).await
                }
                other => other,
            }
        }
    });
    let shown_day = move || {
        let typed = as_of.get();
        if typed.is_empty() {
            progress
                .get()
                .and_then(Result::ok)
                .map(|p| p.as_of.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        } else {
            typed
        }
    };
    // The server's day, told by the first answer read without a day; no later day may be picked.
    let server_today = RwSignal::new(None::<NaiveDate>);
    Effect::new(move || {
        if as_of.with(String::is_empty)
            && let Some(Ok(p)) = progress.get()
        {
            server_today.set(Some(p.as_of));
        }
    });
    let max_day = move || server_today.get().map(|d| d.format("%Y-%m-%d").to_string());
    let communes = Signal::derive(move || refs.commune_options());
    // Officers above communes may narrow a plan of a wider area to one commune.
    let narrows = move || {
        let above = app.user.with(|u| {
            u.as_ref()
                .is_some_and(|u| !matches!(u.role, Role::CommuneOfficer | Role::Producer))
        });
        let wide = plan.with(|p| {
            p.as_ref().is_some_and(|p| {
                let unit = p.unit_id.0.to_string();
                !communes.with(|c| c.iter().any(|(id, _)| *id == unit))
            })
        });
        above && wide
    };
    let unit_options = Signal::derive(move || {
        let mut options = vec![(String::new(), pl(app.t()).whole_area.to_string())];
        options.extend(communes.get());
        options
    });
    let state = move || plan.with(|p| p.as_ref().map(|p| p.state));
    let manages = move || app.can(Action::PlansManage);
    view! {
        <section class="page plan-page">
            <div class="page-head">
                <h1 id="plan-title">{move || plan.with(|p| p.as_ref().map(|p| p.title.clone()))}</h1>
                <a class="back" href=Route::Plans.href()>{move || pl(app.t()).to_list}</a>
            </div>
            <FormMessage errors on_reload=Callback::new(move |()| load()) />
            {move || plan.get().map(|p| header(app, p))}
            <Show when=move || manages() && state() == Some(PlanState::Draft)>
                <PlanEditor plan errors />
            </Show>
            <Show when=move || manages() && state().is_some()>
                <PlanMoves plan errors />
            </Show>
            <div class="filters plan-controls">
                <label class="control">
                    <span>{move || pl(app.t()).as_of}</span>
                    <input
                        id="plan-as-of"
                        type="date"
                        max=max_day
                        prop:value=shown_day
                        on:change=move |ev| as_of.set(event_target_value(&ev))
                    />
                </label>
                <Show when=narrows>
                    <label class="control">
                        <span>{move || pl(app.t()).area}</span>
                        <SelectInput id="plan-unit" value=unit options=unit_options />
                    </label>
                </Show>
            </div>
            <h2>{move || pl(app.t()).targets}</h2>
            {move || match progress.get() {
                None => view! { <p class="muted">{app.t().loading}</p> }.into_any(),
                Some(Err(error)) => view! { <p id="load-error" class="form-error">{app.describe(&error)}</p> }.into_any(),
                Some(Ok(p)) => {
                    let area = unit.get_untracked().parse::<i32>().ok().map(UnitId);
                    let chart = (!p.targets.is_empty())
                        .then(|| view! { <PlanChart plan=id progress=p.clone() unit=area /> });
                    view! { {progress_table(app, p)} {chart} }.into_any()
                }
            }}
            <Show when=move || manages() && state() == Some(PlanState::Draft)>
                <TargetsEditor plan=id year=plan.with_untracked(|p| p.as_ref().map_or(0, |p| p.year)) changed />
            </Show>
            <Show when=move || state().is_some()>
                <Activities
                    plan=id
                    editable=Signal::derive(move || manages() && state().is_some_and(PlanState::activities_editable))
                    changed
                />
            </Show>
        </section>
    }
}

fn header(app: AppState, p: PlanOut) -> impl IntoView {
    let decision = match (&p.decision_number, &p.decision_date) {
        (Some(n), Some(d)) => format!("{n} · {}", format::day(d)),
        (Some(n), None) => n.clone(),
        _ => "—".to_string(),
    };
    view! {
        <div class="card plan-head" id="plan-head">
            <dl class="facts">
                <dt>{move || pl(app.t()).unit}</dt>
                <dd id="plan-unit-name">{p.unit_name.clone()}</dd>
                <dt>{move || pl(app.t()).year}</dt>
                <dd id="plan-year">{p.year}</dd>
                <dt>{move || app.t().status}</dt>
                <dd id="plan-state">{state_badge(app, p.state)}</dd>
                <dt>{move || pl(app.t()).decision}</dt>
                <dd id="plan-decision">{decision}</dd>
            </dl>
            {p.summary.clone().map(|s| view! { <p class="plan-summary">{s}</p> })}
        </div>
    }
}

/// The moves a plan may make from its state; approving asks for the decision first.
#[component]
fn PlanMoves(plan: RwSignal<Option<PlanOut>>, errors: FormErrors) -> impl IntoView {
    let app = use_app();
    let busy = RwSignal::new(false);
    let approving = RwSignal::new(false);
    let number = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let send = move |to: PlanState,
                     decision_number: Option<String>,
                     decision_date: Option<NaiveDate>| {
        let Some((id, version)) = plan.with_untracked(|p| p.as_ref().map(|p| (p.id, p.version)))
        else {
            return;
        };
        let input = PlanTransitionIn {
            to,
            decision_number,
            decision_date,
        };
        errors.clear();
        busy.set(true);
        spawn_local(async move {
            let result = api::move_plan(id, version, &input).await;
            busy.set(false);
            match result {
                Ok(p) => {
                    approving.set(false);
                    plan.set(Some(p));
                    app.notify(pl(app.t_now()).moved);
                }
                Err(error) => errors.show(&error),
            }
        });
    };
    let approve = move |_| {
        let t = app.t_now();
        let mut local = Vec::new();
        let n = optional(&number.get_untracked());
        let d = optional_date(&date.get_untracked());
        if n.is_none() {
            local.push(local_error("decision_number", t.required));
        }
        if !matches!(d, Ok(Some(_))) {
            local.push(local_error("decision_date", t.bad_date));
        }
        match (n, d) {
            (Some(n), Ok(Some(d))) => send(PlanState::Approved, Some(n), Some(d)),
            _ => errors.local(local, t),
        }
    };
    let buttons = move || {
        let Some(state) = plan.with(|p| p.as_ref().map(|p| p.state)) else {
            return Vec::new();
        };
        state
            .next_states()
            .into_iter()
            .map(|to| {
                let click = move |_| {
                    if to == PlanState::Approved {
                        approving.set(true);
                    } else if confirm(pl(app.t_now()).confirm_move) {
                        send(to, None, None);
                    }
                };
                view! {
                    <button
                        type="button"
                        id=format!("plan-move-{}", to.as_str())
                        class:primary=to == PlanState::Approved
                        disabled=move || busy.get()
                        on:click=click
                    >
                        {move || app.lang.get().plan_move(to)}
                    </button>
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <div class="actions plan-moves">{buttons}</div>
        <Show when=move || approving.get()>
            <div class="card form approve-form">
                <div class="grid">
                    <Field name="decision_number" label=|t| pl(t).decision_number errors>
                        <TextInput id="field-decision_number" value=number />
                    </Field>
                    <Field name="decision_date" label=|t| pl(t).decision_date errors>
                        <TextInput id="field-decision_date" value=date kind="date" />
                    </Field>
                </div>
                <div class="actions">
                    <button id="plan-approve" type="button" class="primary" disabled=move || busy.get() on:click=approve>
                        {move || app.lang.get().plan_move(PlanState::Approved)}
                    </button>
                    <button type="button" on:click=move |_| approving.set(false)>{move || app.t().cancel}</button>
                </div>
            </div>
        </Show>
    }
}

/// The browser's confirmation; a refusal (or no window) cancels.
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}
