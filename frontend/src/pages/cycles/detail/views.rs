//! The read-only parts of a cycle's page: the summary with the council's result, the idea,
//! the checklist of what the next step requires, the notes beside a tab, and the history.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_evaluations::{AdviceSource, CycleOut, CycleState};
use ocop_subjects::SubjectOut;

use super::super::state_badge;
use crate::api;
use crate::components::scorecard::{advice_view, star_result_view};
use crate::format;
use crate::route::Route;
use crate::state::AppState;

pub(super) fn summary_view(app: AppState, c: CycleOut) -> impl IntoView {
    let kind = c.dossier_type;
    let cycle_id = c.id;
    let council = c.council.clone().map(|council| {
        let advice = RwSignal::new(None::<Result<ocop_evaluations::Advice, String>>);
        let load_advice = move |_| {
            spawn_local(async move {
                let result = api::advice(cycle_id, AdviceSource::Council).await;
                advice.set(Some(result.map_err(|e| app.describe(&e))));
            });
        };
        view! {
            <div class="council-result" id="council-result">
                <h3>{move || (app.t().ev.council_result)(council.sheets)}</h3>
                <p>{move || app.t().ev.average}": " <strong id="council-average">{move || format::score(app.lang.get(), council.result.average)}</strong></p>
                {star_result_view(app, council.result.clone(), "council")}
                <button type="button" id="council-advice" on:click=load_advice>{move || app.t().ev.show_council_advice}</button>
                {move || advice.get().map(|a| match a {
                    Ok(a) => advice_view(app, a).into_any(),
                    Err(message) => view! { <p class="form-error">{message}</p> }.into_any(),
                })}
            </div>
        }
    });
    view! {
        <section class="card summary" id="cycle-summary">
            <dl class="facts">
                <dt>{move || app.t().status}</dt>
                <dd id="cycle-state">{state_badge(app, c.state)}</dd>
                <dt>{move || app.t().product_name}</dt>
                <dd><a id="cycle-product" href=Route::Product(c.product_id).href()>{c.product_name.clone()}</a></dd>
                <dt>{move || app.t().subject}</dt>
                <dd><a id="cycle-subject" href=Route::Subject(c.subject_id).href()>{c.subject_name.clone()}</a></dd>
                <dt>{move || app.t().product_set}</dt>
                <dd>{format!("{} — {}", c.product_set, c.product_set_name)}</dd>
                <dt>{move || app.t().ev.dossier_type}</dt>
                <dd>{move || app.lang.get().dossier_type(kind)}</dd>
                <dt>{move || app.t().ev.self_total}</dt>
                <dd id="self-total">{c.self_assessment_total.map(|t| t.to_string()).unwrap_or_else(|| "—".into())}</dd>
                {c.submitted_on.map(|d| view! {
                    <dt>{move || app.t().ev.submitted_on}</dt>
                    <dd>{format::day(&d)}</dd>
                })}
                {c.check_due_on.map(|d| view! {
                    <dt>{move || app.t().ev.check_due_on}</dt>
                    <dd>{format::day(&d)}</dd>
                })}
                {c.round_id.map(|r| view! {
                    <dt>{move || app.t().ev.round}</dt>
                    <dd><a id="cycle-round" href=Route::Round(r).href()>{move || app.t().ev.open_round}</a></dd>
                })}
                {c.certificate_id.map(|cert| view! {
                    <dt>{move || app.t().ev.certificate}</dt>
                    <dd><a id="cycle-certificate" href=Route::Certificate(cert).href()>{move || app.t().ev.open_certificate}</a></dd>
                })}
            </dl>
            {council}
        </section>
    }
}

pub(super) fn idea_view(app: AppState, cycle: RwSignal<Option<CycleOut>>) -> impl IntoView {
    view! {
        <div class="idea">
            <h3>{move || app.t().ev.idea}</h3>
            <p id="cycle-idea" class="prewrap">
                {move || cycle.with(|c| c.as_ref().map(|c| if c.idea.is_empty() { "—".to_string() } else { c.idea.clone() }))}
            </p>
            <p class="muted">{move || app.t().ev.idea_hint}</p>
        </div>
    }
}

