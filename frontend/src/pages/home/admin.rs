//! The system administrator's home: shortcuts to the accounts, the council members and the
//! audit trail, then the province's view of the work.

use leptos::prelude::*;

use super::province::ProvinceHome;
use crate::route::Route;
use crate::state::use_app;

#[component]
pub fn AdminHome() -> impl IntoView {
    let app = use_app();
    let h = move || app.lang.get().home();
    view! {
        <section id="home-admin" class="card home-card">
            <h2>{move || h().administration}</h2>
            <nav class="shortcuts">
                <a id="home-users" class="button" href=Route::Users.href()>{move || h().users}</a>
                <a id="home-new-user" class="button primary" href=Route::UserNew.href()>{move || h().new_user}</a>
                <a id="home-council-members" class="button" href=Route::CouncilMembers.href()>{move || h().council_members}</a>
                <a id="home-audit" class="button" href=Route::Audit.href()>{move || h().audit}</a>
            </nav>
        </section>
        <ProvinceHome />
    }
}
