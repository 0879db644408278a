//! The caller's alerts: dossiers waiting for a check, a council or a decision, sheets to score,
//! dossiers returned to their producer, round deadlines, re-ratings due and certificates
//! expiring or expired, each linking to what it is about.

use leptos::prelude::*;
use ocop_evaluations::{AlertKind, AlertOut, CertificateId, CycleId, RoundId};

use crate::api;
use crate::components::remote::remote;
use crate::format;
use crate::route::Route;
use crate::state::{AppState, use_app};

/// Where an alert leads. The `target` says which kind of record `target_id` is; a sheet to
/// score opens the member's sheet in its round rather than the dossier.
pub fn alert_route(alert: &AlertOut) -> Option<Route> {
    let id = alert.target_id;
    if alert.kind == AlertKind::SheetToScore
        && let Some(round) = alert.round_id
    {
        return Some(Route::RoundScore(RoundId(round), CycleId(id)));
    }
    match alert.target.as_str() {
        "cycle" => Some(Route::Cycle(CycleId(id))),
        "round" => Some(Route::Round(RoundId(id))),
        "certificate" => Some(Route::Certificate(CertificateId(id))),
        _ => None,
    }
}

#[component]
pub fn AlertList() -> impl IntoView {
    let app = use_app();
    let data = LocalResource::new(api::alerts);
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{move || app.t().ev.alerts_title}</h1>
            </div>
            {remote(data, move |alerts| {
                let empty = alerts.is_empty();
                view! {
                    <div class="table-scroll">
                        <table id="list-table" class="list alerts">
                            <thead>
                                <tr>
                                    <th>{move || app.t().ev.alert}</th>
                                    <th>{move || app.t().kind}</th>
                                    <th class="num">{move || app.t().ev.due_on}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {empty.then(|| view! { <tr><td colspan="3" class="muted">{move || app.t().ev.no_alerts}</td></tr> })}
                                {alerts.into_iter().map(|a| alert_row(app, a)).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })}
        </section>
    }
}

fn alert_row(app: AppState, a: AlertOut) -> impl IntoView {
    let kind = a.kind;
    let overdue = a.overdue;
    let link = match alert_route(&a) {
        Some(route) => {
            view! { <a href=route.href() class="alert-link">{a.title.clone()}</a> }.into_any()
        }
        None => view! { <span>{a.title.clone()}</span> }.into_any(),
    };
    // The reason a dossier came back is the producer's work list: shown, not hidden in history.
    let detail = a
        .detail
        .clone()
        .filter(|d| !d.trim().is_empty())
        .map(|d| view! { <div class="sub alert-detail prewrap">{d}</div> });
    view! {
        <tr class:overdue=overdue data-kind=format::wire(&kind) data-target=a.target.clone()>
            <td>{link}{detail}</td>
            <td>{move || app.lang.get().alert_kind(kind)}</td>
            <td class="num">
                {a.due_on.map(|d| format::day(&d))}
                {overdue.then(|| view! { " " <span class="badge suspended">{move || app.t().ev.overdue}</span> })}
            </td>
        </tr>
    }
}