/// What the next step requires, as the server saved it, each a link to the tab that fixes it:
/// the plan before the idea's plan is filed, Mẫu 01, Mẫu 02 and the samples (none for community
/// tourism) before the dossier is, Mẫu 03 before the commune's check. Parts a state does not
/// ask for (a plan skipped by entering at implementation) are not held against it.
pub(super) fn checklist(
    app: AppState,
    cycle: RwSignal<Option<CycleOut>>,
    open: Callback<String>,
) -> impl IntoView {
    let item = move |done: bool,
                     required: bool,
                     label: &'static str,
                     id: &'static str,
                     field: &'static str| {
        view! {
            <li id=id class:done=done class:missing=!done && required class:optional=!done && !required>
                <span class="tick" aria-hidden="true">{if done { "✔" } else if required { "✘" } else { "–" }}</span>
                <button type="button" class="linklike" on:click=move |_| open.run(field.to_string())>{label}</button>
                {(!done && !required).then(|| view! { <small class="muted">{format!(" ({})", app.lang.get().not_required_now())}</small> })}
            </li>
        }
    };
    move || {
        let t = app.t();
        let lang = app.lang.get();
        cycle.get().map(|c| {
            use CycleState as S;
            let plan_due = matches!(c.state, S::IdeaAccepted);
            let dossier_due = matches!(
                c.state,
                S::PlanApproved | S::Implementation | S::DossierReturnedForCompletion
            );
            let check_due = matches!(c.state, S::DossierSubmitted | S::DossierResubmitted);
            let samples_needed = c.product_set.trim() != ocop_products::TOURISM_SET;
            let has_plan = c
                .business_plan
                .as_ref()
                .is_some_and(|p| !p.trim().is_empty());
            let mut items = Vec::new();
            if plan_due || has_plan {
                items.push(item(
                    has_plan,
                    plan_due,
                    t.ev.step_plan,
                    "check-plan",
                    "business_plan",
                ));
            }
            if !plan_due {
                items.push(item(
                    c.form_01.is_some(),
                    dossier_due,
                    t.ev.step_form01,
                    "check-form01",
                    "form_01",
                ));
                items.push(item(
                    c.self_assessment_total.is_some(),
                    dossier_due,
                    t.ev.check_self,
                    "check-form02",
                    "form_02",
                ));
                if samples_needed {
                    items.push(item(
                        c.samples >= 5,
                        dossier_due,
                        t.ev.check_samples,
                        "check-samples",
                        "samples",
                    ));
                }
                items.push(item(
                    !c.attachments.is_empty(),
                    false,
                    t.ev.attachments,
                    "check-files",
                    "file",
                ));
            }
            if check_due || c.form_03.is_some() {
                items.push(item(
                    c.form_03.is_some(),
                    check_due,
                    t.ev.step_form03,
                    "check-form03",
                    "form_03",
                ));
            }
            let due = plan_due || dossier_due || check_due;
            view! {
                {due.then(|| view! { <p>{lang.what_is_required()}</p> })}
                <ul class="checklist" id="checklist">{items}</ul>
                {dossier_due.then(|| view! { <p class="muted">{t.ev.submit_hint}</p> })}
            }
        })
    }
}

/// Says why a tab's fields are greyed out, so a disabled form is not taken for a fault.
pub(super) fn locked_note(app: AppState, editable: Signal<bool>) -> impl IntoView {
    move || {
        (!editable.get())
            .then(|| view! { <p class="muted locked-note">{app.lang.get().part_locked()}</p> })
    }
}

/// The subject's record beside Mẫu 01, which repeats it.
pub(super) fn subject_facts(app: AppState, s: SubjectOut) -> impl IntoView {
    let kind = s.kind;
    view! {
        <section class="subject-facts" id="form01-subject">
            <h3>{move || app.lang.get().subject_facts()}</h3>
            <dl class="facts">
                <dt>{move || app.t().name}</dt>
                <dd>{s.name}</dd>
                <dt>{move || app.t().kind}</dt>
                <dd>{move || app.lang.get().kind(kind)}</dd>
                <dt>{move || app.t().address}</dt>
                <dd>{format!("{}, {}", s.address, s.unit_name)}</dd>
                <dt>{move || app.t().legal_representative}</dt>
                <dd>{s.legal_representative}</dd>
                <dt>{move || app.t().phone}</dt>
                <dd>{s.phone.unwrap_or_else(|| "—".into())}</dd>
            </dl>
        </section>
    }
}

pub(super) fn history_view(app: AppState, c: CycleOut) -> impl IntoView {
    let rows = c
        .events
        .into_iter()
        .rev()
        .map(|e| {
            let from = e.from_state;
            let to = e.to_state;
            view! {
                <tr>
                    <td class="num">{format::date_time(&e.at)}</td>
                    <td>{e.actor_name}</td>
                    <td>
                        {move || from.map(|f| format!("{} → ", app.lang.get().cycle_state(f)))}
                        <strong>{move || app.lang.get().cycle_state(to)}</strong>
                    </td>
                    <td class="prewrap">{e.reason.unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card history">
            <h2>{move || app.t().ev.history}</h2>
            <table class="list" id="events">
                <thead>
                    <tr>
                        <th class="num">{move || app.t().ev.when}</th>
                        <th>{move || app.t().ev.who}</th>
                        <th>{move || app.t().ev.change}</th>
                        <th>{move || app.t().ev.reason}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
