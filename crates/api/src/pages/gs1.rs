//! (issue 12: gs1)

use actix_web::web::ServiceConfig;

pub fn configure(_cfg: &mut ServiceConfig) {}
