//! The fan-out: the changes feed turned into messages, one per change and subscribed endpoint,
//! each under an id derived from the endpoint, its generation and the change's identity (not
//! the cursor it was read at), so that however many workers queue it, from wherever they read
//! it, it is queued once.

use chrono::{DateTime, Utc};
use ocop_core::{DomainError, DomainResult};
use sea_orm::DatabaseConnection;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::store::changes::{self, ChangeRecord};
use crate::store::webhooks as store;
use crate::store::webhooks_delivery::{self as deliveries, NewDelivery};
use crate::{CatalogueItem, ChangesCursor, WebhookData, WebhookEventType, WebhookPayload};

/// Changes read per endpoint in one fan-out round.
const FAN_OUT_BATCH: u64 = 100;
/// The id of the message announcing the change `identity` (`ChangeIdentity::key`) to an
/// endpoint in its `generation`: the same for every worker that queues it, so it is queued once.
pub fn message_id(endpoint_id: Uuid, generation: i32, identity: &str) -> Uuid {
    let digest = Sha256::new()
        .chain_update(b"ocop-webhook-message\0")
        .chain_update(endpoint_id.as_bytes())
        .chain_update(generation.to_be_bytes())
        .chain_update(identity.as_bytes())
        .finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// The body of the message announcing `record`.
pub fn payload(
    record: &ChangeRecord,
    present: &(dyn Fn(CatalogueItem) -> CatalogueItem + Send + Sync),
) -> DomainResult<(WebhookEventType, String)> {
    let event_type = WebhookEventType::for_change(record.kind);
    let body = WebhookPayload {
        event_type,
        timestamp: record.at,
        data: WebhookData {
            id: record.product_id,
            version: record.version,
            kind: record.kind,
            cursor: record.cursor.encode(),
            item: record.item.clone().map(present),
        },
    };
    let text = serde_json::to_string(&body)
        .map_err(|e| DomainError::Internal(format!("webhook payload: {e}")))?;
    Ok((event_type, text))
}

/// One fan-out round: for every enabled endpoint, queues the changes after its cursor that it
/// subscribed to and moves its cursor past them. `present` finishes an item as the public reads
/// serve it (absolute URLs). Returns how many changes were read, so the
/// worker knows whether to come back at once.
///
/// No transaction: messages are queued first under derived ids (`ON CONFLICT DO NOTHING`), then
/// the cursor moves with a compare-and-set. A worker that loses the race queued nothing new; a
/// crash between the two re-queues the same ids. So each change becomes exactly one message per
/// endpoint and generation.
pub async fn fan_out(
    db: &DatabaseConnection,
    writer: &DatabaseConnection,
    now: DateTime<Utc>,
    present: &(dyn Fn(CatalogueItem) -> CatalogueItem + Send + Sync),
) -> DomainResult<usize> {
    let mut read = 0;
    for endpoint in store::enabled(db, now).await? {
        let Some(cursor) = ChangesCursor::decode(&endpoint.cursor) else {
            log::warn!("webhook endpoint {}: undecodable cursor", endpoint.id);
            continue;
        };
        let records = match changes::after(db, cursor, FAN_OUT_BATCH, now).await {
            Ok(records) => records,
            Err(e) => {
                // E.g. a cursor another process, whose clock stands on a later day, moved past
                // this one's today: that process delivers those changes.
                log::debug!("webhook endpoint {}: {e}", endpoint.id);
                continue;
            }
        };
        // A short read resumes at the end of today, so an endpoint that is caught up does not
        // walk again the lapses its last read passed over.
        let resumed = changes::resume_after(cursor, &records, FAN_OUT_BATCH, now);
        if records.is_empty() && resumed == cursor {
            continue;
        }
        read += records.len();
        let new_cursor = resumed.encode();
        let mut messages = Vec::new();
        for record in &records {
            let (event_type, body) = payload(record, present)?;
            if !endpoint.wants(event_type) {
                continue;
            }
            messages.push(NewDelivery {
                id: message_id(endpoint.id, endpoint.generation, &record.identity.key()),
                endpoint_id: endpoint.id,
                event_type,
                payload: body,
                cursor: record.cursor.encode(),
            });
        }
        deliveries::queue(writer, &messages, now).await?;
        store::advance_cursor(
            writer,
            endpoint.id,
            endpoint.generation,
            &endpoint.cursor,
            &new_cursor,
        )
        .await?;
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_are_derived_and_a_new_generation_changes_them() {
        let endpoint = Uuid::from_u128(1);
        let a = message_id(endpoint, 0, "abc");
        assert_eq!(a, message_id(endpoint, 0, "abc"));
        assert_ne!(a, message_id(endpoint, 1, "abc"));
        assert_ne!(a, message_id(endpoint, 0, "abd"));
        assert_ne!(a, message_id(Uuid::from_u128(2), 0, "abc"));
    }
}
