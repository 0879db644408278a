//! The frame of the catalogue for a visitor who is not signed in: a bar with the catalogue, the
//! certificate check, the language switch and the way to sign in, above the screen of the
//! route. A signed-in user sees the same screens inside the shell instead.

use leptos::prelude::*;

use crate::components::header::LangSwitch;
use crate::route::Route;
use crate::state::use_app;

#[component]
pub fn PublicFrame() -> impl IntoView {
    let app = use_app();
    let c = move || app.lang.get().catalogue();
    view! {
        <header class="public-bar">
            <a id="brand" class="brand" href=Route::Catalogue.href()>{move || c().nav}</a>
            <nav id="public-nav" aria-label=move || c().bar_label>
                <a id="public-catalogue" href=Route::Catalogue.href()>{move || c().title}</a>
                <a id="public-verify" href=Route::Verify(None).href()>{move || app.t().ev.verify_title}</a>
            </nav>
            <div class="public-account">
                <LangSwitch />
                <a id="public-sign-in" class="button" href=Route::Home.href()>{move || c().sign_in}</a>
            </div>
        </header>
        <main id="main" class="content public" tabindex="-1">
            {move || crate::screens::screen(app.route.get()).unwrap_or_else(|| ().into_any())}
        </main>
    }
}
