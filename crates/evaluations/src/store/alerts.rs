//! What needs the caller now, in their scope: computed from the records for the day asked, so
//! no job keeps them. Each kind costs a fixed number of queries, whatever the number of rows.

mod work;

use chrono::{Days, NaiveDate};
use ocop_core::{Action, Caller, DomainResult, Role};
use sea_orm::ConnectionTrait;

use super::cycles::state_of;
use super::read::certificates;
use crate::{AlertKind, AlertOut, CertificateState, CycleState};

/// How far ahead a round's decision deadline is announced.
pub const ROUND_NOTICE_DAYS: u64 = 30;

pub async fn for_caller<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    today: NaiveDate,
) -> DomainResult<Vec<AlertOut>> {
    let principal = &caller.principal;
    principal.require(Action::AlertsRead)?;
    let role = principal.role;
    let mut out = Vec::new();

    // Dossiers that wait for an officer's act.
    let waiting: &[(CycleState, AlertKind, &[Role])] = &[
        (
            CycleState::DossierSubmitted,
            AlertKind::DossierAwaitingCheck,
            &[Role::CommuneOfficer],
        ),
        (
            CycleState::DossierResubmitted,
            AlertKind::DossierAwaitingCheck,
            &[Role::CommuneOfficer],
        ),
        (
            CycleState::CommuneChecked,
            AlertKind::DossierAwaitingCouncil,
            &[Role::ProvinceOfficer],
        ),
        (
            CycleState::ResultDecided,
            AlertKind::ResultAwaitingDecision,
            &[Role::ProvinceOfficer],
        ),
        (
            CycleState::PotentialFiveStars,
            AlertKind::ResultAwaitingDecision,
            &[Role::ProvinceOfficer],
        ),
        (
            CycleState::IdeaReturned,
            AlertKind::DossierReturned,
            &[Role::Producer, Role::CommuneOfficer],
        ),
        (
            CycleState::DossierReturnedForCompletion,
            AlertKind::DossierReturned,
            &[Role::Producer, Role::CommuneOfficer],
        ),
    ];
    let states: Vec<&str> = waiting
        .iter()
        .filter(|(_, _, roles)| roles.contains(&role) || role == Role::SystemAdmin)
        .map(|(s, _, _)| s.as_str())
        .collect();
    if !states.is_empty() {
        let page = super::cycles::list_models_in_scope(db, principal, &states).await?;
        let returned: Vec<_> = page
            .iter()
            .filter(|(c, _)| work::RETURNED.iter().any(|s| s.as_str() == c.state))
            .map(|(c, _)| c.id)
            .collect();
        let mut reasons = work::return_reasons(db, &returned).await?;
        for (c, product_name) in page {
            let state = state_of(&c)?;
            let Some((_, kind, _)) = waiting.iter().find(|(s, _, _)| *s == state) else {
                continue;
            };
            let due_on = match kind {
                AlertKind::DossierAwaitingCheck => {
                    c.submitted_on.map(|d| crate::commune_check_due(d, &[]))
                }
                _ => None,
            };
            out.push(AlertOut {
                kind: *kind,
                overdue: due_on.is_some_and(|d| d < today),
                due_on,
                title: product_name,
                target: "cycle".into(),
                target_id: c.id,
                round_id: None,
                detail: reasons.remove(&c.id),
            });
        }
    }

    // Open rounds whose decision deadline is near: for the province and the council.
    if matches!(
        role,
        Role::ProvinceOfficer | Role::CouncilMember | Role::SystemAdmin
    ) {
        let council = role == Role::CouncilMember;
        let rounds = work::open_rounds(db, principal, council).await?;
        if council {
            out.extend(work::sheets_to_score(db, principal, &rounds, today).await?);
        }
        let horizon = today
            .checked_add_days(Days::new(ROUND_NOTICE_DAYS))
            .unwrap_or(today);
        for r in rounds.into_iter().filter(|r| r.decide_before <= horizon) {
            out.push(AlertOut {
                kind: AlertKind::RoundDeadlineNear,
                overdue: r.decide_before <= today,
                due_on: Some(r.decide_before),
                title: r.name,
                target: "round".into(),
                target_id: r.id,
                round_id: None,
                detail: None,
            });
        }
    }

    // Certificates: re-rating due, expiring within 30 days, or expired without a re-rating
    // keeping them alive.
    if role != Role::CouncilMember {
        for c in certificates::all_in_scope(db, caller, today).await? {
            let (kind, due_on) = match c.state {
                CertificateState::ReRatingDue => (AlertKind::ReRatingDue, c.re_rating_closes_on),
                CertificateState::Expiring => (AlertKind::CertificateExpiring, c.expires_on),
                CertificateState::Expired => (AlertKind::CertificateExpired, c.expires_on),
                _ => continue,
            };
            out.push(AlertOut {
                kind,
                overdue: kind == AlertKind::CertificateExpired,
                due_on: Some(due_on),
                title: format!("{} — {}", c.number, c.product_name),
                target: "certificate".into(),
                target_id: c.id.0,
                round_id: None,
                detail: None,
            });
        }
    }
    out.sort_by_key(|a| (!a.overdue, a.due_on));
    Ok(out)
}
