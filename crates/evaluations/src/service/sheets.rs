//! A member's acts on a dossier's scoring: saving (and submitting) their sheet, and declaring a
//! conflict of interest. A submitted sheet never changes.

use ocop_core::store::change::Change;
use ocop_core::{Action, Caller, DomainError, DomainResult, Precondition};
use sea_orm::ActiveValue::Set;
use sea_orm::DatabaseConnection;
use serde_json::json;

use crate::events::{SHEET_RECUSED, SHEET_SAVED};
use crate::store::entities::sheet;
use crate::store::rounds::{bump, check_version, level_of, still_open};
use crate::store::sheets::{insert, member_sheet, recuse_member, sheet_out, sheet_scope, update};
use crate::store::{criteria, cycles, people};
use crate::{
    CycleId, CycleState, RecognitionLevel, RecusalIn, RoundId, SheetId, SheetIn, SheetOut,
};

/// Saves a member's sheet; `submit` makes it final.
pub async fn save_sheet(
    db: &DatabaseConnection,
    caller: &Caller,
    round_id: RoundId,
    cycle_id: CycleId,
    precondition: Precondition,
    input: SheetIn,
) -> DomainResult<SheetOut> {
    caller.principal.require(Action::SheetsScore)?;
    let mut change = Change::begin(db, caller).await?;
    let scope = sheet_scope(&change, caller, round_id, cycle_id).await?;
    still_open(&scope.round)?;
    if !scope.seated {
        return Err(DomainError::Forbidden {
            reason: "not_on_council",
        });
    }
    if scope.excluded {
        return Err(DomainError::Forbidden {
            reason: "conflict_of_interest",
        });
    }
    if scope.frozen
        || (level_of(&scope.round)? == RecognitionLevel::Province
            && cycles::state_of(&scope.cycle)? != CycleState::AwaitingCouncil)
    {
        return Err(DomainError::Conflict {
            code: "scoring_closed",
            field: None,
        });
    }
    let me = caller.principal.user_id.0;
    let existing = member_sheet(&change, round_id.0, cycle_id.0, me).await?;
    precondition.check(existing.as_ref().map(|s| s.version))?;
    if existing.as_ref().is_some_and(|s| s.submitted_at.is_some()) {
        return Err(DomainError::Conflict {
            code: "sheet_submitted",
            field: None,
        });
    }
    // Scored on the dossier's own criteria version, whatever has been published since.
    let sheet_doc = criteria::sheet_of(&change, scope.cycle.criteria_set_id).await?;
    let summary = crate::score(&sheet_doc, &input.choices).map_err(crate::into_domain_error)?;
    let complete = crate::unanswered(&sheet_doc, &input.choices).is_empty();
    if input.submit && !complete {
        return Err(DomainError::field("choices", "incomplete"));
    }
    let now = caller.at;
    let choices = cycles::to_json(&input.choices)?;
    let total = complete.then_some(summary.total as i32);
    let submitted_at = input.submit.then_some(now);
    let saved = match existing {
        Some(row) => {
            let (id, read_version) = (row.id, row.version);
            let mut active: sheet::ActiveModel = row.into();
            active.choices = Set(choices);
            active.total = Set(total);
            active.submitted_at = Set(submitted_at);
            active.updated_at = Set(now);
            update(&change, id, read_version, active).await?
        }
        None => {
            let active = sheet::ActiveModel {
                id: Set(SheetId::new().0),
                round_id: Set(round_id.0),
                cycle_id: Set(cycle_id.0),
                member_id: Set(me),
                criteria_set_id: Set(scope.cycle.criteria_set_id),
                choices: Set(choices),
                total: Set(total),
                submitted_at: Set(submitted_at),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            insert(&change, active).await?
        }
    };
    let action = if input.submit {
        "sheet.submit"
    } else {
        "sheet.save"
    };
    change.audit(
        "score_sheet",
        saved.id.to_string(),
        action,
        json!({"round_id": round_id, "cycle_id": cycle_id, "total": total, "choices": input.choices}),
    );
    change.emit(
        SHEET_SAVED,
        saved.id,
        saved.version,
        &json!({
            "round_id": round_id,
            "cycle_id": cycle_id,
            "member_id": me,
            "total": total,
            "submitted": input.submit,
        }),
    )?;
    change.commit().await?;
    let names = people::user_names(db, [me]).await?;
    sheet_out(&sheet_doc, saved, &names)
}

/// A member declares a conflict of interest and takes no part in scoring the dossier. The
/// council changes, so the round's version moves on; the new version is returned.
pub async fn recuse(
    db: &DatabaseConnection,
    caller: &Caller,
    round_id: RoundId,
    cycle_id: CycleId,
    read_version: i32,
    input: RecusalIn,
) -> DomainResult<i32> {
    caller.principal.require(Action::SheetsScore)?;
    let mut change = Change::begin(db, caller).await?;
    let scope = sheet_scope(&change, caller, round_id, cycle_id).await?;
    check_version(&scope.round, read_version)?;
    still_open(&scope.round)?;
    if !scope.seated {
        return Err(DomainError::Forbidden {
            reason: "not_on_council",
        });
    }
    let me = caller.principal.user_id.0;
    let mine = member_sheet(&change, round_id.0, cycle_id.0, me).await?;
    if mine.is_some_and(|s| s.submitted_at.is_some()) {
        return Err(DomainError::Conflict {
            code: "sheet_submitted",
            field: None,
        });
    }
    let reason = input.reason.trim().to_string();
    // Already excluded (declared before, or the member's own subject): nothing changes.
    let version = if scope.excluded {
        scope.round.version
    } else {
        recuse_member(&change, caller, round_id.0, cycle_id.0, &reason).await?;
        bump(&change, &scope.round).await?
    };
    change.audit(
        "round",
        round_id.to_string(),
        "council.recusal",
        json!({"cycle_id": cycle_id, "reason": input.reason}),
    );
    // The event is about the round, whose council changed (the member's draft is gone); a
    // member already excluded changes nothing, so nothing is announced.
    if !scope.excluded {
        change.emit(
            SHEET_RECUSED,
            round_id,
            version,
            &json!({"round_id": round_id, "cycle_id": cycle_id, "member_id": me, "reason": reason}),
        )?;
    }
    change.commit().await?;
    Ok(version)
}
