//! Liveness and readiness for load balancers and orchestrators.

use actix_web::{HttpResponse, get, web};
use sea_orm::ConnectionTrait;

use crate::startup::AppState;

/// The process is up.
#[utoipa::path(operation_id = "health.live", tag = "operations", responses((status = 200, description = "Alive")))]
#[get("/health")]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"status": "ok"}))
}

/// The database answers.
#[utoipa::path(
    operation_id = "health.ready",
    tag = "operations",
    responses((status = 200, description = "Ready"), (status = 503, description = "The database does not answer"))
)]
#[get("/ready")]
pub async fn ready(state: web::Data<AppState>) -> HttpResponse {
    match state.db.execute_unprepared("SELECT 1").await {
        Ok(_) => HttpResponse::Ok().json(serde_json::json!({"status": "ready"})),
        Err(e) => {
            log::warn!("readiness check failed: {e}");
            HttpResponse::ServiceUnavailable()
                .json(serde_json::json!({"status": "database unavailable"}))
        }
    }
}
