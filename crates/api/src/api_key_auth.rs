//! A machine client known by its API key (`X-API-Key`). (issue 12 — being written by the keys
//! work; the type below is the contract the webhook routes use.)

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use uuid::Uuid;

use crate::error::ApiError;

/// The holder of a valid (not revoked, not expired) API key.
#[derive(Debug, Clone)]
pub struct KeyHolder {
    pub key_id: Uuid,
    pub organisation: String,
}

impl FromRequest for KeyHolder {
    type Error = ApiError;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, ApiError>>>>;

    fn from_request(_req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(async { Err(ApiError::Unauthorized) })
    }
}
