//! Webhooks as the Standard Webhooks specification (standardwebhooks.com, v1.0.0) defines them.
//! This module holds the wire types of endpoints and their delivery log, the event types and
//! the mapping from catalogue changes to them, and the payload; [`signature`] the `v1`
//! HMAC-SHA256 signature with `whsec_` secrets, [`retry`] the retry schedule with its jitter,
//! [`address`] which addresses a delivery may reach. All pure: the store, the service and the
//! worker apply them.

mod address;
mod retry;
mod signature;

pub use address::*;
pub use retry::*;
pub use signature::*;

use chrono::{DateTime, Utc};
use ocop_core::{DomainError, DomainResult};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::{CatalogueItem, ChangeKind};

/// What a webhook announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum WebhookEventType {
    #[serde(rename = "certificate.issued")]
    CertificateIssued,
    #[serde(rename = "certificate.expired")]
    CertificateExpired,
    #[serde(rename = "certificate.revoked")]
    CertificateRevoked,
    #[serde(rename = "certificate.superseded")]
    CertificateSuperseded,
    #[serde(rename = "product.updated")]
    ProductUpdated,
    #[serde(rename = "product.deleted")]
    ProductDeleted,
}

impl WebhookEventType {
    pub const ALL: [WebhookEventType; 6] = [
        Self::CertificateIssued,
        Self::CertificateExpired,
        Self::CertificateRevoked,
        Self::CertificateSuperseded,
        Self::ProductUpdated,
        Self::ProductDeleted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::CertificateIssued => "certificate.issued",
            Self::CertificateExpired => "certificate.expired",
            Self::CertificateRevoked => "certificate.revoked",
            Self::CertificateSuperseded => "certificate.superseded",
            Self::ProductUpdated => "product.updated",
            Self::ProductDeleted => "product.deleted",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The event a change of the catalogue announces: entering the catalogue and a new
    /// certificate are both an issue.
    pub fn for_change(kind: ChangeKind) -> Self {
        match kind {
            ChangeKind::Created | ChangeKind::Certified => Self::CertificateIssued,
            ChangeKind::Expired => Self::CertificateExpired,
            ChangeKind::Revoked => Self::CertificateRevoked,
            ChangeKind::Superseded => Self::CertificateSuperseded,
            ChangeKind::Updated => Self::ProductUpdated,
            ChangeKind::Deleted => Self::ProductDeleted,
        }
    }
}

/// An endpoint to register. Plain `http` and private addresses are refused outside tests.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewEndpoint {
    /// Where the deliveries are POSTed (`https://`).
    #[validate(length(min = 10, max = 2000))]
    pub url: String,
    /// At least one; duplicates are folded.
    #[validate(length(min = 1, max = 6))]
    pub event_types: Vec<WebhookEventType>,
}

/// A change of an endpoint; absent fields stay. Enabling a disabled endpoint clears its reason.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct EndpointPatch {
    #[validate(length(min = 10, max = 2000))]
    pub url: Option<String>,
    #[validate(length(min = 1, max = 6))]
    pub event_types: Option<Vec<WebhookEventType>>,
    pub enabled: Option<bool>,
}

/// An endpoint as its owner reads it (never with its secret).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct EndpointOut {
    pub id: Uuid,
    pub url: String,
    pub event_types: Vec<WebhookEventType>,
    pub enabled: bool,
    /// Why it was disabled (e.g. the receiver answered 410 Gone).
    pub disabled_reason: Option<String>,
    /// The changes-feed cursor up to which deliveries are queued.
    pub cursor: String,
    /// Until when the secret before the last rotation still signs too.
    pub previous_secret_until: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An endpoint just created, or whose secret was just rotated: the secret is shown this once.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
pub struct EndpointCreated {
    #[serde(flatten)]
    pub endpoint: EndpointOut,
    /// `whsec_` + base64 of 32 random bytes: the HMAC key of the signatures.
    pub secret: String,
}

/// Never the secret: a debug print may reach a log.
impl std::fmt::Debug for EndpointCreated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EndpointCreated")
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

/// Replays the changes after a cursor to an endpoint as new messages.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RedeliverIn {
    /// A changes-feed cursor (from a change, a delivery or the changes feed).
    #[validate(length(min = 1, max = 200))]
    pub after: String,
}

/// Which part of the delivery log to read.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct DeliveryLogQuery {
    /// How many messages, newest first (default 50).
    #[validate(range(min = 1, max = 200))]
    pub limit: Option<u64>,
}

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Waiting for its first attempt or a retry.
    Pending,
    Delivered,
    /// Every retry of the schedule failed.
    Failed,
    /// Not sent any more: its endpoint was disabled by a 410.
    Cancelled,
}

impl DeliveryState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Pending,
            Self::Delivered,
            Self::Failed,
            Self::Cancelled,
        ]
        .into_iter()
        .find(|d| d.as_str() == s)
    }
}

