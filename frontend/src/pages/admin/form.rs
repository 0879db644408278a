//! Creating an account, and an account's page: its name, role and unit (sent with `If-Match`,
//! only what changed), then disabling and password reset (see `access`). A new account opens
//! its own page once created.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::access::Action;
use ocop_core::users::UserOut;
use ocop_core::{Role, UserId};
use ocop_subjects::{SubjectOut, SubjectQuery, SubjectSort};

use super::access::AccessPanel;
use super::fields::{Fields, diff, level_of, takes_subject};
use super::units::{UnitBook, UnitPicker};
use super::{AdminField, adm, when_allowed};
use crate::api;
use crate::components::fields::{FormErrors, FormMessage, SelectInput, TextInput};
use crate::format::{optional, wire};
use crate::route::Route;
use crate::state::{AppState, use_app};

/// How many subjects the picker lists; typing in its filter narrows them.
const SUBJECT_CHOICES: u64 = 100;

#[component]
pub fn UserForm(id: Option<UserId>) -> impl IntoView {
    when_allowed(
        Action::UsersManage,
        |t| t.not_allowed,
        move || view! { <Form id /> },
    )
}

fn me(app: AppState) -> Option<UserOut> {
    app.user.get()
}

#[component]
fn Form(id: Option<UserId>) -> impl IntoView {
    let app = use_app();
    let book = UnitBook::load();
    let fields = Fields::new();
    let errors = FormErrors::new();
    let loaded = RwSignal::new(None::<UserOut>);
    let linked_subject = RwSignal::new(None::<SubjectOut>);
    let busy = RwSignal::new(false);
    let editing = id.is_some();

    let load = move || {
        if let Some(id) = id {
            spawn_local(async move {
                match api::user(id).await {
                    Ok(user) => {
                        fields.fill(&user);
                        errors.clear();
                        if let Some(subject) = user.subject_id
                            && linked_subject.with_untracked(Option::is_none)
                        {
                            linked_subject.set(api::subject(subject).await.ok());
                        }
                        loaded.set(Some(user));
                    }
                    Err(error) => errors.show(&error),
                }
            });
        }
    };
    load();

    // Editing someone means holding a role above theirs.
    let can_save = Memo::new(move |_| {
        let Some(me) = me(app) else { return false };
        match loaded.get() {
            Some(user) => me.role.can_grant(user.role),
            None => !editing,
        }
    });
    // The panels below the form belong to the account, not to its version: a save must not
    // rebuild them.
    let loaded_id = Memo::new(move |_| loaded.with(|u| u.as_ref().map(|u| u.id)));
    let is_me = Memo::new(move |_| loaded_id.get() == me(app).map(|m| m.id));

    let role_options = Signal::derive(move || {
        let lang = app.lang.get();
        let mine = me(app).map(|m| m.role);
        let current = loaded.with(|u| u.as_ref().map(|u| u.role));
        let mut options = vec![(String::new(), app.t().choose.to_string())];
        options.extend(
            Role::ALL
                .into_iter()
                // Districts were abolished: no new account belongs to one.
                .filter(|r| {
                    Some(*r) == current
                        || (*r != Role::DistrictOfficer && mine.is_some_and(|m| m.can_grant(*r)))
                })
                .map(|r| (wire(&r), lang.role(r).to_string())),
        );
        options
    });
    let level = Signal::derive(move || level_of(fields.role()));

    let subject_filter = RwSignal::new(String::new());
    // What is typed, settled into `subject_filter` after a pause, so a name being typed is
    // one request, not one per letter.
    let subject_typed = RwSignal::new(String::new());
    let type_subject = move |typed: String| {
        subject_typed.set(typed.clone());
        set_timeout(
            move || {
                if subject_typed
                    .try_get_untracked()
                    .is_some_and(|t| t == typed)
                {
                    subject_filter.set(typed);
                }
            },
            std::time::Duration::from_millis(300),
        );
    };
    // The chosen subject, kept among the options when a new filter leaves it out, so the
    // select never shows "choose" while the form still holds a subject.
    let chosen_subject = RwSignal::new(None::<(String, String)>);
    let picks_subject = Signal::derive(move || !editing && takes_subject(fields.role()));
    let subject_choices = LocalResource::new(move || {
        let query = SubjectQuery {
            q: optional(&subject_filter.get()),
            sort: Some(SubjectSort::NameAsc),
            per_page: Some(SUBJECT_CHOICES),
            ..Default::default()
        };
        let wanted = picks_subject.get();
        async move {
            if wanted {
                api::subjects(&query).await.map(|p| p.items)
            } else {
                Ok(Vec::new())
            }
        }
    });
    let subject_options = Signal::derive(move || {
        let t = adm();
        let first = if fields.role() == Some(Role::Producer) {
            app.t().choose
        } else {
            t.no_subject
        };
        let mut options = vec![(String::new(), first.to_string())];
        let choices = subject_choices
            .get()
            .and_then(Result::ok)
            .unwrap_or_default();
        options.extend(
            choices
                .into_iter()
                .map(|s| (s.id.to_string(), format!("{} — {}", s.name, s.unit_name))),
        );
        let chosen = fields.subject_id.get();
        if !chosen.is_empty()
            && !options.iter().any(|(id, _)| *id == chosen)
            && let Some(kept) = chosen_subject.get().filter(|(id, _)| *id == chosen)
        {
            options.push(kept);
        }
        options
    });
    Effect::watch(
        move || (fields.subject_id.get(), subject_choices.get()),
        move |(chosen, choices), _, _| {
            if let Some(found) = choices
                .as_ref()
                .and_then(|c| c.as_ref().ok())
                .and_then(|list| list.iter().find(|s| s.id.to_string() == *chosen))
            {
                chosen_subject.set(Some((
                    chosen.clone(),
                    format!("{} — {}", found.name, found.unit_name),
                )));
            }
        },
        true,
    );
    // A producer belongs where its subject is registered.
    Effect::watch(
        move || fields.subject_id.get(),
        move |chosen, _, _| {
            if fields.role.with_untracked(|r| r == "producer")
                && let Some(subject) = subject_choices
                    .get_untracked()
                    .and_then(Result::ok)
                    .and_then(|list| list.into_iter().find(|s| s.id.to_string() == *chosen))
            {
                fields.unit_id.set(subject.unit_id.0.to_string());
            }
        },
        false,
    );

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || !can_save.get_untracked() {
            return;
        }
        errors.clear();
        let lang = app.lang.get_untracked();
        let (t, dict) = (lang.admin(), lang.dict());
        let before = loaded.get_untracked();
        if let Some(before) = before {
            let (full_name, role, unit_id) = match fields.common(t) {
                Ok(values) => values,
                Err(local) => return errors.local(local, dict),
            };
            let patch = diff(full_name, role, unit_id, &before);
            if patch.full_name.is_none() && patch.role.is_none() && patch.unit_id.is_none() {
                app.notify(dict.nothing_changed);
                return;
            }
            busy.set(true);
            spawn_local(async move {
                let result = api::patch_user(before.id, before.version, &patch).await;
                busy.set(false);
                match result {
                    Ok(user) => {
                        fields.fill(&user);
                        loaded.set(Some(user));
                        app.notify(dict.saved);
                    }
                    Err(error) => errors.show(&error),
                }
            });
            return;
        }
        let input = match fields.create(t) {
            Ok(input) => input,
            Err(local) => return errors.local(local, dict),
        };
        busy.set(true);
        spawn_local(async move {
            let result = api::create_user(&input).await;
            busy.set(false);
            match result {
                Ok(user) => {
                    app.notify(t.created);
                    app.go(Route::User(user.id));
                }
                Err(error) => errors.show(&error),
            }
        });
    };

    let title = move || match loaded.get() {
        Some(user) => user.full_name,
        None if editing => adm().edit_user.to_string(),
        None => adm().new_user.to_string(),
    };

    view! {
        <section class="page admin">
            <div class="page-head">
                <h1 id="user-title">{title}</h1>
                <a class="back" href=Route::Users.href()>{move || app.t().back}</a>
            </div>
            <form id="user-form" class="card form" on:submit=submit novalidate>
                <FormMessage errors on_reload=Callback::new(move |()| load()) />
                <Show when=move || editing && loaded.with(Option::is_some) && !can_save.get()>
                    <p id="user-read-only" class="muted">{move || adm().read_only}</p>
                </Show>
                <fieldset class="grid" disabled=move || !can_save.get() || (editing && loaded.with(Option::is_none))>
                    <AdminField name="email" label=|t| t.email errors hint=|t| t.email_fixed>
                        <TextInput id="field-email" value=fields.email kind="email" disabled=editing />
                    </AdminField>
                    <AdminField name="full_name" label=|t| t.full_name errors>
                        <TextInput id="field-full_name" value=fields.full_name />
                    </AdminField>
                    <AdminField name="role" label=|t| t.role errors>
                        <SelectInput id="field-role" value=fields.role options=role_options />
                    </AdminField>
                    <AdminField name="unit_id" label=|t| t.unit errors>
                        <UnitPicker book value=fields.unit_id level />
                    </AdminField>
                    <Show when=move || picks_subject.get()>
                        <AdminField name="subject_id" label=|t| t.subject errors wide=true>
                            <div class="picker">
                                <input
                                    id="subject-filter"
                                    type="search"
                                    aria-label=move || adm().find_subject
                                    placeholder=move || adm().find_subject
                                    on:input=move |ev| type_subject(event_target_value(&ev))
                                />
                                <SelectInput id="field-subject_id" value=fields.subject_id options=subject_options />
                            </div>
                            <small class="hint">
                                {move || if fields.role() == Some(Role::Producer) {
                                    adm().subject_hint_producer
                                } else {
                                    adm().subject_hint_member
                                }}
                            </small>
                        </AdminField>
                    </Show>
                    {move || linked_subject.get().map(|s| view! {
                        <div class="field wide">
                            <span class="label">{adm().subject}</span>
                            <a id="user-subject" href=Route::Subject(s.id).href()>{s.name}</a>
                            <small class="hint">{adm().subject_fixed}</small>
                        </div>
                    })}
                    <Show when=move || !editing>
                        <AdminField name="password" label=|t| t.password errors hint=|t| t.password_hint>
                            <TextInput id="field-password" value=fields.password kind="password" />
                        </AdminField>
                        <AdminField name="password_again" label=|t| t.password_again errors>
                            <TextInput id="field-password_again" value=fields.password_again kind="password" />
                        </AdminField>
                    </Show>
                </fieldset>
                <div class="actions">
                    <Show when=move || can_save.get()>
                        <button id="form-submit" type="submit" class="primary" disabled=move || busy.get()>
                            {move || if busy.get() { app.t().saving } else { app.t().save }}
                        </button>
                    </Show>
                    <a id="form-cancel" class="button" href=Route::Users.href()>{move || app.t().cancel}</a>
                </div>
            </form>
            {move || {
                let id = loaded_id.get()?;
                let show = can_save.get() && !is_me.get();
                Some(view! {
                    {show.then(|| view! { <AccessPanel loaded /> })}
                    {is_me.get().then(|| view! { <p id="user-own" class="muted">{adm().own_account}</p> })}
                    <HistoryLinks id />
                })
            }}
        </section>
    }
}

/// Where to read what happened to an account and what its holder did: the audit trail,
/// filtered (system administrators only, as the trail is theirs).
#[component]
fn HistoryLinks(id: UserId) -> impl IntoView {
    let app = use_app();
    let changes = format!("{}?entity=user&entity_id={id}", Route::Audit.href());
    let acts = format!("{}?actor_id={id}", Route::Audit.href());
    view! {
        <Show when=move || app.is_admin()>
            <p class="history-links">
                <a id="user-changes" href=changes.clone()>{move || adm().changes_of_account}</a>
                <a id="user-acts" href=acts.clone()>{move || adm().acts_of_account}</a>
            </p>
        </Show>
    }
}
