//! Accounts: the list, searched by name or email and filtered by role, unit and status. The
//! filters ride in the address (`#/users?role=commune_officer&q=an`), so a list can be shared.

use leptos::prelude::*;
use ocop_core::access::Action;
use ocop_core::users::{UserOut, UserStatus};
use ocop_core::{Role, UnitId};

use super::units::{GroupedSelect, UnitBook};
use super::{Column, adm, table, when_allowed};
use crate::api::{self, UserListQuery};
use crate::components::fields::SelectInput;
use crate::components::filters::{Filters, SearchBox};
use crate::components::remote::remote;
use crate::format::{self, from_wire, optional, wire};
use crate::route::{self, Route};
use crate::state::{AppState, use_app};

const PER_PAGE: u64 = 20;
const STATUSES: [UserStatus; 2] = [UserStatus::Active, UserStatus::Disabled];

/// Filters as the address gives them; `category` holds the role.
pub(super) fn filters_from_address() -> Filters {
    let f = Filters::new("");
    let param = |name: &str| route::query_param(name).unwrap_or_default();
    f.q.set(param("q"));
    f.category.set(param("role"));
    f.unit.set(param("unit"));
    f.status.set(param("status"));
    f.page.set(param("page").parse().unwrap_or(1).max(1));
    f
}

/// Keeps the address in step with the filters, for as long as the list is shown.
pub(super) fn filters_to_address(f: Filters, route: Route) {
    Effect::new(move || {
        let page = f.page.get();
        route::replace_query(
            &route,
            &[
                ("q", f.q.get()),
                ("role", f.category.get()),
                ("unit", f.unit.get()),
                ("status", f.status.get()),
                (
                    "page",
                    if page > 1 {
                        page.to_string()
                    } else {
                        String::new()
                    },
                ),
            ],
        );
    });
}

/// The API query of the filters; tracked.
pub(super) fn query(f: Filters, per_page: u64) -> UserListQuery {
    UserListQuery {
        q: optional(&f.q.get()),
        role: from_wire(&f.category.get()),
        unit_id: f.unit.get().parse().ok(),
        status: from_wire(&f.status.get()),
        page: Some(f.page.get()),
        per_page: Some(per_page),
    }
}

#[component]
pub fn UserList() -> impl IntoView {
    when_allowed(
        Action::UsersManage,
        |t| t.not_allowed,
        || view! { <Users /> },
    )
}

#[component]
fn Users() -> impl IntoView {
    let app = use_app();
    let f = filters_from_address();
    f.reset_page_on_change();
    filters_to_address(f, Route::Users);
    let book = UnitBook::load();
    let data = LocalResource::new(move || {
        let query = query(f, PER_PAGE);
        async move { api::users(&query).await }
    });

    let role_options = Signal::derive(move || {
        let lang = app.lang.get();
        let mut options = vec![(String::new(), lang.admin().all_roles.to_string())];
        options.extend(Role::ALL.map(|r| (wire(&r), lang.role(r).to_string())));
        options
    });
    let status_options = Signal::derive(move || {
        let lang = app.lang.get();
        let mut options = vec![(String::new(), lang.admin().all_statuses.to_string())];
        options.extend(STATUSES.map(|s| (s.as_str().to_string(), lang.user_status(s).to_string())));
        options
    });
    let unit_groups =
        Signal::derive(move || book.groups(None, "", app.lang.get().admin().other_units));

    view! {
        <section class="page admin">
            <div class="page-head">
                <h1>{move || adm().users_title}</h1>
                <a id="new-button" class="button primary" href=Route::UserNew.href()>
                    {move || adm().new_user}
                </a>
            </div>
            <div class="filters" role="search">
                <SearchBox filters=f />
                <SelectInput id="filter-role" value=f.category options=role_options />
                <GroupedSelect
                    id="filter-unit"
                    value=f.unit
                    first=Signal::derive(move || adm().all_units.to_string())
                    groups=unit_groups
                    label=Signal::derive(move || Some(adm().unit.to_string()))
                />
                <SelectInput id="filter-status" value=f.status options=status_options />
            </div>
            {remote(data, move |list| table(&COLUMNS, list, Some(f.page), move |u| user_row(app, book, u)))}
        </section>
    }
}

const COLUMNS: [Column; 6] = [
    (|t| t.full_name, false),
    (|t| t.email, false),
    (|t| t.role, false),
    (|t| t.unit, false),
    (|t| t.status, false),
    (|t| t.created_on, true),
];

pub(super) fn status_badge(app: AppState, status: UserStatus) -> impl IntoView {
    view! {
        <span class=format!("badge user-{}", status.as_str())>
            {move || app.lang.get().user_status(status)}
        </span>
    }
}

pub(super) fn unit_name(book: UnitBook, id: UnitId) -> impl IntoView {
    move || book.name(id).unwrap_or_default()
}

fn user_row(app: AppState, book: UnitBook, u: UserOut) -> impl IntoView {
    let route = Route::User(u.id);
    let href = route.href();
    let role = u.role;
    view! {
        <tr class="clickable" on:click=move |_| app.go(route.clone())>
            <td><a href=href>{u.full_name}</a></td>
            <td class="email">{u.email}</td>
            <td>{move || app.lang.get().role(role)}</td>
            <td>{unit_name(book, u.unit_id)}</td>
            <td>{status_badge(app, u.status)}</td>
            <td class="num">{format::date(&u.created_at)}</td>
        </tr>
    }
}
