//! The webhook delivery worker: a task beside the HTTP server (`OCOP_WEBHOOKS=0` turns it off)
//! that fans the changes feed out into messages, claims the messages that are due and sends a
//! few at once, signed as the Standard Webhooks specification says. Every process of a
//! deployment may run it: claims are leases taken by one statement (`FOR UPDATE SKIP LOCKED` on
//! PostgreSQL), so no message goes out twice at once; delivery is at least once.
//!
//! Sending guards against server-side request forgery: no proxy, no redirect followed (a 3xx is
//! a failure, as the spec advises), a 15 s timeout, and host names resolved by our own resolver,
//! which drops private, loopback, link-local and unique-local addresses (unless
//! `OCOP_WEBHOOK_ALLOW_PRIVATE=1`, for tests) and hands the checked addresses to the connection,
//! so a DNS answer that changes between check and connect cannot slip past. Addresses written as
//! IP literals skip resolution, so they are checked before sending.
//!
//! Time comes from `state.clock` only. The task holds the state weakly and ends when the server
//! has dropped it.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use actix_web::web;
use futures_util::future::join_all;
use ocop_catalogue::service::webhooks as service;
use ocop_catalogue::store::item_row;
use ocop_catalogue::store::webhooks::{self as endpoints, Endpoint};
use ocop_catalogue::store::webhooks_delivery::{self as deliveries, Claimed, Outcome};
use ocop_catalogue::{
    CatalogueItem, DeliveryState, address_allowed, next_attempt_delay, parse_retry_after,
    signature_header,
};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use uuid::Uuid;

use crate::state::AppState;

/// Messages sent at once by one process.
const CONCURRENT_SENDS: u64 = 8;
/// The wait when a round found nothing to do.
const IDLE: Duration = Duration::from_millis(500);
/// The spec recommends 15 to 30 s.
const TIMEOUT: Duration = Duration::from_secs(15);

/// Starts the worker for the server whose state this is.
pub fn start(state: &web::Data<AppState>) {
    let weak = Arc::downgrade(&state.clone().into_inner());
    let client = match client(state.webhook_allow_private) {
        Ok(client) => client,
        Err(e) => {
            log::error!("webhooks: no HTTP client, deliveries stopped: {e}");
            return;
        }
    };
    tokio::spawn(run(weak, client));
}

async fn run(state: Weak<AppState>, client: reqwest::Client) {
    loop {
        let busy = {
            let Some(state) = state.upgrade() else {
                return;
            };
            match round(&state, &client).await {
                Ok(busy) => busy,
                Err(e) => {
                    log::warn!("webhooks: {e}");
                    false
                }
            }
        };
        if !busy {
            tokio::time::sleep(IDLE).await;
        }
    }
}

/// One round: fan out, then send what is due. `true` when there was work (come back at once).
async fn round(state: &AppState, client: &reqwest::Client) -> Result<bool, String> {
    let now = state.clock.now();
    let public_url = state.public_url.as_str().to_string();
    // Absolute image and verification addresses, as the public reads serve them.
    let present = move |mut item: CatalogueItem| {
        item_row::absolute_urls(&mut item, &public_url);
        item
    };
    let read = service::fan_out(&state.db, &state.writer, now, &present)
        .await
        .map_err(|e| format!("fan-out: {e}"))?;
    let claimed = deliveries::claim_due(&state.writer, now, CONCURRENT_SENDS)
        .await
        .map_err(|e| format!("claim: {e}"))?;
    if claimed.is_empty() {
        return Ok(read > 0);
    }
    let mut ids: Vec<Uuid> = claimed.iter().map(|m| m.endpoint_id).collect();
    ids.sort();
    ids.dedup();
    let mut by_id: HashMap<Uuid, Option<Endpoint>> = HashMap::new();
    for id in ids {
        let endpoint = endpoints::by_id(&state.db, id)
            .await
            .map_err(|e| format!("endpoint: {e}"))?;
        by_id.insert(id, endpoint);
    }
    let sends = claimed.iter().map(|message| {
        let endpoint = by_id.get(&message.endpoint_id).cloned().flatten();
        deliver(state, client, message, endpoint)
    });
    for result in join_all(sends).await {
        if let Err(e) = result {
            log::warn!("webhooks: {e}");
        }
    }
    Ok(true)
}

