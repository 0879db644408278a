//! The plan's activities (`#plan-activities`), grouped by quarter or by status: kind, title,
//! lead department, cooperating units, quarters, status, dates, results and the counts of
//! participants and products; each opens its detail (`activity`) and, while the plan is not
//! closed, its edit form or deletion. An activity of several quarters shows under each.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_plans::{ActivityOut, ActivityStatus, PlanId};

use super::activity::ActivityDetail;
use super::activity_form::ActivityForm;
use super::new::plan_unit_options;
use super::view::confirm;
use crate::api;
use crate::components::fields::{FormErrors, FormMessage, SelectInput};
use crate::format::{self, wire};
use crate::i18n::plans::pl;
use crate::state::{AppState, use_app, use_refs};

#[derive(Clone, PartialEq)]
enum Open {
    Nothing,
    New,
    Edit(Box<ActivityOut>),
}

/// The groups to show, in order, with their activities: `(key, heading, items)`.
fn groups(
    app: AppState,
    by: &str,
    list: &[ActivityOut],
) -> Vec<(String, String, Vec<ActivityOut>)> {
    let lang = app.lang.get();
    if by == "status" {
        ActivityStatus::ALL
            .iter()
            .map(|s| {
                let items = list.iter().filter(|a| a.status == *s).cloned().collect();
                (
                    s.as_str().to_string(),
                    lang.activity_status(*s).to_string(),
                    items,
                )
            })
            .filter(|(_, _, items): &(String, String, Vec<ActivityOut>)| !items.is_empty())
            .collect()
    } else {
        let mut out: Vec<(String, String, Vec<ActivityOut>)> = (1..=4_u8)
            .map(|q| {
                let items = list
                    .iter()
                    .filter(|a| a.quarters.contains(&q))
                    .cloned()
                    .collect();
                (format!("q{q}"), lang.quarter(q), items)
            })
            .collect();
        let none = list
            .iter()
            .filter(|a| a.quarters.is_empty())
            .cloned()
            .collect();
        out.push((
            "none".to_string(),
            pl(lang.dict()).no_quarter.to_string(),
            none,
        ));
        out.retain(|(_, _, items)| !items.is_empty());
        out
    }
}

#[component]
pub fn Activities(plan: PlanId, editable: Signal<bool>, changed: RwSignal<u32>) -> impl IntoView {
    let app = use_app();
    let refs = use_refs();
    let errors = FormErrors::new();
    let open = RwSignal::new(Open::Nothing);
    let group_by = RwSignal::new("quarter".to_string());
    let reload = RwSignal::new(0_u32);
    let activities = LocalResource::new(move || {
        reload.track();
        api::activities(plan)
    });
    let provinces = plan_unit_options();
    let units = Signal::derive(move || {
        let mut options = provinces.get().unwrap_or_default();
        options.extend(refs.commune_options());
        options
    });
    let done = Callback::new(move |()| {
        open.set(Open::Nothing);
        reload.update(|n| *n += 1);
        changed.update(|n| *n += 1);
    });
    let delete = Callback::new(move |a: ActivityOut| {
        if !confirm(pl(app.t_now()).confirm_delete) {
            return;
        }
        errors.clear();
        spawn_local(async move {
            match api::delete_activity(a.id, a.version).await {
                Ok(()) => {
                    app.notify(pl(app.t_now()).deleted);
                    done.run(());
                }
                Err(error) => errors.show(&error),
            }
        });
    });
    let edit = Callback::new(move |a: ActivityOut| open.set(Open::Edit(Box::new(a))));
    let group_options = Signal::derive(move || {
        let p = pl(app.t());
        vec![
            ("quarter".to_string(), p.by_quarter.to_string()),
            ("status".to_string(), p.by_status.to_string()),
        ]
    });
    let list = move || {
        match activities.get() {
        None => view! { <p class="muted">{app.t().loading}</p> }.into_any(),
        Some(Err(error)) => view! { <p class="form-error">{app.describe(&error)}</p> }.into_any(),
        Some(Ok(list)) if list.is_empty() => {
            view! { <p class="muted">{move || pl(app.t()).no_activities}</p> }.into_any()
        }
        Some(Ok(list)) => groups(app, &group_by.get(), &list)
            .into_iter()
            .map(|(key, heading, items)| {
                view! {
                    <div class="activity-group" data-group=key>
                        <h3>{heading}</h3>
                        <ul class="activity-list">
                            {items.into_iter().map(|a| activity_item(app, a, editable, edit, delete, changed)).collect_view()}
                        </ul>
                    </div>
                }
            })
            .collect_view()
            .into_any(),
    }
    };
    let form = move || {
        match open.get() {
        Open::Nothing => view! {
            <Show when=move || editable.get()>
                <button type="button" id="activity-add" class="primary" on:click=move |_| open.set(Open::New)>
                    {move || pl(app.t()).add_activity}
                </button>
            </Show>
        }
        .into_any(),
        Open::New => view! { <ActivityForm plan editing=None units done /> }.into_any(),
        Open::Edit(a) => view! { <ActivityForm plan editing=Some(*a) units done /> }.into_any(),
    }
    };
    view! {
        <section class="plan-activities" id="plan-activities">
            <div class="section-head">
                <h2>{move || pl(app.t()).activities}</h2>
                <label class="control">
                    <span>{move || pl(app.t()).group_by}</span>
                    <SelectInput id="activity-group-by" value=group_by options=group_options />
                </label>
            </div>
            <FormMessage errors />
            {form}
            {list}
        </section>
    }
}

