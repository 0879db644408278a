//! The dossier's parts as typed: the business plan, Mẫu 01, the self-assessment (Mẫu 02), the
//! samples and the commune's Mẫu 03, and the patches that save each part on its own.

use leptos::prelude::*;
use ocop_core::FieldError;
use ocop_evaluations::{CycleOut, DossierPatch, Form01, Form03, Selection};
use ocop_subjects::{SubjectOut, validate_phone};

use crate::components::fields::{Field, FormErrors, SelectInput, TextArea, TextInput, local_error};
use crate::format::whole_number;
use crate::i18n::Dict;
use crate::state::use_app;

#[derive(Clone, Copy)]
pub(super) struct DossierFields {
    pub(super) business_plan: RwSignal<String>,
    pub(super) representative: RwSignal<String>,
    pub(super) phone: RwSignal<String>,
    pub(super) stars_sought: RwSignal<String>,
    pub(super) annual_output: RwSignal<String>,
    pub(super) notes: RwSignal<String>,
    pub(super) choices: RwSignal<Selection>,
    pub(super) samples: RwSignal<String>,
    pub(super) local_raw_material: RwSignal<String>,
    pub(super) local_labour: RwSignal<String>,
    pub(super) idea_origin: RwSignal<String>,
    pub(super) conclusion: RwSignal<String>,
}

impl DossierFields {
    pub(super) fn new() -> Self {
        let text = || RwSignal::new(String::new());
        Self {
            business_plan: text(),
            representative: text(),
            phone: text(),
            stars_sought: RwSignal::new("3".to_string()),
            annual_output: text(),
            notes: text(),
            choices: RwSignal::new(Selection::default()),
            samples: text(),
            local_raw_material: text(),
            local_labour: text(),
            idea_origin: text(),
            conclusion: text(),
        }
    }

    pub(super) fn fill(&self, c: &CycleOut) {
        self.business_plan
            .set(c.business_plan.clone().unwrap_or_default());
        let f1 = c.form_01.clone().unwrap_or_default();
        self.representative.set(f1.representative);
        self.phone.set(f1.phone);
        self.stars_sought
            .set(f1.stars_sought.clamp(3, 5).to_string());
        self.annual_output.set(f1.annual_output);
        self.notes.set(f1.notes);
        self.choices
            .set(c.self_assessment.clone().unwrap_or_default());
        self.samples.set(c.samples.to_string());
        let f3 = c.form_03.clone().unwrap_or_default();
        self.local_raw_material.set(f3.local_raw_material);
        self.local_labour.set(f3.local_labour);
        self.idea_origin.set(f3.idea_origin);
        self.conclusion.set(f3.conclusion);
    }

    /// Fills Mẫu 01's blanks from the subject's record; whether anything was filled.
    pub(super) fn prefill(&self, subject: &SubjectOut) -> bool {
        let mut filled = false;
        let mut blank = |signal: RwSignal<String>, value: &str| {
            if signal.with_untracked(|v| v.trim().is_empty()) && !value.trim().is_empty() {
                signal.set(value.trim().to_string());
                filled = true;
            }
        };
        blank(self.representative, &subject.legal_representative);
        blank(self.phone, subject.phone.as_deref().unwrap_or_default());
        filled
    }

    pub(super) fn plan(&self) -> DossierPatch {
        DossierPatch {
            business_plan: Some(self.business_plan.get_untracked().trim().to_string()),
            ..Default::default()
        }
    }

    pub(super) fn form_01(&self, _t: &Dict) -> Result<DossierPatch, Vec<FieldError>> {
        let mut errors = Vec::new();
        let representative = self.representative.get_untracked().trim().to_string();
        if representative.is_empty() {
            errors.push(FieldError::new("form_01.representative", "required"));
        }
        let phone = self.phone.get_untracked().trim().to_string();
        if phone.is_empty() {
            errors.push(FieldError::new("form_01.phone", "required"));
        } else if validate_phone(&phone).is_err() {
            // The server's rule, checked before sending; the message says what a phone is.
            errors.push(FieldError::new("form_01.phone", "format"));
        }
        let stars_sought = self.stars_sought.get_untracked().parse().unwrap_or(3);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(DossierPatch {
            form_01: Some(Form01 {
                representative,
                phone,
                stars_sought,
                annual_output: self.annual_output.get_untracked().trim().to_string(),
                notes: self.notes.get_untracked().trim().to_string(),
            }),
            ..Default::default()
        })
    }

    pub(super) fn self_assessment(&self) -> DossierPatch {
        DossierPatch {
            self_assessment: Some(self.choices.get_untracked()),
            ..Default::default()
        }
    }

