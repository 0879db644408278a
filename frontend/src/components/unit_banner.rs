//! The banner of an account whose unit is no longer in force (a district abolished in 2025):
//! it still signs in and reads history, but should be moved to the unit that replaced it.

use chrono::NaiveDate;
use leptos::prelude::*;
use ocop_core::units::UnitOut;

use crate::api;
use crate::format;
use crate::state::use_app;

/// The first day the unit no longer exists. An end date is only ever recorded for a unit
/// already abolished (the reference data changes by law, after the fact), so the date alone
/// tells; the browser's calendar is not asked, since only the server's clock says what day it is.
fn ceased_on(unit: &UnitOut) -> Option<NaiveDate> {
    unit.valid_to?.succ_opt()
}

/// Read once per sign-in: the shell holding it lives as long as the session.
#[component]
pub fn UnitBanner() -> impl IntoView {
    let app = use_app();
    let unit_id = app.user.with_untracked(|u| u.as_ref().map(|u| u.unit_id));
    let unit = LocalResource::new(move || async move {
        match unit_id {
            Some(id) => api::unit(id).await.ok(),
            None => None,
        }
    });
    move || {
        let unit = unit.get().flatten()?;
        let on = ceased_on(&unit)?;
        let s = app.lang.get().shell();
        Some(view! {
            <div id="unit-banner" class="unit-banner" role="status">
                <strong>{s.unit_ceased_title}</strong>
                <p>
                    {format!("{} {} {} {}. ", s.unit_ceased_unit, unit.name, s.unit_ceased_on, format::day(&on))}
                    {s.unit_ceased_advice}
                </p>
            </div>
        })
    }
}
