//! API keys of machine clients (e-commerce platforms): what an administrator sends to issue one,
//! what is shown of it afterwards, and the pure rules of its secret. The secret reads
//! `ocop_<prefix>_<body>`: the prefix (8 characters) is kept and shown so an owner can tell keys
//! apart; the whole secret is shown once, at creation or rotation, and only its SHA-256 is kept.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// Requests per minute a key gets unless its issuer says otherwise.
pub const DEFAULT_KEY_QUOTA: i32 = 600;
/// The most a key may be granted per minute.
pub const MAX_KEY_QUOTA: i32 = 100_000;

/// What an administrator says to issue a key.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewApiKey {
    /// What the key is for, to tell keys apart.
    #[validate(length(min = 1, max = 200))]
    #[schema(example = "Sàn TMĐT Ví dụ — đồng bộ danh mục")]
    pub name: String,
    /// Who holds it.
    #[validate(length(min = 1, max = 300))]
    #[schema(example = "Công ty TNHH Ví dụ")]
    pub organisation: String,
    /// When it stops working; never when absent.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
    /// Requests per minute on the public paths, shared by every API process.
    #[serde(default = "default_quota")]
    #[validate(range(min = 1, max = 100_000))]
    #[schema(minimum = 1, maximum = 100_000, default = 600, example = 600)]
    pub quota_per_minute: i32,
}

fn default_quota() -> i32 {
    DEFAULT_KEY_QUOTA
}

/// Whether a key opens the public paths now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApiKeyState {
    Active,
    Expired,
    Revoked,
}

impl ApiKeyState {
    /// The state at `now`: a revocation wins over an expiry and holds from the moment it is
    /// recorded, whatever a process's clock says; a key expires at `expires_at`.
    pub fn at(
        revoked_at: Option<DateTime<Utc>>,
        expires_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Self {
        if revoked_at.is_some() {
            Self::Revoked
        } else if expires_at.is_some_and(|at| at <= now) {
            Self::Expired
        } else {
            Self::Active
        }
    }
}

/// A key as it is shown after its creation: never its secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ApiKeyOut {
    pub id: Uuid,
    pub name: String,
    pub organisation: String,
    /// The secret's public part (`ocop_<prefix>_…`), to tell keys apart.
    #[schema(example = "k7Qm2xZa")]
    pub prefix: String,
    pub quota_per_minute: i32,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// When the secret was last replaced.
    pub rotated_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub version: i32,
    /// Computed from the server's clock at the time of the answer.
    pub state: ApiKeyState,
}

/// A key just issued or rotated, with its secret: the only answer that ever carries it.
#[derive(Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ApiKeyCreated {
    #[serde(flatten)]
    pub key: ApiKeyOut,
    /// Send it as `X-API-Key`. Shown this once: only its hash is kept.
    #[schema(example = "ocop_k7Qm2xZa_3vX9pL0qR8sT1uW4yA6bC2dE5fG7hJ0kM")]
    pub secret: String,
}

impl std::fmt::Debug for ApiKeyCreated {
    // The secret stays out of logs and panics.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiKeyCreated")
            .field("key", &self.key)
            .field("secret", &"***")
            .finish()
    }
}

/// The length of a secret's prefix and body, in base62 characters.
pub const KEY_PREFIX_LEN: usize = 8;
pub const KEY_BODY_LEN: usize = 32;
const KEY_SCHEME: &str = "ocop_";
/// Base62: no `_` or `-`, so the parts split on `_` without doubt and survive any header.
#[cfg(feature = "server")]
const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A fresh secret and its prefix.
pub struct NewSecret {
    pub prefix: String,
    pub secret: String,
}

impl std::fmt::Debug for NewSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewSecret")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

impl NewSecret {
    /// Draws a secret from the operating system's random source: 32 base62 characters (190
    /// bits) after an 8-character prefix.
    #[cfg(feature = "server")]
    pub fn draw() -> Result<Self, getrandom::Error> {
        let prefix = random_base62(KEY_PREFIX_LEN)?;
        let body = random_base62(KEY_BODY_LEN)?;
        Ok(Self::from_parts(&prefix, &body))
    }