fn activity_item(
    app: AppState,
    a: ActivityOut,
    editable: Signal<bool>,
    edit: Callback<ActivityOut>,
    delete: Callback<ActivityOut>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let kind = a.kind;
    let status = a.status;
    let lang = move || app.lang.get();
    let quarters = a.quarters.clone();
    let dates = match (a.starts_on, a.ends_on) {
        (Some(s), Some(e)) if s != e => format!("{} – {}", format::day(&s), format::day(&e)),
        (Some(d), _) | (None, Some(d)) => format::day(&d),
        (None, None) => String::new(),
    };
    let cooperating = a.cooperating_units.join(", ");
    let counts = format!("👥 {} · 📦 {}", a.participant_count, a.product_count);
    let expanded = RwSignal::new(false);
    let (for_edit, for_delete, for_detail) = (a.clone(), a.clone(), a.clone());
    view! {
        <li class="activity card" data-activity=a.id.to_string() data-status=wire(&status)>
            <div class="activity-head">
                <span class="badge kind">{move || lang().activity_kind(kind)}</span>
                <strong class="activity-title">{a.title.clone()}</strong>
                <span class=format!("badge activity-status {}", status.as_str())>{move || lang().activity_status(status)}</span>
            </div>
            <dl class="facts compact">
                <dt>{move || pl(app.t()).lead_department}</dt>
                <dd>{a.lead_department.clone()}</dd>
                {(!cooperating.is_empty()).then(|| view! {
                    <dt>{move || pl(app.t()).cooperating_units}</dt>
                    <dd>{cooperating.clone()}</dd>
                })}
                <dt>{move || pl(app.t()).quarters}</dt>
                <dd>{move || quarters.iter().map(|q| lang().quarter(*q)).collect::<Vec<_>>().join(", ")}</dd>
                {(!dates.is_empty()).then(|| view! {
                    <dt>{move || pl(app.t()).starts_on}</dt>
                    <dd>{dates.clone()}</dd>
                })}
                <dt>{move || pl(app.t()).unit}</dt>
                <dd>{a.unit_name.clone()}{a.place.clone().map(|p| format!(" · {p}"))}</dd>
                {a.results.clone().map(|r| view! {
                    <dt>{move || pl(app.t()).results}</dt>
                    <dd>{r}</dd>
                })}
            </dl>
            <div class="actions">
                <span class="muted counts">{counts}</span>
                <button type="button" class="small activity-open" on:click=move |_| expanded.update(|e| *e = !*e)>
                    {move || pl(app.t()).details}
                </button>
                <Show when=move || editable.get()>
                    <button type="button" class="small activity-edit" on:click={
                        let a = for_edit.clone();
                        move |_| edit.run(a.clone())
                    }>{move || pl(app.t()).edit}</button>
                    <button type="button" class="small danger activity-delete" on:click={
                        let a = for_delete.clone();
                        move |_| delete.run(a.clone())
                    }>{move || pl(app.t()).delete}</button>
                </Show>
            </div>
            <Show when=move || expanded.get()>
                <ActivityDetail activity=for_detail.clone() editable changed />
            </Show>
        </li>
    }
}
