//! (issue 12: api_keys)

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(_cfg: &mut ServiceConfig) {}
