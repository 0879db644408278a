//! The dashboard (`#/dashboard`): for a unit the caller covers, a day and a year, the figures a
//! director asks for at a glance, each card drawn from one report (`GET /api/v1/reports/{name}`)
//! and offering that report to download. The unit, the day and the year ride in the address.
//!
//! Only the server knows its today (`OCOP_TODAY` may fix it), so without a day in the address
//! the province summary is read first without one: its header tells the day, and the same
//! answer feeds the expiring card. The year defaults to that day's year.

mod card;
mod data;
mod programme;
mod records;

use chrono::{Datelike, Days, NaiveDate};
use leptos::prelude::*;
use ocop_core::UnitId;
use ocop_reports::ReportOut;

use crate::api::{self, ApiError, ReportParams};
use crate::components::fields::SelectInput;
use crate::format::browser_today;
use crate::route::{self, Route};
use crate::state::{use_app, use_refs};
use card::{load, report_card};

/// The reports asked without a day to learn the server's, in order of preference.
const DAY_PROBES: [&str; 2] = ["province-summary", "products"];
/// The first year the reports accept.
const FIRST_YEAR: i32 = 2019;
/// How far ahead the expiring card looks (the province summary's `expiring_90_days`).
const EXPIRING_DAYS: u64 = 90;

/// The day the figures are for, for which unit, and the report that told it when the server
/// was asked.
#[derive(Debug, Clone, PartialEq)]
struct Day {
    unit_id: Option<UnitId>,
    day: NaiveDate,
    probe: Option<ReportOut>,
    from_server: bool,
}

async fn resolve_day(unit_id: Option<UnitId>, typed: Option<NaiveDate>) -> Result<Day, ApiError> {
    if let Some(day) = typed {
        return Ok(Day {
            unit_id,
            day,
            probe: None,
            from_server: false,
        });
    }
    let params = ReportParams {
        unit_id,
        ..Default::default()
    };
    for name in DAY_PROBES {
        match api::report(name, &params).await {
            Ok(report) => {
                return Ok(Day {
                    unit_id,
                    day: report.header.as_of,
                    // Only the summary feeds a card as it is.
                    probe: (name == DAY_PROBES[0]).then_some(report),
                    from_server: true,
                });
            }
            Err(ApiError::SessionEnded) => return Err(ApiError::SessionEnded),
            Err(_) => {}
        }
    }
    // Neither report answered: the browser's calendar is the best guess left, and each card
    // will say what went wrong with its own report.
    Ok(Day {
        unit_id,
        day: browser_today(),
        probe: None,
        from_server: false,
    })
}

/// Everything the cards are built from; they are built anew when it changes.
#[derive(Debug, Clone, PartialEq)]
struct Setup {
    unit_id: Option<UnitId>,
    day: NaiveDate,
    year: i32,
    /// The reports the catalogue lists; `None` when it could not be read (then every card tries).
    listed: Option<Vec<String>>,
    probe: Option<ReportOut>,
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let app = use_app();
    let refs = use_refs();
    let unit = RwSignal::new(route::query_param("unit_id").unwrap_or_default());
    let as_of = RwSignal::new(route::query_param("as_of").unwrap_or_default());
    let year = RwSignal::new(route::query_param("year").unwrap_or_default());
    Effect::new(move || {
        route::replace_query(
            &Route::Dashboard,
            &[
                ("unit_id", unit.get()),
                ("as_of", as_of.get()),
                ("year", year.get()),
            ],
        )
    });
    let catalogue = LocalResource::new(api::report_catalogue);
    let day = LocalResource::new(move || {
        let unit_id = unit.get().parse::<i32>().ok().map(UnitId);
        let typed = NaiveDate::parse_from_str(&as_of.get(), "%Y-%m-%d").ok();
        resolve_day(unit_id, typed)
    });
    // The server's day, once an answer read without a day told it: no later day may be picked.
    let server_today = RwSignal::new(None::<NaiveDate>);
    Effect::new(move || {
        if let Some(Ok(d)) = day.get()
            && d.from_server
        {
            server_today.set(Some(d.day));
        }
    });
    let setup = Memo::new(move |_| {
        let listed = match catalogue.get()? {
            Ok(list) => Some(list.into_iter().map(|r| r.name).collect()),
            // No reports API at all: every card says so.
            Err(ApiError::Problem(p)) if p.status == 404 => Some(Vec::new()),
            Err(_) => None,
        };
        let day = day.get()?.ok()?;
        let year = year.get().parse().unwrap_or(day.day.year());
        Some(Setup {
            unit_id: day.unit_id,
            day: day.day,
            year,
            listed,
            probe: day.probe,
        })
    });

