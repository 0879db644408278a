//! Disabling or enabling an account and setting a new password: each behind its own button and
//! a confirmation, since both sign the holder out at once.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::users::{UserOut, UserPatch, UserStatus};

use super::fields::check_passwords;
use super::users::status_badge;
use super::{AdminField, adm};
use crate::api;
use crate::components::fields::{FormErrors, FormMessage, TextInput};
use crate::state::use_app;

/// `loaded` is the account as the page last read it; each change here replaces it, so the
/// next change sends the new version.
#[component]
pub(super) fn AccessPanel(loaded: RwSignal<Option<UserOut>>) -> impl IntoView {
    let app = use_app();
    let status = Signal::derive(move || {
        loaded.with(|u| u.as_ref().map_or(UserStatus::Active, |u| u.status))
    });
    let confirming_status = RwSignal::new(false);
    let resetting = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let status_errors = FormErrors::new();
    let password_errors = FormErrors::new();
    let password = RwSignal::new(String::new());
    let password_again = RwSignal::new(String::new());

    // On success the open confirmation closes and the typed passwords are forgotten.
    let send =
        move |patch: UserPatch, errors: FormErrors, done: &'static str, open: RwSignal<bool>| {
            let Some(current) = loaded.get_untracked() else {
                return;
            };
            busy.set(true);
            spawn_local(async move {
                let result = api::patch_user(current.id, current.version, &patch).await;
                busy.set(false);
                match result {
                    Ok(user) => {
                        loaded.set(Some(user));
                        app.notify(done);
                        open.set(false);
                        password.set(String::new());
                        password_again.set(String::new());
                    }
                    Err(error) => errors.show(&error),
                }
            });
        };

    let change_status = move |_| {
        if busy.get_untracked() {
            return;
        }
        status_errors.clear();
        let t = app.lang.get_untracked().admin();
        let (to, done) = match status.get_untracked() {
            UserStatus::Active => (UserStatus::Disabled, t.disabled_done),
            UserStatus::Disabled => (UserStatus::Active, t.enabled_done),
        };
        let patch = UserPatch {
            status: Some(to),
            ..Default::default()
        };
        send(patch, status_errors, done, confirming_status);
    };

    let reset = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        password_errors.clear();
        let lang = app.lang.get_untracked();
        let local = check_passwords(password, password_again, lang.admin());
        if !local.is_empty() {
            return password_errors.local(local, lang.dict());
        }
        let patch = UserPatch {
            password: Some(password.get_untracked()),
            ..Default::default()
        };
        send(patch, password_errors, lang.admin().reset_done, resetting);
    };

    let adm_now_status = move || match status.get() {
        UserStatus::Active => (adm().disable, adm().disable_confirm),
        UserStatus::Disabled => (adm().enable, adm().enable_confirm),
    };

    view! {
        <section id="user-access" class="card access">
            <h2>{move || adm().account}</h2>
            <FormMessage errors=status_errors />
            <div class="access-row">
                <span>{move || adm().status}": "</span>
                <span id="user-status">{move || status_badge(app, status.get())}</span>
                <button
                    id="user-status-toggle"
                    type="button"
                    class:danger=move || status.get() == UserStatus::Active
                    disabled=move || busy.get() || confirming_status.get()
                    on:click=move |_| confirming_status.set(true)
                >
                    {move || adm_now_status().0}
                </button>
            </div>
            <Show when=move || confirming_status.get()>
                <div class="confirm" role="alertdialog" aria-labelledby="user-status-question">
                    <p id="user-status-question">{move || adm_now_status().1}</p>
                    <div class="actions">
                        <button id="user-status-confirm" type="button" class="primary" disabled=move || busy.get() on:click=change_status>
                            {move || adm().confirm}
                        </button>
                        <button type="button" on:click=move |_| confirming_status.set(false)>
                            {move || app.t().cancel}
                        </button>
                    </div>
                </div>
            </Show>
            <div class="access-row">
                <button
                    id="password-reset"
                    type="button"
                    disabled=move || resetting.get()
                    on:click=move |_| resetting.set(true)
                >
                    {move || adm().reset_password}
                </button>
            </div>
            <Show when=move || resetting.get()>
                <form id="password-form" class="confirm form" on:submit=reset novalidate>
                    <FormMessage errors=password_errors />
                    <p class="muted">{move || adm().reset_intro}</p>
                    <div class="grid">
                        <AdminField name="password" label=|t| t.new_password errors=password_errors hint=|t| t.password_hint>
                            <TextInput id="field-password" value=password kind="password" />
                        </AdminField>
                        <AdminField name="password_again" label=|t| t.password_again errors=password_errors>
                            <TextInput id="field-password_again" value=password_again kind="password" />
                        </AdminField>
                    </div>
                    <p>{move || adm().reset_confirm}</p>
                    <div class="actions">
                        <button id="password-reset-confirm" type="submit" class="primary" disabled=move || busy.get()>
                            {move || adm().confirm}
                        </button>
                        <button type="button" on:click=move |_| resetting.set(false)>
                            {move || app.t().cancel}
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
