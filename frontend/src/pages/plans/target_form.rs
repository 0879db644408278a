//! A target's form (`#target-form`): the metric from the catalogue with the filters it takes,
//! the area, the period, the direction, the target (or range) and an optional baseline — a
//! share's as its numerator and denominator. A share's target is typed in %, sent in basis
//! points. Server errors land beside the field they name (`filter.min_stars`, `baseline.…`).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_evaluations::RecognitionLevel;
use ocop_plans::{Audience, Direction, Measure, MetricInfo, PlanId, PointOfSaleKind, TargetOut};
use ocop_subjects::SubjectKind;

use super::checks::Checks;
use super::target_inputs::{Inputs, patch_of};
use crate::api;
use crate::components::fields::{Field, FormErrors, FormMessage, SelectInput, TextInput};
use crate::format::wire;
use crate::i18n::plans::pl;
use crate::state::use_app;

const LEVELS: [RecognitionLevel; 3] = [
    RecognitionLevel::District,
    RecognitionLevel::Province,
    RecognitionLevel::Central,
];

/// The add/edit form; `done` runs after a save.
#[component]
pub fn TargetForm(
    plan: PlanId,
    year: i32,
    editing: Option<TargetOut>,
    metrics: Vec<MetricInfo>,
    units: Signal<Vec<(String, String)>>,
    done: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let inputs = Inputs::new(year, editing.as_ref());
    let is_edit = editing.is_some();
    let before = editing.as_ref().map(|t| (t.id, t.version));
    let infos = StoredValue::new(metrics);
    let metric_options = Signal::derive(move || {
        let lang = app.lang.get();
        let mut options = vec![(String::new(), app.t().choose.to_string())];
        options.extend(infos.with_value(|list| {
            list.iter()
                .map(|i| {
                    (
                        i.metric.as_str().to_string(),
                        lang.metric(i.metric).to_string(),
                    )
                })
                .collect::<Vec<_>>()
        }));
        options
    });
    let takes = move |name: &str| {
        let metric = inputs.metric();
        infos.with_value(|list| {
            list.iter()
                .find(|i| Some(i.metric) == metric)
                .is_some_and(|i| i.filters.iter().any(|f| f == name))
        })
    };
    let is_share = move || {
        inputs
            .metric()
            .is_some_and(|m| m.measure() == Measure::Share)
    };
    let unit_options = Signal::derive(move || {
        let mut options = vec![(String::new(), app.t().choose.to_string())];
        options.extend(units.get());
        options
    });
    let direction_options = Signal::derive(move || {
        let lang = app.lang.get();
        Direction::ALL
            .iter()
            .map(|d| (d.as_str().to_string(), lang.direction(*d).to_string()))
            .collect::<Vec<_>>()
    });
    let any = move || (String::new(), pl(app.t()).any.to_string());
    let star_options = Signal::derive(move || {
        let mut options = vec![any()];
        options.extend((3..=5).map(|s| (s.to_string(), format!("{s} ★"))));
        options
    });
    let level_options = Signal::derive(move || {
        let lang = app.lang.get();
        let mut options = vec![any()];
        options.extend(LEVELS.map(|l| (wire(&l), lang.level(l).to_string())));
        options
    });
    let audience_options = Signal::derive(move || {
        let lang = app.lang.get();
        let mut options = vec![any()];
        options.extend(
            Audience::ALL
                .iter()
                .map(|a| (a.as_str().to_string(), lang.audience(*a).to_string())),
        );
        options
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        let t = app.t_now();
        let input = match infos.with_value(|list| inputs.read(list, t)) {
            Ok(input) => input,
            Err(local) => return errors.local(local, t),
        };
        busy.set(true);
        spawn_local(async move {
            let result = match before {
                Some((id, version)) => api::patch_target(id, version, &patch_of(input))
                    .await
                    .map(|_| ()),
                None => api::create_target(plan, &input).await.map(|_| ()),
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
        <form class="card form target-form" id="target-form" on:submit=submit novalidate>
            <FormMessage errors />
            <fieldset class="grid">
                <Field name="metric" label=|t| pl(t).metric errors wide=true>
                    <SelectInput id="field-metric" value=inputs.metric options=metric_options disabled=is_edit />
                </Field>
                <Field name="title" label=|t| pl(t).title errors wide=true>
                    <TextInput id="field-title" value=inputs.title />
                </Field>
                <Field name="unit_id" label=|t| pl(t).unit errors>
                    <SelectInput id="field-unit_id" value=inputs.unit_id options=unit_options />
                </Field>
                <Field name="direction" label=|t| pl(t).direction errors>
                    <SelectInput id="field-direction" value=inputs.direction options=direction_options />
                </Field>
                <Field name="start_year" label=|t| pl(t).start_year errors>
                    <TextInput id="field-start_year" value=inputs.start_year numeric=true />
                </Field>
                <Field name="end_year" label=|t| pl(t).end_year errors>
                    <TextInput id="field-end_year" value=inputs.end_year numeric=true />
                </Field>
                <Field name="target" label=|t| pl(t).target errors>
                    <TextInput id="field-target" value=inputs.target numeric=true />
                </Field>
                <Field name="target_max" label=|t| pl(t).target_max errors>
                    <TextInput id="field-target_max" value=inputs.target_max numeric=true />
                </Field>
                <Show when=is_share>
                    <p class="hint wide">{move || pl(app.t()).share_hint}</p>
                </Show>
                <Field name="baseline.numerator" label=|t| pl(t).baseline_numerator errors hint=|t| pl(t).baseline_hint>
                    <TextInput id="field-baseline.numerator" value=inputs.baseline numeric=true />
                </Field>
                <Show when=is_share>
                    <Field name="baseline.denominator" label=|t| pl(t).baseline_denominator errors>
                        <TextInput id="field-baseline.denominator" value=inputs.baseline_of numeric=true />
                    </Field>
                </Show>
                <Show when=move || takes("min_stars")>
                    <Field name="filter.min_stars" label=|t| pl(t).min_stars errors>
                        <SelectInput id="field-filter.min_stars" value=inputs.min_stars options=star_options />
                    </Field>
                    <Field name="filter.max_stars" label=|t| pl(t).max_stars errors>
                        <SelectInput id="field-filter.max_stars" value=inputs.max_stars options=star_options />
                    </Field>
                </Show>
                <Show when=move || takes("level")>
                    <Field name="filter.level" label=|t| pl(t).level errors>
                        <SelectInput id="field-filter.level" value=inputs.level options=level_options />
                    </Field>
                </Show>
                <Show when=move || takes("audience")>
                    <Field name="filter.audience" label=|t| pl(t).audience errors>
                        <SelectInput id="field-filter.audience" value=inputs.audience options=audience_options />
                    </Field>
                </Show>
                <Show when=move || takes("subject_kinds")>
                    <Field name="filter.subject_kinds" label=|t| pl(t).subject_kinds errors wide=true>
                        <Checks
                            id="field-filter.subject_kinds"
                            value=inputs.subject_kinds
                            options=Signal::derive(move || {
                                let lang = app.lang.get();
                                SubjectKind::ALL.map(|k| (k.as_str().to_string(), lang.kind(k).to_string())).to_vec()
                            })
                        />
                    </Field>
                </Show>
                <Show when=move || takes("point_kinds")>
                    <Field name="filter.point_kinds" label=|t| pl(t).point_kinds errors wide=true>
                        <Checks
                            id="field-filter.point_kinds"
                            value=inputs.point_kinds
                            options=Signal::derive(move || {
                                let lang = app.lang.get();
                                PointOfSaleKind::ALL.iter().map(|k| (k.as_str().to_string(), lang.point_kind(*k).to_string())).collect::<Vec<_>>()
                            })
                        />
                    </Field>
                </Show>
            </fieldset>
            <div class="actions">
                <button id="target-save" type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { app.t().saving } else { app.t().save }}
                </button>
                <button type="button" id="target-cancel" on:click=move |_| done.run(())>{move || app.t().cancel}</button>
            </div>
        </form>
    }
}
