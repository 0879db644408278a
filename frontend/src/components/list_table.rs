//! The one table every list screen shows (`#list-table`): headings in the current language,
//! one row per item, the empty line, the pager under a paged list, and the loading line or the
//! error while the data is not there. The screens differ only in their columns and rows.

use leptos::prelude::*;
use ocop_core::Page;

use crate::api::ApiResult;
use crate::components::pager::{Pager, Position};
use crate::components::remote::remote;
use crate::i18n::Dict;
use crate::state::{AppState, use_app};

/// A column's heading; numbers (and dates) are right-aligned. A sortable column names the
/// list API's `sort` field; clicking its heading sorts by it, again reverses.
#[derive(Clone, Copy)]
pub struct Column {
    label: fn(&'static Dict) -> &'static str,
    num: bool,
    sort: Option<&'static str>,
    /// The API sorts this field one way only (newest first).
    desc_only: bool,
}

impl Column {
    pub const fn text(label: fn(&'static Dict) -> &'static str) -> Self {
        Self {
            label,
            num: false,
            sort: None,
            desc_only: false,
        }
    }

    pub const fn num(label: fn(&'static Dict) -> &'static str) -> Self {
        Self {
            label,
            num: true,
            sort: None,
            desc_only: false,
        }
    }

    pub const fn sorts(self, field: &'static str) -> Self {
        Self {
            sort: Some(field),
            ..self
        }
    }

    pub const fn sorts_desc(self, field: &'static str) -> Self {
        Self {
            sort: Some(field),
            desc_only: true,
            ..self
        }
    }

    /// The `sort` value after a click on this heading while the list is sorted by `current`:
    /// the other way round when already sorted by it, else text A→Z and numbers and dates
    /// largest (latest) first.
    fn next_sort(&self, current: &str) -> Option<String> {
        let field = self.sort?;
        let desc = format!("-{field}");
        Some(if self.desc_only || current == field {
            desc
        } else if current == desc || !self.num {
            field.to_string()
        } else {
            desc
        })
    }

    /// `aria-sort` of the heading.
    fn aria_sort(&self, current: &str) -> Option<&'static str> {
        let field = self.sort?;
        Some(if current == field {
            "ascending"
        } else if current.strip_prefix('-') == Some(field) {
            "descending"
        } else {
            "none"
        })
    }
}

/// What a list call returns: one page of a paged list, or every row of a short one.
pub trait ListRows<T> {
    /// The rows, and where the page stands when the list is paged.
    fn into_rows(self) -> (Vec<T>, Option<Position>);
}

impl<T> ListRows<T> for Page<T> {
    fn into_rows(self) -> (Vec<T>, Option<Position>) {
        let at = Position::from(&self);
        (self.items, Some(at))
    }
}

impl<T> ListRows<T> for Vec<T> {
    fn into_rows(self) -> (Vec<T>, Option<Position>) {
        (self, None)
    }
}

/// The list as loaded by `data`: `row` draws one `<tr>`; `page` is the page signal the pager
/// moves (a list without paging ignores it).
// Lists without sortable columns (the admin screens may be among them) need no sort signal.
#[allow(dead_code)]
pub fn list_table<L, T, V>(
    data: LocalResource<ApiResult<L>>,
    columns: &'static [Column],
    page: Option<RwSignal<u64>>,
    row: fn(AppState, T) -> V,
) -> impl IntoView
where
    L: ListRows<T> + Clone + Send + Sync + 'static,
    T: 'static,
    V: IntoView + 'static,
{
    sorted_list_table(data, columns, page, None, row)
}

/// [`list_table`] whose sortable headings read and set `sort` (the API's `sort` parameter).
pub fn sorted_list_table<L, T, V>(
    data: LocalResource<ApiResult<L>>,
    columns: &'static [Column],
    page: Option<RwSignal<u64>>,
    sort: Option<RwSignal<String>>,
    row: fn(AppState, T) -> V,
) -> impl IntoView
where
    L: ListRows<T> + Clone + Send + Sync + 'static,
    T: 'static,
    V: IntoView + 'static,
{
    remote(data, move |list| {
        let (rows, at) = list.into_rows();
        let pager = at.zip(page).map(|(at, page)| view! { <Pager page at /> });
        view! {
            {table(columns, rows, sort, row)}
            {pager}
        }
    })
}

fn heading(app: AppState, column: Column, sort: Option<RwSignal<String>>) -> impl IntoView {
    let label = column.label;
    let class = column.num.then_some("num");
    match (sort, column.sort) {
        (Some(sort), Some(field)) => {
            let aria = move || sort.with(|s| column.aria_sort(s));
            let arrow = move || match aria() {
                Some("ascending") => "▲",
                Some("descending") => "▼",
                _ => "↕",
            };
            view! {
                <th class=class aria-sort=aria data-sort=field>
                    <button
                        type="button"
                        class="sort"
                        title=move || app.lang.get().rec_sort_by(label(app.t()))
                        on:click=move |_| {
                            if let Some(next) = sort.with_untracked(|s| column.next_sort(s)) {
                                sort.set(next);
                            }
                        }
                    >
                        {move || label(app.t())}
                        <span class="sort-mark" aria-hidden="true">{arrow}</span>
                    </button>
                </th>
            }
            .into_any()
        }
        _ => view! { <th class=class>{move || label(app.t())}</th> }.into_any(),
    }
}

fn table<T, V>(
    columns: &'static [Column],
    rows: Vec<T>,
    sort: Option<RwSignal<String>>,
    row: fn(AppState, T) -> V,
) -> impl IntoView
where
    T: 'static,
    V: IntoView + 'static,
{
    let app = use_app();
    let empty = rows.is_empty();
    let headings = columns
        .iter()
        .map(|column| heading(app, *column, sort))
        .collect_view();
    // The wrapper scrolls sideways on a narrow screen instead of squeezing the columns.
    view! {
        <div class="table-scroll">
            <table id="list-table" class="list">
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>
                    {empty.then(|| view! { <tr><td colspan=columns.len() class="muted">{move || app.t().no_results}</td></tr> })}
                    {rows.into_iter().map(|item| row(app, item)).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_click_sorts_by_its_column_then_reverses() {
        let name = Column::text(|t| t.name).sorts("name");
        assert_eq!(name.next_sort(""), Some("name".to_string()));
        assert_eq!(name.next_sort("name"), Some("-name".to_string()));
        assert_eq!(name.next_sort("-name"), Some("name".to_string()));
        assert_eq!(name.aria_sort("-name"), Some("descending"));
        assert_eq!(name.aria_sort("year"), Some("none"));
        // Numbers and dates start with the largest, the latest.
        let year = Column::num(|t| t.updated).sorts("year");
        assert_eq!(year.next_sort("name"), Some("-year".to_string()));
        assert_eq!(year.next_sort("-year"), Some("year".to_string()));
        // A field the API sorts one way only stays that way.
        let updated = Column::num(|t| t.updated).sorts_desc("updated_at");
        assert_eq!(
            updated.next_sort("-updated_at"),
            Some("-updated_at".to_string())
        );
        let plain = Column::text(|t| t.kind);
        assert_eq!(plain.next_sort("name"), None);
        assert_eq!(plain.aria_sort("name"), None);
    }
}
