//! The audit trail.

use leptos::prelude::*;


/// Scaffold: replaced by the page's real content.
#[component]
pub fn AuditTrail() -> impl IntoView {
    view! { <section class="card"><h1>"AuditTrail"</h1></section> }
}
