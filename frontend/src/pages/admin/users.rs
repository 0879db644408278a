//! Accounts: the list.

use leptos::prelude::*;


/// Scaffold: replaced by the page's real content.
#[component]
pub fn UserList() -> impl IntoView {
    view! { <section class="card"><h1>"UserList"</h1></section> }
}

/// Scaffold: replaced by the page's real content.
#[component]
pub fn UserForm(id: Option<ocop_core::UserId>) -> impl IntoView {
    let _ = id;
    view! { <section class="card"><h1>"UserForm"</h1></section> }
}
