//! The facts a move of a cycle is checked against (forms filed, samples, sheets, the frozen
//! result, the acting member's seat), read into the pure [`TransitionContext`].

use ocop_core::{Caller, DomainResult};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, PaginatorTrait};

use super::cycles::{central_result, council_result, from_json};
use super::entities::{cycle, seat};
use super::{criteria, findings, rounds};
use crate::{CouncilPosition, CycleState, Selection, TransitionContext, TransitionIn};

pub(crate) async fn transition_context<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    model: &cycle::Model,
    input: &TransitionIn,
    from: CycleState,
) -> DomainResult<TransitionContext> {
    let product_set = criteria::product_sets(db, [model.criteria_set_id])
        .await?
        .remove(&model.criteria_set_id)
        .unwrap_or_default();
    let self_assessed = match from_json::<Selection>(&model.self_assessment)? {
        Some(selection) => {
            let sheet = criteria::sheet_of(db, model.criteria_set_id).await?;
            crate::unanswered(&sheet, &selection).is_empty()
        }
        None => false,
    };
    let found = match model.round_id {
        Some(round_id) => findings::has_finding(db, round_id, model.id).await?,
        None => false,
    };
    let (acting_as_chair, member_sheets) = match model.round_id {
        Some(round_id) => {
            let chair = seat::Entity::find()
                .filter(seat::Column::RoundId.eq(round_id))
                .filter(seat::Column::UserId.eq(caller.principal.user_id.0))
                .filter(seat::Column::Position.eq(CouncilPosition::Chair.as_str()))
                .count(db)
                .await?
                > 0;
            let sheets = rounds::submitted_sheets(db, round_id, Some(model.id)).await?;
            (chair, sheets as u32)
        }
        None => (false, 0),
    };
    // Which result counts: the ministry's for a 5★ candidate, otherwise the province's.
    let result = if from == CycleState::PotentialFiveStars {
        central_result(model)?
    } else {
        council_result(model)?
    };
    Ok(TransitionContext {
        reason: input.reason.clone(),
        product_set,
        business_plan: model.business_plan.is_some(),
        form_01: model.form01.is_some(),
        form_02: self_assessed,
        samples: model.samples.max(0) as u32,
        form_03: model.form03.is_some(),
        acting_as_chair,
        member_sheets,
        average: result.as_ref().map(|r| r.result.average),
        stars: result.as_ref().map(|r| r.result.stars),
        not_rated: found
            || result
                .as_ref()
                .is_some_and(|r| r.result.not_rated.is_some()),
        recognition_decision: input.decision.is_some(),
    })
}
