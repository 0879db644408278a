//! Credentials: argon2id password hashes, short-lived JWT access tokens (HS256, algorithm,
//! issuer, audience and type pinned) and opaque refresh tokens stored as SHA-256 hashes. A
//! refresh token's successor is derived from it (HMAC under the signing key), so two tabs that
//! refresh the same token at once can both be handed the one successor.

use std::sync::Arc;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

pub const ACCESS_TTL: Duration = Duration::minutes(15);
pub const REFRESH_TTL: Duration = Duration::days(14);
const ISSUER: &str = "ocop";
const AUDIENCE: &str = "ocop-api";
const ACCESS_TYP: &str = "at+jwt";
/// Clock skew tolerated between processes when judging expiry.
const LEEWAY_SECONDS: i64 = 30;

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub iss: String,
    pub aud: String,
    pub exp: i64,
    pub iat: i64,
    pub role: String,
}

/// Signs and checks access tokens.
pub struct Tokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    successor_key: Hmac<Sha256>,
}

impl Tokens {
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        // jsonwebtoken would judge expiry by the system time; the platform's clock judges it
        // instead (`verify_access`), so a demo on a fixed day keeps working tokens.
        validation.validate_exp = false;
        // A key for successors distinct from the signing key, though derived from it.
        let mut derive = Sha256::new();
        derive.update(b"ocop refresh successor\0");
        derive.update(secret);
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            successor_key: <Hmac<Sha256> as Mac>::new_from_slice(&derive.finalize())
                .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length")),
        }
    }

    /// The refresh token that follows `refresh_token`: unguessable without the key, and the same
    /// every time it is asked for.
    pub fn successor(&self, refresh_token: &str) -> String {
        let mut mac = self.successor_key.clone();
        mac.update(refresh_token.as_bytes());
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    pub fn issue_access(
        &self,
        user_id: &str,
        role: &str,
        now: DateTime<Utc>,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let claims = Claims {
            sub: user_id.to_string(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now.timestamp(),
            exp: (now + ACCESS_TTL).timestamp(),
            role: role.to_string(),
        };
        let header = Header {
            typ: Some(ACCESS_TYP.into()),
            ..Header::new(Algorithm::HS256)
        };
        encode(&header, &claims, &self.encoding)
    }

    /// The claims of a valid access token at `now`; `None` for anything else (expired, forged,
    /// wrong type).
    pub fn verify_access(&self, token: &str, now: DateTime<Utc>) -> Option<Claims> {
        let data = decode::<Claims>(token, &self.decoding, &self.validation).ok()?;
        let live = now.timestamp() <= data.claims.exp + LEEWAY_SECONDS;
        (live && data.header.typ.as_deref() == Some(ACCESS_TYP)).then_some(data.claims)
    }
}

/// 32 random bytes, base64url: a refresh token or a generated secret.
pub fn random_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

pub fn sha256_hex(value: &str) -> String {
    Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Password hashing on the blocking pool, with a bound on concurrent hashes (19 MiB each).
#[derive(Clone)]
pub struct Passwords {
    permits: Arc<Semaphore>,
    /// Verified against when the email is unknown, so timing does not reveal which part was wrong.
    dummy_hash: Arc<String>,
}

impl Passwords {
    pub fn new(max_concurrent: usize) -> Result<Self, String> {
        let dummy =
            hash_blocking("not a real password, only for timing").map_err(|e| e.to_string())?;
        Ok(Self {
            permits: Arc::new(Semaphore::new(max_concurrent)),
            dummy_hash: Arc::new(dummy),
        })
    }

    pub async fn hash(&self, password: String) -> Result<String, String> {
        let _permit = self.permits.acquire().await.map_err(|e| e.to_string())?;
        tokio::task::spawn_blocking(move || hash_blocking(&password).map_err(|e| e.to_string()))
            .await
            .map_err(|e| e.to_string())?
    }

    /// Whether `password` matches `hash`; with `None`, checks against a dummy and returns false.
    pub async fn verify(&self, password: String, hash: Option<String>) -> bool {
        let Ok(_permit) = self.permits.acquire().await else {
            return false;
        };
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.dummy_hash.to_string());
        let ok = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&hash).is_ok_and(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
        })
        .await
        .unwrap_or(false);
        ok && known
    }
}

/// argon2id with the crate's defaults: m = 19 MiB, t = 2, p = 1 (OWASP's minimum).
fn hash_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|_| argon2::password_hash::Error::Crypto)?;
    let salt = SaltString::encode_b64(&salt)?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_tokens_round_trip_and_reject_tampering() {
        let now =
            ocop_core::Clock::fixed_on(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()).now();
        let tokens = Tokens::new(b"0123456789abcdef0123456789abcdef");
        let token = tokens.issue_access("u1", "viewer", now).unwrap_or_default();
        assert_eq!(
            tokens.verify_access(&token, now).map(|c| c.sub),
            Some("u1".to_string())
        );
        let other = Tokens::new(b"another secret of at least 32 bytes!!");
        assert!(other.verify_access(&token, now).is_none());
        assert!(tokens.verify_access("not.a.token", now).is_none());
    }

    #[test]
    fn access_tokens_expire_by_the_clock_not_the_system_time() {
        // Issued on a day long past: the system time would call it expired; the clock does not.
        let day = chrono::NaiveDate::from_ymd_opt(2019, 3, 1).unwrap();
        let issued = ocop_core::clock::start_of_vietnam_day(day);
        let tokens = Tokens::new(b"0123456789abcdef0123456789abcdef");
        let token = tokens
            .issue_access("u1", "viewer", issued)
            .unwrap_or_default();
        assert!(tokens.verify_access(&token, issued + ACCESS_TTL).is_some());
        let late = issued + ACCESS_TTL + Duration::seconds(LEEWAY_SECONDS + 1);
        assert!(tokens.verify_access(&token, late).is_none());
    }

    #[test]
    fn hashes_verify_only_the_right_password() {
        let hash = hash_blocking("correct horse battery").unwrap_or_default();
        assert!(hash.starts_with("$argon2id$"));
        let parsed = PasswordHash::new(&hash).ok();
        assert!(parsed.as_ref().is_some_and(|p| {
            Argon2::default()
                .verify_password(b"correct horse battery", p)
                .is_ok()
        }));
        assert!(
            parsed
                .as_ref()
                .is_some_and(|p| Argon2::default().verify_password(b"wrong", p).is_err())
        );
    }
}
