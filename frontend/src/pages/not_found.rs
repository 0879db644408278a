//! The page for a hash no screen answers to.

use leptos::prelude::*;


/// Scaffold: replaced by the page's real content.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <section class="card"><h1>"NotFoundPage"</h1></section> }
}