/// One try at sending a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AttemptOut {
    /// 1 for the first try.
    pub attempt: i32,
    pub at: DateTime<Utc>,
    /// The receiver's HTTP status; absent when no answer came (refused address, timeout...).
    pub status: Option<i32>,
    pub error: Option<String>,
    pub duration_ms: i32,
}

/// One message to an endpoint, with its attempts (the delivery log).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DeliveryOut {
    /// The message id, sent as `webhook-id` on every attempt.
    pub id: Uuid,
    pub event_type: WebhookEventType,
    /// The changes-feed cursor just after this message's change.
    pub cursor: String,
    pub state: DeliveryState,
    pub attempts: i32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_status: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// The body sent, as sent.
    pub payload: serde_json::Value,
    pub attempt_log: Vec<AttemptOut>,
}

/// The body of a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct WebhookPayload {
    #[serde(rename = "type")]
    pub event_type: WebhookEventType,
    /// When the change happened (not when it is delivered).
    pub timestamp: DateTime<Utc>,
    pub data: WebhookData,
}

/// What changed: compare `version` with the one you hold and drop the message when it is not
/// higher (a late retry of an older change).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct WebhookData {
    /// The product's id (the catalogue entry's id).
    pub id: Uuid,
    /// The entry's version after this change.
    pub version: i32,
    pub kind: ChangeKind,
    /// The changes-feed cursor just after this change.
    pub cursor: String,
    /// The entry when it is in the catalogue, else null.
    pub item: Option<CatalogueItem>,
}

/// Checks an endpoint's address: `https://` with a host, or `http://` too when `allow_http`
/// (tests and local setups, with `OCOP_WEBHOOK_ALLOW_PRIVATE`).
pub fn check_endpoint_url(url: &str, allow_http: bool) -> DomainResult<()> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = match lower.strip_prefix("https://") {
        Some(rest) => rest,
        None => match lower.strip_prefix("http://") {
            Some(rest) if allow_http => rest,
            _ => return Err(DomainError::field("url", "https_required")),
        },
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty()
        || host.contains('@')
        || url.trim() != url
        || url.contains(char::is_whitespace)
    {
        return Err(DomainError::field("url", "invalid_url"));
    }
    Ok(())
}

/// The event types as stored: the fixed order of [`WebhookEventType::ALL`], no duplicates.
pub fn normalised_event_types(types: &[WebhookEventType]) -> Vec<WebhookEventType> {
    WebhookEventType::ALL
        .into_iter()
        .filter(|t| types.contains(t))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_created_endpoint_never_prints_its_secret() {
        let created = EndpointCreated {
            endpoint: EndpointOut {
                id: Uuid::nil(),
                url: "https://shop.example/hooks".into(),
                event_types: vec![WebhookEventType::CertificateIssued],
                enabled: true,
                disabled_reason: None,
                cursor: String::new(),
                previous_secret_until: None,
                version: 1,
                created_at: DateTime::UNIX_EPOCH,
                updated_at: DateTime::UNIX_EPOCH,
            },
            secret: "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ".into(),
        };
        let printed = format!("{created:?} {created:#?}");
        assert!(printed.contains("shop.example"), "{printed}");
        assert!(!printed.contains("c2VjcmV0"), "{printed}");
    }

    #[test]
    fn changes_map_to_event_types() {
        use WebhookEventType as T;
        let pairs = [
            (ChangeKind::Created, T::CertificateIssued),
            (ChangeKind::Certified, T::CertificateIssued),
            (ChangeKind::Expired, T::CertificateExpired),
            (ChangeKind::Revoked, T::CertificateRevoked),
            (ChangeKind::Superseded, T::CertificateSuperseded),
            (ChangeKind::Updated, T::ProductUpdated),
            (ChangeKind::Deleted, T::ProductDeleted),
        ];
        for (kind, event) in pairs {
            assert_eq!(WebhookEventType::for_change(kind), event);
        }
        for t in WebhookEventType::ALL {
            assert_eq!(WebhookEventType::parse(t.as_str()), Some(t));
            assert_eq!(
                serde_json::to_value(t).ok(),
                Some(serde_json::json!(t.as_str()))
            );
        }
    }

    #[test]
    fn endpoints_must_be_https_outside_tests() {
        assert!(check_endpoint_url("https://shop.example.vn/hooks", false).is_ok());
        assert!(check_endpoint_url("http://shop.example.vn/hooks", false).is_err());
        assert!(check_endpoint_url("http://127.0.0.1:8080/hooks", true).is_ok());
        assert!(check_endpoint_url("ftp://x.vn", true).is_err());
        assert!(check_endpoint_url("https://", false).is_err());
        assert!(check_endpoint_url("https://user@evil/", false).is_err());
        let unknown = serde_json::from_str::<NewEndpoint>(
            r#"{"url":"https://a.vn/x","event_types":["product.updated"],"secret":"x"}"#,
        );
        assert!(unknown.is_err());
        let bad_type = serde_json::from_str::<NewEndpoint>(
            r#"{"url":"https://a.vn/x","event_types":["product.created"]}"#,
        );
        assert!(bad_type.is_err());
    }
}
