//! Administration: accounts, council members and the audit trail. Shown only to those who may
//! manage accounts (the audit trail: system administrators); everyone else is told so.

mod access;
pub mod audit;
mod audit_details;
pub mod council;
mod fields;
mod form;
mod units;
pub mod users;

pub use audit::AuditTrail;
pub use council::CouncilMembers;
pub use form::UserForm;
pub use users::UserList;

use leptos::prelude::*;
use ocop_core::access::Action;

use crate::components::fields::FormErrors;
use crate::i18n::admin::Admin;
use crate::state::use_app;

/// The strings of these screens in the current language; tracked. Outside a component's
/// reach (no context) the stored language is used rather than failing.
fn adm() -> &'static Admin {
    use_context::<crate::state::AppState>()
        .map_or_else(crate::session::lang, |app| app.lang.get())
        .admin()
}

/// `view` when the signed-in user may manage accounts, else a plain refusal.
fn when_allowed<V: IntoView + 'static>(
    action: Action,
    refusal: fn(&'static Admin) -> &'static str,
    view: impl Fn() -> V + Send + Sync + 'static,
) -> impl IntoView {
    let app = use_app();
    // A refreshed user object must not rebuild the page, only a change of the answer.
    let allowed = Memo::new(move |_| app.can(action));
    move || {
        if allowed.get() {
            view().into_any()
        } else {
            view! {
                <section id="not-allowed" class="card not-allowed" role="alert">
                    <p>{move || refusal(app.lang.get().admin())}</p>
                </section>
            }
            .into_any()
        }
    }
}

/// A labelled field, as `components::fields::Field` draws it, with a label from these screens'
/// strings: `#field-<name>` and its error slot `#error-<name>`, named as the API names it.
#[component]
fn AdminField(
    name: &'static str,
    label: fn(&'static Admin) -> &'static str,
    errors: FormErrors,
    #[prop(optional)] hint: Option<fn(&'static Admin) -> &'static str>,
    #[prop(optional)] wide: bool,
    children: Children,
) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="field" class:wide=wide class:invalid=move || errors.field(name).is_some()>
            <label for=format!("field-{name}")>{move || label(app.lang.get().admin())}</label>
            {children()}
            {hint.map(|hint| view! { <small class="hint">{move || hint(app.lang.get().admin())}</small> })}
            <span class="field-error" id=format!("error-{name}") aria-live="polite">
                {move || errors.field(name)}
            </span>
        </div>
    }
}

/// A column of an administration table: its heading, and whether it holds numbers or dates
/// (right-aligned).
type Column = (fn(&'static Admin) -> &'static str, bool);

/// The list table (`#list-table`) as the other lists draw it, with headings from these screens'
/// strings, the empty line, and the pager when `page` is given.
fn table<T: 'static, V: IntoView + 'static>(
    columns: &'static [Column],
    list: ocop_core::Page<T>,
    page: Option<RwSignal<u64>>,
    row: impl Fn(T) -> V,
) -> impl IntoView {
    use crate::components::pager::{Pager, Position};
    let app = use_app();
    let at = Position::from(&list);
    let empty = list.items.is_empty();
    let headings = columns
        .iter()
        .map(|&(label, num)| {
            view! { <th scope="col" class=num.then_some("num")>{move || label(app.lang.get().admin())}</th> }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table id="list-table" class="list">
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>
                    {empty.then(|| view! { <tr><td colspan=columns.len() class="muted">{move || app.t().no_results}</td></tr> })}
                    {list.items.into_iter().map(row).collect_view()}
                </tbody>
            </table>
        </div>
        {page.map(|page| view! { <Pager page at /> })}
    }
}