/// One attempt at one message, recorded.
async fn deliver(
    state: &AppState,
    client: &reqwest::Client,
    message: &Claimed,
    endpoint: Option<Endpoint>,
) -> Result<(), String> {
    let Some(endpoint) = endpoint.filter(|e| e.enabled) else {
        // Disabled (its pending messages were cancelled) or deleted meanwhile.
        return Ok(());
    };
    let started = Instant::now();
    let at = state.clock.now();
    let sent = send(state.webhook_allow_private, client, &endpoint, message, at).await;
    let duration_ms = i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX);
    let (status, retry_after, error) = match &sent {
        Ok(answer) => (Some(i32::from(answer.status)), answer.retry_after, None),
        Err(e) => (None, None, Some(e.clone())),
    };
    let attempts_made = message.attempts + 1;
    let (delivery_state, next_attempt_at) = match status {
        Some(200..=299) => (DeliveryState::Delivered, None),
        Some(410) => (DeliveryState::Cancelled, None),
        _ => match next_attempt_delay(attempts_made, message.id, retry_after) {
            Some(delay) => (DeliveryState::Pending, Some(at + delay)),
            None => (DeliveryState::Failed, None),
        },
    };
    let outcome = Outcome {
        at,
        status,
        error,
        duration_ms,
        state: delivery_state,
        next_attempt_at,
    };
    deliveries::record(&state.writer, message, &outcome)
        .await
        .map_err(|e| format!("record {}: {e}", message.id))?;
    if status == Some(410) {
        service::disable_gone(
            &state.writer,
            endpoint.id,
            at,
            "the receiver answered 410 Gone",
        )
        .await
        .map_err(|e| format!("disable {}: {e}", endpoint.id))?;
    }
    Ok(())
}

/// What the receiver answered.
struct Answer {
    status: u16,
    /// Its `Retry-After`, on a 429 or a 503.
    retry_after: Option<chrono::TimeDelta>,
}

/// POSTs the message; the receiver's answer, or why there was none.
async fn send(
    allow_private: bool,
    client: &reqwest::Client,
    endpoint: &Endpoint,
    message: &Claimed,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Answer, String> {
    let url = reqwest::Url::parse(&endpoint.url).map_err(|e| format!("url: {e}"))?;
    // An IP literal is connected to without resolving: check it here.
    let host = url.host_str().ok_or("url: no host")?;
    let literal = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
        .ok();
    if let Some(ip) = literal
        && !address_allowed(ip, allow_private)
    {
        return Err(format!("refused: {ip} is not a public address"));
    }
    let msg_id = message.id.to_string();
    let timestamp = at.timestamp();
    let secrets = endpoint.signing_secrets(at);
    let signature = signature_header(&msg_id, timestamp, &message.payload, &secrets);
    let response = client
        .post(url)
        .header("content-type", "application/json")
        .header("webhook-id", &msg_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(message.payload.clone())
        .send()
        .await
        .map_err(|e| describe(&e))?;
    let status = response.status().as_u16();
    let retry_after = matches!(status, 429 | 503)
        .then(|| response.headers().get(reqwest::header::RETRY_AFTER))
        .flatten()
        .and_then(|value| value.to_str().ok())
        .and_then(|value| parse_retry_after(value, at));
    Ok(Answer {
        status,
        retry_after,
    })
}

/// The error of a failed request, with its cause (a refused address says so).
fn describe(error: &reqwest::Error) -> String {
    use std::error::Error;
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// The client every delivery of this process uses.
fn client(allow_private: bool) -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(TIMEOUT)
        .no_proxy()
        .user_agent("ocop-webhooks/1")
        .dns_resolver(Arc::new(CheckedResolver { allow_private }))
        .build()
}

/// Resolves host names and keeps only the addresses a delivery may reach; the connection uses
/// exactly those.
struct CheckedResolver {
    allow_private: bool,
}

impl Resolve for CheckedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let host = name.as_str().to_string();
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> = found
                .into_iter()
                .filter(|a| address_allowed(a.ip(), allow_private))
                .collect();
            if allowed.is_empty() {
                let refused: Box<dyn std::error::Error + Send + Sync> =
                    format!("refused: {host} resolves to no public address").into();
                return Err(refused);
            }
            let addrs: Addrs = Box::new(allowed.into_iter());
            Ok(addrs)
        })
    }
}
