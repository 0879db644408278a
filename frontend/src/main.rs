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
mod session;
mod state;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
