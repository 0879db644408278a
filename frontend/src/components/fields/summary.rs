//! The form's error summary and moving the focus to a field in error.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::FormErrors;
use crate::state::use_app;

/// The form's error summary, `#form-error` (`role="alert"`): the problem's title and detail,
/// then every field error as a sentence (`#form-errors`), each a link to its field when the
/// page has it, or to the place that fixes it when the host says it can open it (`links`,
/// `open`: a dossier's missing parts open their wizard tab).
#[component]
pub fn FormMessage(
    errors: FormErrors,
    #[prop(optional)] on_reload: Option<Callback<()>>,
    #[prop(optional)] links: Option<fn(&str) -> bool>,
    #[prop(optional)] open: Option<Callback<String>>,
) -> impl IntoView {
    let app = use_app();
    move || {
        let message = errors.form.get();
        let entries = errors.entries();
        if message.is_none() && entries.is_empty() {
            return None;
        }
        let items = entries
            .into_iter()
            .map(|(field, text)| {
                let opens = links.is_some_and(|l| l(&field)) && open.is_some();
                if opens || has_input(&field) {
                    let target = field.clone();
                    let go = move |_| {
                        if !focus_field(&target)
                            && let Some(open) = open
                        {
                            open.run(target.clone());
                        }
                    };
                    view! {
                        <li data-field=field>
                            <button type="button" class="linklike error-link" on:click=go>{text}</button>
                        </li>
                    }
                    .into_any()
                } else {
                    view! { <li>{text}</li> }.into_any()
                }
            })
            .collect_view();
        Some(view! {
            <div id="form-error" class="form-error" role="alert">
                <span>{message}</span>
                <ul id="form-errors" class="error-list">{items}</ul>
                {on_reload.filter(|_| errors.stale.get()).map(|reload| {
                    view! {
                        <button id="form-reload" type="button" on:click=move |_| reload.run(())>
                            {move || app.t().reload}
                        </button>
                    }
                })}
            </div>
        })
    }
}

/// Focuses an input and brings it, with its label above, into view.
pub(super) fn focus(element: &web_sys::Element) {
    if let Some(html) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = html.focus();
    }
    element.scroll_into_view_with_bool(false);
}

/// Focuses `#field-<name>` when the page has it; whether it did.
pub fn focus_field(name: &str) -> bool {
    focus_id(&format!("field-{name}"))
}

/// Focuses the element `#<id>` when the page has it; whether it did.
pub fn focus_id(id: &str) -> bool {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    match element {
        Some(element) => {
            focus(&element);
            true
        }
        None => false,
    }
}

fn has_input(name: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("field-{name}")))
        .is_some()
}
