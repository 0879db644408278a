//! The passing message after a save or an upload, `#notice`.

use leptos::prelude::*;

use crate::state::use_app;

#[component]
pub fn Notice() -> impl IntoView {
    let app = use_app();
    move || {
        app.notice.get().map(|(_, message)| {
            view! {
                <div id="notice" class="notice" role="status" on:click=move |_| app.notice.set(None)>
                    {message}
                </div>
            }
        })
    }
}
