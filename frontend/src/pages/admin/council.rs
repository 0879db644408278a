//! Council members: the council members' accounts with their unit and the rounds they sit on.
//! The rounds come from one call to the rounds list (each round names its council), so the
//! table costs two requests whatever its length.

use std::collections::HashMap;

use leptos::prelude::*;
use ocop_core::access::Action;
use ocop_core::users::UserOut;
use ocop_core::{Page, UserId};
use ocop_evaluations::{RoundOut, RoundQuery};

use super::units::UnitBook;
use super::users::{filters_from_address, filters_to_address, query, status_badge, unit_name};
use super::{Column, adm, table, when_allowed};
use crate::api::{self, ApiResult};
use crate::components::filters::SearchBox;
use crate::components::remote::remote;
use crate::format::wire;
use crate::route::Route;
use crate::state::{AppState, use_app};

const PER_PAGE: u64 = 50;

/// A round a member sits on, as the table shows it.
#[derive(Clone)]
struct Seat {
    round: Route,
    name: String,
    position: &'static str,
    closed: bool,
}

#[component]
pub fn CouncilMembers() -> impl IntoView {
    when_allowed(
        Action::UsersManage,
        |t| t.not_allowed,
        || view! { <Members /> },
    )
}

#[component]
fn Members() -> impl IntoView {
    let app = use_app();
    let f = filters_from_address();
    f.category.set(wire(&ocop_core::Role::CouncilMember));
    f.reset_page_on_change();
    filters_to_address(f, Route::CouncilMembers);
    let book = UnitBook::load();
    let data: LocalResource<ApiResult<(Page<UserOut>, Vec<RoundOut>)>> =
        LocalResource::new(move || {
            let query = query(f, PER_PAGE);
            let reads_rounds = app.can(Action::RoundsRead);
            async move {
                let members = api::users(&query).await?;
                // The seats are a help, not the list: without them the accounts still show.
                let rounds = if reads_rounds {
                    api::rounds(&RoundQuery::default())
                        .await
                        .unwrap_or_default()
                } else {
                    Vec::new()
                };
                Ok((members, rounds))
            }
        });
    let new_member = format!(
        "{}?role={}",
        Route::UserNew.href(),
        wire(&ocop_core::Role::CouncilMember)
    );

    view! {
        <section class="page admin">
            <div class="page-head">
                <h1>{move || adm().council_title}</h1>
                <Show when=move || app.user.with(|u| u.as_ref().is_some_and(|u| u.role.can_grant(ocop_core::Role::CouncilMember)))>
                    <a id="new-button" class="button primary" href=new_member.clone()>
                        {move || adm().new_council_member}
                    </a>
                </Show>
            </div>
            <p class="muted">{move || adm().council_intro}</p>
            <div class="filters" role="search">
                <SearchBox filters=f />
            </div>
            {remote(data, move |(members, rounds)| {
                let seats = seats(app, &rounds);
                table(&COLUMNS, members, Some(f.page), move |u| {
                    let mine = seats.get(&u.id).cloned().unwrap_or_default();
                    member_row(app, book, mine, u)
                })
            })}
        </section>
    }
}

/// Every member's seats, from the rounds' councils; open rounds first, then the newest.
fn seats(app: AppState, rounds: &[RoundOut]) -> HashMap<UserId, Vec<Seat>> {
    let lang = app.lang.get_untracked();
    let mut rounds: Vec<&RoundOut> = rounds.iter().collect();
    rounds.sort_by_key(|r| (r.closed_at.is_some(), std::cmp::Reverse(r.opened_on)));
    let mut seats: HashMap<UserId, Vec<Seat>> = HashMap::new();
    for round in rounds {
        for member in &round.council {
            seats.entry(member.user_id).or_default().push(Seat {
                round: Route::Round(round.id),
                name: round.name.clone(),
                position: lang.position(member.position),
                closed: round.closed_at.is_some(),
            });
        }
    }
    seats
}

const COLUMNS: [Column; 5] = [
    (|t| t.full_name, false),
    (|t| t.email, false),
    (|t| t.unit, false),
    (|t| t.rounds_sat, false),
    (|t| t.status, false),
];

fn member_row(app: AppState, book: UnitBook, mine: Vec<Seat>, u: UserOut) -> impl IntoView {
    let rounds = if mine.is_empty() {
        view! { <span class="muted">{move || adm().no_rounds}</span> }.into_any()
    } else {
        view! {
            <ul class="seats">
                {mine
                    .into_iter()
                    .map(|seat| {
                        view! {
                            <li>
                                <a href=seat.round.href()>{seat.name}</a>
                                " · "{seat.position}
                                {seat.closed.then(|| view! { <span class="muted">" ("{move || adm().round_closed}")"</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <tr>
            <td><a href=Route::User(u.id).href()>{u.full_name}</a></td>
            <td class="email">{u.email}</td>
            <td>{unit_name(book, u.unit_id)}</td>
            <td>{rounds}</td>
            <td>{status_badge(app, u.status)}</td>
        </tr>
    }
}
