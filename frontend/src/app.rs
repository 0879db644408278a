//! The root component: sign-in or the signed-in shell, the screen chosen by the URL hash.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::header::Header;
use crate::components::notice::Notice;
use crate::components::unit_banner::UnitBanner;
use crate::pages::catalogue::PublicFrame;
use crate::pages::cycles::CycleFilters;
use crate::pages::login::LoginPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::products::ProductFilters;
use crate::pages::subjects::SubjectFilters;
use crate::pages::verify::VerifyPage;
use crate::route::Route;
use crate::session;
use crate::state::{AppState, RefData};

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::new();
    provide_context(app);
    api::on_session_end(move || app.user.set(None));
    // Lives as long as the page, so its handle is never removed.
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        app.follow(Route::current())
    });
    Effect::new(move || {
        let lang = app.lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
    // The stored user may be stale (role changed, account disabled): ask once per page load.
    if app.user.with_untracked(Option::is_some) {
        spawn_local(async move {
            if let Ok(user) = api::me().await {
                session::save_user(&user);
                app.user.set(Some(user));
            }
        });
    }
    // Only a sign-in or sign-out swaps the page; a refreshed user object must not rebuild it.
    let signed_in = Memo::new(move |_| app.user.with(Option::is_some));
    // The verification page is public: it shows with or without a session.
    let verify = Memo::new(move |_| match app.route.get() {
        Route::Verify(code) => Some(code),
        _ => None,
    });
    // The catalogue is public too: a visitor sees it in a bar of its own, the signed-in in
    // their shell.
    let catalogue =
        Memo::new(move |_| matches!(app.route.get(), Route::Catalogue | Route::CatalogueItem(_)));
    // The printed certificate is a sheet of paper: no header, menu or banner around it.
    let print = Memo::new(move |_| match app.route.get() {
        Route::CertificatePrint(id) => Some(id),
        _ => None,
    });

    view! {
        <Notice />
        {move || match verify.get() {
            Some(code) => view! { <VerifyPage code /> }.into_any(),
            None if signed_in.get() => match print.get() {
                Some(id) => crate::screens::screen(Route::CertificatePrint(id))
                    .unwrap_or_else(|| ().into_any()),
                None => view! { <Shell /> }.into_any(),
            },
            None if catalogue.get() => view! { <PublicFrame /> }.into_any(),
            None => view! { <LoginPage /> }.into_any(),
        }}
    }
}

/// The signed-in layout. Reference data and list filters live here, so they are fetched once
/// per sign-in and survive moving between screens.
#[component]
fn Shell() -> impl IntoView {
    let app = crate::state::use_app();
    provide_context(RefData::load());
    provide_context(SubjectFilters::new());
    provide_context(ProductFilters::new());
    provide_context(CycleFilters::new());
    provide_context(crate::components::filters::CommuneGroups::load());
    view! {
        <Header />
        <UnitBanner />
        // Focusable by the skip link only, not in the tab order.
        <main id="main" class="content" tabindex="-1">
            {move || match app.route.get() {
                Route::NotFound => view! { <NotFoundPage /> }.into_any(),
                route => crate::screens::screen(route).unwrap_or_else(|| ().into_any()),
            }}
        </main>
    }
}
