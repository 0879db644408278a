//! The targets' progress table (`#plan-progress`): per target its title and metric, period,
//! baseline, target, actual, percentage with a `<meter>`, the status badge worded and coloured
//! with the numbers it was decided from behind a disclosure, and the split by unit folded away.

use leptos::prelude::*;
use ocop_plans::{PlanProgress, TargetProgress};

use super::{show_quantity, show_target, show_value};
use crate::format::{self, wire};
use crate::i18n::Lang;
use crate::i18n::plans::pl;
use crate::state::AppState;

pub fn progress_table(app: AppState, progress: PlanProgress) -> impl IntoView {
    if progress.targets.is_empty() {
        return view! { <p class="muted" id="plan-no-targets">{move || pl(app.t()).no_targets}</p> }
            .into_any();
    }
    let rows = progress
        .targets
        .into_iter()
        .map(|t| target_rows(app, t))
        .collect_view();
    view! {
        <div class="table-scroll">
            <table id="plan-progress" class="list progress-table">
                <thead>
                    <tr>
                        <th>{move || pl(app.t()).chart_target}</th>
                        <th class="num">{move || pl(app.t()).period}</th>
                        <th class="num">{move || pl(app.t()).baseline}</th>
                        <th class="num">{move || pl(app.t()).target}</th>
                        <th class="num">{move || pl(app.t()).actual}</th>
                        <th>{move || pl(app.t()).percent}</th>
                        <th>{move || pl(app.t()).assessment}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn target_rows(app: AppState, t: TargetProgress) -> impl IntoView {
    let measure = t.measure;
    let metric = t.metric;
    let status = t.status;
    let period = format!(
        "{} – {}",
        format::day(&t.period_start),
        format::day(&t.period_end)
    );
    let percent = t.percent;
    let meter_value = percent.unwrap_or(0.0).clamp(0.0, 100.0);
    let baseline = t.baseline;
    let baseline_value = t.baseline_value;
    let actual = t.actual;
    let actual_value = t.actual_value;
    let (target, target_max) = (t.target, t.target_max);
    let above = t.above_range;
    let basis = t.basis;
    let by_unit = t.by_unit.clone();
    let has_units = !by_unit.is_empty();
    let lang = move || app.lang.get();
    view! {
        <tr class="target-row" data-target=t.target_id.to_string() data-status=wire(&status)>
            <td>
                <strong class="target-title">{t.title.clone()}</strong>
                <div class="sub">{move || lang().metric(metric)}" · "{t.unit_name.clone()}</div>
            </td>
            <td class="num period">{period}</td>
            <td class="num">{move || show_quantity(lang(), measure, &baseline, baseline_value)}</td>
            <td class="num target-value">{move || show_target(lang(), measure, target, target_max)}</td>
            <td class="num actual-value">
                {move || show_quantity(lang(), measure, &actual, actual_value)}
                {above.then(|| view! { <div class="sub warn">{move || pl(app.t()).above_range}</div> })}
            </td>
            <td class="percent">
                <meter min="0" max="100" low="50" high="95" optimum="100" value=meter_value>
                    {percent.map(|p| format!("{p:.0} %"))}
                </meter>
                <span class="percent-text">{percent.map_or("—".to_string(), |p| format!("{p:.0} %"))}</span>
            </td>
            <td>
                <details class="status-basis">
                    <summary>
                        <span class=format!("badge progress {}", wire(&status)) data-status=wire(&status)>
                            {move || lang().progress_status(status)}
                        </span>
                    </summary>
                    <dl class="facts">
                        <dt>{move || pl(app.t()).days_run}</dt>
                        <dd>{format!("{} / {}", basis.days_elapsed, basis.days_in_period)}</dd>
                        <dt>{move || pl(app.t()).expected}</dt>
                        <dd>{move || show_value(lang(), measure, basis.expected)}</dd>
                        <dt>{move || pl(app.t()).observed_rate}</dt>
                        <dd>{move || rate(lang(), measure, basis.observed_rate)}</dd>
                        <dt>{move || pl(app.t()).required_rate}</dt>
                        <dd>{move || rate(lang(), measure, basis.required_rate)}</dd>
                        <dt>{move || pl(app.t()).ratio}</dt>
                        <dd class="ratio">{move || basis.ratio.map_or("—".to_string(), |r| ratio(lang(), r))}</dd>
                    </dl>
                </details>
            </td>
        </tr>
        {has_units.then(|| view! {
            <tr class="by-unit-row">
                <td colspan="7">
                    <details class="by-unit">
                        <summary>{move || pl(app.t()).by_unit}{format!(" ({})", by_unit.len())}</summary>
                        <table class="list compact">
                            <tbody>
                                {by_unit.iter().map(|u| {
                                    let q = u.actual;
                                    let v = u.value;
                                    view! {
                                        <tr data-unit=u.unit_id.0.to_string()>
                                            <td>{u.unit_name.clone()}</td>
                                            <td class="num">{move || show_quantity(app.lang.get(), measure, &q, v)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </details>
                </td>
            </tr>
        })}
    }
}

fn rate(lang: Lang, measure: ocop_plans::Measure, value: Option<f64>) -> String {
    value.map_or("—".to_string(), |v| show_value(lang, measure, v))
}

fn ratio(lang: Lang, r: f64) -> String {
    let text = format!("{r:.2}");
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}
