//! The top bar: app name, the sections, who is signed in, the language switch, log out.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use ocop_core::access::Action;

use crate::route::{Route, Section};
use crate::state::use_app;

#[component]
pub fn Header() -> impl IntoView {
    let app = use_app();
    let section = Memo::new(move |_| app.route.with(Route::section));
    let at = move |s: Section| move || section.get() == Some(s);
    let sees_alerts = move || app.can(Action::AlertsRead);
    let logout = move |_| {
        spawn_local(async move {
            api::logout().await;
            app.user.set(None);
        });
    };
    view! {
        <header class="topbar">
            <a class="brand" href=Route::Subjects.href()>{move || app.t().app_name}</a>
            <nav>
                <a id="nav-subjects" href=Route::Subjects.href() class:active=at(Section::Subjects)>
                    {move || app.t().nav_subjects}
                </a>
                <a id="nav-products" href=Route::Products.href() class:active=at(Section::Products)>
                    {move || app.t().nav_products}
                </a>
                <a id="nav-cycles" href=Route::Cycles.href() class:active=at(Section::Cycles)>
                    {move || app.t().ev.nav_cycles}
                </a>
                <a id="nav-rounds" href=Route::Rounds.href() class:active=at(Section::Rounds)>
                    {move || app.t().ev.nav_rounds}
                </a>
                <a id="nav-certificates" href=Route::Certificates.href() class:active=at(Section::Certificates)>
                    {move || app.t().ev.nav_certificates}
                </a>
                <Show when=sees_alerts>
                    <a id="nav-alerts" href=Route::Alerts.href() class:active=at(Section::Alerts)>
                        {move || app.t().ev.nav_alerts}
                    </a>
                </Show>
            </nav>
            <div class="account">
                <span class="who">
                    <span id="user-name">{move || app.user.with(|u| u.as_ref().map(|u| u.full_name.clone()))}</span>
                    <span id="user-role" class="role">
                        {move || app.user.with(|u| u.as_ref().map(|u| app.lang.get().role(u.role)))}
                    </span>
                </span>
                <LangSwitch />
                <button id="logout" type="button" class="ghost" on:click=logout>{move || app.t().logout}</button>
            </div>
        </header>
    }
}

/// Shows the language it switches to; the choice is kept for the next visit.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let app = use_app();
    view! {
        <button
            id="lang-switch"
            type="button"
            class="ghost"
            lang=move || app.lang.get().other().code()
            on:click=move |_| app.set_lang(app.lang.get_untracked().other())
        >
            {move || app.t().switch_lang}
        </button>
    }
}
