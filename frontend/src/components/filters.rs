//! The filter bar state of a list, kept above the list so it survives a visit to a form.

use std::time::Duration;

use leptos::prelude::*;

use crate::state::use_app;

const SEARCH_DEBOUNCE_MS: u64 = 300;

/// Text as typed into the `<select>`s and the search box; `category` is the kind of a subject
/// or the product set of a product.
#[derive(Clone, Copy)]
pub struct Filters {
    pub q: RwSignal<String>,
    pub unit: RwSignal<String>,
    pub category: RwSignal<String>,
    pub status: RwSignal<String>,
    pub sort: RwSignal<String>,
    pub page: RwSignal<u64>,
}

impl Filters {
    pub fn new(default_sort: &str) -> Self {
        Self {
            q: RwSignal::new(String::new()),
            unit: RwSignal::new(String::new()),
            category: RwSignal::new(String::new()),
            status: RwSignal::new(String::new()),
            sort: RwSignal::new(default_sort.to_string()),
            page: RwSignal::new(1),
        }
    }

    /// Back to page 1 whenever the filter changes, for as long as the calling list is shown.
    pub fn reset_page_on_change(&self) {
        let this = *self;
        Effect::watch(
            move || {
                (
                    this.q.get(),
                    this.unit.get(),
                    this.category.get(),
                    this.status.get(),
                    this.sort.get(),
                )
            },
            move |_, _, _| {
                if this.page.get_untracked() != 1 {
                    this.page.set(1);
                }
            },
            false,
        );
    }
}

/// `#filter-q`: the query follows the typing after a short pause, not on every key.
#[component]
pub fn SearchBox(filters: Filters) -> impl IntoView {
    let app = use_app();
    let text = RwSignal::new(filters.q.get_untracked());
    let settle = move |value: String, now: bool| {
        text.set(value.clone());
        if now {
            if filters.q.get_untracked() != value {
                filters.q.set(value);
            }
            return;
        }
        set_timeout(
            move || {
                if text.try_get_untracked().is_some_and(|t| t == value)
                    && filters.q.get_untracked() != value
                {
                    filters.q.set(value);
                }
            },
            Duration::from_millis(SEARCH_DEBOUNCE_MS),
        );
    };
    view! {
        <input
            id="filter-q"
            type="search"
            class="search"
            placeholder=move || app.t().search
            prop:value=move || text.get()
            on:input=move |ev| settle(event_target_value(&ev), false)
            on:change=move |ev| settle(event_target_value(&ev), true)
        />
    }
}
