//! The certificate on an A4 page.

use leptos::prelude::*;


/// Scaffold: replaced by the page's real content.
#[component]
pub fn CertificatePrint(id: ocop_evaluations::CertificateId) -> impl IntoView {
    let _ = id;
    view! { <section class="card"><h1>"CertificatePrint"</h1></section> }
}
