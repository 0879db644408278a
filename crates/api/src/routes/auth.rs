//! Login, token refresh and logout, and the current user.

use actix_web::{HttpResponse, get, post, web};
use ocop_core::store::{audit, sessions, users};
use ocop_core::users::{LoginIn, RefreshIn, TokenOut, UserOut, UserStatus};
use ocop_core::{DomainError, UserId};
use uuid::Uuid;

use crate::auth::{ACCESS_TTL, REFRESH_TTL, random_token, sha256_hex};
use crate::error::ApiError;
use crate::extract::{Auth, Origin, ValidatedJson};
use crate::openapi::{AuthErrors, ReadErrors};
use crate::startup::AppState;

/// Failed logins counted over this window.
const FAILURE_WINDOW_MINUTES: i64 = 15;
const MAX_FAILURES_PER_ACCOUNT: u64 = 5;
const MAX_FAILURES_PER_ADDRESS: u64 = 20;

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
    let since = now - chrono::Duration::minutes(FAILURE_WINDOW_MINUTES);
    let (by_account, by_address) =
        sessions::recent_failures(&state.writer, &email, &origin.ip, since).await?;
    if by_account >= MAX_FAILURES_PER_ACCOUNT || by_address >= MAX_FAILURES_PER_ADDRESS {
        log::warn!("login throttled rid={}", origin.request_id);
        return Err(ApiError::TooManyRequests {
            retry_after_secs: (FAILURE_WINDOW_MINUTES * 60) as u64,
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
        sessions::record_login_failure(&state.writer, &email, &origin.ip, now).await?;
        log::info!("login failed rid={}", origin.request_id);
        return Err(ApiError::InvalidCredentials);
    };
    sessions::clear_failures(&state.writer, &email).await?;
    users::touch_login(&state.writer, UserId(user.id), now).await?;
    audit::record(
        &state.writer,
        audit::Actor::System(now),
        "user",
        &user.id.to_string(),
        "auth.login",
        serde_json::json!({ "ip": origin.ip }),
    )
    .await?;
    Ok(web::Json(
        issue(&state, users::to_out(user), Uuid::now_v7(), now).await?,
    ))
}

async fn issue(
    state: &AppState,
    user: UserOut,
    family: Uuid,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<TokenOut, ApiError> {
    let access = state
        .tokens
        .issue_access(&user.id.to_string(), user.role.as_str(), now)
        .map_err(|e| DomainError::Internal(format!("jwt: {e}")))?;
    let refresh_token = random_token().map_err(|e| DomainError::Internal(format!("rng: {e}")))?;
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
/// one again revokes every token of that login (it was probably stolen).
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
    let stored = sessions::find_refresh_token(&state.writer, &sha256_hex(&body.0.refresh_token))
        .await?
        .ok_or(ApiError::Unauthorized)?;
    if stored.revoked_at.is_some() || stored.expires_at < now {
        return Err(ApiError::Unauthorized);
    }
    if stored.used_at.is_some()
        || !sessions::spend_refresh_token(&state.writer, stored.id, now).await?
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
        issue(&state, users::to_out(&user), stored.family_id, now).await?,
    ))
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
    Ok(web::Json(users::to_out(&user)))
}
