//! One product, read-only.

use leptos::prelude::*;


/// Scaffold: replaced by the page's real content.
#[component]
pub fn ProductView(id: ocop_core::ProductId) -> impl IntoView {
    let _ = id;
    view! { <section class="card"><h1>"ProductView"</h1></section> }
}
