//! Webhook use cases. An API key's holder registers endpoints, changes, rotates and deletes them
//! through the change helper (the audit never holds a secret), reads the delivery log and
//! replays the changes after a cursor. The worker fans the changes feed out into messages and
//! records how each attempt went (see `store::webhooks_delivery`).
//!
//! Redelivery: the endpoint's cursor goes back to the one given and its generation goes up; the
//! changes after the cursor are then queued again as NEW messages (new `webhook-id`s, derived
//! from the new generation), whatever became of the old ones. Consumers drop what they already
//! hold by the entity version each payload carries.

mod fan_out;

pub use fan_out::{fan_out, message_id, payload};

use chrono::{DateTime, Utc};
use ocop_core::store::audit::Actor;
use ocop_core::store::change::Change;
use ocop_core::{DomainError, DomainResult};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::json;
use uuid::Uuid;

use crate::store::changes;
use crate::store::webhooks::{self as store, Endpoint};
use crate::store::webhooks_delivery as deliveries;
use crate::{
    ChangesCursor, DeliveryOut, EndpointCreated, EndpointOut, EndpointPatch, NewEndpoint,
    ROTATION_GRACE, WebhookEventType, check_endpoint_url, normalised_event_types,
    secret_from_bytes,
};

const ENTITY: &str = "webhook_endpoint";

/// A fresh `whsec_` secret of 32 random bytes.
fn new_secret() -> DomainResult<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| DomainError::Internal(format!("random: {e}")))?;
    Ok(secret_from_bytes(&bytes))
}

fn check_types(types: &[WebhookEventType]) -> DomainResult<Vec<WebhookEventType>> {
    let types = normalised_event_types(types);
    if types.is_empty() {
        return Err(DomainError::field("event_types", "length"));
    }
    Ok(types)
}

/// Registers an endpoint for the key `api_key_id`. It hears of the changes from now on: its
/// cursor starts at the changes feed's head. `allow_http` lets tests use a plain `http://`
/// receiver.
pub async fn create(
    db: &DatabaseConnection,
    api_key_id: Uuid,
    now: DateTime<Utc>,
    allow_http: bool,
    input: NewEndpoint,
) -> DomainResult<EndpointCreated> {
    check_endpoint_url(&input.url, allow_http)?;
    let event_types = check_types(&input.event_types)?;
    let mut change = Change::begin(db, Actor::System(now)).await?;
    let at = change.at();
    let endpoint = Endpoint {
        id: Uuid::now_v7(),
        api_key_id,
        url: input.url.trim().to_string(),
        event_types,
        secret: new_secret()?,
        previous_secret: None,
        previous_until: None,
        enabled: true,
        disabled_reason: None,
        cursor: changes::head(&change, at).await?.encode(),
        generation: 0,
        version: 1,
        created_at: at,
        updated_at: at,
    };
    store::insert(&change, &endpoint).await?;
    let out = endpoint.out();
    change.audit(
        ENTITY,
        out.id,
        "webhook_endpoint.create",
        json!({ "api_key_id": api_key_id, "endpoint": out }),
    );
    change.commit().await?;
    Ok(EndpointCreated {
        endpoint: out,
        secret: endpoint.secret,
    })
}

pub async fn list<C: ConnectionTrait>(db: &C, api_key_id: Uuid) -> DomainResult<Vec<EndpointOut>> {
    Ok(store::owned_by(db, api_key_id)
        .await?
        .iter()
        .map(Endpoint::out)
        .collect())
}

pub async fn get<C: ConnectionTrait>(
    db: &C,
    api_key_id: Uuid,
    id: Uuid,
) -> DomainResult<EndpointOut> {
    Ok(store::owned(db, api_key_id, id).await?.out())
}

fn check_version(expected: i32, current: i32) -> DomainResult<()> {
    if expected != current {
        return Err(DomainError::StaleVersion { expected, current });
    }
    Ok(())
}

/// Changes an endpoint read at `expected_version`.
pub async fn patch(
    db: &DatabaseConnection,
    api_key_id: Uuid,
    id: Uuid,
    expected_version: i32,
    now: DateTime<Utc>,
    allow_http: bool,
    input: EndpointPatch,
) -> DomainResult<EndpointOut> {
    if let Some(url) = &input.url {
        check_endpoint_url(url, allow_http)?;
    }
    let mut change = Change::begin(db, Actor::System(now)).await?;
    let current = store::owned(&change, api_key_id, id).await?;
    check_version(expected_version, current.version)?;
    let mut next = current.clone();
    if let Some(url) = input.url {
        next.url = url.trim().to_string();
    }
    if let Some(types) = input.event_types {
        next.event_types = check_types(&types)?;
    }
    if let Some(enabled) = input.enabled {
        next.enabled = enabled;
        if enabled {
            next.disabled_reason = None;
        } else if current.enabled {
            next.disabled_reason = Some("disabled by its owner".into());
        }
    }
    next.version = current.version + 1;
    next.updated_at = change.at();
    store::save(&change, &next, current.version).await?;
    let (before, after) = (current.out(), next.out());
    change.audit(
        ENTITY,
        id,
        "webhook_endpoint.update",
        ocop_core::store::audit::diff(&before, &after),
    );
    change.commit().await?;
    Ok(after)
}

