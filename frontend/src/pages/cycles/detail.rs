//! One cycle: its state, the moves the caller may make, the dossier wizard (idea → plan →
//! Mẫu 01 → Mẫu 02 → samples and files → submit; Mẫu 03 for the commune) and the history.
//! Each step saves its own part of the dossier with `If-Match`.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::Role;
use ocop_evaluations::{
    AdviceSource, CycleId, CycleOut, CycleState, DossierPart, DossierPatch, may_edit,
};

use super::dossier::{DossierFields, Form01Step, Form03Step, PlanStep, SaveButton};
use super::files::FilesStep;
use super::moves::MovesPanel;
use super::state_badge;
use crate::api;
use crate::components::fields::{FormErrors, FormMessage};
use crate::components::remote::remote;
use crate::components::scorecard::{Scorecard, advice_view, star_result_view};
use crate::components::sheet::SheetForm;
use crate::format::{self, merge_patch};
use crate::route::Route;
use crate::state::{AppState, use_app};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Idea,
    Plan,
    Form01,
    Form02,
    Files,
    Submit,
    Form03,
}

impl Step {
    fn id(self) -> &'static str {
        match self {
            Self::Idea => "step-idea",
            Self::Plan => "step-plan",
            Self::Form01 => "step-form01",
            Self::Form02 => "step-form02",
            Self::Files => "step-files",
            Self::Submit => "step-submit",
            Self::Form03 => "step-form03",
        }
    }

    fn label(self, app: AppState) -> &'static str {
        let t = app.t();
        match self {
            Self::Idea => t.ev.step_idea,
            Self::Plan => t.ev.step_plan,
            Self::Form01 => t.ev.step_form01,
            Self::Form02 => t.ev.step_form02,
            Self::Files => t.ev.step_files,
            Self::Submit => t.ev.step_submit,
            Self::Form03 => t.ev.step_form03,
        }
    }

    /// Where the wizard opens for a cycle in this state.
    fn for_state(state: CycleState, role: Option<Role>) -> Self {
        use CycleState as S;
        match state {
            S::IdeaRegistered | S::IdeaReturned => Self::Idea,
            S::IdeaAccepted | S::PlanSubmitted => Self::Plan,
            S::PlanApproved | S::Implementation | S::DossierReturnedForCompletion => Self::Form01,
            S::DossierSubmitted | S::DossierResubmitted if role == Some(Role::CommuneOfficer) => {
                Self::Form03
            }
            _ => Self::Submit,
        }
    }
}

