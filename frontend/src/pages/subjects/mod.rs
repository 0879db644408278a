//! Subjects (chủ thể OCOP): the filtered, sorted, paged list (its filters in the address); the
//! record in `view`, the form in `form`.

mod fields;
mod form;
mod view;

pub use form::SubjectForm;
pub use view::{SubjectView, fact, text_or_dash};

use leptos::prelude::*;
use ocop_core::access::Action;
use ocop_subjects::{SubjectKind, SubjectOut, SubjectQuery, SubjectSort, SubjectStatus};

use crate::api;
use crate::components::filters::{
    CommunePicker, FilterSelect, Filters, SearchBox, UrlParam, keep_in_url,
};
use crate::components::list_table::{Column, sorted_list_table};
use crate::format::{self, from_wire, optional, wire};
use crate::route::Route;
use crate::state::{AppState, use_app};

const PER_PAGE: u64 = 20;

/// The subjects list's filters, provided for the whole signed-in session.
#[derive(Clone, Copy)]
pub struct SubjectFilters(pub Filters);

impl SubjectFilters {
    pub fn new() -> Self {
        Self(Filters::new(&wire(&SubjectSort::default())))
    }

    /// The query for the current filter; tracked.
    fn query(&self) -> SubjectQuery {
        let f = self.0;
        SubjectQuery {
            q: optional(&f.q.get()),
            unit_id: f.unit.get().parse().ok(),
            kind: from_wire(&f.category.get()),
            status: from_wire(&f.status.get()),
            women_led: None,
            sort: from_wire(&f.sort.get()),
            page: Some(f.page.get()),
            per_page: Some(PER_PAGE),
        }
    }
}

pub const STATUSES: [SubjectStatus; 3] = [
    SubjectStatus::Active,
    SubjectStatus::Suspended,
    SubjectStatus::Archived,
];

#[component]
pub fn SubjectList() -> impl IntoView {
    let app = use_app();
    let filters = expect_context::<SubjectFilters>();
    let f = filters.0;
    keep_in_url(
        Route::Subjects,
        vec![
            UrlParam::new("q", f.q),
            UrlParam::new("unit", f.unit),
            UrlParam::new("kind", f.category),
            UrlParam::new("status", f.status),
            UrlParam::with_default("sort", f.sort, &wire(&SubjectSort::default())),
        ],
        f.page,
    );
    f.reset_page_on_change();
    let data = LocalResource::new(move || {
        let query = filters.query();
        async move { api::subjects(&query).await }
    });

    let kind_options = Signal::derive(move || {
        let lang = app.lang.get();
        let mut options = vec![(String::new(), lang.dict().all_kinds.to_string())];
        options
            .extend(SubjectKind::ALL.map(|k| (k.as_str().to_string(), lang.kind(k).to_string())));
        options
    });
    let status_options = Signal::derive(move || {
        let lang = app.lang.get();
        let mut options = vec![(String::new(), lang.dict().all_statuses.to_string())];
        options
            .extend(STATUSES.map(|s| (s.as_str().to_string(), lang.subject_status(s).to_string())));
        options
    });
    let sort_options = Signal::derive(move || {
        let t = app.t();
        [
            (SubjectSort::NameAsc, t.sort_name_asc),
            (SubjectSort::NameDesc, t.sort_name_desc),
            (SubjectSort::UpdatedDesc, t.sort_updated_desc),
            (SubjectSort::CreatedDesc, t.sort_created_desc),
            (SubjectSort::CreatedAsc, t.sort_created_asc),
        ]
        .map(|(sort, label)| (wire(&sort), label.to_string()))
        .to_vec()
    });

    view! {
        <section class="page">
            <div class="page-head">
                <h1>{move || app.t().subjects_title}</h1>
                <Show when=move || app.can(Action::SubjectsCreate)>
                    <a id="new-button" class="button primary" href=Route::SubjectNew.href()>
                        {move || app.t().new_subject}
                    </a>
                </Show>
            </div>
            <div class="filters">
                <SearchBox filters=f />
                <CommunePicker value=f.unit />
                <FilterSelect id="filter-kind" label=|l| l.rec_filter_kind() value=f.category options=kind_options />
                <FilterSelect id="filter-status" label=|l| l.rec_filter_status() value=f.status options=status_options />
                <FilterSelect id="filter-sort" label=|l| l.rec_sort_label() value=f.sort options=sort_options />
            </div>
            {sorted_list_table(data, &COLUMNS, Some(f.page), Some(f.sort), subject_row)}
        </section>
    }
}

const COLUMNS: [Column; 6] = [
    Column::text(|t| t.name).sorts("name"),
    Column::text(|t| t.kind),
    Column::text(|t| t.unit),
    Column::text(|t| t.legal_representative),
    Column::text(|t| t.status),
    Column::num(|t| t.updated).sorts_desc("updated_at"),
];

fn subject_row(app: AppState, s: SubjectOut) -> impl IntoView {
    let route = Route::Subject(s.id);
    let href = route.href();
    let (kind, status) = (s.kind, s.status);
    view! {
        <tr class="clickable" on:click=move |_| app.go(route.clone())>
            <td>
                <a href=href>{s.name}</a>
                <div class="sub">{s.registration_code}</div>
            </td>
            <td>{move || app.lang.get().kind(kind)}</td>
            <td>{s.unit_name}</td>
            <td>{s.legal_representative}</td>
            <td>
                <span class=format!("badge {}", status.as_str())>{move || app.lang.get().subject_status(status)}</span>
            </td>
            <td class="num">{format::date(&s.updated_at)}</td>
        </tr>
    }
}
