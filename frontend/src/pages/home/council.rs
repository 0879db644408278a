//! The council member's home: the sheets still to score (each opening the score sheet) and the
//! open rounds the member sits on, with how far their own scoring has gone.

use leptos::prelude::*;
use ocop_evaluations::{AlertKind, AlertOut, MySheet, RoundOut, RoundQuery};

use super::{alert_list, card, of_kinds};
use crate::api::{self, ApiError};
use crate::components::remote::remote;
use crate::format;
use crate::route::Route;
use crate::state::{AppState, use_app};

#[derive(Clone)]
struct Work {
    alerts: Vec<AlertOut>,
    rounds: Vec<RoundOut>,
}

#[component]
pub fn CouncilHome() -> impl IntoView {
    let app = use_app();
    let me = app.user.with_untracked(|u| u.as_ref().map(|u| u.id));
    let data = LocalResource::new(|| async {
        let open = RoundQuery {
            closed: Some(false),
            ..Default::default()
        };
        let (alerts, rounds) = futures::join!(api::alerts(), api::rounds(&open));
        Ok::<_, ApiError>(Work {
            alerts: alerts?,
            rounds: rounds?,
        })
    });
    view! {
        {remote(data, move |work| {
            let sheets = of_kinds(&work.alerts, &[AlertKind::SheetToScore]);
            let rounds: Vec<RoundOut> = work
                .rounds
                .into_iter()
                .filter(|r| me.is_some_and(|me| r.council.iter().any(|m| m.user_id == me)))
                .collect();
            let others: Vec<AlertOut> = work
                .alerts
                .iter()
                .filter(|a| a.kind != AlertKind::SheetToScore)
                .cloned()
                .collect();
            let others = (!others.is_empty()).then(|| {
                card("home-alerts", |h| h.all_alerts, Some(Route::Alerts), alert_list(app, others))
            });
            view! {
                <div class="home-grid">
                    {card("home-sheets", |h| h.sheets_to_score, Some(Route::Rounds), alert_list(app, sheets))}
                    {card("home-rounds", |h| h.open_rounds, Some(Route::Rounds), round_list(app, rounds))}
                    {others}
                </div>
            }
        })}
    }
}

fn round_list(app: AppState, rounds: Vec<RoundOut>) -> AnyView {
    if rounds.is_empty() {
        return view! { <p class="muted empty">{move || app.lang.get().home().no_rounds}</p> }
            .into_any();
    }
    let items = rounds
        .into_iter()
        .map(|r| {
            // A dossier the member is excluded from is not theirs to score.
            let mine = r
                .agenda
                .iter()
                .filter(|item| item.my_sheet != MySheet::Excluded)
                .count();
            let done = r
                .agenda
                .iter()
                .filter(|item| item.my_sheet == MySheet::Submitted)
                .count();
            let due = format::day(&r.decide_before);
            view! {
                <li class="home-item" class:attention=done < mine data-id=r.id.to_string()>
                    <div class="item-main">
                        <a class="item-title" href=Route::Round(r.id).href()>{r.name}</a>
                        <div class="sub">{move || (app.lang.get().home().decide_by)(&due)}</div>
                    </div>
                    <div class="item-side">
                        <span class="progress">{move || (app.lang.get().home().my_progress)(done, mine)}</span>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="home-list">{items}</ul> }.into_any()
}
