//! Annual plans: the list with its filters in the address, a new plan (`new`), and one plan
//! (`view`) with its targets' progress (`progress`, `chart`), the targets editor (`targets`)
//! and the activities (`activities`, `activity`). The numbers' display rules live here, tested
//! natively.

mod activities;
mod activity;
mod activity_form;
mod chart;
mod checks;
mod edit;
mod new;
mod participants;
mod progress;
mod target_form;
mod target_inputs;
mod targets;
mod view;

pub use new::PlanNew;
pub use view::PlanView;

use leptos::prelude::*;
use ocop_core::Dong;
use ocop_plans::{Measure, PlanOut, PlanQuery, PlanState, Quantity};

use crate::api;
use crate::components::filters::{FilterSelect, UrlParam, keep_in_url};
use crate::components::list_table::{Column, list_table};
use crate::format;
use crate::i18n::Lang;
use crate::i18n::plans::pl;
use crate::route::Route;
use crate::state::{AppState, use_app};
use ocop_core::access::Action;

const PER_PAGE: u64 = 20;

pub fn state_badge(app: AppState, state: PlanState) -> impl IntoView {
    view! {
        <span class=format!("badge plan-state {}", state.as_str()) data-state=state.as_str()>
            {move || app.lang.get().plan_state(state)}
        </span>
    }
}

