//! The progress chart of one target (`#plan-chart`), inline SVG drawn from data: the straight
//! path from the start to the target across the period, the target (and a range's top) as a
//! dashed line, and the actual at the end of each past month (each quarter for a multi-year
//! period) up to the day asked, each point one progress call.

use chrono::{Datelike, Months, NaiveDate};
use leptos::prelude::*;
use ocop_core::UnitId;
use ocop_plans::{PlanId, PlanProgress, TargetId, TargetProgress};

use super::show_value;
use crate::api;
use crate::components::fields::SelectInput;
use crate::i18n::Lang;
use crate::i18n::plans::pl;
use crate::state::use_app;

const W: f64 = 640.0;
const H: f64 = 260.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 34.0;

/// The days to read the actual on: the last day of each month (each quarter when the period
/// runs past a year) that has ended by `cap`, then `cap` itself; none before the period.
pub fn checkpoints(start: NaiveDate, end: NaiveDate, cap: NaiveDate) -> Vec<NaiveDate> {
    let cap = cap.min(end);
    if cap < start {
        return Vec::new();
    }
    let step = if (end - start).num_days() > 366 { 3 } else { 1 };
    let mut days = Vec::new();
    let mut month_start = NaiveDate::from_ymd_opt(start.year(), start.month(), 1).unwrap_or(start);
    while let Some(next) = month_start.checked_add_months(Months::new(step)) {
        let Some(last) = next.pred_opt() else { break };
        if last >= cap {
            break;
        }
        days.push(last);
        month_start = next;
    }
    days.push(cap);
    days
}

/// The chart for the selected target of `progress`; `unit` the area asked.
#[component]
pub fn PlanChart(plan: PlanId, progress: PlanProgress, unit: Option<UnitId>) -> impl IntoView {
    let app = use_app();
    let targets = progress.targets.clone();
    let as_of = progress.as_of;
    let selected = RwSignal::new(
        targets
            .first()
            .map(|t| t.target_id.to_string())
            .unwrap_or_default(),
    );
    let options = {
        let targets = targets.clone();
        Signal::derive(move || {
            targets
                .iter()
                .map(|t| (t.target_id.to_string(), t.title.clone()))
                .collect::<Vec<_>>()
        })
    };
    let series = LocalResource::new(move || {
        let target: Option<TargetId> = selected.get().parse().ok();
        let current = targets
            .iter()
            .find(|t| Some(t.target_id) == target)
            .cloned();
        async move {
            let current = current?;
            let mut points = Vec::new();
            for day in checkpoints(current.period_start, current.period_end, as_of) {
                // Sequential: a handful of small calls, kind to a busy server.
                if let Ok(p) = api::progress(plan, Some(day), unit).await
                    && let Some(t) = p.targets.iter().find(|t| t.target_id == current.target_id)
                    && let Some(v) = t.actual_value
                {
                    points.push((day, v));
                }
            }
            Some((current, points))
        }
    });
    view! {
        <div class="plan-chart card" id="plan-chart">
            <div class="chart-head">
                <h3>{move || pl(app.t()).chart}</h3>
                <label class="chart-pick">
                    <span>{move || pl(app.t()).chart_target}</span>
                    <SelectInput id="chart-target" value=selected options />
                </label>
            </div>
            {move || match series.get() {
                None => view! { <p class="muted">{move || pl(app.t()).chart_loading}</p> }.into_any(),
                Some(None) => ().into_any(),
                Some(Some((target, points))) => draw(app.lang.get(), &target, &points).into_any(),
            }}
        </div>
    }
}

