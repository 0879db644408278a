//! The metric catalogue and a plan's progress. Configured before [`super::plans`] so that
//! `/plans/metrics` is not taken for a plan's id.

use actix_web::{get, web};
use chrono::NaiveDate;
use ocop_core::{Action, UnitId};
use ocop_plans::{Metric, MetricInfo, PlanId, PlanProgress, service};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::ApiError;
use crate::extract::{Auth, ValidatedQuery};
use crate::responses::ReadErrors;
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(metrics).service(progress);
}

/// The metrics a target may measure: measure, how it counts over a period, labels, filters.
#[utoipa::path(
    operation_id = "plans.metrics",
    tag = "plans",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<MetricInfo>), ReadErrors)
)]
#[get("/plans/metrics")]
pub async fn metrics(auth: Auth) -> Result<web::Json<Vec<MetricInfo>>, ApiError> {
    auth.0.principal.require(Action::PlansRead)?;
    Ok(web::Json(Metric::ALL.iter().map(|m| m.info()).collect()))
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams, validator::Validate)]
#[into_params(parameter_in = Query)]
pub struct ProgressQuery {
    /// The day the figures are for (default today); never in the future.
    pub as_of: Option<NaiveDate>,
    /// Narrows every target to this unit (one the caller covers) when it lies under the
    /// target's unit; targets of units apart from it are left out. Default: the plan's unit.
    #[param(value_type = Option<i32>)]
    pub unit_id: Option<UnitId>,
}

/// Each target's actual computed from the live records as of a day, its status and its split
/// over the units directly under the area.
#[utoipa::path(
    operation_id = "plans.progress",
    tag = "plans",
    params(("id" = PlanId, Path), ProgressQuery),
    security(("bearer" = [])),
    responses((status = 200, body = PlanProgress), ReadErrors)
)]
#[get("/plans/{id}/progress")]
pub async fn progress(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<PlanId>,
    query: ValidatedQuery<ProgressQuery>,
) -> Result<web::Json<PlanProgress>, ApiError> {
    let today = auth.0.today();
    let query = query.0;
    Ok(web::Json(
        service::progress::progress(
            &state.db,
            &auth.0.principal,
            id.into_inner(),
            query.unit_id,
            query.as_of.unwrap_or(today),
            today,
        )
        .await?,
    ))
}