/// A value in a target's terms as people read it: a count, a share in % (from basis points),
/// or money in đồng. Fractions (a path's expected value) keep one decimal.
pub fn show_value(lang: Lang, measure: Measure, value: f64) -> String {
    let text = match measure {
        // Money keeps Vietnamese grouping whatever the language.
        Measure::Money => return Dong(value.round() as i64).display_vi(),
        Measure::Share => format!("{} %", decimal(value / 100.0)),
        Measure::Count => decimal(value),
    };
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

/// At most one decimal, none when whole.
fn decimal(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// A quantity: its value, and for a share its parts (`12,5 % (5/40)`).
pub fn show_quantity(lang: Lang, measure: Measure, q: &Quantity, value: Option<f64>) -> String {
    match (value, q.denominator) {
        (Some(v), Some(d)) => format!("{} ({}/{d})", show_value(lang, measure, v), q.numerator),
        (Some(v), None) => show_value(lang, measure, v),
        (None, _) => "—".to_string(),
    }
}

/// A target or a range: `10`, `10–12`.
pub fn show_target(lang: Lang, measure: Measure, target: i64, max: Option<i64>) -> String {
    let low = show_value(lang, measure, target as f64);
    match max {
        Some(max) if max != target => {
            format!("{low}–{}", show_value(lang, measure, max as f64))
        }
        _ => low,
    }
}

/// A period of years: `2027`, `2026–2030`.
pub fn show_years(start: i32, end: i32) -> String {
    if start == end {
        start.to_string()
    } else {
        format!("{start}–{end}")
    }
}

/// A number typed in a form: a share as a percentage (`12,5` → 1250 basis points), a count or
/// money as a whole number.
pub fn parse_amount(measure: Measure, text: &str) -> Result<Option<i64>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match measure {
        Measure::Share => {
            let percent: f64 = text
                .trim_end_matches('%')
                .trim()
                .replace(',', ".")
                .parse()
                .map_err(|_| ())?;
            Ok(Some((percent * 100.0).round() as i64))
        }
        _ => format::whole_number(text),
    }
}

/// The inverse of [`parse_amount`], to fill an edit form.
pub fn amount_text(measure: Measure, value: i64) -> String {
    match measure {
        Measure::Share => decimal(value as f64 / 100.0),
        _ => value.to_string(),
    }
}

#[component]
pub fn PlanList() -> impl IntoView {
    let app = use_app();
    let year = RwSignal::new(String::new());
    let state = RwSignal::new(String::new());
    let page = RwSignal::new(1_u64);
    keep_in_url(
        Route::Plans,
        vec![UrlParam::new("year", year), UrlParam::new("state", state)],
        page,
    );
    Effect::watch(
        move || (year.get(), state.get()),
        move |_, _, _| {
            if page.get_untracked() != 1 {
                page.set(1);
            }
        },
        false,
    );
    let data = LocalResource::new(move || {
        let query = PlanQuery {
            year: year.get().parse().ok(),
            state: PlanState::parse(&state.get()),
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
            ..Default::default()
        };
        async move { api::plans(&query).await }
    });
    let this_year = js_sys::Date::new_0().get_full_year() as i32;
    let year_options = Signal::derive(move || {
        let mut options = vec![(String::new(), pl(app.t()).all_years.to_string())];
        options.extend(
            ((this_year - 6)..=(this_year + 2))
                .rev()
                .map(|y| (y.to_string(), y.to_string())),
        );
        options
    });
    let state_options = Signal::derive(move || {
        let lang = app.lang.get();
        let mut options = vec![(String::new(), lang.dict().all_statuses.to_string())];
        options.extend(
            PlanState::ALL
                .iter()
                .map(|s| (s.as_str().to_string(), lang.plan_state(*s).to_string())),
        );
        options
    });
    view! {
        <section class="page plans-page">
            <div class="page-head">
                <h1>{move || pl(app.t()).list_title}</h1>
                <Show when=move || app.can(Action::PlansManage)>
                    <a id="plan-new" class="button primary" href=Route::PlanNew.href()>
                        {move || pl(app.t()).new_plan}
                    </a>
                </Show>
            </div>
            <div class="filters">
                <FilterSelect id="filter-year" label=|l| l.plans().year value=year options=year_options />
                <FilterSelect id="filter-state" label=|l| l.rec_filter_status() value=state options=state_options />
            </div>
            {list_table(data, &COLUMNS, Some(page), plan_row)}
        </section>
    }
}

const COLUMNS: [Column; 5] = [
    Column::text(|t| pl(t).unit),
    Column::num(|t| pl(t).year),
    Column::text(|t| pl(t).title),
    Column::text(|t| t.status),
    Column::text(|t| pl(t).decision),
];

fn plan_row(app: AppState, p: PlanOut) -> impl IntoView {
    let route = Route::Plan(p.id);
    let href = route.href();
    let decision = match (&p.decision_number, &p.decision_date) {
        (Some(n), Some(d)) => format!("{n} · {}", format::day(d)),
        (Some(n), None) => n.clone(),
        _ => String::new(),
    };
    view! {
        <tr class="clickable" data-id=p.id.to_string() on:click=move |_| app.go(route.clone())>
            <td>{p.unit_name}</td>
            <td class="num">{p.year}</td>
            <td><a href=href>{p.title}</a></td>
            <td>{state_badge(app, p.state)}</td>
            <td>{decision}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_counts_percentages_and_dong() {
        assert_eq!(show_value(Lang::Vi, Measure::Count, 12.0), "12");
        assert_eq!(show_value(Lang::Vi, Measure::Count, 2.46), "2,5");
        assert_eq!(show_value(Lang::En, Measure::Share, 1250.0), "12.5 %");
        assert_eq!(show_value(Lang::Vi, Measure::Share, 1250.0), "12,5 %");
        assert_eq!(
            show_value(Lang::Vi, Measure::Money, 1_500_000.0),
            "1.500.000 ₫"
        );
        assert_eq!(show_target(Lang::Vi, Measure::Count, 10, Some(12)), "10–12");
        assert_eq!(show_target(Lang::Vi, Measure::Count, 10, None), "10");
        assert_eq!(show_years(2026, 2030), "2026–2030");
    }

    #[test]
    fn typed_amounts_read_shares_as_percentages() {
        assert_eq!(parse_amount(Measure::Share, "12,5"), Ok(Some(1250)));
        assert_eq!(parse_amount(Measure::Share, "80 %"), Ok(Some(8000)));
        assert_eq!(parse_amount(Measure::Count, "1.000"), Ok(Some(1000)));
        assert_eq!(parse_amount(Measure::Count, ""), Ok(None));
        assert!(parse_amount(Measure::Share, "abc").is_err());
        assert_eq!(amount_text(Measure::Share, 1250), "12.5");
    }
}
