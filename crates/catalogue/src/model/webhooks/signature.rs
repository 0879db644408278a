//! The `v1` signature of the Standard Webhooks specification: HMAC-SHA256 of
//! `{msg_id}.{timestamp}.{body}` keyed by the base64-decoded part of a `whsec_` secret, sent as
//! `v1,` + base64, several space-separated while a rotated secret's grace period lasts.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::TimeDelta;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A new secret from random bytes (24 to 64 of them; the spec asks for at least 24).
pub fn secret_from_bytes(bytes: &[u8]) -> String {
    format!("whsec_{}", STANDARD.encode(bytes))
}

/// The HMAC key inside a `whsec_` secret: the base64-decoded part after the prefix.
fn secret_key(secret: &str) -> Option<Vec<u8>> {
    STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap_or(secret))
        .ok()
}

/// The signature of one message: `v1,` + base64 HMAC-SHA256 of `{msg_id}.{timestamp}.{body}`
/// under the secret's key. `None` for a secret that is not base64 (never stored).
pub fn sign(msg_id: &str, timestamp: i64, body: &str, secret: &str) -> Option<String> {
    let key = secret_key(secret)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).ok()?;
    mac.update(msg_id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    Some(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

/// The `webhook-signature` header: one signature per secret, space-separated (the current one,
/// and the previous one while a rotation's grace period lasts).
pub fn signature_header(msg_id: &str, timestamp: i64, body: &str, secrets: &[&str]) -> String {
    secrets
        .iter()
        .filter_map(|secret| sign(msg_id, timestamp, body, secret))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a receiver accepts one of the signatures of a `webhook-signature` header (what a
/// consumer does; the tests' receiver uses it). Compares in constant time.
pub fn verify(msg_id: &str, timestamp: i64, body: &str, secret: &str, header: &str) -> bool {
    let Some(expected) = sign(msg_id, timestamp, body, secret) else {
        return false;
    };
    header.split(' ').any(|candidate| {
        candidate.len() == expected.len()
            && candidate
                .bytes()
                .zip(expected.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    })
}

/// How long the previous secret keeps signing after a rotation.
pub const ROTATION_GRACE: TimeDelta = TimeDelta::hours(24);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_matches_the_published_example() {
        // The Standard Webhooks test vector (every reference library checks it).
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        let body = r#"{"test": 2432232314}"#;
        let expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        assert_eq!(
            sign(id, 1614265330, body, secret).as_deref(),
            Some(expected)
        );
        assert!(verify(id, 1614265330, body, secret, expected));
        assert!(!verify(id, 1614265331, body, secret, expected));
        assert!(!verify(
            id,
            1614265330,
            r#"{"test":2432232314}"#,
            secret,
            expected
        ));
    }

    #[test]
    fn a_rotation_signs_with_both_secrets_and_either_verifies() {
        let old = secret_from_bytes(&[1; 32]);
        let new = secret_from_bytes(&[2; 32]);
        let header = signature_header("m", 1, "{}", &[&new, &old]);
        let parts: Vec<&str> = header.split(' ').collect();
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().all(|p| p.starts_with("v1,")));
        assert!(verify("m", 1, "{}", &old, &header));
        assert!(verify("m", 1, "{}", &new, &header));
        assert!(!verify("m", 1, "{}", &secret_from_bytes(&[3; 32]), &header));
    }
}
