//! What the home pages read besides the lists: the caller's pipeline of dossiers by state.

use ocop_evaluations::{CyclePipelineOut, PipelineQuery};

use super::{ApiResult, get_with_query, json};

/// Every state with its count, in the state machine's order, over the caller's scope.
pub async fn cycle_pipeline(query: &PipelineQuery) -> ApiResult<CyclePipelineOut> {
    json(get_with_query("/cycles/summary", query)).await
}
