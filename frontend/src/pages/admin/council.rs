//! Council members.

use leptos::prelude::*;


/// Scaffold: replaced by the page's real content.
#[component]
pub fn CouncilMembers() -> impl IntoView {
    view! { <section class="card"><h1>"CouncilMembers"</h1></section> }
}
