//! The cards about the programme's plans and money: the progress of each target, and the
//! budget by funding source, planned against disbursed.

use leptos::prelude::*;
use ocop_core::Dong;
use ocop_plans::Measure;
use ocop_reports::ReportOut;

use super::data::{self, Target};
use crate::components::charts::{Pair, paired_rows, progress_bar};
use crate::i18n::Lang;
use crate::pages::plans::show_value;
use crate::state::AppState;

/// How many targets the card lists; the downloaded report has them all.
const TARGETS_SHOWN: usize = 10;

/// Each target with its bar (the way made), its percentage and its status, worded and coloured.
pub fn targets(app: AppState, report: ReportOut) -> AnyView {
    let lang = app.lang.get();
    let d = lang.dashboard();
    let targets = data::targets(&report);
    if targets.is_empty() {
        return view! { <p class="muted empty">{d.no_targets}</p> }.into_any();
    }
    let hidden = targets.len().saturating_sub(TARGETS_SHOWN);
    let items = targets
        .into_iter()
        .take(TARGETS_SHOWN)
        .map(|t| target(lang, t))
        .collect_view();
    view! {
        <ul id="dash-targets" class="dash-targets">{items}</ul>
        {(hidden > 0).then(|| view! { <p class="muted more-line">{format!("+{hidden} · {}", d.more)}</p> })}
    }
    .into_any()
}

fn target(lang: Lang, t: Target) -> impl IntoView {
    let status_wire = t
        .status
        .map_or_else(String::new, |s| crate::format::wire(&s));
    let status_word = t.status.map_or(t.status_name.clone(), |s| {
        lang.progress_status(s).to_string()
    });
    let percent = t
        .percent
        .map_or("—".to_string(), |p| lang.dash_percent(p / 100.0));
    let value = |v: f64| match t.measure {
        Some(measure) => show_value(lang, measure, v),
        None => show_value(lang, Measure::Count, v),
    };
    let figures = format!(
        "{} / {}",
        t.actual.map_or("—".to_string(), value),
        value(t.target)
    );
    let tip = format!("{}: {percent} — {status_word}", t.title);
    view! {
        <li class="dash-target" data-status=status_wire.clone()>
            <div class="dash-target-head">
                <span class="target-title">{t.title}</span>
                <span class="sub">{t.area}</span>
            </div>
            <div class="dash-target-bar">
                {progress_bar(tip, t.percent, &status_wire)}
                <span class="percent-text">{percent}</span>
            </div>
            <div class="dash-target-foot">
                <span class="sub figures">{figures}</span>
                <span class=format!("badge progress {status_wire}") data-status=status_wire.clone()>{status_word}</span>
            </div>
        </li>
    }
}

/// Money by funding source: planned against disbursed, each with its amount in đồng, then the
/// totals, the share disbursed and the state budget's share of the plan.
pub fn budget(app: AppState, report: ReportOut) -> AnyView {
    let lang = app.lang.get();
    let d = lang.dashboard();
    let budget = data::budget(&report);
    if budget.sources.is_empty() {
        return view! { <p class="muted empty">{d.no_budget}</p> }.into_any();
    }
    let pairs = budget
        .sources
        .into_iter()
        .map(|s| Pair {
            key: s.code,
            label: s.name,
            first: s.planned,
            first_text: Dong(s.planned).display_vi(),
            second: s.disbursed,
            second_text: Dong(s.disbursed).display_vi(),
        })
        .collect();
    let rate = (budget.planned > 0).then(|| budget.disbursed as f64 / budget.planned as f64);
    view! {
        {paired_rows("dash-budget-sources", d.budget_title.to_string(), (d.planned, d.disbursed), pairs)}
        <dl class="facts dash-budget-totals">
            <dt>{format!("{} — {}", d.total, d.planned.to_lowercase())}</dt>
            <dd id="dash-budget-planned" data-value=budget.planned.to_string()>{Dong(budget.planned).display_vi()}</dd>
            <dt>{format!("{} — {}", d.total, d.disbursed.to_lowercase())}</dt>
            <dd id="dash-budget-disbursed" data-value=budget.disbursed.to_string()>
                {Dong(budget.disbursed).display_vi()}
                {rate.map(|r| format!(" ({})", lang.dash_percent(r)))}
            </dd>
            <dt>{d.state_share}</dt>
            <dd id="dash-budget-state-share">{budget.state_share.map_or("—".to_string(), |s| lang.dash_percent(s))}</dd>
        </dl>
    }
    .into_any()
}
