//! Wire types of the pipeline: how many cycles stand in each state, in the caller's scope.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::CycleState;

#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PipelineQuery {
    /// Only the cycles of this year; without it, every year.
    #[param(minimum = 2019, maximum = 2100)]
    #[validate(range(min = 2019, max = 2100))]
    pub year: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StateCountOut {
    pub state: CycleState,
    pub count: i64,
}

/// Every state of the cycle in the state machine's order, zero counts included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CyclePipelineOut {
    pub states: Vec<StateCountOut>,
    pub total: i64,
}
