//! The outbox as written: every domain event in commit order, for operators and for the
//! catalogue's changes feed built on it.

use actix_web::{get, web};
use ocop_core::Action;
use ocop_core::store::outbox::{self, OutboxEventOut};
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

use crate::error::ApiError;
use crate::extract::{Auth, ValidatedQuery};
use crate::responses::ReadErrors;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// The last position already read (0 for the start).
    #[serde(default)]
    #[validate(range(min = 0, code = "negative"))]
    pub after: i64,
    /// At most this many events (1 to 1000, 100 by default).
    // No rule: a limit outside the range has always been clamped to it, not refused.
    pub limit: Option<u64>,
}

/// Domain events after a position, oldest first. Positions are strictly increasing in commit
/// order with no gaps, so reading from the last position seen never skips an event nor repeats
/// one. System administrators only.
#[utoipa::path(
    operation_id = "events.list",
    tag = "audit",
    params(EventsQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<OutboxEventOut>), ReadErrors)
)]
#[get("/events")]
pub async fn list(
    state: web::Data<AppState>,
    auth: Auth,
    query: ValidatedQuery<EventsQuery>,
) -> Result<web::Json<Vec<OutboxEventOut>>, ApiError> {
    auth.0.principal.require(Action::AuditVerify)?;
    let EventsQuery { after, limit } = query.0;
    let limit = limit.unwrap_or(100).clamp(1, 1000);
    Ok(web::Json(outbox::after(&state.db, after, limit).await?))
}
