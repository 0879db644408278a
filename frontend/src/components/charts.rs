//! Small charts drawn as inline SVG from figures already added up: columns for a few
//! categories, rows of horizontal bars, rows of paired bars (two figures per row, such as
//! planned and disbursed) and a progress bar. Every chart and bar carries a `<title>` and its
//! number is written beside it, so nothing is told by colour alone. Colours come from classes
//! in style.css: the Content-Security-Policy refuses `style` attributes.
//!
//! Bars in rows are an SVG each, stretched to the row (`preserveAspectRatio="none"`), while
//! their names and numbers stay HTML text: text inside a scaled SVG would shrink to nothing
//! on a phone.

use leptos::prelude::*;

/// One bar: what it stands for and its value, as a number and as people read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The category's wire key (`3`, `I.6`, `recognised`), kept as `data-key`.
    pub key: String,
    pub label: String,
    pub value: i64,
    pub text: String,
}

/// Two figures of one category, drawn on one scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub key: String,
    pub label: String,
    pub first: i64,
    pub first_text: String,
    pub second: i64,
    pub second_text: String,
}

/// How much of a bar `value` fills, in percent of `max`; a value above zero keeps a sliver so
/// that it is seen.
pub fn share(value: i64, max: i64) -> f64 {
    if value <= 0 || max <= 0 {
        return 0.0;
    }
    (value as f64 / max as f64 * 100.0).clamp(1.0, 100.0)
}

const COLUMN: f64 = 64.0;
const GAP: f64 = 28.0;
const HEIGHT: f64 = 190.0;
/// Room above the tallest column for its number, and below the axis for the names.
const TOP: f64 = 26.0;
const BOTTOM: f64 = 28.0;

/// Vertical columns for a few categories, each with its number above and its name below.
/// `title` names the chart; the screen reader's label lists every figure.
pub fn column_chart(id: &'static str, title: String, bars: Vec<Bar>) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let count = bars.len().max(1) as f64;
    let width = count * COLUMN + (count + 1.0) * GAP;
    let plot = HEIGHT - TOP - BOTTOM;
    let label = summary(&title, &bars);
    let columns = bars
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let x = GAP + i as f64 * (COLUMN + GAP);
            let h = share(b.value, max) / 100.0 * plot;
            let y = TOP + plot - h;
            let middle = x + COLUMN / 2.0;
            let tip = format!("{}: {}", b.label, b.text);
            view! {
                <g class="column" data-key=b.key data-value=b.value.to_string()>
                    <title>{tip}</title>
                    <rect class="column-fill" x=x y=y width=COLUMN height=h />
                    <text class="column-value" x=middle y=y - 7.0 text-anchor="middle">{b.text}</text>
                    <text class="column-label" x=middle y=HEIGHT - 8.0 text-anchor="middle">{b.label}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg id=id class="column-chart" viewBox=format!("0 0 {width} {HEIGHT}") role="img" aria-label=label>
            <title>{title}</title>
            <line class="chart-axis" x1="0" x2=width y1=TOP + plot y2=TOP + plot />
            {columns}
        </svg>
    }
}

/// Horizontal bars, one row each: the name, the bar, the number.
pub fn bar_rows(id: &'static str, title: String, bars: Vec<Bar>) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let rows = bars
        .into_iter()
        .map(|b| {
            let tip = format!("{}: {}", b.label, b.text);
            view! {
                <li class:zero={b.value == 0} data-key=b.key data-value=b.value.to_string()>
                    <span class="bar-label">{b.label}</span>
                    {track(tip, share(b.value, max), "bar-fill".to_string())}
                    <span class="bar-value">{b.text}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul id=id class="bar-rows" aria-label=title>{rows}</ul> }
}

/// Rows of two bars on one scale, each bar followed by its figure's name and number; the
/// legend names the two colours as well.
pub fn paired_rows(
    id: &'static str,
    title: String,
    names: (&'static str, &'static str),
    pairs: Vec<Pair>,
) -> impl IntoView {
    let max = pairs
        .iter()
        .map(|p| p.first.max(p.second))
        .max()
        .unwrap_or(0);
    let rows = pairs
        .into_iter()
        .map(|p| {
            let first = format!("{} — {}: {}", p.label, names.0, p.first_text);
            let second = format!("{} — {}: {}", p.label, names.1, p.second_text);
            view! {
                <li class="pair" data-key=p.key data-first=p.first.to_string() data-second=p.second.to_string()>
                    <span class="bar-label">{p.label}</span>
                    <span class="pair-line first">
                        {track(first, share(p.first, max), "bar-fill first".to_string())}
                        <span class="bar-value"><span class="pair-name">{names.0}</span>" "{p.first_text}</span>
                    </span>
                    <span class="pair-line second">
                        {track(second, share(p.second, max), "bar-fill second".to_string())}
                        <span class="bar-value"><span class="pair-name">{names.1}</span>" "{p.second_text}</span>
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul id=id class="bar-rows paired" aria-label=title>{rows}</ul>
        <p class="chart-legend" aria-hidden="true">
            <span class="key pair-first">{names.0}</span>
            <span class="key pair-second">{names.1}</span>
        </p>
    }
}

/// The way made towards a target: the bar is full at 100 % (the number tells anything
/// beyond), coloured by `status`, whose word is written beside it by the caller. A target met
/// without a measurable way (it started beyond its mark) shows full.
pub fn progress_bar(tip: String, percent: Option<f64>, status: &str) -> impl IntoView + use<> {
    let filled = match percent {
        Some(p) => p.clamp(0.0, 100.0),
        None if status == "met" => 100.0,
        None => 0.0,
    };
    track(tip, filled, format!("bar-fill progress {status}"))
}

/// One bar as an SVG stretched to its box: a grey track and the filled part.
fn track(tip: String, percent: f64, class: String) -> impl IntoView {
    let label = tip.clone();
    view! {
        <svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label=label>
            <title>{tip}</title>
            <rect class="bar-bg" x="0" y="0" width="100" height="10" />
            <rect class=class x="0" y="0" width=format!("{percent:.2}") height="10" />
        </svg>
    }
}

/// The chart's label for a screen reader: its title, then every figure.
fn summary(title: &str, bars: &[Bar]) -> String {
    let figures: Vec<String> = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.text))
        .collect();
    format!("{title}. {}", figures.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_their_share_of_the_largest_and_a_small_one_stays_visible() {
        assert_eq!(share(0, 10), 0.0);
        assert_eq!(share(5, 0), 0.0);
        assert_eq!(share(10, 10), 100.0);
        assert_eq!(share(5, 10), 50.0);
        assert_eq!(share(1, 1_000_000), 1.0);
    }

    #[test]
    fn a_charts_label_lists_its_figures() {
        let bars = vec![
            Bar {
                key: "3".into(),
                label: "3 ★".into(),
                value: 12,
                text: "12".into(),
            },
            Bar {
                key: "4".into(),
                label: "4 ★".into(),
                value: 0,
                text: "0".into(),
            },
        ];
        assert_eq!(summary("Sao", &bars), "Sao. 3 ★: 12; 4 ★: 0");
    }
}
