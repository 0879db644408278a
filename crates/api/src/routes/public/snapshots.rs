//! (issue 12: snapshots)

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(_cfg: &mut ServiceConfig) {}
