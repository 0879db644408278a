//! The cards about the programme's records: certified products by stars and product set,
//! certificates expiring within 90 days, and the dossiers by step of the cycle. Each body
//! draws one report already read; the figures come from [`super::data`].

use leptos::prelude::*;
use ocop_reports::ReportOut;

use super::data::{self, Named};
use crate::components::charts::{Bar, bar_rows, column_chart};
use crate::i18n::Lang;
use crate::state::AppState;

/// How many product sets or communes a card draws before adding up the rest.
const SHOWN: usize = 8;

fn bars(lang: Lang, items: Vec<Named>) -> Vec<Bar> {
    items
        .into_iter()
        .map(|n| Bar {
            key: n.code,
            label: n.name,
            value: n.count,
            text: lang.dash_count(n.count),
        })
        .collect()
}

fn no_figures(app: AppState) -> AnyView {
    view! { <p class="muted empty">{app.lang.get().dashboard().no_figures}</p> }.into_any()
}

/// Certified products in force by stars (columns) and by product set (rows).
pub fn products(app: AppState, report: ReportOut) -> AnyView {
    let lang = app.lang.get();
    let d = lang.dashboard();
    let stars = data::by_stars(&report);
    let total: i64 = stars.iter().map(|(_, n)| n).sum();
    let columns = stars
        .into_iter()
        .map(|(stars, n)| Bar {
            key: stars.to_string(),
            label: format!("{stars} ★"),
            value: n,
            text: lang.dash_count(n),
        })
        .collect();
    let sets = data::top(data::by_product_set(&report), SHOWN, d.others);
    let sets = if sets.is_empty() {
        no_figures(app)
    } else {
        bar_rows("dash-sets", d.sets_title.to_string(), bars(lang, sets)).into_any()
    };
    view! {
        <p class="dash-figure">
            <strong id="dash-stars-total" data-value=total.to_string()>{lang.dash_products(total)}</strong>
        </p>
        {column_chart("dash-stars", d.stars_chart.to_string(), columns)}
        <h3>{d.sets_title}</h3>
        {sets}
    }
    .into_any()
}

/// Certificates in force that expire within 90 days: the number, then by commune.
pub fn expiring(app: AppState, report: ReportOut) -> AnyView {
    let lang = app.lang.get();
    let d = lang.dashboard();
    let (total, communes) = data::expiring(&report);
    let communes = if communes.is_empty() {
        view! { <p class="muted empty">{d.expiring_none}</p> }.into_any()
    } else {
        let communes = data::top(communes, SHOWN, d.others);
        view! {
            <h3>{d.expiring_by_commune}</h3>
            {bar_rows("dash-expiring-communes", d.expiring_by_commune.to_string(), bars(lang, communes))}
        }
        .into_any()
    };
    view! {
        <p class="dash-figure" class:warn={total > 0}>
            <strong id="dash-expiring-total" data-value=total.to_string()>{lang.dash_certificates(total)}</strong>
        </p>
        {communes}
    }
    .into_any()
}

/// Dossiers standing in each step of the cycle on the day, in the cycle's order.
pub fn pipeline(app: AppState, report: ReportOut) -> AnyView {
    let lang = app.lang.get();
    let d = lang.dashboard();
    let states = data::pipeline(&report);
    let total: i64 = states.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return no_figures(app);
    }
    let rows = states
        .into_iter()
        .map(|(state, n)| Bar {
            key: state.as_str().to_string(),
            label: lang.cycle_state(state).to_string(),
            value: n,
            text: lang.dash_count(n),
        })
        .collect();
    view! {
        {bar_rows("dash-pipeline-states", d.pipeline_title.to_string(), rows)}
        <p class="pl-total">
            <span>{d.total}</span>
            <strong id="dash-pipeline-total" data-value=total.to_string()>{lang.dash_dossiers(total)}</strong>
        </p>
    }
    .into_any()
}
