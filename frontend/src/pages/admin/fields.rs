//! The account form's inputs as typed, and their checks before anything is sent.

use leptos::prelude::*;
use ocop_core::units::UnitLevel;
use ocop_core::users::{UserIn, UserOut, UserPatch};
use ocop_core::{FieldError, Role, SubjectId, UnitId};

use crate::components::fields::local_error;
use crate::format::{from_wire, wire};
use crate::i18n::admin::Admin;
use crate::route;

const PASSWORD_CHARS: std::ops::RangeInclusive<usize> = 12..=128;

/// What the form's inputs hold, as typed.
#[derive(Clone, Copy)]
pub(super) struct Fields {
    pub(super) email: RwSignal<String>,
    pub(super) full_name: RwSignal<String>,
    pub(super) role: RwSignal<String>,
    pub(super) unit_id: RwSignal<String>,
    pub(super) subject_id: RwSignal<String>,
    pub(super) password: RwSignal<String>,
    pub(super) password_again: RwSignal<String>,
}

impl Fields {
    pub(super) fn new() -> Self {
        Self {
            email: RwSignal::new(String::new()),
            full_name: RwSignal::new(String::new()),
            // A link may preselect the role (`#/users/new?role=council_member`).
            role: RwSignal::new(route::query_param("role").unwrap_or_default()),
            unit_id: RwSignal::new(String::new()),
            subject_id: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
            password_again: RwSignal::new(String::new()),
        }
    }

    pub(super) fn fill(&self, user: &UserOut) {
        self.email.set(user.email.clone());
        self.full_name.set(user.full_name.clone());
        self.role.set(wire(&user.role));
        self.unit_id.set(user.unit_id.0.to_string());
        self.subject_id
            .set(user.subject_id.map(|s| s.to_string()).unwrap_or_default());
    }

    pub(super) fn role(&self) -> Option<Role> {
        self.role.with(|r| from_wire(r))
    }

    /// The name, role and unit, or the fields to fix.
    pub(super) fn common(&self, t: &Admin) -> Result<(String, Role, UnitId), Vec<FieldError>> {
        let mut errors = Vec::new();
        let full_name = self.full_name.get_untracked().trim().to_string();
        if full_name.is_empty() {
            errors.push(local_error("full_name", t.required));
        }
        let role = self.role.with_untracked(|r| from_wire::<Role>(r));
        if role.is_none() {
            errors.push(local_error("role", t.required));
        }
        let unit = self.unit_id.with_untracked(|u| u.parse::<i32>().ok());
        if unit.is_none() {
            errors.push(local_error("unit_id", t.required));
        }
        match (role, unit) {
            (Some(role), Some(unit)) if errors.is_empty() => Ok((full_name, role, UnitId(unit))),
            _ => Err(errors),
        }
    }

    /// The new account, or the fields to fix.
    pub(super) fn create(&self, t: &Admin) -> Result<UserIn, Vec<FieldError>> {
        let common = self.common(t);
        let mut errors = common.clone().err().unwrap_or_default();
        let email = self.email.get_untracked().trim().to_string();
        if email.is_empty() {
            errors.push(local_error("email", t.required));
        } else if !email.contains('@') {
            errors.push(local_error("email", t.bad_email));
        }
        let subject_id = self
            .subject_id
            .with_untracked(|s| s.parse().ok().map(SubjectId));
        if self.role.with_untracked(|r| r == "producer") && subject_id.is_none() {
            errors.push(local_error("subject_id", t.required));
        }
        errors.extend(check_passwords(self.password, self.password_again, t));
        match common {
            Ok((full_name, role, unit_id)) if errors.is_empty() => Ok(UserIn {
                email,
                full_name,
                role,
                unit_id,
                subject_id: subject_id.filter(|_| takes_subject(Some(role))),
                password: self.password.get_untracked(),
            }),
            _ => Err(errors),
        }
    }
}

/// Both typings of a new password must agree, and the server's length rule is checked here too.
pub(super) fn check_passwords(
    password: RwSignal<String>,
    again: RwSignal<String>,
    t: &Admin,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let typed = password.get_untracked();
    if !PASSWORD_CHARS.contains(&typed.chars().count()) {
        errors.push(local_error("password", t.password_short));
    } else if again.with_untracked(|a| *a != typed) {
        errors.push(local_error("password_again", t.passwords_differ));
    }
    errors
}

/// Producers act for a subject; a council member may name the one they belong to.
pub(super) fn takes_subject(role: Option<Role>) -> bool {
    matches!(role, Some(Role::Producer | Role::CouncilMember))
}

/// The level of unit a role works at, to narrow the unit picker.
pub(super) fn level_of(role: Option<Role>) -> Option<UnitLevel> {
    match role? {
        Role::ProvinceOfficer => Some(UnitLevel::Province),
        Role::CommuneOfficer | Role::Producer => Some(UnitLevel::Commune),
        _ => None,
    }
}

/// Only what changed, so a concurrent change to another field is not overwritten.
pub(super) fn diff(full_name: String, role: Role, unit_id: UnitId, before: &UserOut) -> UserPatch {
    UserPatch {
        full_name: (full_name != before.full_name).then_some(full_name),
        role: (role != before.role).then_some(role),
        unit_id: (unit_id != before.unit_id).then_some(unit_id),
        ..Default::default()
    }
}
