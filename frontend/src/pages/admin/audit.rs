//! The whole audit trail, newest first, filtered by kind of record, record, person, action and
//! dates; the filters ride in the address (`#/audit?entity=user&from=2026-12-01`). Each row
//! links to its record when the record has a page. System administrators only.

use leptos::prelude::*;
use ocop_core::access::Action;

use super::audit_details::{details, record_route};
use super::units::UnitBook;
use super::{Column, adm, table, when_allowed};
use crate::api::{self, AuditEvent, TrailQuery};
use crate::components::fields::SelectInput;
use crate::components::remote::remote;
use crate::format::{self, optional, optional_date};
use crate::i18n::admin::{ACTIONS, ENTITIES};
use crate::route::{self, Route};
use crate::state::{AppState, use_app};

const PER_PAGE: u64 = 30;

/// The filters as typed; every one is kept in the address.
#[derive(Clone, Copy)]
struct TrailFilters {
    entity: RwSignal<String>,
    entity_id: RwSignal<String>,
    actor_id: RwSignal<String>,
    action: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    page: RwSignal<u64>,
}

const KEYS: [&str; 6] = ["entity", "entity_id", "actor_id", "action", "from", "to"];

impl TrailFilters {
    fn from_address() -> Self {
        let param = |name: &str| RwSignal::new(route::query_param(name).unwrap_or_default());
        Self {
            entity: param("entity"),
            entity_id: param("entity_id"),
            actor_id: param("actor_id"),
            action: param("action"),
            from: param("from"),
            to: param("to"),
            page: RwSignal::new(
                route::query_param("page")
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(1u64)
                    .max(1),
            ),
        }
    }

    fn texts(&self) -> [RwSignal<String>; 6] {
        [
            self.entity,
            self.entity_id,
            self.actor_id,
            self.action,
            self.from,
            self.to,
        ]
    }

    /// The API query; tracked. A date that is not one is left out rather than refused.
    fn query(&self) -> TrailQuery {
        TrailQuery {
            entity: optional(&self.entity.get()),
            entity_id: optional(&self.entity_id.get()),
            actor_id: self.actor_id.get().parse().ok(),
            action: optional(&self.action.get()),
            from: optional_date(&self.from.get()).ok().flatten(),
            to: optional_date(&self.to.get()).ok().flatten(),
            page: Some(self.page.get()),
            per_page: Some(PER_PAGE),
        }
    }

    fn clear(&self) {
        for text in self.texts() {
            text.set(String::new());
        }
    }
}

#[component]
pub fn AuditTrail() -> impl IntoView {
    when_allowed(
        Action::AuditVerify,
        |t| t.audit_not_allowed,
        || view! { <Trail /> },
    )
}

