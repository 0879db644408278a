//! Previous / next with "page X of Y, N total" under a list.

use leptos::prelude::*;
use ocop_core::Page;

use crate::state::use_app;

/// Where a list stands: the page shown, how many pages, how many items.
#[derive(Debug, Clone, Copy)]
pub struct Position {
    current: u64,
    pages: u64,
    total: u64,
}

impl<T> From<&Page<T>> for Position {
    fn from(page: &Page<T>) -> Self {
        Self {
            current: page.page,
            pages: page.pages().max(1),
            total: page.total,
        }
    }
}

/// `page` is the list's page signal; `at` what the server last returned.
#[component]
pub fn Pager(page: RwSignal<u64>, at: Position) -> impl IntoView {
    let app = use_app();
    let Position {
        current,
        pages,
        total,
    } = at;
    view! {
        <div class="pager">
            <button
                id="page-prev"
                type="button"
                disabled={current <= 1}
                on:click=move |_| page.set(current.saturating_sub(1).max(1))
            >
                {move || app.t().prev}
            </button>
            <span id="page-info">{move || (app.t().page_info)(current, pages, total)}</span>
            <button
                id="page-next"
                type="button"
                disabled={current >= pages}
                on:click=move |_| page.set(current + 1)
            >
                {move || app.t().next}
            </button>
        </div>
    }
}