#[component]
pub fn CycleDetail(id: CycleId) -> impl IntoView {
    let app = use_app();
    let role = app.user.with_untracked(|u| u.as_ref().map(|u| u.role));
    let cycle = RwSignal::new(None::<CycleOut>);
    let fields = DossierFields::new();
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let step = RwSignal::new(None::<Step>);

    let load = move || {
        spawn_local(async move {
            match api::cycle(id).await {
                Ok(c) => {
                    fields.fill(&c);
                    errors.clear();
                    if step.get_untracked().is_none() {
                        step.set(Some(Step::for_state(c.state, role)));
                    }
                    cycle.set(Some(c));
                }
                Err(error) => errors.show(&error),
            }
        });
    };
    load();

    let set_id = Memo::new(move |_| cycle.with(|c| c.as_ref().map(|c| c.criteria_set_id)));
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

    let state = Memo::new(move |_| cycle.with(|c| c.as_ref().map(|c| c.state)));
    // Who edits which part in which state is the server's rule, shared through the model.
    let can = move |part: DossierPart| {
        Signal::derive(move || {
            role.zip(state.get())
                .is_some_and(|(role, state)| may_edit(role, state, part))
        })
    };
    let plan_can = can(DossierPart::BusinessPlan);
    let form01_can = can(DossierPart::Form01);
    let self_can = can(DossierPart::SelfAssessment);
    let samples_can = can(DossierPart::Samples);
    let files_can = can(DossierPart::Attachments);
    let commune_can = can(DossierPart::Form03);
    let show_form03 = Memo::new(move |_| {
        role == Some(Role::CommuneOfficer)
            || cycle.with(|c| c.as_ref().is_some_and(|c| c.form_03.is_some()))
    });

    let save = Callback::new(move |patch: DossierPatch| {
        let Some(before) = cycle.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        busy.set(true);
        spawn_local(async move {
            let body = merge_patch(&patch, &[]);
            let result = api::patch_dossier(id, before.version, &body).await;
            busy.set(false);
            match result {
                Ok(updated) => {
                    cycle.set(Some(updated));
                    app.notify(app.t_now().saved);
                }
                Err(error) => errors.show(&error),
            }
        });
    });
    let save_checked = move |read: fn(
        &DossierFields,
        &crate::i18n::Dict,
    ) -> Result<DossierPatch, Vec<ocop_core::FieldError>>| {
        let t = app.t_now();
        errors.clear();
        match read(&fields, t) {
            Ok(patch) => save.run(patch),
            Err(local) => errors.local(local, t),
        }
    };

    let steps = move || {
        let mut list = vec![
            Step::Idea,
            Step::Plan,
            Step::Form01,
            Step::Form02,
            Step::Files,
            Step::Submit,
        ];
        if show_form03.get() {
            list.push(Step::Form03);
        }
        list.into_iter()
            .map(|s| {
                view! {
                    <button
                        type="button"
                        id=s.id()
                        class="step"
                        class:current=move || step.get() == Some(s)
                        on:click=move |_| step.set(Some(s))
                    >
                        {move || s.label(app)}
                    </button>
                }
            })
            .collect_view()
    };

    let body = move || {
        let Some(current) = step.get() else {
            return view! { <p class="muted">{app.t().loading}</p> }.into_any();
        };
        match current {
            Step::Idea => idea_view(app, cycle).into_any(),
            Step::Plan => view! {
                <PlanStep fields errors editable=plan_can />
                <SaveButton id="plan-save" busy shown=plan_can on_save=Callback::new(move |()| save.run(fields.plan())) />
            }
            .into_any(),
            Step::Form01 => view! {
                <Form01Step fields errors editable=form01_can />
                <SaveButton id="form01-save" busy shown=form01_can on_save=Callback::new(move |()| save_checked(DossierFields::form_01)) />
            }
            .into_any(),
            Step::Form02 => remote(sheet, move |loaded| match loaded {
                None => view! { <p class="muted">{app.t().loading}</p> }.into_any(),
                Some(sheet) => view! {
                    <div class="sheet-layout">
                        <SheetForm sheet=sheet.clone() choices=fields.choices disabled=Signal::derive(move || !self_can.get()) />
                        <Scorecard sheet choices=fields.choices advise=true />
                    </div>
                    <SaveButton id="self-save" busy shown=self_can on_save=Callback::new(move |()| save.run(fields.self_assessment())) />
                }
                .into_any(),
            })
            .into_any(),
            Step::Files => view! {
                <FilesStep cycle_id=id cycle fields errors editable=files_can samples_editable=samples_can />
                <SaveButton id="samples-save" busy shown=samples_can on_save=Callback::new(move |()| save_checked(DossierFields::samples)) />
            }
            .into_any(),
            Step::Submit => checklist(app, cycle).into_any(),
            Step::Form03 => view! {
                <Form03Step fields errors editable=commune_can />
                <SaveButton id="form03-save" busy shown=commune_can on_save=Callback::new(move |()| save_checked(DossierFields::form_03)) />
            }
            .into_any(),
        }
    };

    view! {
        <section class="page cycle-page">
            <div class="page-head">
                <h1>
                    {move || app.t().ev.dossier}
                    {move || cycle.with(|c| c.as_ref().map(|c| format!(": {} ({})", c.product_name, c.year)))}
                </h1>
                <a class="back" href=Route::Cycles.href()>{move || app.t().back}</a>
            </div>
            <FormMessage errors on_reload=Callback::new(move |()| load()) />
            {move || cycle.get().map(|c| summary_view(app, c))}
            <MovesPanel cycle />
            <section class="card wizard">
                <nav class="steps" id="steps">{steps}</nav>
                <div class="step-body" id="step-body">{body}</div>
            </section>
            {move || cycle.get().map(|c| history_view(app, c))}
        </section>
    }
}

fn summary_view(app: AppState, c: CycleOut) -> impl IntoView {
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
                <p>{move || app.t().ev.average}": " <strong id="council-average">{council.result.average.to_string()}</strong></p>
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
                <dt>{move || app.t().subject}</dt>
                <dd>{c.subject_name.clone()}</dd>
                <dt>{move || app.t().product_set}</dt>
                <dd>{c.product_set.clone()}</dd>
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

fn idea_view(app: AppState, cycle: RwSignal<Option<CycleOut>>) -> impl IntoView {
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

/// What the dossier holds, as the server saved it; the move buttons above file it.
fn checklist(app: AppState, cycle: RwSignal<Option<CycleOut>>) -> impl IntoView {
    let item = move |done: bool, label: &'static str, id: &'static str| {
        view! {
            <li id=id class:done=done class:missing=!done>
                <span class="tick">{if done { "✔" } else { "✘" }}</span>
                {label}
            </li>
        }
    };
    move || {
        let t = app.t();
        cycle.get().map(|c| {
            view! {
                <ul class="checklist" id="checklist">
                    {item(c.business_plan.as_ref().is_some_and(|p| !p.trim().is_empty()), t.ev.step_plan, "check-plan")}
                    {item(c.form_01.is_some(), t.ev.step_form01, "check-form01")}
                    {item(c.self_assessment_total.is_some(), t.ev.check_self, "check-form02")}
                    {item(c.samples >= 5, t.ev.check_samples, "check-samples")}
                    {item(!c.attachments.is_empty(), t.ev.attachments, "check-files")}
                </ul>
                <p class="muted">{t.ev.submit_hint}</p>
            }
        })
    }
}

fn history_view(app: AppState, c: CycleOut) -> impl IntoView {
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
