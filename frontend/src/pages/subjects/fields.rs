//! The subject form's state as typed, how it reads back into the wire types, and the diff
//! an edit sends.

use leptos::prelude::*;
use ocop_core::{FieldError, UnitId};
use ocop_subjects::{SubjectIn, SubjectKind, SubjectOut, SubjectPatch, SubjectStatus};
use serde_json::Value;

use crate::components::fields::local_error;
use crate::format::{changed, changed_option, merge_patch, optional, optional_date, whole_number};
use crate::i18n::Dict;

/// The form as typed.
#[derive(Clone, Copy)]
pub(super) struct Fields {
    pub(super) kind: RwSignal<String>,
    pub(super) name: RwSignal<String>,
    pub(super) registration_code: RwSignal<String>,
    pub(super) legal_representative: RwSignal<String>,
    pub(super) address: RwSignal<String>,
    pub(super) unit_id: RwSignal<String>,
    pub(super) phone: RwSignal<String>,
    pub(super) email: RwSignal<String>,
    pub(super) founded_on: RwSignal<String>,
    pub(super) member_count: RwSignal<String>,
    pub(super) women_led: RwSignal<bool>,
    pub(super) status: RwSignal<String>,
}

impl Fields {
    pub(super) fn new() -> Self {
        let text = || RwSignal::new(String::new());
        Self {
            kind: text(),
            name: text(),
            registration_code: text(),
            legal_representative: text(),
            address: text(),
            unit_id: text(),
            phone: text(),
            email: text(),
            founded_on: text(),
            member_count: text(),
            women_led: RwSignal::new(false),
            status: text(),
        }
    }

    pub(super) fn fill(&self, s: &SubjectOut) {
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        self.kind.set(s.kind.as_str().to_string());
        self.name.set(s.name.clone());
        self.registration_code.set(text(&s.registration_code));
        self.legal_representative
            .set(s.legal_representative.clone());
        self.address.set(s.address.clone());
        self.unit_id.set(s.unit_id.0.to_string());
        self.phone.set(text(&s.phone));
        self.email.set(text(&s.email));
        self.founded_on
            .set(s.founded_on.map(|d| d.to_string()).unwrap_or_default());
        self.member_count
            .set(s.member_count.map(|n| n.to_string()).unwrap_or_default());
        self.women_led.set(s.women_led);
        self.status.set(s.status.as_str().to_string());
    }

    pub(super) fn kind(&self) -> Option<SubjectKind> {
        self.kind.with(|k| SubjectKind::parse(k))
    }

    /// The form as a new subject, or what cannot be read. Length and format rules are left to
    /// the server, which reports them in the same shape.
    pub(super) fn read(&self, t: &Dict) -> Result<SubjectIn, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = self.kind.with_untracked(|k| SubjectKind::parse(k));
        if kind.is_none() {
            errors.push(local_error("kind", t.required));
        }
        let unit = self.unit_id.with_untracked(|u| u.parse::<i32>().ok());
        if unit.is_none() {
            errors.push(local_error("unit_id", t.required));
        }
        let founded_on = optional_date(&self.founded_on.get_untracked()).unwrap_or_else(|()| {
            errors.push(local_error("founded_on", t.bad_date));
            None
        });
        // Hidden for other kinds, and the server refuses a count for them.
        let member_count = match kind.filter(|k| k.has_members()) {
            None => None,
            Some(_) => match whole_number(&self.member_count.get_untracked())
                .map(|n| n.map(i32::try_from))
            {
                Ok(None) => None,
                Ok(Some(Ok(n))) => Some(n),
                Ok(Some(Err(_))) | Err(()) => {
                    errors.push(local_error("member_count", t.whole_number));
                    None
                }
            },
        };
        let (Some(kind), Some(unit), true) = (kind, unit, errors.is_empty()) else {
            return Err(errors);
        };
        Ok(SubjectIn {
            kind,
            name: self.name.get_untracked().trim().to_string(),
            registration_code: optional(&self.registration_code.get_untracked()),
            legal_representative: self.legal_representative.get_untracked().trim().to_string(),
            address: self.address.get_untracked().trim().to_string(),
            unit_id: UnitId(unit),
            phone: optional(&self.phone.get_untracked()),
            email: optional(&self.email.get_untracked()),
            founded_on,
            member_count,
            women_led: self.women_led.get_untracked(),
        })
    }
}

/// Only the changed fields: the server checks permissions per field present (a producer may
/// not send `registration_code` at all), so an unchanged field must not be sent.
pub(super) fn diff(input: SubjectIn, status: Option<SubjectStatus>, before: &SubjectOut) -> Value {
    let mut cleared = Vec::new();
    let patch = SubjectPatch {
        kind: changed(input.kind, &before.kind),
        name: changed(input.name, &before.name),
        registration_code: changed_option(
            input.registration_code,
            before.registration_code.clone(),
            "registration_code",
            &mut cleared,
        ),
        legal_representative: changed(input.legal_representative, &before.legal_representative),
        address: changed(input.address, &before.address),
        unit_id: changed(input.unit_id, &before.unit_id),
        phone: changed_option(input.phone, before.phone.clone(), "phone", &mut cleared),
        email: changed_option(input.email, before.email.clone(), "email", &mut cleared),
        founded_on: changed_option(
            input.founded_on,
            before.founded_on,
            "founded_on",
            &mut cleared,
        ),
        member_count: changed_option(
            input.member_count,
            before.member_count,
            "member_count",
            &mut cleared,
        ),
        women_led: changed(input.women_led, &before.women_led),
        status: status.and_then(|s| changed(s, &before.status)),
    };
    merge_patch(&patch, &cleared)
}
