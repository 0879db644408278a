//! Revenue reported by subjects per year and channel. A report is in scope exactly when its
//! subject is (a producer its own, an officer its subtree's subjects).

use crate::store::versioned;
use chrono::{DateTime, Utc};
use ocop_core::{DomainError, DomainResult, Dong, Principal, Scope, SubjectId};
use ocop_subjects::store as subjects;
use sea_orm::entity::prelude::*;
use sea_orm::{Condition, ConnectionTrait, QueryOrder};

use super::require_trade_read;
use crate::model::*;
use crate::store::entities::revenue;

fn scope_condition(scope: &Scope) -> Condition {
    match scope {
        Scope::All => Condition::all(),
        _ => Condition::all()
            .add(revenue::Column::SubjectId.in_subquery(subjects::ids_in_scope(scope))),
    }
}

/// The row of a report the principal may see; not found otherwise.
pub(crate) async fn revenue_model<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: RevenueReportId,
) -> DomainResult<revenue::Model> {
    revenue::Entity::find_by_id(id.0)
        .filter(scope_condition(&principal.scope()))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("revenue_report"))
}

/// Reports with their subjects' names, one batched query.
pub(crate) async fn to_revenue_outs<C: ConnectionTrait>(
    db: &C,
    rows: Vec<revenue::Model>,
) -> DomainResult<Vec<RevenueReportOut>> {
    let names = subjects::names_by_ids(db, rows.iter().map(|r| r.subject_id)).await?;
    rows.into_iter()
        .map(|m| {
            let channel = RevenueChannel::parse(&m.channel)
                .ok_or_else(|| DomainError::Internal(format!("revenue channel {}", m.channel)))?;
            Ok(RevenueReportOut {
                id: RevenueReportId(m.id),
                subject_id: SubjectId(m.subject_id),
                subject_name: names.get(&m.subject_id).cloned().unwrap_or_default(),
                year: m.year,
                channel,
                amount: Dong(m.amount),
                reported_on: m.reported_on,
                version: m.version,
            })
        })
        .collect()
}

/// One report in scope.
pub async fn revenue_report<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: RevenueReportId,
) -> DomainResult<RevenueReportOut> {
    require_trade_read(principal)?;
    let model = revenue_model(db, principal, id).await?;
    to_revenue_outs(db, vec![model])
        .await?
        .pop()
        .ok_or(DomainError::not_found("revenue_report"))
}

/// The reports of the subjects in scope, optionally of one subject and one year: the latest year
/// first, then by subject and channel.
pub async fn revenue<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    subject_id: Option<SubjectId>,
    year: Option<i32>,
) -> DomainResult<Vec<RevenueReportOut>> {
    require_trade_read(principal)?;
    let mut cond = scope_condition(&principal.scope());
    if let Some(subject) = subject_id {
        cond = cond.add(revenue::Column::SubjectId.eq(subject.0));
    }
    if let Some(year) = year {
        cond = cond.add(revenue::Column::Year.eq(year));
    }
    let rows = revenue::Entity::find()
        .filter(cond)
        .order_by_desc(revenue::Column::Year)
        .order_by_asc(revenue::Column::SubjectId)
        .order_by_asc(revenue::Column::Channel)
        .all(db)
        .await?;
    to_revenue_outs(db, rows).await
}

pub(crate) async fn insert_revenue<C: ConnectionTrait>(
    db: &C,
    model: revenue::ActiveModel,
) -> DomainResult<revenue::Model> {
    Ok(model.insert(db).await?)
}

/// Writes the row only if its version is still the one read, and bumps the version.
pub(crate) async fn save_revenue<C: ConnectionTrait>(
    db: &C,
    model: revenue::ActiveModel,
    current: &revenue::Model,
    now: DateTime<Utc>,
) -> DomainResult<revenue::Model> {
    versioned::save::<revenue::Entity, _>(db, model, current.id, current.version, now).await
}