    let home = LocalResource::new(move || {
        let id = app.user.with_untracked(|u| u.as_ref().map(|u| u.unit_id));
        async move {
            match id {
                Some(id) => api::unit(id).await.ok(),
                None => None,
            }
        }
    });
    // The home unit first (the server's default, so no id), then the communes in scope.
    let unit_options = Signal::derive(move || {
        let home = home.get().flatten();
        let home_id = home.as_ref().map(|u| u.id.0.to_string());
        let home_name = home.map_or_else(|| app.t().loading.to_string(), |u| u.name);
        let mut options = vec![(String::new(), home_name)];
        options.extend(
            refs.commune_options()
                .into_iter()
                .filter(|(id, _)| Some(id) != home_id.as_ref()),
        );
        options
    });
    let shown_day = move || {
        let typed = as_of.get();
        if typed.is_empty() {
            setup
                .get()
                .map(|s| s.day.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        } else {
            typed
        }
    };
    let max_day = move || server_today.get().map(|d| d.format("%Y-%m-%d").to_string());
    let shown_year = move || setup.get().map(|s| s.year);
    let years = move || {
        let last = server_today
            .get()
            .or_else(|| setup.get().map(|s| s.day))
            .map_or(FIRST_YEAR, |d| d.year() + 1);
        (FIRST_YEAR..=last.max(FIRST_YEAR))
            .rev()
            .map(|y| {
                view! { <option value=y.to_string() prop:selected=move || shown_year() == Some(y)>{y}</option> }
            })
            .collect_view()
    };
    let d = move || app.lang.get().dashboard();

    view! {
        <section id="dashboard" class="page dashboard">
            <div class="page-head">
                <h1>{move || d().title}</h1>
            </div>
            <p class="muted dash-lead">{move || d().lead}</p>
            <div class="filters dash-controls">
                <label class="control">
                    <span>{move || d().unit}</span>
                    <SelectInput id="dash-unit" value=unit options=unit_options />
                </label>
                <label class="control">
                    <span>{move || d().as_of}</span>
                    <input
                        id="dash-as-of"
                        type="date"
                        max=max_day
                        prop:value=shown_day
                        on:change=move |ev| as_of.set(event_target_value(&ev))
                    />
                </label>
                <label class="control">
                    <span>{move || d().year}</span>
                    <select id="dash-year" on:change=move |ev| year.set(event_target_value(&ev))>
                        {years}
                    </select>
                </label>
            </div>
            {move || match (setup.get(), day.get()) {
                (Some(s), _) => cards(s).into_any(),
                (None, Some(Err(error))) => {
                    view! { <p id="load-error" class="form-error">{app.describe(&error)}</p> }.into_any()
                }
                _ => view! { <p class="muted" aria-busy="true">{app.t().loading}</p> }.into_any(),
            }}
        </section>
    }
}

/// The five cards for one unit, day and year.
fn cards(s: Setup) -> impl IntoView {
    let on_day = ReportParams {
        unit_id: s.unit_id,
        as_of: Some(s.day),
        year: None,
    };
    let in_year = ReportParams {
        year: Some(s.year),
        ..on_day
    };
    let listed = |name: &str| {
        s.listed
            .as_ref()
            .is_none_or(|names| names.iter().any(|n| n == name))
    };
    let (day, year) = (s.day, s.year);
    let horizon = day
        .checked_add_days(Days::new(EXPIRING_DAYS))
        .unwrap_or(day);
    let of_year = move |app: crate::state::AppState| app.lang.get().dash_year_as_of(year, day);
    view! {
        <div class="dash-grid">
            {report_card(
                "dash-products", |d| d.stars_title, on_day,
                load("products", on_day, listed("products"), None),
                move |app| app.lang.get().dash_in_force_on(day),
                records::products,
            )}
            {report_card(
                "dash-expiring", |d| d.expiring_title, on_day,
                load("province-summary", on_day, listed("province-summary"), s.probe.clone()),
                move |app| app.lang.get().dash_expiring_window(day, horizon),
                records::expiring,
            )}
            {report_card(
                "dash-pipeline", |d| d.pipeline_title, in_year,
                load("pipeline", in_year, listed("pipeline"), None),
                of_year,
                records::pipeline,
            )}
            {report_card(
                "dash-targets", |d| d.targets_title, in_year,
                load("targets", in_year, listed("targets"), None),
                of_year,
                programme::targets,
            )}
            {report_card(
                "dash-budget", |d| d.budget_title, in_year,
                load("budgets", in_year, listed("budgets"), None),
                of_year,
                programme::budget,
            )}
        </div>
    }
}
