//! One subject, read-only.

use leptos::prelude::*;


/// Scaffold: replaced by the page's real content.
#[component]
pub fn SubjectView(id: ocop_core::SubjectId) -> impl IntoView {
    let _ = id;
    view! { <section class="card"><h1>"SubjectView"</h1></section> }
}
