//! Liveness and readiness for load balancers and orchestrators.

use actix_web::{HttpResponse, get, web};
use sea_orm::ConnectionTrait;
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

/// What a probe answers, for people reading it; the status code is the answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthOut {
    #[schema(example = "ok")]
    pub status: &'static str,
}

/// The process is up.
#[utoipa::path(
    operation_id = "health.live",
    tag = "operations",
    responses((status = 200, description = "Alive", body = HealthOut))
)]
#[get("/health")]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(HealthOut { status: "ok" })
}

/// The database answers.
#[utoipa::path(
    operation_id = "health.ready",
    tag = "operations",
    responses(
        (status = 200, description = "Ready", body = HealthOut),
        (status = 503, description = "The database does not answer", body = HealthOut)
    )
)]
#[get("/ready")]
pub async fn ready(state: web::Data<AppState>) -> HttpResponse {
    match state.db.execute_unprepared("SELECT 1").await {
        Ok(_) => HttpResponse::Ok().json(HealthOut { status: "ready" }),
        Err(e) => {
            log::warn!("readiness check failed: {e}");
            HttpResponse::ServiceUnavailable().json(HealthOut {
                status: "database unavailable",
            })
        }
    }
}
