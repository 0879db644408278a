//! The public catalogue under `/api/v1/public`: no sign-in, rate-limited per API key or address,
//! cached with strong ETags. Reads go to `AppState::public_db` (a replica when configured), except
//! the changes feed, which follows the outbox on the primary.

pub mod changes;
pub mod products;
pub mod snapshots;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(products::configure)
        .configure(changes::configure)
        .configure(snapshots::configure);
}
