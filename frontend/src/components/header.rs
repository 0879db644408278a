//! The top bar: the skip link, the app name (home), the sections of the signed-in role with the
//! counts of what waits in them, who is signed in, the language switch and sign-out. On a phone
//! everything after the app name folds behind a menu button.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::access::Action;
use wasm_bindgen::JsCast;

use crate::api::{self, MenuCounts};
use crate::components::menu::{count, label, link_id, menu, route};
use crate::route::{Route, Section};
use crate::state::{AppState, use_app};

/// The menu counts are refreshed on a change of screen, but not more often than this.
const COUNTS_EVERY_MS: f64 = 60_000.0;
/// More sections than fit beside the user's name on a 1366 px desktop.
const CROWDED: usize = 7;

#[component]
pub fn Header() -> impl IntoView {
    let app = use_app();
    let open = RwSignal::new(false);
    let counts = menu_counts(app);
    // A new screen closes the folded menu, so the phone shows the page that was chosen.
    Effect::watch(
        move || app.route.track(),
        move |_, _, _| open.set(false),
        false,
    );
    let visible = Memo::new(move |_| {
        let Some(role) = app.user.with(|u| u.as_ref().map(|u| u.role)) else {
            return Vec::new();
        };
        menu(role, |action| app.can(action))
    });
    let logout = move |_| {
        spawn_local(async move {
            api::logout().await;
            app.user.set(None);
        });
    };
    let close_on_escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            focus("menu-toggle");
        }
    };
    view! {
        <header
            class="topbar"
            class:crowded=move || visible.with(|v| v.len() > CROWDED)
            on:keydown=close_on_escape
        >
            <a class="skip-link" href="#main" on:click=skip_to_main>
                {move || app.lang.get().shell().skip_to_content}
            </a>
            <a id="brand" class="brand" href=Route::Home.href()>{move || app.t().app_name}</a>
            <button
                id="menu-toggle"
                type="button"
                class="ghost menu-toggle"
                aria-controls="topbar-menu"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span class="burger" aria-hidden="true"></span>
                {move || app.lang.get().shell().menu}
            </button>
            <div id="topbar-menu" class="topbar-menu" class:open=move || open.get()>
                <nav id="main-nav" aria-label=move || app.lang.get().shell().menu_label>
                    <For each=move || visible.get() key=|s| link_id(*s) let:section>
                        <MenuLink app section counts open />
                    </For>
                </nav>
                <div class="account">
                    <span class="who">
                        <span id="user-name">{move || app.user.with(|u| u.as_ref().map(|u| u.full_name.clone()))}</span>
                        <span id="user-role" class="role">
                            {move || app.user.with(|u| u.as_ref().map(|u| app.lang.get().role(u.role)))}
                        </span>
                    </span>
                    <LangSwitch />
                    <button id="logout" type="button" class="ghost" on:click=logout>{move || app.t().logout}</button>
                </div>
            </div>
        </header>
    }
}

#[component]
fn MenuLink(
    app: AppState,
    section: Section,
    counts: RwSignal<MenuCounts>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let here = Memo::new(move |_| app.route.with(Route::section) == Some(section));
    let n = move || count(section, counts.get());
    view! {
        <a
            id=link_id(section)
            href=route(section).href()
            class:active=move || here.get()
            aria-current=move || here.get().then_some("page")
            // The current screen's own link changes no route, so it closes the menu itself.
            on:click=move |_| open.set(false)
        >
            {move || label(section, app.lang.get())}
            <Show when=move || { n() > 0 }>
                <span class="nav-count">
                    {n}
                    <span class="visually-hidden">" " {move || app.lang.get().shell().to_act_on}</span>
                </span>
            </Show>
        </a>
    }
}

/// The alerts counted for the menu: read at sign-in (the header lives as long as the session)
/// and again on a change of screen once they are a minute old.
fn menu_counts(app: AppState) -> RwSignal<MenuCounts> {
    let counts = RwSignal::new(MenuCounts::default());
    let read_at = StoredValue::new(None::<f64>);
    Effect::new(move || {
        app.route.track();
        if !app.can(Action::AlertsRead) {
            return;
        }
        let now = js_sys::Date::now();
        if read_at
            .get_value()
            .is_some_and(|at| now - at < COUNTS_EVERY_MS)
        {
            return;
        }
        read_at.set_value(Some(now));
        spawn_local(async move {
            // Without counts the menu still works: a failure is not worth a message.
            if let Ok(fresh) = api::menu_counts().await {
                counts.try_set(fresh);
            }
        });
    });
    counts
}

/// The skip link's target is an element, not a route: moving the hash would change the screen.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    focus("main");
}

fn focus(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Shows the language it switches to; the choice is kept for the next visit.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let app = use_app();
    view! {
        <button
            id="lang-switch"
            type="button"
            class="ghost"
            lang=move || app.lang.get().other().code()
            on:click=move |_| app.set_lang(app.lang.get_untracked().other())
        >
            {move || app.t().switch_lang}
        </button>
    }
}
