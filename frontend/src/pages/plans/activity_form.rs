//! An activity's form (`#activity-form`): new, or an edit sent with `If-Match`. The kind is
//! fixed once made (another kind is another activity); cooperating units are one a line.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::UnitId;
use ocop_plans::{ActivityIn, ActivityKind, ActivityOut, ActivityPatch, ActivityStatus, PlanId};

use super::checks::Checks;
use crate::api;
use crate::components::fields::{
    Field, FormErrors, FormMessage, SelectInput, TextArea, TextInput, local_error,
};
use crate::format::{merge_patch, optional, optional_date};
use crate::i18n::plans::pl;
use crate::state::use_app;

#[component]
pub fn ActivityForm(
    plan: PlanId,
    editing: Option<ActivityOut>,
    units: Signal<Vec<(String, String)>>,
    done: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let a = editing.as_ref();
    let text = |f: fn(&ActivityOut) -> String| RwSignal::new(a.map(f).unwrap_or_default());
    let kind = RwSignal::new(a.map_or(String::new(), |a| a.kind.as_str().to_string()));
    let title = text(|a| a.title.clone());
    let lead = text(|a| a.lead_department.clone());
    let cooperating = text(|a| a.cooperating_units.join("\n"));
    let quarters = RwSignal::new(
        a.map(|a| a.quarters.iter().map(u8::to_string).collect::<Vec<_>>())
            .unwrap_or_default(),
    );
    let unit_id = text(|a| a.unit_id.0.to_string());
    let place = text(|a| a.place.clone().unwrap_or_default());
    let starts_on = text(|a| a.starts_on.map(|d| d.to_string()).unwrap_or_default());
    let ends_on = text(|a| a.ends_on.map(|d| d.to_string()).unwrap_or_default());
    let status = RwSignal::new(
        a.map_or(ActivityStatus::Planned, |a| a.status)
            .as_str()
            .to_string(),
    );
    let results = text(|a| a.results.clone().unwrap_or_default());
    let before = a.map(|a| (a.id, a.version));
    let is_edit = before.is_some();

    let kind_options = Signal::derive(move || {
        let lang = app.lang.get();
        let mut options = vec![(String::new(), app.t().choose.to_string())];
        options.extend(
            ActivityKind::ALL
                .iter()
                .map(|k| (k.as_str().to_string(), lang.activity_kind(*k).to_string())),
        );
        options
    });
    let status_options = Signal::derive(move || {
        let lang = app.lang.get();
        ActivityStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), lang.activity_status(*s).to_string()))
            .collect::<Vec<_>>()
    });
    let unit_options = Signal::derive(move || {
        let mut options = vec![(String::new(), app.t().choose.to_string())];
        options.extend(units.get());
        options
    });
    let quarter_options = Signal::derive(move || {
        let lang = app.lang.get();
        (1..=4_u8)
            .map(|q| (q.to_string(), lang.quarter(q)))
            .collect::<Vec<_>>()
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        let t = app.t_now();
        let mut local = Vec::new();
        let kind_value = ActivityKind::parse(&kind.get_untracked());
        if kind_value.is_none() {
            local.push(local_error("kind", t.required));
        }
        let title_value = optional(&title.get_untracked());
        if title_value.is_none() {
            local.push(local_error("title", t.required));
        }
        let lead_value = optional(&lead.get_untracked());
        if lead_value.is_none() {
            local.push(local_error("lead_department", t.required));
        }
        let unit = unit_id.get_untracked().parse::<i32>().ok().map(UnitId);
        if unit.is_none() {
            local.push(local_error("unit_id", t.required));
        }
        let day = |v: RwSignal<String>, name: &str, local: &mut Vec<_>| {
            optional_date(&v.get_untracked()).unwrap_or_else(|()| {
                local.push(local_error(name, t.bad_date));
                None
            })
        };
        let starts = day(starts_on, "starts_on", &mut local);
        let ends = day(ends_on, "ends_on", &mut local);
        let (Some(kind), Some(title), Some(lead_department), Some(unit_id)) =
            (kind_value, title_value, lead_value, unit)
        else {
            return errors.local(local, t);
        };
        if !local.is_empty() {
            return errors.local(local, t);
        }
        let mut qs: Vec<u8> = quarters
            .get_untracked()
            .iter()
            .filter_map(|q| q.parse().ok())
            .collect();
        qs.sort_unstable();
        let input = ActivityIn {
            kind,
            title,
            lead_department,
            cooperating_units: cooperating
                .get_untracked()
                .lines()
                .filter_map(optional)
                .collect(),
            quarters: qs,
            unit_id,
            place: optional(&place.get_untracked()),
            starts_on: starts,
            ends_on: ends,
            status: ActivityStatus::parse(&status.get_untracked())
                .unwrap_or(ActivityStatus::Planned),
            results: optional(&results.get_untracked()),
        };
        busy.set(true);
        spawn_local(async move {
            let result = match before {
                Some((id, version)) => {
                    let patch = ActivityPatch {
                        title: Some(input.title),
                        lead_department: Some(input.lead_department),
                        cooperating_units: Some(input.cooperating_units),
                        quarters: Some(input.quarters),
                        unit_id: Some(input.unit_id),
                        place: input.place,
                        starts_on: input.starts_on,
                        ends_on: input.ends_on,
                        status: Some(input.status),
                        results: input.results,
                    };
                    api::patch_activity(id, version, &merge_patch(&patch, &[]))
                        .await
                        .map(|_| ())
                }
                None => api::create_activity(plan, &input).await.map(|_| ()),
            };
            busy.set(false);
            match result {
                Ok(()) => {
                    app.notify(if is_edit {
                        app.t_now().saved
                    } else {
                        app.t_now().created
                    });
                    done.run(());
                }
                Err(error) => errors.show(&error),
            }
        });
    };

    view! {
        <form class="card form activity-form" id="activity-form" on:submit=submit novalidate>
            <FormMessage errors />
            <fieldset class="grid">
                <Field name="kind" label=|t| pl(t).kind errors>
                    <SelectInput id="field-kind" value=kind options=kind_options disabled=is_edit />
                </Field>
                <Field name="status" label=|t| t.status errors>
                    <SelectInput id="field-status" value=status options=status_options />
                </Field>
                <Field name="title" label=|t| pl(t).activity_title errors wide=true>
                    <TextInput id="field-title" value=title />
                </Field>
                <Field name="lead_department" label=|t| pl(t).lead_department errors>
                    <TextInput id="field-lead_department" value=lead />
                </Field>
                <Field name="cooperating_units" label=|t| pl(t).cooperating_units errors hint=|t| pl(t).cooperating_hint>
                    <TextArea id="field-cooperating_units" value=cooperating />
                </Field>
                <Field name="quarters" label=|t| pl(t).quarters errors>
                    <Checks id="field-quarters" value=quarters options=quarter_options />
                </Field>
                <Field name="unit_id" label=|t| pl(t).unit errors>
                    <SelectInput id="field-unit_id" value=unit_id options=unit_options />
                </Field>
                <Field name="place" label=|t| pl(t).place errors>
                    <TextInput id="field-place" value=place />
                </Field>
                <Field name="starts_on" label=|t| pl(t).starts_on errors>
                    <TextInput id="field-starts_on" value=starts_on kind="date" />
                </Field>
                <Field name="ends_on" label=|t| pl(t).ends_on errors>
                    <TextInput id="field-ends_on" value=ends_on kind="date" />
                </Field>
                <Field name="results" label=|t| pl(t).results errors wide=true>
                    <TextArea id="field-results" value=results />
                </Field>
            </fieldset>
            <div class="actions">
                <button id="activity-save" type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { app.t().saving } else { app.t().save }}
                </button>
                <button type="button" id="activity-cancel" on:click=move |_| done.run(())>{move || app.t().cancel}</button>
            </div>
        </form>
    }
}
