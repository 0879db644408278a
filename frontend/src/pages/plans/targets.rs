//! The targets editor of a draft plan (`#targets-editor`): the targets as set, each with edit
//! and delete (with `If-Match`), and the form to add one. Every change re-reads the progress.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_plans::{PlanId, TargetOut};

use super::new::plan_unit_options;
use super::target_form::TargetForm;
use super::view::confirm;
use super::{show_target, show_years};
use crate::api;
use crate::components::fields::{FormErrors, FormMessage};
use crate::i18n::plans::pl;
use crate::state::{use_app, use_refs};

/// Which form is open: none, a new target, or one being edited.
#[derive(Clone, PartialEq)]
enum Open {
    Nothing,
    New,
    Edit(Box<TargetOut>),
}

#[component]
pub fn TargetsEditor(plan: PlanId, year: i32, changed: RwSignal<u32>) -> impl IntoView {
    let app = use_app();
    let refs = use_refs();
    let errors = FormErrors::new();
    let open = RwSignal::new(Open::Nothing);
    let reload = RwSignal::new(0_u32);
    let targets = LocalResource::new(move || {
        reload.track();
        api::targets(plan)
    });
    let metrics = LocalResource::new(api::metrics);
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
    let delete = move |t: TargetOut| {
        if !confirm(pl(app.t_now()).confirm_delete) {
            return;
        }
        errors.clear();
        spawn_local(async move {
            match api::delete_target(t.id, t.version).await {
                Ok(()) => {
                    app.notify(pl(app.t_now()).deleted);
                    done.run(());
                }
                Err(error) => errors.show(&error),
            }
        });
    };
    let rows = move || {
        let list = targets.get().and_then(Result::ok).unwrap_or_default();
        list.into_iter()
            .map(|t| {
                let lang = app.lang.get();
                let edit = t.clone();
                let del = t.clone();
                view! {
                    <li class="target-item" data-target=t.id.to_string()>
                        <span class="grow">
                            <strong>{t.title.clone()}</strong>
                            <span class="sub">
                                {format!(
                                    " {} · {} · {}",
                                    lang.metric(t.metric),
                                    show_years(t.start_year, t.end_year),
                                    show_target(lang, t.measure, t.target, t.target_max),
                                )}
                            </span>
                        </span>
                        <button type="button" class="small target-edit" on:click=move |_| open.set(Open::Edit(Box::new(edit.clone())))>
                            {move || pl(app.t()).edit}
                        </button>
                        <button type="button" class="small danger target-delete" on:click=move |_| delete(del.clone())>
                            {move || pl(app.t()).delete}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let form = move || {
        let metrics = metrics.get().and_then(Result::ok).unwrap_or_default();
        match open.get() {
            Open::Nothing => view! {
                <button type="button" id="target-add" class="primary" on:click=move |_| open.set(Open::New)>
                    {move || pl(app.t()).add_target}
                </button>
            }
            .into_any(),
            Open::New => view! { <TargetForm plan year editing=None metrics units done /> }.into_any(),
            Open::Edit(t) => view! { <TargetForm plan year editing=Some(*t) metrics units done /> }.into_any(),
        }
    };
    view! {
        <section class="targets-editor" id="targets-editor">
            <FormMessage errors />
            <ul class="target-list">{rows}</ul>
            {form}
        </section>
    }
}
