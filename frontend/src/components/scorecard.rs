//! The live scorecard beside a sheet being filled: total, part totals, star rank, unmet star
//! minimums, what is still unanswered and, for the producer, the advisor's plan. It runs the
//! same pure rules as the server (`ocop_evaluations::evaluate`), in the browser, on every click.
//! The total is `#live-total`, the stars `#live-stars` (with `data-stars`).

use std::sync::Arc;

use leptos::prelude::*;
use ocop_evaluations::{Advice, CriteriaSheet, EvaluationOut, Selection, StarResult, evaluate};

use crate::components::remote::stars_text;
use crate::state::{AppState, use_app};

#[component]
pub fn Scorecard(
    sheet: Arc<CriteriaSheet>,
    choices: RwSignal<Selection>,
    /// Show the advisor's improvements and next-level plan.
    #[prop(optional)]
    advise: bool,
) -> impl IntoView {
    let app = use_app();
    let max = sheet.total_points;
    let rules = sheet.clone();
    let result = Memo::new(move |_| {
        choices.with(|selection| evaluate(&rules, selection).map_err(|e| e.to_string()))
    });
    view! {
        <aside class="scorecard card" id="scorecard">
            <h2>{move || app.t().ev.live_score}</h2>
            {move || match result.get() {
                Err(message) => view! { <p class="form-error">{message}</p> }.into_any(),
                Ok(out) => evaluation_view(app, out, max, advise).into_any(),
            }}
        </aside>
    }
}

fn evaluation_view(app: AppState, out: EvaluationOut, max: u32, advise: bool) -> impl IntoView {
    let EvaluationOut {
        score,
        stars,
        advice,
        unanswered,
    } = out;
    let parts = score
        .parts
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <td>{p.code.clone()}</td>
                    <td class="num">{format!("{} / {}", p.points, p.max_points)}</td>
                </tr>
            }
        })
        .collect_view();
    let left = unanswered.len();
    view! {
        <div class="live-total">
            <span id="live-total">{score.total}</span>
            <span class="of">{format!(" / {max}")}</span>
        </div>
        {star_result_view(app, stars, "live")}
        <table class="parts" id="live-parts">
            <tbody>{parts}</tbody>
        </table>
        <p id="live-unanswered" class:muted=left == 0 class:warn=left != 0>
            {move || (app.t().ev.unanswered)(left)}
        </p>
        {(left > 0).then(|| view! { <p class="codes">{unanswered.join(", ")}</p> })}
        {advise.then(|| advice_view(app, advice))}
    }
}

/// Stars, the band when a minimum caps it, and the unmet minimums: `#<prefix>-stars`,
/// `#<prefix>-unmet`.
pub fn star_result_view(app: AppState, result: StarResult, prefix: &str) -> impl IntoView + use<> {
    let StarResult {
        average,
        band_stars,
        stars,
        unmet,
        not_rated,
    } = result;
    // Not rated is no cap by minimums: the note says why instead.
    let capped = band_stars != stars && not_rated.is_none();
    // Nothing scored is below every band, not the 1★ band's floor.
    let stars = crate::format::shown_stars(stars, average);
    // The printed note is the reason, in the sheet's own words.
    let not_rated = not_rated.map(|r| {
        let code = r
            .criterion_code
            .map(|c| format!("{c}: "))
            .unwrap_or_default();
        view! { <p class="warn" id=format!("{prefix}-not-rated")>{format!("{code}{}", r.rule)}</p> }
    });
    let unmet_list = unmet
        .into_iter()
        .map(|u| {
            let text = move || {
                (app.t().ev.unmet_line)(
                    &u.criterion_code,
                    u.required_level,
                    &u.required_option_text,
                    u.required_points,
                    &crate::format::score(app.lang.get(), u.achieved_points),
                )
            };
            view! { <li>{text}</li> }
        })
        .collect_view();
    view! {
        <div class="stars" id=format!("{prefix}-stars") data-stars=stars.to_string() title=move || crate::format::score(app.lang.get(), average)>
            <span class="glyphs" aria-hidden="true">{stars_text(stars)}</span>
            <span class="label">
                {move || if stars == 0 { app.lang.get().stars_words(0) } else { (app.t().ev.stars_label)(stars) }}
            </span>
        </div>
        {not_rated}
        {capped.then(|| view! { <p class="warn">{move || (app.t().ev.capped_by_minimums)(band_stars, stars)}</p> })}
        <div id=format!("{prefix}-unmet") class="unmet">
            <ul>{unmet_list}</ul>
        </div>
    }
}

/// The advisor: what could score more, and the fewest changes to the next star level.
pub fn advice_view(app: AppState, advice: Advice) -> impl IntoView {
    let Advice {
        improvements,
        next_level,
        undecided_choices,
        ..
    } = advice;
    let plan = next_level.map(|plan| {
        let changes = plan
            .changes
            .into_iter()
            .map(|c| {
                let from = c.from_option.map_or("—".to_string(), |o| o.to_string());
                let required = c.required_by_level;
                view! {
                    <li>
                        <strong>{c.criterion_code.clone()}</strong>
                        {format!(": {from} → {} (+{})", c.to_option, c.to_points - c.from_points)}
                        {required.map(|level| view! { <span class="marker">{move || (app.t().ev.minimum_for)(level)}</span> })}
                    </li>
                }
            })
            .collect_view();
        let target = plan.target_stars;
        let added = plan.points_added;
        let after = plan.total_after;
        view! {
            <div class="plan" id="advice-plan">
                <h3>{move || (app.t().ev.next_level_plan)(target)}</h3>
                <ul>{changes}</ul>
                <p class="muted">{move || (app.t().ev.plan_summary)(added, after)}</p>
            </div>
        }
    });
    let top = improvements
        .into_iter()
        .filter(|i| i.gain > 0)
        .map(|i| {
            view! {
                <li>
                    <strong>{i.criterion_code.clone()}</strong>
                    {format!(" {} ", i.title)}
                    <span class="gain">{format!("+{}", i.gain)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="advice" id="advice">
            <h3>{move || app.t().ev.advice_title}</h3>
            {plan}
            {(!undecided_choices.is_empty()).then(|| {
                let codes = undecided_choices.join(", ");
                view! { <p class="warn">{move || (app.t().ev.undecided)(&codes)}</p> }
            })}
            <details>
                <summary>{move || app.t().ev.improvements}</summary>
                <ul class="improvements">{top}</ul>
            </details>
        </div>
    }
}
