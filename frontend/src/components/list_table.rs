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

/// A column's heading; numbers (and dates) are right-aligned.
#[derive(Clone, Copy)]
pub struct Column {
    label: fn(&'static Dict) -> &'static str,
    num: bool,
}

impl Column {
    pub const fn text(label: fn(&'static Dict) -> &'static str) -> Self {
        Self { label, num: false }
    }

    pub const fn num(label: fn(&'static Dict) -> &'static str) -> Self {
        Self { label, num: true }
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
    remote(data, move |list| {
        let (rows, at) = list.into_rows();
        let pager = at.zip(page).map(|(at, page)| view! { <Pager page at /> });
        view! {
            {table(columns, rows, row)}
            {pager}
        }
    })
}

fn table<T, V>(columns: &'static [Column], rows: Vec<T>, row: fn(AppState, T) -> V) -> impl IntoView
where
    T: 'static,
    V: IntoView + 'static,
{
    let app = use_app();
    let empty = rows.is_empty();
    let headings = columns
        .iter()
        .map(|column| {
            let label = column.label;
            view! { <th class=column.num.then_some("num")>{move || label(app.t())}</th> }
        })
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