    pub(super) fn samples(&self, t: &Dict) -> Result<DossierPatch, Vec<FieldError>> {
        match whole_number(&self.samples.get_untracked()) {
            Ok(n) => Ok(DossierPatch {
                samples: Some(n.and_then(|n| u32::try_from(n).ok()).unwrap_or(0)),
                ..Default::default()
            }),
            Err(()) => Err(vec![local_error("samples", t.whole_number)]),
        }
    }

    pub(super) fn form_03(&self, _t: &Dict) -> Result<DossierPatch, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut required = |field: &'static str, signal: RwSignal<String>| {
            let text = signal.get_untracked().trim().to_string();
            if text.is_empty() {
                errors.push(FieldError::new(field, "required"));
            }
            text
        };
        let local_raw_material = required("form_03.local_raw_material", self.local_raw_material);
        let local_labour = required("form_03.local_labour", self.local_labour);
        let idea_origin = required("form_03.idea_origin", self.idea_origin);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(DossierPatch {
            form_03: Some(Form03 {
                local_raw_material,
                local_labour,
                idea_origin,
                conclusion: self.conclusion.get_untracked().trim().to_string(),
            }),
            ..Default::default()
        })
    }
}

/// The save button of one step, `#<id>`.
#[component]
pub(super) fn SaveButton(
    id: &'static str,
    busy: RwSignal<bool>,
    #[prop(into)] shown: Signal<bool>,
    on_save: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <Show when=move || shown.get()>
            <div class="actions">
                <button id=id type="button" class="primary" disabled=move || busy.get() on:click=move |_| on_save.run(())>
                    {move || if busy.get() { app.t().saving } else { app.t().save }}
                </button>
            </div>
        </Show>
    }
}

#[component]
pub(super) fn PlanStep(
    fields: DossierFields,
    errors: FormErrors,
    #[prop(into)] editable: Signal<bool>,
) -> impl IntoView {
    view! {
        <fieldset class="grid" disabled=move || !editable.get()>
            <Field name="business_plan" label=|t| t.ev.business_plan errors wide=true hint=|t| t.ev.business_plan_hint>
                <TextArea id="field-business_plan" value=fields.business_plan />
            </Field>
        </fieldset>
    }
}

#[component]
pub(super) fn Form01Step(
    fields: DossierFields,
    errors: FormErrors,
    #[prop(into)] editable: Signal<bool>,
) -> impl IntoView {
    let star_options = Signal::derive(|| {
        (3..=5)
            .map(|s| (s.to_string(), "★".repeat(s)))
            .collect::<Vec<_>>()
    });
    view! {
        <fieldset class="grid" disabled=move || !editable.get()>
            <Field name="form_01.representative" label=|t| t.legal_representative errors>
                <TextInput id="field-form_01.representative" value=fields.representative />
            </Field>
            <Field name="form_01.phone" label=|t| t.phone errors>
                <TextInput id="field-form_01.phone" value=fields.phone kind="tel" />
            </Field>
            <Field name="form_01.stars_sought" label=|t| t.ev.stars_sought errors>
                <SelectInput id="field-form_01.stars_sought" value=fields.stars_sought options=star_options />
            </Field>
            <Field name="form_01.annual_output" label=|t| t.ev.annual_output errors>
                <TextInput id="field-form_01.annual_output" value=fields.annual_output />
            </Field>
            <Field name="form_01.notes" label=|t| t.ev.notes errors wide=true>
                <TextArea id="field-form_01.notes" value=fields.notes />
            </Field>
        </fieldset>
    }
}

#[component]
pub(super) fn Form03Step(
    fields: DossierFields,
    errors: FormErrors,
    #[prop(into)] editable: Signal<bool>,
) -> impl IntoView {
    view! {
        <fieldset class="grid" disabled=move || !editable.get()>
            <Field name="form_03.local_raw_material" label=|t| t.ev.local_raw_material errors wide=true>
                <TextArea id="field-form_03.local_raw_material" value=fields.local_raw_material />
            </Field>
            <Field name="form_03.local_labour" label=|t| t.ev.local_labour errors wide=true>
                <TextArea id="field-form_03.local_labour" value=fields.local_labour />
            </Field>
            <Field name="form_03.idea_origin" label=|t| t.ev.idea_origin errors wide=true>
                <TextArea id="field-form_03.idea_origin" value=fields.idea_origin />
            </Field>
            <Field name="form_03.conclusion" label=|t| t.ev.conclusion errors wide=true>
                <TextArea id="field-form_03.conclusion" value=fields.conclusion />
            </Field>
        </fieldset>
    }
}
