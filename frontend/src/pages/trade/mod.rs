//! Trade promotion: the points of sale (a filtered list with its map, in `list` and `map`), one
//! point with the products on sale there (`point`), the new-point form (`form`), and a product's
//! e-commerce listings, shown on the product page (`listings`). Pieces they share are here.

mod form;
mod list;
mod listing_form;
mod listings;
mod map;
mod point;
mod sale;

pub use form::PointOfSaleNew;
pub use list::PointOfSaleList;
pub use listings::ProductListings;
pub use point::PointOfSaleView;

use chrono::NaiveDate;
use leptos::prelude::*;
use ocop_plans::PointOfSaleKind;

use crate::components::fields::FormErrors;
use crate::i18n::Lang;
use crate::i18n::trade::Trade;
use crate::state::{AppState, use_app};

/// The strings of these screens in the current language; tracked.
fn tr(app: AppState) -> &'static Trade {
    app.lang.get().trade()
}

/// The browser's day, to prefill "since" and "until"; the server checks what it is sent.
fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// `(wire, label)` of every kind, after `first` (a "choose" or "all kinds" line).
fn kind_options(lang: Lang, first: &str) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), first.to_string())];
    options.extend(
        PointOfSaleKind::ALL
            .iter()
            .map(|k| (k.as_str().to_string(), lang.pos_kind(*k).to_string())),
    );
    options
}

/// The kind with its map colour, as the list and the legend show it.
fn kind_badge(app: AppState, kind: PointOfSaleKind) -> impl IntoView {
    view! {
        <span class=format!("pos-kind {}", kind.as_str())>
            <svg class="swatch" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true">
                <circle cx="5" cy="5" r="5" fill=map::colour(kind) />
            </svg>
            " "
            {move || app.lang.get().pos_kind(kind)}
        </span>
    }
}

/// "Open" or "closed on …".
fn open_badge(app: AppState, closed_on: Option<NaiveDate>) -> impl IntoView {
    match closed_on {
        None => view! { <span class="badge active">{move || tr(app).open}</span> }.into_any(),
        Some(day) => view! {
            <span class="badge archived">
                {move || tr(app).closed}{format!(" {}", crate::format::day(&day))}
            </span>
        }
        .into_any(),
    }
}

/// A labelled field with a label from these screens' strings: `#field-<name>` and its error
/// slot `#error-<name>`, named as the API names it, so the server's field errors land beside it.
#[component]
fn TradeField(
    name: &'static str,
    label: fn(&'static Trade) -> &'static str,
    errors: FormErrors,
    #[prop(optional)] hint: Option<fn(&'static Trade) -> &'static str>,
    #[prop(optional)] wide: bool,
    children: Children,
) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="field" class:wide=wide class:invalid=move || errors.field(name).is_some()>
            <label for=format!("field-{name}")>{move || label(tr(app))}</label>
            {children()}
            {hint.map(|hint| view! { <small class="hint">{move || hint(tr(app))}</small> })}
            <span class="field-error" id=format!("error-{name}") aria-live="polite">
                {move || errors.field(name)}
            </span>
        </div>
    }
}

/// A decimal as typed, `12,6667` read as `12.6667`; `Err` when it is not a number.
fn decimal(text: &str) -> Result<Option<f64>, ()> {
    let text = text.trim().replace(',', ".");
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Some)
        .ok_or(())
}

#[cfg(test)]
mod tests {
    use super::decimal;

    #[test]
    fn decimals_are_read_with_a_point_or_a_comma() {
        assert_eq!(decimal(" 12.6667 "), Ok(Some(12.6667)));
        assert_eq!(decimal("108,05"), Ok(Some(108.05)));
        assert_eq!(decimal(""), Ok(None));
        assert_eq!(decimal("abc"), Err(()));
    }
}
