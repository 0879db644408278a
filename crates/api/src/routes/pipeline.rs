//! The pipeline: how many cycles stand in each state, for a province's or a commune's overview.

use actix_web::{get, web};
use ocop_evaluations::store::read::pipeline;
use ocop_evaluations::{CyclePipelineOut, PipelineQuery};

use crate::error::ApiError;
use crate::extract::{Auth, ValidatedQuery};
use crate::responses::ReadErrors;
use crate::state::AppState;

/// The cycles in the caller's scope counted by state, every state in the state machine's order
/// (zero counts included), for one year or (without `year`) every year.
#[utoipa::path(
    operation_id = "cycles.summary",
    tag = "cycles",
    params(PipelineQuery),
    security(("bearer" = [])),
    responses((status = 200, body = CyclePipelineOut), ReadErrors)
)]
#[get("/cycles/summary")]
pub async fn summary(
    state: web::Data<AppState>,
    auth: Auth,
    query: ValidatedQuery<PipelineQuery>,
) -> Result<web::Json<CyclePipelineOut>, ApiError> {
    Ok(web::Json(
        pipeline::summary(&state.db, &auth.0.principal, &query.0).await?,
    ))
}
