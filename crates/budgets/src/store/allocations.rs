//! Allocations: scoped reads and the two conditional writes of the disbursed total. An
//! allocation is visible when its line's unit (kept on the row) lies in the caller's subtree.

use chrono::{DateTime, Utc};
use ocop_core::store::units::unit_scope;
use ocop_core::{DomainError, DomainResult, Dong, Principal, UnitId, UserId};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ConnectionTrait, QueryOrder};

use super::entities::{allocation, line};
use crate::model::{AllocationId, AllocationOut, ApprovalOut, LineId};

/// The row of an allocation the principal may see; not found otherwise.
pub(crate) async fn in_scope<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: AllocationId,
) -> DomainResult<allocation::Model> {
    allocation::Entity::find_by_id(id.0)
        .filter(unit_scope(allocation::Column::UnitId, &principal.scope()))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("budget_allocation"))
}

pub(crate) fn out(m: allocation::Model, line: &line::Model) -> AllocationOut {
    let approval = match (m.approved_by, m.approval_reason, m.approval_decision) {
        (Some(by), Some(reason), Some(decision)) => Some(ApprovalOut {
            approved_by: UserId(by),
            reason,
            decision_number: decision,
        }),
        _ => None,
    };
    AllocationOut {
        id: AllocationId(m.id),
        line_id: LineId(m.line_id),
        unit_id: UnitId(m.unit_id),
        source_code: line.source_code.clone(),
        year: line.year,
        plan_id: m.plan_id,
        activity_id: m.activity_id,
        purpose: m.purpose,
        amount: Dong(m.amount),
        disbursed: Dong(m.disbursed),
        available: Dong(m.amount - m.disbursed),
        allocated_on: m.allocated_on,
        approval,
        created_by: UserId(m.created_by),
        version: m.version,
        created_at: m.created_at,
    }
}

/// One allocation the principal may see.
pub async fn get<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: AllocationId,
) -> DomainResult<AllocationOut> {
    let row = in_scope(db, principal, id).await?;
    let line = super::lines::row(db, LineId(row.line_id)).await?;
    Ok(out(row, &line))
}

/// The allocations of a line the principal may see, in the order they were made.
pub async fn of_line<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: LineId,
) -> DomainResult<Vec<AllocationOut>> {
    let line = super::lines::in_scope(db, principal, id).await?;
    let rows = allocation::Entity::find()
        .filter(allocation::Column::LineId.eq(id.0))
        .order_by_asc(allocation::Column::CreatedAt)
        .order_by_asc(allocation::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|m| out(m, &line)).collect())
}

pub(crate) async fn insert<C: ConnectionTrait>(
    db: &C,
    row: allocation::ActiveModel,
) -> DomainResult<allocation::Model> {
    Ok(row.insert(db).await?)
}

/// Moves the disbursed total by `delta` (positive: a disbursement, negative: a reversal) if it
/// stays within `0..=amount`. One statement, so twenty parallel disbursements are checked one
/// after another against the total each predecessor left. False when it would not fit.
pub(crate) async fn move_disbursed<C: ConnectionTrait>(
    db: &C,
    id: AllocationId,
    delta: i64,
    at: DateTime<Utc>,
) -> DomainResult<bool> {
    let after = Expr::col(allocation::Column::Disbursed).add(delta);
    let result = allocation::Entity::update_many()
        .col_expr(allocation::Column::Disbursed, after.clone())
        .col_expr(
            allocation::Column::Version,
            Expr::col(allocation::Column::Version).add(1),
        )
        .col_expr(allocation::Column::UpdatedAt, Expr::val(at))
        .filter(allocation::Column::Id.eq(id.0))
        .filter(after.clone().gte(0))
        .filter(after.lte(Expr::col(allocation::Column::Amount)))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// The allocation's row as it stands (inside a change, after a refused write).
pub(crate) async fn row<C: ConnectionTrait>(
    db: &C,
    id: AllocationId,
) -> DomainResult<allocation::Model> {
    allocation::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(DomainError::not_found("budget_allocation"))
}
