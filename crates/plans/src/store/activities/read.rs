//! The output types of activities, participants and fair products, assembled with one query
//! per lookup (unit names, counts, subject and product names), never one per row.

use std::collections::HashMap;

use ocop_core::store::units;
use ocop_core::{DomainError, DomainResult, ProductId, SubjectId, UnitId, UserId};
use ocop_products::store::products as product_store;
use ocop_subjects::store as subject_store;
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Func;
use sea_orm::{ConnectionTrait, QuerySelect};

use crate::model::*;
use crate::store::entities::{activity, activity_product, participant};

/// One activity as its output type.
pub(crate) async fn one_out<C: ConnectionTrait>(
    db: &C,
    row: activity::Model,
) -> DomainResult<ActivityOut> {
    to_outs(db, vec![row])
        .await?
        .pop()
        .ok_or(DomainError::not_found("activity"))
}

/// Activities as their output type: unit names and both counts in one query each.
pub(super) async fn to_outs<C: ConnectionTrait>(
    db: &C,
    rows: Vec<activity::Model>,
) -> DomainResult<Vec<ActivityOut>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let names = units::names_by_ids(db, rows.iter().map(|r| r.unit_id)).await?;
    let participants =
        counts::<participant::Entity, _>(db, participant::Column::ActivityId, ids.clone()).await?;
    let products =
        counts::<activity_product::Entity, _>(db, activity_product::Column::ActivityId, ids)
            .await?;
    rows.into_iter()
        .map(|r| {
            let unit_name = names.get(&r.unit_id).cloned().unwrap_or_default();
            let participant_count = participants.get(&r.id).copied().unwrap_or(0);
            let product_count = products.get(&r.id).copied().unwrap_or(0);
            to_out(r, unit_name, participant_count, product_count)
        })
        .collect()
}

/// Rows per activity of a table that hangs off activities, for `ids`, in one GROUP BY.
async fn counts<E: EntityTrait, C: ConnectionTrait>(
    db: &C,
    column: E::Column,
    ids: Vec<Uuid>,
) -> DomainResult<HashMap<Uuid, i64>> {
    let rows: Vec<(Uuid, i64)> = E::find()
        .select_only()
        .column(column)
        .column_as(Expr::from(Func::count(Expr::col(column))), "n")
        .filter(column.is_in(ids))
        .group_by(column)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

fn to_out(
    r: activity::Model,
    unit_name: String,
    participant_count: i64,
    product_count: i64,
) -> DomainResult<ActivityOut> {
    let kind = ActivityKind::parse(&r.kind)
        .ok_or_else(|| DomainError::Internal(format!("activity kind {}", r.kind)))?;
    let status = ActivityStatus::parse(&r.status)
        .ok_or_else(|| DomainError::Internal(format!("activity status {}", r.status)))?;
    let cooperating_units: Vec<String> = serde_json::from_str(&r.cooperating_units)
        .map_err(|e| DomainError::Internal(format!("cooperating_units: {e}")))?;
    Ok(ActivityOut {
        id: ActivityId(r.id),
        plan_id: PlanId(r.plan_id),
        kind,
        title: r.title,
        lead_department: r.lead_department,
        cooperating_units,
        quarters: quarters_of(&r.quarters),
        unit_id: UnitId(r.unit_id),
        unit_name,
        place: r.place,
        starts_on: r.starts_on,
        ends_on: r.ends_on,
        status,
        results: r.results,
        participant_count,
        product_count,
        version: r.version,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

/// The quarters stored as digits ("13" = Q1 and Q3).
fn quarters_of(digits: &str) -> Vec<u8> {
    digits
        .chars()
        .filter_map(|c| c.to_digit(10))
        .filter_map(|d| u8::try_from(d).ok())
        .collect()
}

/// The quarters as stored: sorted digits.
pub(crate) fn quarters_text(quarters: &[u8]) -> String {
    let mut sorted = quarters.to_vec();
    sorted.sort_unstable();
    sorted.iter().map(u8::to_string).collect()
}

/// Participants as their output type: subject and unit names in one query each.
pub(crate) async fn participant_outs<C: ConnectionTrait>(
    db: &C,
    rows: Vec<participant::Model>,
) -> DomainResult<Vec<ParticipantOut>> {
    let subjects =
        subject_store::names_by_ids(db, rows.iter().filter_map(|r| r.subject_id)).await?;
    let units = units::names_by_ids(db, rows.iter().map(|r| r.unit_id)).await?;
    rows.into_iter()
        .map(|r| {
            let audience = Audience::parse(&r.audience)
                .ok_or_else(|| DomainError::Internal(format!("audience {}", r.audience)))?;
            Ok(ParticipantOut {
                id: ParticipantId(r.id),
                activity_id: ActivityId(r.activity_id),
                full_name: r.full_name,
                audience,
                user_id: r.user_id.map(UserId),
                subject_id: r.subject_id.map(SubjectId),
                subject_name: r.subject_id.and_then(|s| subjects.get(&s).cloned()),
                unit_id: UnitId(r.unit_id),
                unit_name: units.get(&r.unit_id).cloned().unwrap_or_default(),
                position: r.position,
                created_at: r.created_at,
            })
        })
        .collect()
}

/// Fair products as their output type: product names and subjects, then subject names, in one
/// query each.
pub(crate) async fn product_outs<C: ConnectionTrait>(
    db: &C,
    rows: Vec<activity_product::Model>,
) -> DomainResult<Vec<ActivityProductOut>> {
    let products =
        product_store::names_and_subjects_by_ids(db, rows.iter().map(|r| r.product_id)).await?;
    let subjects = subject_store::names_by_ids(db, products.values().map(|(_, s)| *s)).await?;
    rows.into_iter()
        .map(|r| {
            let (product_name, subject_id) = products
                .get(&r.product_id)
                .cloned()
                .ok_or(DomainError::not_found("product"))?;
            Ok(ActivityProductOut {
                activity_id: ActivityId(r.activity_id),
                product_id: ProductId(r.product_id),
                product_name,
                subject_id: SubjectId(subject_id),
                subject_name: subjects.get(&subject_id).cloned().unwrap_or_default(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_are_stored_as_sorted_digits_and_read_back() {
        assert_eq!(quarters_text(&[3, 1]), "13");
        assert_eq!(quarters_text(&[]), "");
        assert_eq!(quarters_of("13"), vec![1, 3]);
        assert_eq!(quarters_of(""), Vec::<u8>::new());
    }
}
