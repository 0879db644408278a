//! The commune officer's home: the dossiers awaiting its check (15 working days, from the
//! alerts), the dossiers it returned for completion, the pipeline and the records touched last.

use leptos::prelude::*;
use ocop_evaluations::{AlertKind, AlertOut, CycleOut, CycleQuery, CycleState};

use super::{alert_list, card, of_kinds, pipeline_card};
use crate::api::{self, ApiError};
use crate::components::remote::remote;
use crate::format;
use crate::pages::cycles::state_badge;
use crate::route::Route;
use crate::state::{AppState, use_app};

const RETURNED: u64 = 20;
const RECENT: u64 = 8;

#[derive(Clone)]
struct Work {
    alerts: Vec<AlertOut>,
    returned: Vec<CycleOut>,
    recent: Vec<CycleOut>,
}

#[component]
pub fn CommuneHome() -> impl IntoView {
    let app = use_app();
    let data = LocalResource::new(|| async {
        let returned = CycleQuery {
            state: Some(CycleState::DossierReturnedForCompletion),
            per_page: Some(RETURNED),
            ..Default::default()
        };
        // The list's own order is the latest change first.
        let recent = CycleQuery {
            per_page: Some(RECENT),
            ..Default::default()
        };
        let (alerts, returned, recent) =
            futures::join!(api::alerts(), api::cycles(&returned), api::cycles(&recent),);
        Ok::<_, ApiError>(Work {
            alerts: alerts?,
            returned: returned?.items,
            recent: recent?.items,
        })
    });
    let returned_href = Route::Cycles.href();
    view! {
        {remote(data, move |work| {
            let checks = of_kinds(&work.alerts, &[AlertKind::DossierAwaitingCheck]);
            let others: Vec<AlertOut> = work
                .alerts
                .iter()
                .filter(|a| a.kind != AlertKind::DossierAwaitingCheck)
                // A returned dossier has its own card; a returned idea is told here.
                .filter(|a| {
                    a.kind != AlertKind::DossierReturned
                        || !work.returned.iter().any(|c| c.id.0 == a.target_id)
                })
                .cloned()
                .collect();
            let others = (!others.is_empty()).then(|| {
                card("home-alerts", |h| h.all_alerts, Some(Route::Alerts), alert_list(app, others))
            });
            let returned_more = format!(
                "{returned_href}?state={}",
                CycleState::DossierReturnedForCompletion.as_str()
            );
            view! {
                <div class="home-grid">
                    {card("home-checks", |h| h.checks_due, Some(Route::Alerts), alert_list(app, checks))}
                    <section id="home-returned" class="card home-card">
                        <div class="card-head">
                            <h2>{move || app.lang.get().home().returned}</h2>
                            <a class="more" href=returned_more>{move || app.lang.get().home().see_all}</a>
                        </div>
                        {cycle_list(app, work.returned, &work.alerts)}
                    </section>
                    {others}
                    {card("home-recent", |h| h.recent, Some(Route::Cycles), cycle_list(app, work.recent, &work.alerts))}
                </div>
            }
        })}
        <div class="home-grid">{pipeline_card()}</div>
    }
}

/// Dossiers as links with their state; a returned one shows the reason when the alerts carry it.
pub(super) fn cycle_list(app: AppState, cycles: Vec<CycleOut>, alerts: &[AlertOut]) -> AnyView {
    if cycles.is_empty() {
        return view! { <p class="muted empty">{move || app.lang.get().home().nothing_to_do}</p> }
            .into_any();
    }
    let items = cycles
        .into_iter()
        .map(|c| {
            let reason = alerts
                .iter()
                .find(|a| a.kind == AlertKind::DossierReturned && a.target_id == c.id.0)
                .and_then(|a| a.detail.clone())
                .filter(|d| !d.trim().is_empty())
                .map(|d| view! { <div class="reason prewrap">{d}</div> });
            let updated = format::date(&c.updated_at);
            view! {
                <li class="home-item" data-id=c.id.to_string() data-state=c.state.as_str()>
                    <div class="item-main">
                        <a class="item-title" href=Route::Cycle(c.id).href()>{c.product_name}</a>
                        <div class="sub">{format!("{} · {} · {updated}", c.subject_name, c.year)}</div>
                        {reason}
                    </div>
                    <div class="item-side">{state_badge(app, c.state)}</div>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="home-list">{items}</ul> }.into_any()
}
