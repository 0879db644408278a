//! A new annual plan: the unit (the province or a commune of the caller's area), the phase it
//! carries out, the year, the title and a summary. Targets and activities are added on the plan.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::UnitId;
use ocop_core::access::Action;
use ocop_core::units::{UnitLevel, UnitQuery};
use ocop_plans::{PhaseId, PlanIn};

use crate::api;
use crate::components::fields::{
    Field, FormErrors, FormMessage, SelectInput, TextArea, TextInput, local_error,
};
use crate::format::optional;
use crate::i18n::plans::pl;
use crate::route::Route;
use crate::state::{use_app, use_refs};

/// `(id, name)` of the units a plan may be made for: the province(s) in scope, then communes.
pub fn plan_unit_options() -> LocalResource<Vec<(String, String)>> {
    LocalResource::new(|| async {
        let provinces = api::units(&UnitQuery {
            level: Some(UnitLevel::Province),
            ..Default::default()
        })
        .await
        .unwrap_or_default();
        provinces
            .into_iter()
            .map(|u| (u.id.0.to_string(), u.name))
            .collect()
    })
}

#[component]
pub fn PlanNew() -> impl IntoView {
    let app = use_app();
    let refs = use_refs();
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let unit_id = RwSignal::new(String::new());
    let phase_id = RwSignal::new(String::new());
    let year = RwSignal::new((js_sys::Date::new_0().get_full_year() as i32).to_string());
    let title = RwSignal::new(String::new());
    let summary = RwSignal::new(String::new());
    let provinces = plan_unit_options();
    let phases = LocalResource::new(api::phases);
    let unit_options = Signal::derive(move || {
        let mut options = vec![(String::new(), app.t().choose.to_string())];
        options.extend(provinces.get().unwrap_or_default());
        options.extend(refs.commune_options());
        options
    });
    // One unit in reach (a commune officer's) leaves nothing to choose.
    Effect::new(move || {
        let options = unit_options.get();
        if options.len() == 2 && unit_id.with_untracked(String::is_empty) {
            unit_id.set(options[1].0.clone());
        }
    });
    let phase_options = Signal::derive(move || {
        let mut options = vec![(String::new(), pl(app.t()).no_phase.to_string())];
        if let Some(Ok(list)) = phases.get() {
            options.extend(list.into_iter().map(|p| {
                (
                    p.id.to_string(),
                    format!("{} ({}–{})", p.name, p.start_year, p.end_year),
                )
            }));
        }
        options
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        let t = app.t_now();
        let mut local = Vec::new();
        let unit = unit_id.get_untracked().parse::<i32>().ok().map(UnitId);
        if unit.is_none() {
            local.push(local_error("unit_id", t.required));
        }
        let year_value = year.get_untracked().trim().parse::<i32>().ok();
        if year_value.is_none() {
            local.push(local_error("year", t.whole_number));
        }
        let title_text = optional(&title.get_untracked());
        if title_text.is_none() {
            local.push(local_error("title", t.required));
        }
        let (Some(unit_id), Some(year), Some(title)) = (unit, year_value, title_text) else {
            return errors.local(local, t);
        };
        let input = PlanIn {
            unit_id,
            phase_id: phase_id.get_untracked().parse::<PhaseId>().ok(),
            year,
            title,
            summary: optional(&summary.get_untracked()),
        };
        busy.set(true);
        spawn_local(async move {
            let result = api::create_plan(&input).await;
            busy.set(false);
            match result {
                Ok(plan) => {
                    app.notify(app.t_now().created);
                    app.go(Route::Plan(plan.id));
                }
                Err(error) => errors.show(&error),
            }
        });
    };

    view! {
        <section class="page plan-new">
            <div class="page-head">
                <h1>{move || pl(app.t()).new_plan}</h1>
                <a class="back" href=Route::Plans.href()>{move || pl(app.t()).to_list}</a>
            </div>
            <form class="card form" on:submit=submit novalidate>
                <FormMessage errors />
                <fieldset class="grid" disabled=move || !app.can(Action::PlansManage)>
                    <Field name="unit_id" label=|t| pl(t).unit errors>
                        <SelectInput id="field-unit_id" value=unit_id options=unit_options />
                    </Field>
                    <Field name="phase_id" label=|t| pl(t).phase errors>
                        <SelectInput id="field-phase_id" value=phase_id options=phase_options />
                    </Field>
                    <Field name="year" label=|t| pl(t).year errors>
                        <TextInput id="field-year" value=year numeric=true />
                    </Field>
                    <Field name="title" label=|t| pl(t).title errors wide=true>
                        <TextInput id="field-title" value=title />
                    </Field>
                    <Field name="summary" label=|t| pl(t).summary errors wide=true>
                        <TextArea id="field-summary" value=summary />
                    </Field>
                </fieldset>
                <div class="actions">
                    <button id="form-submit" type="submit" class="primary" disabled=move || busy.get()>
                        {move || if busy.get() { app.t().saving } else { app.t().save }}
                    </button>
                    <a id="form-cancel" class="button" href=Route::Plans.href()>{move || app.t().cancel}</a>
                </div>
            </form>
        </section>
    }
}
