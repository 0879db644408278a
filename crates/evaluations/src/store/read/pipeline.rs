//! [`CyclePipelineOut`]: how many cycles stand in each state in the caller's scope, counted by
//! the database in one grouped query.

use std::collections::HashMap;

use ocop_core::{Action, DomainResult, Principal};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, QuerySelect};

use crate::store::cycles::{parse_state, scope_condition};
use crate::store::entities::cycle;
use crate::{CyclePipelineOut, CycleState, PipelineQuery, StateCountOut};

pub async fn summary<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    query: &PipelineQuery,
) -> DomainResult<CyclePipelineOut> {
    principal.require(Action::CyclesRead)?;
    let mut select = cycle::Entity::find()
        .select_only()
        .column(cycle::Column::State)
        .column_as(cycle::Column::Id.count(), "count")
        .filter(scope_condition(&principal.scope()));
    if let Some(year) = query.year {
        select = select.filter(cycle::Column::Year.eq(year));
    }
    let rows: Vec<(String, i64)> = select
        .group_by(cycle::Column::State)
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: HashMap<CycleState, i64> = HashMap::new();
    for (state, count) in rows {
        counts.insert(parse_state("evaluation_cycle.state", &state)?, count);
    }
    // Every state, even an empty one, so a pipeline always has the same columns.
    let states: Vec<StateCountOut> = CycleState::ALL
        .into_iter()
        .map(|state| StateCountOut {
            state,
            count: counts.get(&state).copied().unwrap_or(0),
        })
        .collect();
    Ok(CyclePipelineOut {
        total: states.iter().map(|s| s.count).sum(),
        states,
    })
}
