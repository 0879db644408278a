//! The root component: sign-in or the signed-in shell, the screen chosen by the URL hash.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::header::Header;
use crate::components::notice::Notice;
use crate::pages::login::LoginPage;
use crate::pages::products::{ProductFilters, ProductForm, ProductList};
use crate::pages::subjects::{SubjectFilters, SubjectForm, SubjectList};
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

    view! {
        <Notice />
        {move || if signed_in.get() { view! { <Shell /> }.into_any() } else { view! { <LoginPage /> }.into_any() }}
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
    view! {
        <Header />
        <main class="content">
            {move || match app.route.get() {
                Route::Subjects => view! { <SubjectList /> }.into_any(),
                Route::SubjectNew => view! { <SubjectForm id=None /> }.into_any(),
                Route::SubjectEdit(id) => view! { <SubjectForm id=Some(id) /> }.into_any(),
                Route::Products => view! { <ProductList /> }.into_any(),
                Route::ProductNew => view! { <ProductForm id=None /> }.into_any(),
                Route::ProductEdit(id) => view! { <ProductForm id=Some(id) /> }.into_any(),
            }}
        </main>
    }
}
