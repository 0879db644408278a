//! Form fields with their labels and error slots. Every input is `#field-<name>` and every error
//! slot `#error-<name>`, named as the API names the field, so server errors land beside it.
//! Inputs listen to both `input` and `change`, so values set by scripts or autofill are seen.

use leptos::prelude::*;
use ocop_core::FieldError;

use crate::api::ApiError;
use crate::i18n::Dict;
use crate::state::{AppState, use_app};

mod summary;

pub use summary::{FormMessage, focus_id};

/// A field's label in the current language, as [`Field`] takes it.
type Label = fn(&Dict) -> &'static str;

/// What the last save said about the form: per-field messages and one message for the whole.
#[derive(Clone, Copy)]
pub struct FormErrors {
    fields: RwSignal<Vec<FieldError>>,
    form: RwSignal<Option<String>>,
    /// Set when a save met 412, so the form can offer to reload.
    pub stale: RwSignal<bool>,
    /// The labels of the form's own fields, registered by each [`Field`], so messages name a
    /// field as the form labels it rather than by its wire name.
    labels: StoredValue<Vec<(String, Label)>>,
    /// Held so `show` works after an await, where the component's context is out of reach.
    app: AppState,
    /// Appended to the ids of the form's inputs and error slots, so that several copies of one
    /// form on a page (one per activity, say) keep their labels and focus apart.
    scope: StoredValue<Option<String>>,
}

impl FormErrors {
    pub fn new() -> Self {
        Self {
            fields: RwSignal::new(Vec::new()),
            form: RwSignal::new(None),
            stale: RwSignal::new(false),
            labels: StoredValue::new(Vec::new()),
            app: use_app(),
            scope: StoredValue::new(None),
        }
    }

    /// The errors of a form of which a page may show several copies: its ids end in `-<scope>`.
    pub fn scoped(scope: String) -> Self {
        Self {
            scope: StoredValue::new(Some(scope)),
            ..Self::new()
        }
    }

    /// The id of the input of field `name` in this form.
    pub fn input_id(&self, name: &str) -> String {
        self.id("field", name)
    }

    fn error_id(&self, name: &str) -> String {
        self.id("error", name)
    }

    fn id(&self, kind: &str, name: &str) -> String {
        self.scope.with_value(|scope| match scope {
            Some(scope) => format!("{kind}-{name}-{scope}"),
            None => format!("{kind}-{name}"),
        })
    }

    pub fn clear(&self) {
        self.fields.set(Vec::new());
        self.form.set(None);
        self.stale.set(false);
    }

    fn register(&self, name: &str, label: Label) {
        self.labels.update_value(|labels| {
            if !labels.iter().any(|(n, _)| n == name) {
                labels.push((name.to_string(), label));
            }
        });
    }

    /// The label of a field as this form shows it; tracked (the language).
    fn label(&self, name: &str) -> Option<String> {
        let dict = self.app.t();
        self.labels
            .with_value(|labels| {
                labels
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, label)| label(dict).to_string())
            })
            .or_else(|| self.app.lang.get().field_label(name))
    }

    /// One error as a sentence naming its field; tracked.
    fn sentence(&self, error: &FieldError) -> String {
        let label = self.label(&error.field);
        self.app.lang.get().field_error(error, label.as_deref())
    }

    /// The messages for one field; tracked.
    pub fn field(&self, name: &str) -> Option<String> {
        let errors: Vec<FieldError> = self
            .fields
            .with(|errors| errors.iter().filter(|e| e.field == name).cloned().collect());
        let messages: Vec<String> = errors.iter().map(|e| self.sentence(e)).collect();
        (!messages.is_empty()).then(|| messages.join("; "))
    }

    /// `(field, sentence)` of every field error, in the server's order; tracked.
    fn entries(&self) -> Vec<(String, String)> {
        let errors = self.fields.get();
        errors
            .iter()
            .map(|e| (e.field.clone(), self.sentence(e)))
            .collect()
    }

    /// Forgets a field's message once the person edits it.
    fn dismiss(&self, name: &str) {
        if self
            .fields
            .with_untracked(|errors| errors.iter().any(|e| e.field == name))
        {
            self.fields
                .update(|errors| errors.retain(|e| e.field != name));
        }
    }

    /// Errors found before sending anything (a number that is not one, a missing choice).
    pub fn local(&self, errors: Vec<FieldError>, t: &Dict) {
        self.fields.set(errors);
        self.form.set(Some(t.check_fields.to_string()));
        self.focus_first();
    }

    pub fn show(&self, error: &ApiError) {
        match error {
            ApiError::Problem(p) if p.status == 412 => {
                self.stale.set(true);
                self.form.set(Some(self.app.t_now().stale.to_string()));
            }
            ApiError::Problem(p) => {
                // The title and detail head the summary; the field errors are listed under
                // it and beside their fields.
                let lang = self.app.lang.get_untracked();
                let detail = p
                    .detail
                    .as_deref()
                    .and_then(|d| lang.problem_detail(&p.kind, d));
                let head = match detail {
                    Some(detail) => format!("{}: {detail}", p.title),
                    None => p.title.clone(),
                };
                self.fields.set(p.errors.clone());
                self.form.set(Some(head));
                self.focus_first();
            }
            ApiError::Network(_) | ApiError::SessionEnded => {
                self.form.set(Some(self.app.describe(error)))
            }
        }
    }

    /// Puts `heading` above the listed field errors in place of the problem's title.
    pub fn retitle(&self, heading: &str) {
        self.form.set(Some(heading.to_string()));
    }

    /// The fields in error, in the server's order.
    pub fn names(&self) -> Vec<String> {
        self.fields
            .with_untracked(|errors| errors.iter().map(|e| e.field.clone()).collect())
    }

    /// Moves focus to the first field in error on the page, in document order, once the
    /// messages are drawn.
    fn focus_first(&self) {
        let ids: Vec<String> = self
            .fields
            .with_untracked(|errors| errors.iter().map(|e| self.input_id(&e.field)).collect());
        request_animation_frame(move || {
            let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            let mut first: Option<web_sys::Element> = None;
            for id in &ids {
                let Some(input) = document.get_element_by_id(id) else {
                    continue;
                };
                // DOCUMENT_POSITION_PRECEDING: `input` comes before the current first.
                let earlier = first
                    .as_ref()
                    .is_none_or(|f| f.compare_document_position(&input) & 2 != 0);
                if earlier {
                    first = Some(input);
                }
            }
            if let Some(input) = first {
                summary::focus(&input);
            }
        });
    }
}

