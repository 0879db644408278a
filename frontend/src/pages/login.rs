//! Sign-in with email and password; the tokens go to localStorage (see `session`).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::users::LoginIn;

use crate::api;
use crate::components::fields::{FormErrors, FormMessage};
use crate::components::header::LangSwitch;
use crate::route::Route;
use crate::state::use_app;

#[component]
pub fn LoginPage() -> impl IntoView {
    let app = use_app();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        busy.set(true);
        let input = LoginIn {
            email: email.get_untracked().trim().to_string(),
            password: password.get_untracked(),
        };
        spawn_local(async move {
            let result = api::login(&input).await;
            busy.set(false);
            match result {
                Ok(tokens) => app.user.set(Some(tokens.user)),
                Err(error) => errors.show(&error),
            }
        });
    };

    view! {
        <main class="login-page">
            <form class="card login" on:submit=submit novalidate>
                <div class="login-head">
                    <h1>{move || app.t().app_name}</h1>
                    <LangSwitch />
                </div>
                <h2>{move || app.t().login_title}</h2>
                <FormMessage errors />
                <div class="field">
                    <label for="login-email">{move || app.t().email}</label>
                    <input
                        id="login-email"
                        type="email"
                        autocomplete="username"
                        required
                        prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev))
                        on:change=move |ev| email.set(event_target_value(&ev))
                    />
                    <span class="field-error" id="error-email">{move || errors.field("email")}</span>
                </div>
                <div class="field">
                    <label for="login-password">{move || app.t().password}</label>
                    <input
                        id="login-password"
                        type="password"
                        autocomplete="current-password"
                        required
                        prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev))
                        on:change=move |ev| password.set(event_target_value(&ev))
                    />
                    <span class="field-error" id="error-password">{move || errors.field("password")}</span>
                </div>
                <button id="login-submit" type="submit" class="primary" disabled=move || busy.get()>
                    {move || app.t().login_submit}
                </button>
                // Buyers checking a QR code land here without an account.
                <p class="login-verify">
                    <a id="login-verify" href=Route::Verify(None).href()>{move || app.t().ev.verify_title}</a>
                    // So do shoppers looking for certified products.
                    " · "
                    <a id="login-catalogue" href=Route::Catalogue.href()>{move || app.lang.get().catalogue().title}</a>
                </p>
            </form>
        </main>
    }
}
