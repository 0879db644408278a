//! The filter bar of a list: its state (kept above the list so it survives a visit to a form),
//! the search box, labelled selects, the grouped commune picker, and the address that carries
//! the filters so a list can be shared, bookmarked and reloaded as it was.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::Lang;
use crate::route::{self, Route};
use crate::state::use_app;

mod communes;

pub use communes::{CommuneGroups, CommunePicker};

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

/// One filter kept in the address under `name`; `default` is what an absent parameter means.
#[derive(Clone)]
pub struct UrlParam {
    pub name: &'static str,
    pub value: RwSignal<String>,
    pub default: String,
}

impl UrlParam {
    pub fn new(name: &'static str, value: RwSignal<String>) -> Self {
        Self {
            name,
            value,
            default: String::new(),
        }
    }

    pub fn with_default(name: &'static str, value: RwSignal<String>, default: &str) -> Self {
        Self {
            name,
            value,
            default: default.to_string(),
        }
    }
}

/// Keeps a list's filters and page in the address of `route`, for as long as the list is shown.
///
/// An address that carries a query (a shared link, a bookmark, a reload, the home page's
/// `#/cycles?state=scored`) sets every filter, absent ones to their default; a bare `#/cycles`
/// (the menu) keeps the filters of this session. Then every change is written back without a
/// `hashchange`. A link to the same list with another query re-reads it too.
pub fn keep_in_url(route: Route, params: Vec<UrlParam>, page: RwSignal<u64>) {
    let params = Arc::new(params);
    let read = {
        let params = Arc::clone(&params);
        move || {
            let query = route::query();
            if query.is_empty() {
                return;
            }
            let value_of = |name: &str| {
                query
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            };
            for p in params.iter() {
                let value = value_of(p.name).unwrap_or_else(|| p.default.clone());
                if p.value.get_untracked() != value {
                    p.value.set(value);
                }
            }
            let at = value_of("page")
                .and_then(|v| v.parse::<u64>().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1);
            if page.get_untracked() != at {
                page.set(at);
            }
        }
    };
    let write = {
        let route = route.clone();
        move || {
            let mut pairs: Vec<(&str, String)> = params
                .iter()
                .map(|p| {
                    let value = p.value.get();
                    // The default is left out, so the plain address stays plain.
                    let value = if value == p.default {
                        String::new()
                    } else {
                        value
                    };
                    (p.name, value)
                })
                .collect();
            let at = page.get();
            if at > 1 {
                pairs.push(("page", at.to_string()));
            }
            route::replace_query(&route, &pairs);
        }
    };
    read();
    let handle = {
        let write = write.clone();
        window_event_listener(leptos::ev::hashchange, move |_| {
            if Route::current() == route {
                read();
                // The menu's bare link shows the filters still applied.
                untrack(&write);
            }
        })
    };
    on_cleanup(move || handle.remove());
    Effect::new(write);
}

/// `#filter-q`: the query follows the typing after a short pause, not on every key.
#[component]
pub fn SearchBox(filters: Filters) -> impl IntoView {
    view! { <SearchInput value=filters.q /> }
}

/// The search box of any list, on its own signal.
#[component]
pub fn SearchInput(value: RwSignal<String>) -> impl IntoView {
    let app = use_app();
    let text = RwSignal::new(value.get_untracked());
    // The address can change the query (a reload, a link): the box follows.
    Effect::watch(
        move || value.get(),
        move |now, _, _| {
            if text.get_untracked() != *now {
                text.set(now.clone());
            }
        },
        false,
    );
    let settle = move |typed: String, now: bool| {
        text.set(typed.clone());
        if now {
            if value.get_untracked() != typed {
                value.set(typed);
            }
            return;
        }
        set_timeout(
            move || {
                if text.try_get_untracked().is_some_and(|t| t == typed)
                    && value.get_untracked() != typed
                {
                    value.set(typed);
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
            aria-label=move || app.lang.get().rec_search_label()
            placeholder=move || app.t().search
            prop:value=move || text.get()
            on:input=move |ev| settle(event_target_value(&ev), false)
            on:change=move |ev| settle(event_target_value(&ev), true)
        />
    }
}

/// A filter `<select>` named for screen readers by `label` (the first option, "all …", says
/// what it filters only once something else is chosen).
#[component]
pub fn FilterSelect(
    #[prop(into)] id: String,
    label: fn(Lang) -> &'static str,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <select
            id=id
            aria-label=move || label(app.lang.get())
            title=move || label(app.lang.get())
            on:change=move |ev| value.set(event_target_value(&ev))
        >
            {move || {
                options
                    .get()
                    .into_iter()
                    .map(|(key, text)| {
                        let current = key.clone();
                        view! {
                            <option value=key prop:selected=move || value.with(|v| *v == current)>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()
            }}
        </select>
    }
}
