//! Creating and editing a subject. An edit sends only what changed, with `If-Match`.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::SubjectId;
use ocop_core::access::Action;
use ocop_subjects::{SubjectKind, SubjectOut, SubjectStatus};

use super::STATUSES;
use super::fields::{Fields, diff};
use crate::api;
use crate::components::fields::{
    CheckInput, Field, FormErrors, FormMessage, SelectInput, TextInput,
};
use crate::route::Route;
use crate::state::{use_app, use_refs};

#[component]
pub fn SubjectForm(id: Option<SubjectId>) -> impl IntoView {
    let app = use_app();
    let refs = use_refs();
    let fields = Fields::new();
    let errors = FormErrors::new();
    let loaded = RwSignal::new(None::<SubjectOut>);
    let busy = RwSignal::new(false);
    let editing = id.is_some();
    // Cancel goes back where the form was opened from: the record, or the list.
    let back_href = id.map_or(Route::Subjects, Route::Subject).href();

    let load = move || {
        if let Some(id) = id {
            spawn_local(async move {
                match api::subject(id).await {
                    Ok(subject) => {
                        fields.fill(&subject);
                        errors.clear();
                        loaded.set(Some(subject));
                    }
                    Err(error) => errors.show(&error),
                }
            });
        }
    };
    load();
    if !editing {
        // A scope of a single commune leaves nothing to choose.
        Effect::new(move || {
            if let [(only, _)] = refs.commune_options().as_slice()
                && fields.unit_id.with_untracked(String::is_empty)
            {
                fields.unit_id.set(only.clone());
            }
        });
    }

    let can_save = Signal::derive(move || {
        app.can(if editing {
            Action::SubjectsUpdate
        } else {
            Action::SubjectsCreate
        }) && (!editing || loaded.with(Option::is_some))
    });
    let can_administer = move || app.can(Action::SubjectsAdminister);
    // Producers edit their own record but not what identifies it.
    let locked = Signal::derive(move || editing && !can_administer());
    let has_members = move || fields.kind().is_some_and(SubjectKind::has_members);

    let kind_options = Signal::derive(move || {
        let lang = app.lang.get();
        let mut options = vec![(String::new(), lang.dict().choose.to_string())];
        options
            .extend(SubjectKind::ALL.map(|k| (k.as_str().to_string(), lang.kind(k).to_string())));
        options
    });
    let unit_options = Signal::derive(move || {
        let mut options = vec![(String::new(), app.t().choose.to_string())];
        options.extend(refs.commune_options());
        // A subject registered in a commune no longer in force still shows its own.
        if let Some(s) = loaded.get()
            && !options.iter().any(|(id, _)| *id == s.unit_id.0.to_string())
        {
            options.push((s.unit_id.0.to_string(), s.unit_name));
        }
        options
    });
    let status_options = Signal::derive(move || {
        let lang = app.lang.get();
        STATUSES
            .map(|s| (s.as_str().to_string(), lang.subject_status(s).to_string()))
            .to_vec()
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || !can_save.get_untracked() {
            return;
        }
        errors.clear();
        let t = app.t_now();
        let input = match fields.read(t) {
            Ok(input) => input,
            Err(local) => return errors.local(local, t),
        };
        let status = fields.status.with_untracked(|s| SubjectStatus::parse(s));
        let before = loaded.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let result = match (id, before) {
                (Some(id), Some(before)) => {
                    let patch = diff(input, status, &before);
                    if patch.as_object().is_some_and(|p| p.is_empty()) {
                        Ok((t.nothing_changed, Some(id)))
                    } else {
                        api::patch_subject(id, before.version, &patch)
                            .await
                            .map(|_| (t.saved, Some(id)))
                    }
                }
                _ => api::create_subject(&input)
                    .await
                    .map(|created| (t.created, Some(created.id))),
            };
            busy.set(false);
            match result {
                // To the record just made or changed, where its links are.
                Ok((message, record)) => {
                    app.notify(message);
                    app.go(record.map_or(Route::Subjects, Route::Subject));
                }
                Err(error) => errors.show(&error),
            }
        });
    };

    view! {
        <section class="page">
            <div class="page-head">
                <h1>{move || if editing { app.t().edit_subject } else { app.t().new_subject }}</h1>
                <a class="back" href=back_href.clone()>
                    {move || if editing { app.lang.get().rec_to_record() } else { app.t().back }}
                </a>
            </div>
            <form class="card form" on:submit=submit novalidate>
                <FormMessage errors on_reload=Callback::new(move |()| load()) />
                <Show when=move || editing && !app.can(Action::SubjectsUpdate)>
                    <p class="muted">{move || app.t().read_only}</p>
                </Show>
                <fieldset class="grid" disabled=move || !can_save.get()>
                    <Field name="name" label=|t| t.name errors wide=true>
                        <TextInput id="field-name" value=fields.name />
                    </Field>
                    <Field name="kind" label=|t| t.kind errors>
                        <SelectInput id="field-kind" value=fields.kind options=kind_options disabled=locked />
                    </Field>
                    <Field name="registration_code" label=|t| t.registration_code errors>
                        <TextInput id="field-registration_code" value=fields.registration_code disabled=locked />
                    </Field>
                    <Field name="legal_representative" label=|t| t.legal_representative errors>
                        <TextInput id="field-legal_representative" value=fields.legal_representative />
                    </Field>
                    <Field name="unit_id" label=|t| t.unit errors>
                        <SelectInput id="field-unit_id" value=fields.unit_id options=unit_options disabled=locked />
                    </Field>
                    <Field name="address" label=|t| t.address errors wide=true>
                        <TextInput id="field-address" value=fields.address />
                    </Field>
                    <Field name="phone" label=|t| t.phone errors>
                        <TextInput id="field-phone" value=fields.phone kind="tel" />
                    </Field>
                    <Field name="email" label=|t| t.email errors>
                        <TextInput id="field-email" value=fields.email kind="email" />
                    </Field>
                    <Field name="founded_on" label=|t| t.founded_on errors>
                        <TextInput id="field-founded_on" value=fields.founded_on kind="date" />
                    </Field>
                    <Show when=has_members>
                        <Field name="member_count" label=|t| t.member_count errors>
                            <TextInput id="field-member_count" value=fields.member_count numeric=true />
                        </Field>
                    </Show>
                    <Field name="women_led" label=|t| t.women_led errors>
                        <CheckInput id="field-women_led" value=fields.women_led />
                    </Field>
                    <Show when=move || editing && can_administer()>
                        <Field name="status" label=|t| t.status errors>
                            <SelectInput id="field-status" value=fields.status options=status_options />
                        </Field>
                    </Show>
                </fieldset>
                <div class="actions">
                    <Show when=move || can_save.get()>
                        <button id="form-submit" type="submit" class="primary" disabled=move || busy.get()>
                            {move || if busy.get() { app.t().saving } else { app.t().save }}
                        </button>
                    </Show>
                    <a id="form-cancel" class="button" href=back_href>{move || app.t().cancel}</a>
                </div>
            </form>
        </section>
    }
}
