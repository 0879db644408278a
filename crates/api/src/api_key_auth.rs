//! A machine client known by its API key (`X-API-Key: ocop_<prefix>_<secret>`). The key is
//! found by the SHA-256 of what was presented, in one indexed statement on the primary, on
//! every request: nothing is cached, so a revoked or rotated secret is refused by every process
//! from the moment the change commits.

use actix_web::dev::Payload;
use actix_web::http::header::HeaderMap;
use actix_web::{FromRequest, HttpRequest, web};
use chrono::{DateTime, Utc};
use ocop_catalogue::model::{ApiKeyState, hash_secret, secret_prefix};
use ocop_catalogue::store::keys;
use uuid::Uuid;

use crate::error::ApiError;
use crate::state::AppState;

/// The header a machine client sends its key in.
pub const API_KEY_HEADER: &str = "x-api-key";

/// The holder of a valid (not revoked, not expired) API key.
#[derive(Debug, Clone)]
pub struct KeyHolder {
    pub key_id: Uuid,
    pub organisation: String,
}

/// What the request presents as a key, if it has the header at all (a value that is not text
/// is presented as nothing, which no key matches).
pub(crate) fn presented_key(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(API_KEY_HEADER)
        .map(|value| value.to_str().unwrap_or_default())
}

/// The holder of the presented key and its quota per minute; 401 when the key is malformed,
/// unknown, revoked or expired at `now` (the same answer for all, so nothing is learnt by
/// trying).
pub(crate) async fn check(
    state: &AppState,
    presented: &str,
    now: DateTime<Utc>,
) -> Result<(KeyHolder, i32), ApiError> {
    // A malformed key matches nothing: no need to ask the database.
    if secret_prefix(presented.trim()).is_none() {
        return Err(ApiError::Unauthorized);
    }
    let key = keys::by_hash(&state.db, &hash_secret(presented.trim()))
        .await?
        .ok_or(ApiError::Unauthorized)?;
    if key.state_at(now) != ApiKeyState::Active {
        return Err(ApiError::Unauthorized);
    }
    Ok((
        KeyHolder {
            key_id: key.id,
            organisation: key.organisation,
        },
        key.quota_per_minute,
    ))
}

impl FromRequest for KeyHolder {
    type Error = ApiError;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // On the public paths the rate limiter has checked the key already.
        if let Some(holder) = crate::rate_limit::checked_holder(req) {
            return Box::pin(async move { Ok(holder) });
        }
        let presented = presented_key(req.headers()).map(str::to_string);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let (Some(presented), Some(state)) = (presented, state) else {
                return Err(ApiError::Unauthorized);
            };
            let now = state.clock.now();
            Ok(check(&state, &presented, now).await?.0)
        })
    }
}