/// `FieldError`s made on this side, with the message already in the UI language.
pub fn local_error(field: &str, message: &str) -> FieldError {
    FieldError {
        field: field.to_string(),
        code: "client".to_string(),
        message: message.to_string(),
    }
}

/// A labelled field: the label, the input given as children, and the error slot.
#[component]
pub fn Field(
    name: &'static str,
    label: fn(&Dict) -> &'static str,
    errors: FormErrors,
    #[prop(optional)] hint: Option<fn(&Dict) -> &'static str>,
    #[prop(optional)] wide: bool,
    children: Children,
) -> impl IntoView {
    let app = use_app();
    errors.register(name, label);
    view! {
        <div
            class="field"
            class:wide=wide
            class:invalid=move || errors.field(name).is_some()
            on:input=move |_| errors.dismiss(name)
            on:change=move |_| errors.dismiss(name)
        >
            <label for=errors.input_id(name)>{move || label(app.t())}</label>
            {children()}
            {hint.map(|hint| view! { <small class="hint">{move || hint(app.t())}</small> })}
            <span class="field-error" id=errors.error_id(name)>{move || errors.field(name)}</span>
        </div>
    }
}

#[component]
pub fn TextInput(
    #[prop(into)] id: String,
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] placeholder: MaybeProp<String>,
    #[prop(optional, into)] disabled: MaybeProp<bool>,
    #[prop(optional)] numeric: bool,
    #[prop(optional)] list: Option<&'static str>,
) -> impl IntoView {
    view! {
        <input
            id=id
            type=kind
            inputmode=numeric.then_some("numeric")
            list=list
            placeholder=move || placeholder.get()
            disabled=move || disabled.get().unwrap_or(false)
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
            on:change=move |ev| value.set(event_target_value(&ev))
        />
    }
}

#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    value: RwSignal<String>,
    #[prop(optional, into)] disabled: MaybeProp<bool>,
) -> impl IntoView {
    view! {
        <textarea
            id=id
            rows="3"
            disabled=move || disabled.get().unwrap_or(false)
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
            on:change=move |ev| value.set(event_target_value(&ev))
        ></textarea>
    }
}

/// A `<select>` over `(value, label)` pairs. Options carry `selected` themselves, because the
/// value often arrives before the options do.
#[component]
pub fn SelectInput(
    #[prop(into)] id: String,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional, into)] disabled: MaybeProp<bool>,
) -> impl IntoView {
    view! {
        <select
            id=id
            disabled=move || disabled.get().unwrap_or(false)
            on:change=move |ev| value.set(event_target_value(&ev))
        >
            {move || {
                options
                    .get()
                    .into_iter()
                    .map(|(key, label)| {
                        let current = key.clone();
                        view! {
                            <option value=key prop:selected=move || value.with(|v| *v == current)>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()
            }}
        </select>
    }
}

#[component]
pub fn CheckInput(
    #[prop(into)] id: String,
    value: RwSignal<bool>,
    #[prop(optional, into)] disabled: MaybeProp<bool>,
) -> impl IntoView {
    view! {
        <input
            id=id
            type="checkbox"
            disabled=move || disabled.get().unwrap_or(false)
            prop:checked=move || value.get()
            on:change=move |ev| value.set(event_target_checked(&ev))
        />
    }
}