/// The SVG of one target's path and actual points.
fn draw(lang: Lang, t: &TargetProgress, points: &[(NaiveDate, f64)]) -> impl IntoView {
    let measure = t.measure;
    let start_value = t.basis.start;
    let top_target = t.target_max.unwrap_or(t.target) as f64;
    let highest = points
        .iter()
        .map(|(_, v)| *v)
        .fold(top_target.max(start_value), f64::max);
    let lowest = points
        .iter()
        .map(|(_, v)| *v)
        .fold(start_value.min(t.target as f64), f64::min)
        .min(0.0);
    let span_y = (highest - lowest).max(1.0) * 1.1;
    let (first, last) = (t.period_start, t.period_end);
    let days = (last - first).num_days().max(1) as f64;
    let x = move |d: NaiveDate| LEFT + (d - first).num_days() as f64 / days * (W - LEFT - RIGHT);
    let y = move |v: f64| H - BOTTOM - (v - lowest) / span_y * (H - TOP - BOTTOM);
    let fmt = |v: f64| show_value(lang, measure, v);
    let path_start = (x(first), y(start_value));
    let path_end = (x(last), y(t.target as f64));
    let line: String = points
        .iter()
        .map(|(d, v)| format!("{:.1},{:.1}", x(*d), y(*v)))
        .collect::<Vec<_>>()
        .join(" ");
    let target_lines = std::iter::once(t.target)
        .chain(t.target_max.filter(|m| *m != t.target))
        .map(|v| {
            let yy = y(v as f64);
            view! {
                <line class="chart-target" x1=LEFT x2=W - RIGHT y1=yy y2=yy />
                <text class="chart-label" x=LEFT - 6.0 y=yy + 4.0 text-anchor="end">{fmt(v as f64)}</text>
            }
        })
        .collect_view();
    let dots = points
        .iter()
        .map(|(d, v)| {
            let tip = format!("{}: {}", crate::format::day(d), fmt(*v));
            view! {
                <circle class="chart-dot" cx=x(*d) cy=y(*v) r="4">
                    <title>{tip}</title>
                </circle>
            }
        })
        .collect_view();
    let p = pl(lang.dict());
    let label = format!(
        "{}: {} — {} {}",
        p.chart,
        t.title,
        p.chart_actual,
        points.last().map_or("—".to_string(), |(_, v)| fmt(*v))
    );
    view! {
        <svg class="chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=label preserveAspectRatio="xMidYMid meet">
            <line class="chart-axis" x1=LEFT x2=LEFT y1=TOP y2=H - BOTTOM />
            <line class="chart-axis" x1=LEFT x2=W - RIGHT y1=H - BOTTOM y2=H - BOTTOM />
            <text class="chart-label" x=LEFT - 6.0 y=y(lowest) + 4.0 text-anchor="end">{fmt(lowest)}</text>
            <text class="chart-label" x=LEFT y=H - 10.0 text-anchor="start">{crate::format::day(&first)}</text>
            <text class="chart-label" x=W - RIGHT y=H - 10.0 text-anchor="end">{crate::format::day(&last)}</text>
            {target_lines}
            <line class="chart-path" x1=path_start.0 y1=path_start.1 x2=path_end.0 y2=path_end.1 />
            <polyline class="chart-actual" points=line />
            {dots}
        </svg>
        <p class="chart-legend">
            <span class="key path">{p.chart_path}</span>
            <span class="key actual">{p.chart_actual}</span>
            <span class="key target">{p.chart_target}</span>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_else(|| unreachable!())
    }

    #[test]
    fn a_year_is_read_at_each_past_month_end_then_the_day() {
        let days = checkpoints(d(2027, 1, 1), d(2027, 12, 31), d(2027, 3, 10));
        assert_eq!(days, [d(2027, 1, 31), d(2027, 2, 28), d(2027, 3, 10)]);
    }

    #[test]
    fn a_phase_is_read_by_quarter_and_nothing_before_it_starts() {
        let days = checkpoints(d(2026, 1, 1), d(2030, 12, 31), d(2026, 8, 1));
        assert_eq!(days, [d(2026, 3, 31), d(2026, 6, 30), d(2026, 8, 1)]);
        assert!(checkpoints(d(2027, 1, 1), d(2027, 12, 31), d(2026, 12, 7)).is_empty());
        let over = checkpoints(d(2025, 1, 1), d(2025, 12, 31), d(2027, 3, 10));
        assert_eq!(over.len(), 12);
        assert_eq!(over.last(), Some(&d(2025, 12, 31)));
    }
}
