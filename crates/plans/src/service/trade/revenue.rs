//! Reporting a subject's revenue for a year through one channel, and correcting a report.

use ocop_core::store::audit;
use ocop_core::store::change::Change;
use ocop_core::{Action, Caller, DomainError, DomainResult, Principal, SubjectId};
use sea_orm::{ActiveValue::Set, DatabaseConnection};

use super::check_version;
use crate::events::{REVENUE_REPORTED, REVENUE_UPDATED};
use crate::model::*;
use crate::store::entities::revenue;
use crate::store::trade as store;

fn check_amount(input: &RevenueReportIn) -> DomainResult<()> {
    if input.amount.0 < 0 {
        return Err(DomainError::field("amount", "range"));
    }
    Ok(())
}

/// The subject named in the body must be one the caller may see (a producer: its own).
async fn check_subject(
    change: &Change<'_>,
    principal: &Principal,
    id: SubjectId,
) -> DomainResult<()> {
    ocop_subjects::store::ref_in_scope(change, &principal.scope(), id)
        .await?
        .ok_or_else(|| DomainError::field("subject_id", "unknown_subject"))?;
    Ok(())
}

async fn one_out(change: &Change<'_>, model: revenue::Model) -> DomainResult<RevenueReportOut> {
    store::to_revenue_outs(change, vec![model])
        .await?
        .pop()
        .ok_or(DomainError::not_found("revenue_report"))
}

/// Records a subject's revenue for a year and channel, reported today. One report per subject,
/// year and channel: a second answers 409 on `channel` (correct the first instead).
pub async fn report_revenue(
    db: &DatabaseConnection,
    caller: &Caller,
    input: RevenueReportIn,
) -> DomainResult<RevenueReportOut> {
    let principal = &caller.principal;
    principal.require(Action::TradeRecord)?;
    check_amount(&input)?;
    let mut change = Change::begin(db, caller).await?;
    check_subject(&change, principal, input.subject_id).await?;
    let now = caller.at;
    let row = revenue::ActiveModel {
        id: Set(RevenueReportId::new().0),
        subject_id: Set(input.subject_id.0),
        year: Set(input.year),
        channel: Set(input.channel.as_str().to_string()),
        amount: Set(input.amount.0),
        reported_on: Set(caller.today()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    // The unique index on (subject, year, channel) is the authority on duplicates.
    let model = store::insert_revenue(&change, row).await?;
    let out = one_out(&change, model).await?;
    change.audit_record("revenue_report", out.id, "revenue.report", &out)?;
    change.emit(REVENUE_REPORTED, out.id, out.version, &out)?;
    change.commit().await?;
    Ok(out)
}

/// Corrects a report read at `expected_version`; it counts as reported again today.
pub async fn patch_revenue(
    db: &DatabaseConnection,
    caller: &Caller,
    id: RevenueReportId,
    expected_version: i32,
    input: RevenueReportIn,
) -> DomainResult<RevenueReportOut> {
    let principal = &caller.principal;
    principal.require(Action::TradeRecord)?;
    check_amount(&input)?;
    let mut change = Change::begin(db, caller).await?;
    let current = store::revenue_model(&change, principal, id).await?;
    check_version(expected_version, current.version)?;
    check_subject(&change, principal, input.subject_id).await?;
    let before = one_out(&change, current.clone()).await?;
    let mut model: revenue::ActiveModel = current.clone().into();
    model.subject_id = Set(input.subject_id.0);
    model.year = Set(input.year);
    model.channel = Set(input.channel.as_str().to_string());
    model.amount = Set(input.amount.0);
    model.reported_on = Set(caller.today());
    let saved = store::save_revenue(&change, model, &current, caller.at).await?;
    let after = one_out(&change, saved).await?;
    change.audit(
        "revenue_report",
        id,
        "revenue.update",
        audit::diff(&before, &after),
    );
    change.emit(REVENUE_UPDATED, id, after.version, &after)?;
    change.commit().await?;
    Ok(after)
}
