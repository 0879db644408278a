//! Budget lines: scoped reads (one, a filtered list with their totals) and the two writes that
//! move a line's figures, each one conditional statement so that the check and the write cannot
//! be separated by another request.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::store::units::{self, unit_scope};
use ocop_core::{DomainError, DomainResult, Dong, Principal, UnitId};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func};
use sea_orm::{ConnectionTrait, QueryOrder, QuerySelect};

use super::entities::{allocation, line, revision};
use crate::model::{LineId, LineOut, LineQuery, amount_in_force, funding_source};

/// The row of a line the principal may see; not found otherwise (out of scope reads as missing).
pub(crate) async fn in_scope<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: LineId,
) -> DomainResult<line::Model> {
    line::Entity::find_by_id(id.0)
        .filter(unit_scope(line::Column::UnitId, &principal.scope()))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("budget_line"))
}

/// Net disbursed per line, over all its allocations, in one grouped statement.
async fn disbursed_by_line<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> DomainResult<HashMap<Uuid, i64>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, Option<i64>)> = allocation::Entity::find()
        .select_only()
        .column(allocation::Column::LineId)
        // PostgreSQL sums bigints as numeric; the cast keeps one integer type on both.
        .column_as(
            Expr::from(Func::cast_as(
                Func::sum(Expr::col(allocation::Column::Disbursed)),
                Alias::new("BIGINT"),
            )),
            "disbursed",
        )
        .filter(allocation::Column::LineId.is_in(ids.iter().copied()))
        .group_by(allocation::Column::LineId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, sum)| (id, sum.unwrap_or(0)))
        .collect())
}

/// Lines as output, with their unit names and disbursed totals: two batched queries.
pub(crate) async fn outs<C: ConnectionTrait>(
    db: &C,
    rows: Vec<line::Model>,
) -> DomainResult<Vec<LineOut>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let names = units::names_by_ids(db, rows.iter().map(|r| r.unit_id)).await?;
    let disbursed = disbursed_by_line(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|m| LineOut {
            id: LineId(m.id),
            unit_id: UnitId(m.unit_id),
            unit_name: names.get(&m.unit_id).cloned().unwrap_or_default(),
            phase_id: m.phase_id,
            year: m.year,
            state_budget: funding_source(&m.source_code)
                .is_some_and(|s| s.category.is_state_budget()),
            source_code: m.source_code,
            title: m.title,
            decision_number: m.decision_number,
            original: Dong(m.original),
            revised: m.revised.map(Dong),
            revision_decision: m.revision_decision,
            revised_on: m.revised_on,
            amount: amount_in_force(Dong(m.original), m.revised.map(Dong)),
            allocated: Dong(m.allocated),
            disbursed: Dong(disbursed.get(&m.id).copied().unwrap_or(0)),
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        })
        .collect())
}

/// One line the principal may see.
pub async fn get<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: LineId,
) -> DomainResult<LineOut> {
    let row = in_scope(db, principal, id).await?;
    one(db, row).await
}

pub(crate) async fn one<C: ConnectionTrait>(db: &C, row: line::Model) -> DomainResult<LineOut> {
    outs(db, vec![row])
        .await?
        .pop()
        .ok_or(DomainError::not_found("budget_line"))
}

/// The lines the principal may see, filtered: the latest year first, then by source and title.
/// A `unit_id` outside the caller's scope gives an empty list, as the other lists do.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    query: &LineQuery,
) -> DomainResult<Vec<LineOut>> {
    let mut select =
        line::Entity::find().filter(unit_scope(line::Column::UnitId, &principal.scope()));
    if let Some(unit) = query.unit_id {
        select = select.filter(line::Column::UnitId.in_subquery(units::subtree_ids(unit)));
    }
    if let Some(year) = query.year {
        select = select.filter(line::Column::Year.eq(year));
    }
    if let Some(phase) = query.phase_id {
        select = select.filter(line::Column::PhaseId.eq(phase));
    }
    if let Some(source) = &query.source_code {
        select = select.filter(line::Column::SourceCode.eq(source.as_str()));
    }
    let rows = select
        .order_by_desc(line::Column::Year)
        .order_by_asc(line::Column::SourceCode)
        .order_by_asc(line::Column::Title)
        .order_by_asc(line::Column::Id)
        .all(db)
        .await?;
    outs(db, rows).await
}

pub(crate) async fn insert<C: ConnectionTrait>(
    db: &C,
    row: line::ActiveModel,
) -> DomainResult<line::Model> {
    Ok(row.insert(db).await?)
}

/// The line's amount in force, as SQL: `COALESCE(revised, original)`.
fn amount_expr() -> Expr {
    Func::coalesce([
        Expr::col(line::Column::Revised),
        Expr::col(line::Column::Original),
    ])
    .into()
}

/// Adds `amount` to what is allocated from the line, if it still fits under the amount in force
/// or `approved` lifts that limit. One statement: under concurrency the database re-checks the
/// condition against the row as the previous writer left it. False when it did not fit.
pub(crate) async fn take<C: ConnectionTrait>(
    db: &C,
    id: LineId,
    amount: Dong,
    approved: bool,
    at: DateTime<Utc>,
) -> DomainResult<bool> {
    let mut update = line::Entity::update_many()
        .col_expr(
            line::Column::Allocated,
            Expr::col(line::Column::Allocated).add(amount.0),
        )
        .col_expr(
            line::Column::Version,
            Expr::col(line::Column::Version).add(1),
        )
        .col_expr(line::Column::UpdatedAt, Expr::val(at))
        .filter(line::Column::Id.eq(id.0));
    if !approved {
        update = update.filter(
            Expr::col(line::Column::Allocated)
                .add(amount.0)
                .lte(amount_expr()),
        );
    }
    Ok(update.exec(db).await?.rows_affected == 1)
}

/// The revision of a line read at `version`: the new amount in force, by a decision. Refused
/// (false) when the line moved since it was read or the amount would fall under what is
/// already allocated; the caller reads the line again to say which.
pub(crate) async fn revise<C: ConnectionTrait>(
    db: &C,
    id: LineId,
    version: i32,
    revised: Dong,
    decision: &str,
    revised_on: NaiveDate,
    at: DateTime<Utc>,
) -> DomainResult<bool> {
    let result = line::Entity::update_many()
        .col_expr(line::Column::Revised, Expr::val(revised.0))
        .col_expr(line::Column::RevisionDecision, Expr::val(decision))
        .col_expr(line::Column::RevisedOn, Expr::val(revised_on))
        .col_expr(
            line::Column::Version,
            Expr::col(line::Column::Version).add(1),
        )
        .col_expr(line::Column::UpdatedAt, Expr::val(at))
        .filter(line::Column::Id.eq(id.0))
        .filter(line::Column::Version.eq(version))
        .filter(line::Column::Allocated.lte(revised.0))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Keeps a revision in the line's history (the line itself holds the latest).
pub(crate) async fn record_revision<C: ConnectionTrait>(
    db: &C,
    row: revision::ActiveModel,
) -> DomainResult<()> {
    row.insert(db).await?;
    Ok(())
}

/// The line's row as it stands (inside a change, after a refused write).
pub(crate) async fn row<C: ConnectionTrait>(db: &C, id: LineId) -> DomainResult<line::Model> {
    line::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(DomainError::not_found("budget_line"))
}
