//! One cycle: its state, the moves the caller may make, the dossier wizard (idea → plan →
//! Mẫu 01 → Mẫu 02 → samples and files → submit; Mẫu 03 for the commune) and the history.
//! Each step saves its own part of the dossier with `If-Match`.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::Role;
use ocop_evaluations::{
    CycleId, CycleOut, CycleState, DossierPart, DossierPatch, Hundredths, band, evaluate, may_edit,
};
use ocop_subjects::SubjectOut;

use super::dossier::{DossierFields, Form01Step, Form03Step, PlanStep, SaveButton};
use super::files::FilesStep;
use super::moves::MovesPanel;
use crate::api;
use crate::components::fields::{FormErrors, FormMessage, focus_id};
use crate::components::remote::remote;
use crate::components::scorecard::Scorecard;
use crate::components::sheet::SheetForm;
use crate::format::{self, merge_patch};
use crate::route::Route;
use crate::state::{AppState, use_app};

mod views;

use views::{checklist, history_view, idea_view, locked_note, subject_facts, summary_view};

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

    /// The tab that fixes a part a refusal names (`form_01`, `form_01.phone`, `samples`).
    fn for_field(field: &str) -> Option<Self> {
        let head = field.split(['.', '[']).next().unwrap_or(field);
        Some(match head {
            "business_plan" => Self::Plan,
            "form_01" => Self::Form01,
            "form_02" | "self_assessment" | "choices" => Self::Form02,
            "samples" | "file" | "attachment" => Self::Files,
            "form_03" => Self::Form03,
            _ => return None,
        })
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
    // The refused move's list (missing parts) outlives a tab switch; the step's errors do not.
    let move_errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let step = RwSignal::new(None::<Step>);
    let subject = RwSignal::new(None::<SubjectOut>);
    let prefilled = RwSignal::new(false);
    let switch = move |s: Step| {
        errors.clear();
        step.set(Some(s));
    };
    let open_part = Callback::new(move |field: String| {
        if let Some(s) = Step::for_field(&field) {
            switch(s);
            request_animation_frame(move || {
                focus_id(s.id());
            });
        }
    });

    let load = move || {
        spawn_local(async move {
            match api::cycle(id).await {
                Ok(c) => {
                    fields.fill(&c);
                    errors.clear();
                    if step.get_untracked().is_none() {
                        step.set(Some(Step::for_state(c.state, role)));
                    }
                    let subject_id = c.subject_id;
                    let blank_form01 = c.form_01.is_none()
                        && role.is_some_and(|r| may_edit(r, c.state, DossierPart::Form01));
                    cycle.set(Some(c));
                    // Mẫu 01 starts from what the subject's record already says.
                    if let Ok(s) = api::subject(subject_id).await {
                        if blank_form01 {
                            prefilled.set(fields.prefill(&s));
                        }
                        subject.set(Some(s));
                    }
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
    // The self-assessment's stars as saved, for the warning before submitting: the sheet's
    // rules when loaded (minimums cap the band), the band of the total meanwhile.
    let below_sought = Signal::derive(move || {
        let c = cycle.get()?;
        let sought = c.form_01.as_ref()?.stars_sought;
        let total = c.self_assessment_total?;
        let average = Hundredths::from_points(total);
        let rated = sheet
            .get()
            .and_then(Result::ok)
            .flatten()
            .zip(c.self_assessment.clone())
            .and_then(|(sheet, selection)| evaluate(&sheet, &selection).ok())
            .map(|out| out.stars.stars);
        let stars = format::shown_stars(rated.unwrap_or_else(|| band(average)), average);
        (stars < sought).then(|| {
            app.lang
                .get()
                .below_sought(&total.to_string(), stars, sought)
        })
    });
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
                    move_errors.clear();
                    prefilled.set(false);
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
                        aria-current=move || (step.get() == Some(s)).then_some("step")
                        on:click=move |_| switch(s)
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
                {locked_note(app, plan_can)}
                <PlanStep fields errors editable=plan_can />
                <SaveButton id="plan-save" busy shown=plan_can on_save=Callback::new(move |()| save.run(fields.plan())) />
            }
            .into_any(),
            Step::Form01 => view! {
                {locked_note(app, form01_can)}
                {move || subject.get().map(|s| subject_facts(app, s))}
                <Show when=move || prefilled.get()>
                    <p class="muted" id="form01-prefilled">{move || app.lang.get().form01_prefilled()}</p>
                </Show>
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
            Step::Submit => checklist(app, cycle, open_part).into_any(),
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
            <MovesPanel cycle errors=move_errors open=open_part links=|f| Step::for_field(f).is_some() warning=below_sought />
            <section class="card wizard">
                <nav class="steps" id="steps">{steps}</nav>
                <div class="step-body" id="step-body">{body}</div>
            </section>
            {move || cycle.get().map(|c| history_view(app, c))}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::Step;

    #[test]
    fn each_missing_part_opens_the_tab_that_fixes_it() {
        assert_eq!(Step::for_field("form_01"), Some(Step::Form01));
        assert_eq!(Step::for_field("form_01.phone"), Some(Step::Form01));
        assert_eq!(Step::for_field("form_02"), Some(Step::Form02));
        assert_eq!(Step::for_field("choices[1.2]"), Some(Step::Form02));
        assert_eq!(Step::for_field("samples"), Some(Step::Files));
        assert_eq!(Step::for_field("form_03"), Some(Step::Form03));
        assert_eq!(Step::for_field("business_plan"), Some(Step::Plan));
        assert_eq!(Step::for_field("reason"), None);
    }
}
