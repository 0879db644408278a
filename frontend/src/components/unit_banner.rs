//! The banner of an account whose unit is no longer in force (a district abolished in 2025):
//! it still signs in and reads history, but should be moved to the unit that replaced it.

use chrono::NaiveDate;
use leptos::prelude::*;
use ocop_core::units::UnitOut;

use crate::api;
use crate::format;
use crate::state::use_app;

/// The browser's calendar day; good enough to tell a unit abolished years ago.
fn today() -> Option<NaiveDate> {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
}

/// The first day the unit no longer exists, if that day has come.
fn ceased_on(unit: &UnitOut) -> Option<NaiveDate> {
    let last = unit.valid_to?;
    let first_gone = last.succ_opt()?;
    today()
        .is_none_or(|day| first_gone <= day)
        .then_some(first_gone)
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
