//! The signed-in user's home page: the work of their role, each item a link into its record.
//! Producers see their dossiers with the next step, commune officers the checks due, council
//! members the sheets to score, the province the pipeline and the decisions due, the
//! administrator the accounts besides the province's view, viewers the public lists.
//! Every list here comes from one call (or the alerts already loaded), never one per row.

mod admin;
mod commune;
mod council;
mod producer;
mod province;

use leptos::prelude::*;
use ocop_core::Role;
use ocop_core::access::Action;
use ocop_evaluations::{AlertKind, AlertOut, CyclePipelineOut, PipelineQuery};

use crate::api;
use crate::components::remote::remote;
use crate::format;
use crate::i18n::home::Home;
use crate::pages::alerts::alert_route;
use crate::route::Route;
use crate::state::{AppState, use_app};

/// How many alerts a card lists before "see all".
const CARD_ITEMS: usize = 8;

#[component]
pub fn HomePage() -> impl IntoView {
    let app = use_app();
    let role = Memo::new(move |_| app.user.with(|u| u.as_ref().map(|u| u.role)));
    view! {
        <section id="home" class="page home" data-role=move || role.get().map(|r| format::wire(&r))>
            <div class="page-head">
                <h1>{move || app.lang.get().home().title}</h1>
                <Show when=move || app.can(Action::AlertsRead)>
                    <a id="home-all-alerts" href=Route::Alerts.href()>
                        {move || app.lang.get().home().all_alerts}
                    </a>
                </Show>
            </div>
            {move || match role.get() {
                Some(Role::Producer) => view! { <producer::ProducerHome /> }.into_any(),
                Some(Role::CommuneOfficer) => view! { <commune::CommuneHome /> }.into_any(),
                Some(Role::CouncilMember) => view! { <council::CouncilHome /> }.into_any(),
                Some(Role::ProvinceOfficer | Role::DistrictOfficer) => {
                    view! { <province::ProvinceHome /> }.into_any()
                }
                Some(Role::SystemAdmin) => view! { <admin::AdminHome /> }.into_any(),
                Some(Role::Viewer) | None => view! { <province::ViewerHome /> }.into_any(),
            }}
        </section>
    }
}

/// A titled card of the home grid; `more` links to the full list.
pub(super) fn card(
    id: &'static str,
    title: fn(&'static Home) -> &'static str,
    more: Option<Route>,
    body: impl IntoView + 'static,
) -> impl IntoView {
    let app = use_app();
    let more = more.map(|route| {
        view! { <a class="more" href=route.href()>{move || app.lang.get().home().see_all}</a> }
    });
    view! {
        <section id=id class="card home-card">
            <div class="card-head">
                <h2>{move || title(app.lang.get().home())}</h2>
                {more}
            </div>
            {body}
        </section>
    }
}

/// The alerts of the given kinds, in the server's order.
pub(super) fn of_kinds(alerts: &[AlertOut], kinds: &[AlertKind]) -> Vec<AlertOut> {
    alerts
        .iter()
        .filter(|a| kinds.contains(&a.kind))
        .cloned()
        .collect()
}

/// A card's alerts, the first few of them, or the "nothing to do" line.
pub(super) fn alert_list(app: AppState, alerts: Vec<AlertOut>) -> impl IntoView {
    if alerts.is_empty() {
        return view! { <p class="muted empty">{move || app.lang.get().home().nothing_to_do}</p> }
            .into_any();
    }
    let rest = alerts.len().saturating_sub(CARD_ITEMS);
    view! {
        <ul class="home-list">
            {alerts.into_iter().take(CARD_ITEMS).map(|a| alert_item(app, a)).collect_view()}
        </ul>
        {(rest > 0).then(|| view! {
            <p class="more-line"><a href=Route::Alerts.href()>{format!("+{rest}")}</a></p>
        })}
    }
    .into_any()
}

fn alert_item(app: AppState, a: AlertOut) -> impl IntoView {
    let kind = a.kind;
    let overdue = a.overdue;
    let route = alert_route(&a);
    let title = match &route {
        Some(route) => {
            view! { <a class="item-title" href=route.href()>{a.title.clone()}</a> }.into_any()
        }
        None => view! { <span class="item-title">{a.title.clone()}</span> }.into_any(),
    };
    // A sheet to score is one click from the sheet itself.
    let act = route
        .filter(|_| kind == AlertKind::SheetToScore)
        .map(|route| {
            view! {
                <a class="button primary score-link" href=route.href()>
                    {move || app.lang.get().home().score}
                </a>
            }
        });
    let detail = a
        .detail
        .filter(|d| !d.trim().is_empty())
        .map(|d| view! { <div class="reason prewrap">{d}</div> });
    view! {
        <li class="home-item" class:overdue=overdue data-kind=format::wire(&kind)>
            <div class="item-main">
                {title}
                <div class="sub">{move || app.lang.get().alert_kind(kind)}</div>
                {detail}
            </div>
            <div class="item-side">
                {a.due_on.map(|d| view! { <span class="due">{format::day(&d)}</span> })}
                {overdue.then(|| view! { <span class="badge suspended">{move || app.t().ev.overdue}</span> })}
                {act}
            </div>
        </li>
    }
}

/// The caller's dossiers by state, each row linking to the list filtered on that state.
pub(super) fn pipeline_card() -> impl IntoView {
    let app = use_app();
    let data =
        LocalResource::new(|| async { api::cycle_pipeline(&PipelineQuery::default()).await });
    card(
        "home-pipeline",
        |h| h.pipeline,
        Some(Route::Cycles),
        remote(data, move |p| pipeline(app, p)),
    )
}

fn pipeline(app: AppState, p: CyclePipelineOut) -> impl IntoView {
    let max = p.states.iter().map(|s| s.count).max().unwrap_or(0).max(1);
    let rows = p
        .states
        .into_iter()
        .map(|s| {
            let state = s.state;
            let width = s.count.saturating_mul(100) / max;
            let href = format!("{}?state={}", Route::Cycles.href(), state.as_str());
            view! {
                <li data-state=state.as_str() class:zero=s.count == 0>
                    <a href=href>
                        <span class="pl-label">{move || app.lang.get().cycle_state(state)}</span>
                        <span class="pl-bar" aria-hidden="true">
                            // Through the CSSOM (`style:`), which the Content-Security-Policy allows;
                            // a `style` attribute it would refuse, and every bar would fill.
                            <span class="pl-fill" style:width=format!("{width}%")></span>
                        </span>
                        <span class="pl-count">{s.count}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul id="pipeline" class="pipeline">{rows}</ul>
        <p class="pl-total">
            <span>{move || app.lang.get().home().total}</span>
            <strong id="pipeline-total">{p.total}</strong>
        </p>
    }
}
