//! Server-rendered public pages, outside the API and the SPA: a phone that scans a certificate's
//! QR code gets a small HTML page at once instead of downloading the SPA first.

pub mod gs1;
pub mod verify;

use actix_web::web::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.configure(verify::configure).configure(gs1::configure);
}