    #[cfg(feature = "server")]
    fn from_parts(prefix: &str, body: &str) -> Self {
        Self {
            prefix: prefix.to_string(),
            secret: format!("{KEY_SCHEME}{prefix}_{body}"),
        }
    }

    /// What is kept of the secret.
    pub fn hash(&self) -> String {
        hash_secret(&self.secret)
    }
}

/// `len` characters of base62, each uniform: bytes of 248 and above are drawn again, so no
/// character is likelier than another.
#[cfg(feature = "server")]
fn random_base62(len: usize) -> Result<String, getrandom::Error> {
    let mut out = String::with_capacity(len);
    let mut bytes = [0u8; 64];
    while out.len() < len {
        getrandom::fill(&mut bytes)?;
        for b in bytes {
            if out.len() == len {
                break;
            }
            if b < 248 {
                out.push(char::from(ALPHABET[usize::from(b % 62)]));
            }
        }
    }
    Ok(out)
}

/// The SHA-256 of a secret, lowercase hex: what `api_key.secret_hash` holds.
pub fn hash_secret(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The prefix of a well-formed secret, `None` for anything else (which no key can match, so it
/// is refused without a look-up).
pub fn secret_prefix(text: &str) -> Option<&str> {
    let rest = text.strip_prefix(KEY_SCHEME)?;
    let (prefix, body) = rest.split_once('_')?;
    let base62 = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric());
    (prefix.len() == KEY_PREFIX_LEN && body.len() == KEY_BODY_LEN && base62(prefix) && base62(body))
        .then_some(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_drawn_secret_parses_back_to_its_prefix_and_hashes_to_64_hex() {
        let drawn = NewSecret::draw().unwrap();
        assert_eq!(secret_prefix(&drawn.secret), Some(drawn.prefix.as_str()));
        assert_eq!(drawn.secret.len(), 5 + 8 + 1 + 32);
        let hash = drawn.hash();
        assert_eq!(hash.len(), 64);
        assert!(
            hash.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        assert_ne!(NewSecret::draw().unwrap().secret, drawn.secret);
        assert!(!format!("{drawn:?}").contains(&drawn.secret));
    }

    #[test]
    fn malformed_secrets_have_no_prefix() {
        let body = "a".repeat(32);
        assert_eq!(
            secret_prefix(&format!("ocop_ABCD1234_{body}")),
            Some("ABCD1234")
        );
        for bad in [
            String::new(),
            format!("ocop_ABCD123_{body}"),
            format!("ocop_ABCD1234_{}", "a".repeat(31)),
            format!("ocop_ABCD1234_{}-", "a".repeat(31)),
            format!("ocop_ABCD_234_{body}"),
            format!("xxxx_ABCD1234_{body}"),
            format!("ocop_ABCD1234{body}"),
        ] {
            assert_eq!(secret_prefix(&bad), None, "{bad}");
        }
    }

    #[test]
    fn the_hash_is_sha256_hex() {
        assert_eq!(
            hash_secret("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_revocation_wins_over_an_expiry_and_both_take_effect_at_their_instant() {
        let t = |h| Utc.with_ymd_and_hms(2027, 3, 10, h, 0, 0).unwrap();
        assert_eq!(ApiKeyState::at(None, None, t(5)), ApiKeyState::Active);
        assert_eq!(ApiKeyState::at(None, Some(t(6)), t(5)), ApiKeyState::Active);
        assert_eq!(
            ApiKeyState::at(None, Some(t(5)), t(5)),
            ApiKeyState::Expired
        );
        assert_eq!(
            ApiKeyState::at(Some(t(5)), Some(t(4)), t(5)),
            ApiKeyState::Revoked
        );
    }

    #[test]
    fn the_quota_defaults_to_600_and_unknown_fields_are_refused() {
        let key: NewApiKey = serde_json::from_str(r#"{"name": "n", "organisation": "o"}"#).unwrap();
        assert_eq!(key.quota_per_minute, DEFAULT_KEY_QUOTA);
        assert!(
            serde_json::from_str::<NewApiKey>(
                r#"{"name": "n", "organisation": "o", "secret": "x"}"#
            )
            .is_err()
        );
        let too_many = NewApiKey {
            quota_per_minute: MAX_KEY_QUOTA + 1,
            ..key
        };
        assert!(too_many.validate().is_err());
    }
}
