//! An audit event in words: the page of its record, and what changed, with known fields by
//! their label and states by their name, never a wire name.

use ocop_evaluations::CycleState;
use serde_json::Value;

use super::units::UnitBook;
use crate::api::AuditEvent;
use crate::format::from_wire;
use crate::i18n::Lang;
use crate::route::Route;

/// The page of the record an event is about, when it has one.
pub(super) fn record_route(e: &AuditEvent) -> Option<Route> {
    let id = e.entity_id.as_str();
    match e.entity.as_str() {
        "user" => id.parse().ok().map(Route::User),
        "subject" => id.parse().ok().map(Route::Subject),
        "product" => id.parse().ok().map(Route::Product),
        "cycle" => id.parse().ok().map(Route::Cycle),
        "round" => id.parse().ok().map(Route::Round),
        "certificate" => id.parse().ok().map(Route::Certificate),
        // A sheet is read on its dossier's page.
        "score_sheet" => e.changes["cycle_id"]
            .as_str()
            .and_then(|c| c.parse().ok())
            .map(Route::Cycle),
        _ => None,
    }
}

/// What changed, in words: known fields by their label, states by their name; otherwise how
/// many fields changed. Never a field's wire name.
pub(super) fn details(lang: Lang, book: UnitBook, action: &str, changes: &Value) -> String {
    let t = lang.admin();
    let role = |v: &Value| {
        from_wire::<ocop_core::Role>(v.as_str().unwrap_or_default())
            .map(|r| lang.role(r).to_string())
    };
    let state = |v: &Value| {
        from_wire::<CycleState>(v.as_str().unwrap_or_default()).map(|s| lang.cycle_state(s))
    };
    match action {
        "cycle.transition" => {
            let to = state(&changes["to"]).unwrap_or_default();
            match state(&changes["from"]) {
                Some(from) => format!("{from} → {to}"),
                None => to.to_string(),
            }
        }
        "user.create" | "user.bootstrap_admin" => {
            let name = changes["full_name"].as_str().unwrap_or_default();
            match role(&changes["role"]) {
                Some(role) => format!("{name} · {role}"),
                None => name.to_string(),
            }
        }
        "subject.create" | "product.create" | "subject.delete" => {
            changes["name"].as_str().unwrap_or_default().to_string()
        }
        "user.update" => {
            let Some(fields) = changes.as_object() else {
                return String::new();
            };
            let unit = |v: &Value| {
                v.as_i64()
                    .and_then(|id| i32::try_from(id).ok())
                    .and_then(|id| book.name(ocop_core::UnitId(id)))
            };
            let status = |v: &Value| {
                ocop_core::users::UserStatus::parse(v.as_str().unwrap_or_default())
                    .map(|s| lang.user_status(s).to_string())
            };
            fields
                .iter()
                .map(|(key, change)| {
                    let (from, to) = (&change["from"], &change["to"]);
                    let pair = |label: &str, show: &dyn Fn(&Value) -> Option<String>| {
                        format!(
                            "{label}: {} → {}",
                            show(from).unwrap_or_default(),
                            show(to).unwrap_or_default()
                        )
                    };
                    match key.as_str() {
                        "password" => t.password_changed.to_string(),
                        "full_name" => pair(t.full_name, &|v| v.as_str().map(str::to_string)),
                        "role" => pair(t.role, &role),
                        "unit_id" => pair(t.unit, &unit),
                        "status" => pair(t.status, &status),
                        _ => (t.fields_changed)(1),
                    }
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
        _ => match changes.as_object() {
            Some(fields)
                if !fields.is_empty()
                    && fields
                        .values()
                        .all(|v| v.get("from").is_some() || v.get("to").is_some()) =>
            {
                (t.fields_changed)(fields.len())
            }
            _ => String::new(),
        },
    }
}
