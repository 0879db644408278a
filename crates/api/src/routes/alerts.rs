//! The caller's alerts: what needs them now, computed from the records on the day asked.

use actix_web::{get, web};
use ocop_evaluations::AlertOut;
use ocop_evaluations::store::alerts;

use crate::error::ApiError;
use crate::extract::Auth;
use crate::responses::ReadErrors;
use crate::state::AppState;

/// What needs the caller now, in their scope: dossiers waiting for a check or a council,
/// dossiers and ideas returned for completion (with the reason in `detail`), results waiting
/// for a decision, round deadlines within 30 days, a council member's unsubmitted sheets on their
/// open rounds (the round in `round_id`), certificates in their re-rating window, expiring
/// within 30 days or expired. Overdue first.
#[utoipa::path(
    operation_id = "alerts.list",
    tag = "alerts",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<AlertOut>), ReadErrors)
)]
#[get("/alerts")]
pub async fn list(
    state: web::Data<AppState>,
    auth: Auth,
) -> Result<web::Json<Vec<AlertOut>>, ApiError> {
    Ok(web::Json(
        alerts::for_caller(&state.db, &auth.0, auth.0.today()).await?,
    ))
}
