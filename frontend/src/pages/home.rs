//! The signed-in user's home page: the work of their role.

use leptos::prelude::*;


/// Scaffold: replaced by the page's real content.
#[component]
pub fn HomePage() -> impl IntoView {
    view! { <section class="card"><h1>"HomePage"</h1></section> }
}