#[component]
fn Trail() -> impl IntoView {
    let app = use_app();
    let f = TrailFilters::from_address();
    let book = UnitBook::load();
    // Back to page 1 whenever a filter changes.
    Effect::watch(
        move || f.texts().map(|s| s.get()),
        move |_, _, _| {
            if f.page.get_untracked() != 1 {
                f.page.set(1);
            }
        },
        false,
    );
    Effect::new(move || {
        let mut params: Vec<(&str, String)> = KEYS
            .iter()
            .zip(f.texts())
            .map(|(k, s)| (*k, s.get()))
            .collect();
        let page = f.page.get();
        params.push((
            "page",
            if page > 1 {
                page.to_string()
            } else {
                String::new()
            },
        ));
        route::replace_query(&Route::Audit, &params);
    });
    // An action belongs to one kind of record: choosing another kind forgets it.
    Effect::watch(
        move || f.entity.get(),
        move |entity, _, _| {
            let action = f.action.get_untracked();
            if !entity.is_empty() && ACTIONS.iter().any(|(e, a)| *a == action && e != entity) {
                f.action.set(String::new());
            }
        },
        false,
    );
    let data = LocalResource::new(move || {
        let query = f.query();
        async move { api::audit_trail(&query).await }
    });

    let entity_options = Signal::derive(move || {
        let lang = app.lang.get();
        let mut options = vec![(String::new(), lang.admin().all_entities.to_string())];
        options.extend(ENTITIES.map(|e| (e.to_string(), lang.audit_entity(e).to_string())));
        options
    });
    let action_options = Signal::derive(move || {
        let lang = app.lang.get();
        let entity = f.entity.get();
        let mut options = vec![(String::new(), lang.admin().all_actions.to_string())];
        options.extend(
            ACTIONS
                .iter()
                .filter(|(e, _)| entity.is_empty() || *e == entity)
                .map(|(_, a)| (a.to_string(), lang.audit_action(a).to_string())),
        );
        options
    });

    view! {
        <section class="page admin">
            <div class="page-head">
                <h1>{move || adm().audit_title}</h1>
            </div>
            <div class="filters audit-filters" role="search">
                <SelectInput id="filter-entity" value=f.entity options=entity_options />
                <SelectInput id="filter-action" value=f.action options=action_options />
                <input
                    id="filter-entity_id"
                    type="search"
                    aria-label=move || adm().record_id
                    placeholder=move || adm().record_id
                    prop:value=move || f.entity_id.get()
                    on:change=move |ev| f.entity_id.set(event_target_value(&ev).trim().to_string())
                />
                <label class="date-filter">
                    <span>{move || adm().from}</span>
                    <input
                        id="filter-from"
                        type="date"
                        prop:value=move || f.from.get()
                        on:change=move |ev| f.from.set(event_target_value(&ev))
                    />
                </label>
                <label class="date-filter">
                    <span>{move || adm().to}</span>
                    <input
                        id="filter-to"
                        type="date"
                        prop:value=move || f.to.get()
                        on:change=move |ev| f.to.set(event_target_value(&ev))
                    />
                </label>
                <Show when=move || !f.entity_id.with(String::is_empty)>
                    <button
                        id="filter-record-clear"
                        type="button"
                        class="chip"
                        on:click=move |_| f.entity_id.set(String::new())
                    >
                        {move || adm().one_record}
                        " ✕"
                    </button>
                </Show>
                <Show when=move || !f.actor_id.with(String::is_empty)>
                    <button id="filter-actor-clear" type="button" class="chip" on:click=move |_| f.actor_id.set(String::new())>
                        {move || adm().one_actor}" ✕"
                    </button>
                </Show>
                <button id="filter-clear" type="button" on:click=move |_| f.clear()>
                    {move || adm().clear_filters}
                </button>
            </div>
            {remote(data, move |list| table(&COLUMNS, list, Some(f.page), move |e| event_row(app, book, f, e)))}
        </section>
    }
}

const COLUMNS: [Column; 5] = [
    (|t| t.at, true),
    (|t| t.actor, false),
    (|t| t.action, false),
    (|t| t.record, false),
    (|t| t.details, false),
];

fn event_row(app: AppState, book: UnitBook, f: TrailFilters, e: AuditEvent) -> impl IntoView {
    let route = record_route(&e);
    let (entity, action) = (e.entity.clone(), e.action.clone());
    let actor = e.actor_id;
    let role = e.actor_role;
    let name = e.actor_name.clone();
    let who = move || {
        let lang = app.lang.get();
        match (&name, role) {
            (Some(name), _) => name.clone(),
            (None, Some(role)) => lang.role(role).to_string(),
            (None, None) => lang.admin().system.to_string(),
        }
    };
    let actor_cell = match actor {
        Some(id) => view! {
            <a href=Route::User(id).href()>{who}</a>
            <button
                type="button"
                class="linklike filter-actor"
                title=move || adm().only_this_actor
                aria-label=move || adm().only_this_actor
                on:click=move |_| f.actor_id.set(id.to_string())
            >
                "⌕"
            </button>
        }
        .into_any(),
        None => view! { <span>{who}</span> }.into_any(),
    };
    let entity_name = {
        let entity = entity.clone();
        move || app.lang.get().audit_entity(&entity)
    };
    let record = match route {
        Some(route) => {
            view! { <a class="record-link" href=route.href()>{entity_name}</a> }.into_any()
        }
        None => view! { <span>{entity_name}</span> }.into_any(),
    };
    let (filter_entity, filter_id) = (entity.clone(), e.entity_id.clone());
    let changes = e.changes.clone();
    let details = move || details(app.lang.get(), book, &action, &changes);
    view! {
        <tr>
            <td class="num">{format::date_time(&e.at)}</td>
            <td>{actor_cell}</td>
            <td>{move || app.lang.get().audit_action(&e.action)}</td>
            <td>
                {record}
                <button
                    type="button"
                    class="linklike filter-record"
                    title=move || adm().only_this_record
                    aria-label=move || adm().only_this_record
                    on:click=move |_| {
                        f.entity.set(filter_entity.clone());
                        f.entity_id.set(filter_id.clone());
                    }
                >
                    "⌕"
                </button>
            </td>
            <td class="details">{details}</td>
        </tr>
    }
}
