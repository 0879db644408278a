//! Login, token refresh and logout, and the current user.

use actix_web::{HttpResponse, get, post, web};
use ocop_core::store::{sessions, users};
use ocop_core::users::{LoginIn, RefreshIn, TokenOut, UserOut, UserStatus};
use ocop_core::{DomainError, UserId};
use uuid::Uuid;

use crate::auth::{ACCESS_TTL, REFRESH_TTL, random_token, sha256_hex};
use crate::error::ApiError;
use crate::extract::{Auth, Origin, ValidatedJson};
use crate::responses::{AuthErrors, ReadErrors};
use crate::state::AppState;

/// Login attempts are counted over a window that starts with the first attempt.
const ATTEMPT_WINDOW_MINUTES: i64 = 15;
const MAX_FAILURES_PER_ACCOUNT: u32 = 5;
const MAX_FAILURES_PER_ADDRESS: u32 = 20;
/// A spent refresh token presented again this soon after it was spent is the same client
/// refreshing twice (two tabs, a retried request), not a thief: it gets the same successor.
const DUPLICATE_REFRESH_GRACE: chrono::Duration = chrono::Duration::seconds(10);

/// Logs in with email and password.
///
/// Answers the same 401 whether the email or the password was wrong. After 5 failures for an
/// account, or 20 from an address, within 15 minutes, answers 429 with `Retry-After`.
#[utoipa::path(
    operation_id = "auth.login",
    tag = "auth",
    request_body = LoginIn,
    responses((status = 200, body = TokenOut), AuthErrors)
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    origin: Origin,
    body: ValidatedJson<LoginIn>,
) -> Result<web::Json<TokenOut>, ApiError> {
    let input = body.0;
    let email = users::normalize_email(&input.email);
    let now = state.clock.now();
    // The attempt is counted before the password is checked, in one step with reading the
    // count: concurrent guesses cannot all slip under the limit.
    let account_key = format!("account:{email}");
    let address_key = format!("address:{}", origin.ip);
    let window = chrono::Duration::minutes(ATTEMPT_WINDOW_MINUTES);
    let by_account = sessions::count_attempt(&state.writer, &account_key, now, window).await?;
    let by_address = sessions::count_attempt(&state.writer, &address_key, now, window).await?;
    let over = [
        (by_account, MAX_FAILURES_PER_ACCOUNT),
        (by_address, MAX_FAILURES_PER_ADDRESS),
    ]
    .into_iter()
    .filter(|(attempts, limit)| attempts.count > *limit)
    .map(|(attempts, _)| attempts.window_started_at + window)
    .max();
    if let Some(window_ends) = over {
        log::warn!("login throttled rid={}", origin.request_id);
        return Err(ApiError::TooManyRequests {
            retry_after_secs: u64::try_from((window_ends - now).num_seconds().max(1)).unwrap_or(1),
        });
    }
    let user = users::find_for_login(&state.writer, &email).await?;
    let active = user
        .as_ref()
        .filter(|u| u.status == UserStatus::Active.as_str());
    let ok = state
        .passwords
        .verify(input.password, active.map(|u| u.password_hash.clone()))
        .await;
    let Some(user) = active.filter(|_| ok) else {
        log::info!("login failed rid={}", origin.request_id);
        return Err(ApiError::InvalidCredentials);
    };
    sessions::forget_attempt(&state.writer, &account_key, &address_key).await?;
    ocop_core::service::users::record_login(&state.writer, UserId(user.id), Some(&origin.ip), now)
        .await?;
    let refresh_token = random_token().map_err(|e| DomainError::Internal(format!("rng: {e}")))?;
    Ok(web::Json(
        issue(
            &state,
            users::to_out(user)?,
            Uuid::now_v7(),
            refresh_token,
            now,
        )
        .await?,
    ))
}

