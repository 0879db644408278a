//! Form fields with their labels and error slots. Every input is `#field-<name>` and every error
//! slot `#error-<name>`, named as the API names the field, so server errors land beside it.
//! Inputs listen to both `input` and `change`, so values set by scripts or autofill are seen.

use leptos::prelude::*;
use ocop_core::FieldError;

use crate::api::ApiError;
use crate::i18n::Dict;
use crate::state::{AppState, use_app};

/// What the last save said about the form: per-field messages and one message for the whole.
#[derive(Clone, Copy)]
pub struct FormErrors {
    fields: RwSignal<Vec<FieldError>>,
    form: RwSignal<Option<String>>,
    /// Set when a save met 412, so the form can offer to reload.
    pub stale: RwSignal<bool>,
    /// Held so `show` works after an await, where the component's context is out of reach.
    app: AppState,
}

impl FormErrors {
    pub fn new() -> Self {
        Self {
            fields: RwSignal::new(Vec::new()),
            form: RwSignal::new(None),
            stale: RwSignal::new(false),
            app: use_app(),
        }
    }

    pub fn clear(&self) {
        self.fields.set(Vec::new());
        self.form.set(None);
        self.stale.set(false);
    }

    /// The messages for one field; tracked.
    pub fn field(&self, name: &str) -> Option<String> {
        self.fields.with(|errors| {
            let messages: Vec<&str> = errors
                .iter()
                .filter(|e| e.field == name)
                .map(|e| {
                    if e.message.is_empty() {
                        e.code.as_str()
                    } else {
                        e.message.as_str()
                    }
                })
                .collect();
            (!messages.is_empty()).then(|| messages.join("; "))
        })
    }

    /// Every field message as `field: message`; tracked. For forms whose fields are not
    /// inputs of their own (a score sheet's `choices[1.2]`).
    pub fn all(&self) -> Vec<String> {
        self.fields.with(|errors| {
            errors
                .iter()
                .map(|e| {
                    let message = if e.message.is_empty() {
                        &e.code
                    } else {
                        &e.message
                    };
                    format!("{}: {message}", e.field)
                })
                .collect()
        })
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
    }

    pub fn show(&self, error: &ApiError) {
        match error {
            ApiError::Problem(p) if p.status == 412 => {
                self.stale.set(true);
                self.form.set(Some(self.app.t_now().stale.to_string()));
            }
            ApiError::Problem(p) => {
                self.fields.set(p.errors.clone());
                self.form.set(Some(self.app.describe(error)));
            }
            ApiError::Network(_) | ApiError::SessionEnded => {
                self.form.set(Some(self.app.describe(error)))
            }
        }
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

/// The form-level message, `#form-error`.
#[component]
pub fn FormMessage(
    errors: FormErrors,
    #[prop(optional)] on_reload: Option<Callback<()>>,
) -> impl IntoView {
    let app = use_app();
    move || {
        errors.form.get().map(|message| {
            view! {
                <div id="form-error" class="form-error" role="alert">
                    <span>{message}</span>
                    {on_reload.filter(|_| errors.stale.get()).map(|reload| {
                        view! {
                            <button id="form-reload" type="button" on:click=move |_| reload.run(())>
                                {move || app.t().reload}
                            </button>
                        }
                    })}
                </div>
            }
        })
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
    view! {
        <div
            class="field"
            class:wide=wide
            class:invalid=move || errors.field(name).is_some()
            on:input=move |_| errors.dismiss(name)
            on:change=move |_| errors.dismiss(name)
        >
            <label for=format!("field-{name}")>{move || label(app.t())}</label>
            {children()}
            {hint.map(|hint| view! { <small class="hint">{move || hint(app.t())}</small> })}
            <span class="field-error" id=format!("error-{name}")>{move || errors.field(name)}</span>
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
