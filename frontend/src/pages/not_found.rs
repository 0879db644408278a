//! The page for a hash no screen answers to: says so, and offers the way home.

use leptos::prelude::*;

use crate::route::Route;
use crate::state::use_app;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let app = use_app();
    view! {
        <section id="not-found" class="card not-found">
            <h1>{move || app.lang.get().shell().not_found_title}</h1>
            <p class="muted">{move || app.lang.get().shell().not_found_text}</p>
            <p>
                <a id="not-found-home" class="button primary" href=Route::Home.href()>
                    {move || app.lang.get().shell().not_found_home}
                </a>
            </p>
        </section>
    }
}