/// A new access token, and `refresh_token` stored for `family` (once: storing the same token
/// again, as a duplicate refresh does, changes nothing).
async fn issue(
    state: &AppState,
    user: UserOut,
    family: Uuid,
    refresh_token: String,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<TokenOut, ApiError> {
    let access = state
        .tokens
        .issue_access(&user.id.to_string(), user.role.as_str(), now)
        .map_err(|e| DomainError::Internal(format!("jwt: {e}")))?;
    sessions::store_refresh_token(
        &state.writer,
        user.id,
        family,
        sha256_hex(&refresh_token),
        now,
        REFRESH_TTL,
    )
    .await?;
    Ok(TokenOut {
        access_token: access,
        token_type: "Bearer".into(),
        expires_in: ACCESS_TTL.num_seconds(),
        refresh_token,
        user,
    })
}

/// Exchanges a refresh token for new tokens. Each refresh token works once; presenting a spent
/// one again revokes every token of that login (it was probably stolen), except within 10
/// seconds of its first use: two tabs refreshing at once both get the same successor.
#[utoipa::path(
    operation_id = "auth.refresh",
    tag = "auth",
    request_body = RefreshIn,
    responses((status = 200, body = TokenOut), AuthErrors)
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    body: ValidatedJson<RefreshIn>,
) -> Result<web::Json<TokenOut>, ApiError> {
    let now = state.clock.now();
    let presented = body.0.refresh_token;
    let stored = sessions::find_refresh_token(&state.writer, &sha256_hex(&presented))
        .await?
        .ok_or(ApiError::Unauthorized)?;
    if stored.revoked_at.is_some() || stored.expires_at < now {
        return Err(ApiError::Unauthorized);
    }
    let successor = state.tokens.successor(&presented);
    if !sessions::spend_refresh_token(&state.writer, stored.id, now).await?
        && !is_duplicate_refresh(&state, &presented, &successor, now).await?
    {
        log::warn!(
            "refresh token reuse for user {}; revoking its family",
            stored.user_id
        );
        sessions::revoke_family(&state.writer, stored.family_id, now).await?;
        return Err(ApiError::Unauthorized);
    }
    let user = users::find_active(&state.writer, UserId(stored.user_id))
        .await?
        .ok_or(ApiError::Unauthorized)?;
    Ok(web::Json(
        issue(
            &state,
            users::to_out(&user)?,
            stored.family_id,
            successor,
            now,
        )
        .await?,
    ))
}

/// Whether a spent token is being refreshed again by the same client: it was spent moments
/// ago, and its successor has not been used or revoked since (the successor may not be stored
/// yet, when the first refresh is still running).
async fn is_duplicate_refresh(
    state: &AppState,
    presented: &str,
    successor: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool, ApiError> {
    let spent = sessions::find_refresh_token(&state.writer, &sha256_hex(presented)).await?;
    let recent = spent
        .and_then(|token| token.used_at)
        // Either way round: the other tab may have read the clock a moment after this one. (With
        // the day fixed, the clock goes back a whole day at midnight, far outside the grace.)
        .is_some_and(|used| (now - used).abs() <= DUPLICATE_REFRESH_GRACE);
    if !recent {
        return Ok(false);
    }
    let next = sessions::find_refresh_token(&state.writer, &sha256_hex(successor)).await?;
    Ok(next.is_none_or(|token| token.used_at.is_none() && token.revoked_at.is_none()))
}

/// Ends the session of a refresh token (and every token refreshed from it).
#[utoipa::path(
    operation_id = "auth.logout",
    tag = "auth",
    request_body = RefreshIn,
    responses((status = 204, description = "Logged out"), AuthErrors)
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    body: ValidatedJson<RefreshIn>,
) -> Result<HttpResponse, ApiError> {
    if let Some(stored) =
        sessions::find_refresh_token(&state.writer, &sha256_hex(&body.0.refresh_token)).await?
    {
        sessions::revoke_family(&state.writer, stored.family_id, state.clock.now()).await?;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// The logged-in user.
#[utoipa::path(
    operation_id = "me.get",
    tag = "auth",
    security(("bearer" = [])),
    responses((status = 200, body = UserOut), ReadErrors)
)]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, auth: Auth) -> Result<web::Json<UserOut>, ApiError> {
    let user = users::find_active(&state.db, auth.0.principal.user_id)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    Ok(web::Json(users::to_out(&user)?))
}