/// Gives an endpoint a new secret, shown once. The previous one keeps signing (a second
/// signature in `webhook-signature`) for 24 hours, so the receiver can switch without losing a
/// message.
pub async fn rotate_secret(
    db: &DatabaseConnection,
    api_key_id: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> DomainResult<EndpointCreated> {
    let mut change = Change::begin(db, Actor::System(now)).await?;
    let current = store::owned(&change, api_key_id, id).await?;
    let mut next = current.clone();
    next.previous_secret = Some(current.secret.clone());
    next.previous_until = Some(change.at() + ROTATION_GRACE);
    next.secret = new_secret()?;
    next.version = current.version + 1;
    next.updated_at = change.at();
    store::save(&change, &next, current.version).await?;
    let out = next.out();
    change.audit(
        ENTITY,
        id,
        "webhook_endpoint.rotate_secret",
        json!({ "previous_secret_until": out.previous_secret_until }),
    );
    change.commit().await?;
    Ok(EndpointCreated {
        endpoint: out,
        secret: next.secret,
    })
}

/// Deletes an endpoint with its delivery log.
pub async fn delete(
    db: &DatabaseConnection,
    api_key_id: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let mut change = Change::begin(db, Actor::System(now)).await?;
    let current = store::owned(&change, api_key_id, id).await?;
    store::delete(&change, id).await?;
    change.audit_record(ENTITY, id, "webhook_endpoint.delete", &current.out())?;
    change.commit().await?;
    Ok(())
}

/// The latest `limit` messages of an endpoint, newest first, with their attempts.
pub async fn delivery_log<C: ConnectionTrait>(
    db: &C,
    api_key_id: Uuid,
    id: Uuid,
    limit: u64,
) -> DomainResult<Vec<DeliveryOut>> {
    store::owned(db, api_key_id, id).await?;
    deliveries::log(db, id, limit).await
}

/// Replays the changes after `after` to an endpoint as new messages (see the module's note).
/// The cursor must be one the changes feed still serves.
pub async fn redeliver(
    db: &DatabaseConnection,
    api_key_id: Uuid,
    id: Uuid,
    after: &str,
    now: DateTime<Utc>,
) -> DomainResult<EndpointOut> {
    let cursor =
        ChangesCursor::decode(after).ok_or(DomainError::field("after", "invalid_cursor"))?;
    // The feed refuses (410) a cursor it cannot serve any more; say so now, not in the worker.
    if let Err(gone) = changes::check(db, cursor, now).await? {
        return Err(DomainError::field("after", gone.as_str()));
    }
    let mut change = Change::begin(db, Actor::System(now)).await?;
    let current = store::owned(&change, api_key_id, id).await?;
    let mut next = current.clone();
    next.cursor = cursor.encode();
    next.generation = current.generation + 1;
    next.version = current.version + 1;
    next.updated_at = change.at();
    store::rewind(&change, &next, current.version).await?;
    change.audit(
        ENTITY,
        id,
        "webhook_endpoint.redeliver",
        json!({ "from": current.cursor, "to": next.cursor }),
    );
    change.commit().await?;
    Ok(next.out())
}

/// Disables an endpoint whose receiver answered 410 Gone and cancels its pending messages.
pub async fn disable_gone(
    db: &DatabaseConnection,
    endpoint_id: Uuid,
    now: DateTime<Utc>,
    reason: &str,
) -> DomainResult<()> {
    let mut change = Change::begin(db, Actor::System(now)).await?;
    let Some(current) = store::by_id(&change, endpoint_id).await? else {
        return Ok(());
    };
    if !current.enabled {
        return Ok(());
    }
    let mut next = current.clone();
    next.enabled = false;
    next.disabled_reason = Some(reason.chars().take(300).collect());
    next.version = current.version + 1;
    next.updated_at = change.at();
    store::save(&change, &next, current.version).await?;
    deliveries::cancel_pending(&change, endpoint_id).await?;
    change.audit(
        ENTITY,
        endpoint_id,
        "webhook_endpoint.disable",
        ocop_core::store::audit::diff(&current.out(), &next.out()),
    );
    change.commit().await?;
    Ok(())
}
