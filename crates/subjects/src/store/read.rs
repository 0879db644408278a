//! Assembly of the read model: a `subject` row and its unit's name become a [`SubjectOut`].

use std::collections::HashMap;

use ocop_core::store::units;
use ocop_core::{DomainError, DomainResult, SubjectId, UnitId};
use sea_orm::ConnectionTrait;

use super::subject;
use crate::model::*;

/// The names of units, by id, in one query.
pub async fn unit_names<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> DomainResult<HashMap<i32, String>> {
    units::names_by_ids(db, ids).await
}

pub(crate) fn to_out(
    m: subject::Model,
    unit_names: &HashMap<i32, String>,
) -> DomainResult<SubjectOut> {
    let unit_name = unit_names.get(&m.unit_id).cloned().unwrap_or_default();
    to_out_named(m, unit_name)
}

pub(super) fn to_out_named(m: subject::Model, unit_name: String) -> DomainResult<SubjectOut> {
    Ok(SubjectOut {
        id: SubjectId(m.id),
        kind: kind_of(&m.kind)?,
        unit_name,
        name: m.name,
        registration_code: m.registration_code,
        legal_representative: m.legal_representative,
        address: m.address,
        unit_id: UnitId(m.unit_id),
        phone: m.phone,
        email: m.email,
        founded_on: m.founded_on,
        member_count: m.member_count,
        women_led: m.women_led,
        status: status_of(&m.status)?,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

/// The stored kind; a value the code does not know is a defect of the data, never a default.
pub(crate) fn kind_of(stored: &str) -> DomainResult<SubjectKind> {
    SubjectKind::parse(stored)
        .ok_or_else(|| DomainError::Internal(format!("subject.kind holds {stored:?}")))
}

pub(crate) fn status_of(stored: &str) -> DomainResult<SubjectStatus> {
    SubjectStatus::parse(stored)
        .ok_or_else(|| DomainError::Internal(format!("subject.status holds {stored:?}")))
}
