//! The use cases of budgets. Each checks the caller's rights, runs in one
//! [`Change`] (transaction, audit row, outbox event) and commits; reads go through the scoped
//! queries of [`crate::store`].
//!
//! A request past a limit writes nothing to the books: its change rolls back. The refusal itself
//! is then recorded in the audit trail by a change of its own, so that an auditor sees who asked
//! for more than was left, and when.

pub mod allocations;
pub mod ledger;
pub mod lines;

use chrono::NaiveDate;
use ocop_core::store::change::Change;
use ocop_core::{Caller, DomainError, DomainResult};
use sea_orm::DatabaseConnection;
use serde_json::json;

/// What a refused request asked for: the record, its limit and what was already used.
struct Refusal {
    entity: &'static str,
    id: String,
    action: &'static str,
    field: &'static str,
    limit: i64,
    used: i64,
    asked: i64,
}

/// Rolls `change` back, records the refusal in the audit trail, and gives the error to answer.
async fn refuse(
    db: &DatabaseConnection,
    caller: &Caller,
    change: Change<'_>,
    refusal: Refusal,
) -> DomainError {
    if let Err(e) = change.roll_back().await {
        return e;
    }
    let recorded = async {
        let mut record = Change::begin(db, caller).await?;
        record.audit(
            refusal.entity,
            &refusal.id,
            refusal.action,
            json!({
                "refused": true,
                "limit": refusal.limit,
                "used": refusal.used,
                "asked": refusal.asked,
            }),
        );
        record.commit().await
    };
    if let Err(e) = recorded.await {
        return e;
    }
    DomainError::OverLimit {
        entity: refusal.entity,
        id: refusal.id,
        field: refusal.field,
        limit: refusal.limit,
        used: refusal.used,
        asked: refusal.asked,
    }
}

/// Money moves on days that have come: a day after the caller's today is refused.
fn not_after_today(day: NaiveDate, caller: &Caller, field: &str) -> DomainResult<()> {
    if day > caller.today() {
        Err(DomainError::field(field, "in_future"))
    } else {
        Ok(())
    }
}

/// Trims and drops an empty optional text.
fn clean_opt(s: Option<String>) -> Option<String> {
    s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}
