//! A draft plan's own changes: its title and summary (`PATCH` with `If-Match`) and deleting the
//! draft (`DELETE` with `If-Match`, confirmed first, then back to the list).

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_plans::{PlanOut, PlanPatch};

use super::view::confirm;
use crate::api;
use crate::components::fields::{Field, FormErrors, TextArea, TextInput, local_error};
use crate::format::optional;
use crate::i18n::plans::pl;
use crate::route::Route;
use crate::state::use_app;

#[component]
pub fn PlanEditor(plan: RwSignal<Option<PlanOut>>, errors: FormErrors) -> impl IntoView {
    let app = use_app();
    let open = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let title = RwSignal::new(String::new());
    let summary = RwSignal::new(String::new());
    let start = move |_| {
        plan.with_untracked(|p| {
            if let Some(p) = p {
                title.set(p.title.clone());
                summary.set(p.summary.clone().unwrap_or_default());
            }
        });
        errors.clear();
        open.set(true);
    };
    let save = move |_| {
        let Some(old) = plan.get_untracked() else {
            return;
        };
        let t = app.t_now();
        let Some(new_title) = optional(&title.get_untracked()) else {
            return errors.local(vec![local_error("title", t.required)], t);
        };
        let new_summary = summary.get_untracked().trim().to_string();
        let patch = PlanPatch {
            title: (new_title != old.title).then_some(new_title),
            // An empty summary clears it.
            summary: (Some(&new_summary) != old.summary.as_ref()
                && !(new_summary.is_empty() && old.summary.is_none()))
            .then_some(new_summary),
            phase_id: None,
        };
        if patch.title.is_none() && patch.summary.is_none() {
            open.set(false);
            return;
        }
        errors.clear();
        busy.set(true);
        spawn_local(async move {
            let result = api::patch_plan(old.id, old.version, &patch).await;
            busy.set(false);
            match result {
                Ok(p) => {
                    plan.set(Some(p));
                    open.set(false);
                    app.notify(t.saved);
                }
                Err(error) => errors.show(&error),
            }
        });
    };
    let delete = move |_| {
        let Some((id, version)) = plan.with_untracked(|p| p.as_ref().map(|p| (p.id, p.version)))
        else {
            return;
        };
        if !confirm(pl(app.t_now()).confirm_delete_plan) {
            return;
        }
        errors.clear();
        busy.set(true);
        spawn_local(async move {
            let result = api::delete_plan(id, version).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    app.notify(pl(app.t_now()).plan_deleted);
                    Route::Plans.push();
                }
                Err(error) => errors.show(&error),
            }
        });
    };
    view! {
        <div class="actions plan-edit-actions">
            <button type="button" id="plan-edit" disabled=move || busy.get() on:click=start>
                {move || pl(app.t()).edit_plan}
            </button>
            <button type="button" id="plan-delete" class="danger" disabled=move || busy.get() on:click=delete>
                {move || pl(app.t()).delete_plan}
            </button>
        </div>
        <Show when=move || open.get()>
            <div class="card form plan-edit-form">
                <div class="grid">
                    <Field name="title" label=|t| pl(t).title errors wide=true>
                        <TextInput id="field-title" value=title />
                    </Field>
                    <Field name="summary" label=|t| pl(t).summary errors wide=true>
                        <TextArea id="field-summary" value=summary />
                    </Field>
                </div>
                <div class="actions">
                    <button id="plan-save" type="button" class="primary" disabled=move || busy.get() on:click=save>
                        {move || app.t().save}
                    </button>
                    <button type="button" on:click=move |_| open.set(false)>{move || app.t().cancel}</button>
                </div>
            </div>
        </Show>
    }
}
