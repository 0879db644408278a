//! The top bar: app name, the two sections, who is signed in, the language switch, log out.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::route::Route;
use crate::state::use_app;

#[component]
pub fn Header() -> impl IntoView {
    let app = use_app();
    let on_products = move || app.route.get().is_products();
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
                <a id="nav-subjects" href=Route::Subjects.href() class:active=move || !on_products()>
                    {move || app.t().nav_subjects}
                </a>
                <a id="nav-products" href=Route::Products.href() class:active=on_products>
                    {move || app.t().nav_products}
                </a>
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
