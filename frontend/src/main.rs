//! ocop-frontend: the OCOP administration SPA (Leptos, client-side rendered to WebAssembly).
//! It owns no domain types: it speaks the wire types of `ocop-core`, `ocop-subjects` and
//! `ocop-products` to the API it is served by. Built by `cargo xtask spa`.

mod api;
mod app;
mod components;
mod format;
mod i18n;
mod pages;
mod route;
mod screens;
mod session;
mod state;

fn main() {
    console_error_panic_hook::set_once();
    // index.html's loading placeholder: the app appends itself to <body>, so the placeholder
    // must go first.
    if let Some(placeholder) = leptos::prelude::document().get_element_by_id("boot-loading") {
        placeholder.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
