//! The public catalogue: its read model (`catalogue_item`, one row per product that ever held a
//! certificate, kept by the catalogue's projection in the transaction of every change that alters
//! what it shows), API keys and their quota windows, webhook endpoints, deliveries and attempts;
//! and a product's GTIN, for GS1 Digital Link.

use sea_orm_migration::{prelude::*, schema::*};

use crate::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables in creation order; dropped in reverse.
const TABLES: [&str; 6] = [
    "catalogue_item",
    "api_key",
    "api_quota",
    "webhook_endpoint",
    "webhook_delivery",
    "webhook_attempt",
];

fn a(name: &str) -> Alias {
    Alias::new(name)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(a("product"))
                    .add_column(string_len_null(a("gtin"), 14))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_product_gtin")
                    .table(a("product"))
                    .col(a("gtin"))
                    .unique()
                    .to_owned(),
            )
            .await?;

        // The changes feed reads the catalogue's own events by position.
        manager
            .create_index(index(a("outbox_event"), &["entity", "position"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("catalogue_item"))
                    .col(uuid(a("product_id")).primary_key())
                    .col(uuid(a("subject_id")))
                    .col(uuid(a("certificate_id")))
                    .col(string_len(a("verification_code"), 40))
                    .col(integer(a("stars")))
                    // The certificate's dated facts: its state on any day is computed from them.
                    .col(date(a("issued_on")))
                    .col(date(a("expires_on")))
                    .col(date_null(a("revoked_on")))
                    .col(date_null(a("superseded_on")))
                    .col(date_null(a("re_rating_filed_on")))
                    .col(date_null(a("re_rating_decided_on")))
                    // The first day the entry is out of force as the facts stand, and why
                    // (`expired`, `revoked`, `superseded`).
                    .col(date(a("lapses_on")))
                    .col(string_len(a("lapse_kind"), 16))
                    // Filter columns.
                    .col(string_len(a("product_set"), 20))
                    .col(string_len(a("sector"), 20))
                    .col(string_len(a("province_code"), 10))
                    .col(string_len(a("commune_code"), 10))
                    .col(text(a("search_text")))
                    // The entry as served (JSON `CatalogueItem` without its dated status).
                    .col(text(a("document")))
                    .col(integer(a("version")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .to_owned(),
            )
            .await?;
        for columns in [
            &["lapses_on", "product_id"][..],
            &["verification_code"][..],
            &["updated_at"][..],
        ] {
            manager
                .create_index(index(a("catalogue_item"), columns))
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(a("api_key"))
                    .col(uuid(a("id")).primary_key())
                    .col(string_len(a("name"), 200))
                    .col(string_len(a("organisation"), 300))
                    // Shown in lists so an owner can tell keys apart; the rest is never kept.
                    .col(string_len(a("prefix"), 16))
                    // SHA-256 of the secret, hex.
                    .col(string_len(a("secret_hash"), 64).unique_key())
                    .col(integer(a("quota_per_minute")))
                    .col(timestamp_with_time_zone_null(a("expires_at")))
                    .col(timestamp_with_time_zone_null(a("revoked_at")))
                    .col(timestamp_with_time_zone_null(a("rotated_at")))
                    .col(uuid_null(a("created_by")))
                    .col(integer(a("version")).default(1))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .to_owned(),
            )
            .await?;

        // One row per caller and minute: the count every API process adds to.
        manager
            .create_table(
                Table::create()
                    .table(a("api_quota"))
                    .col(string_len(a("bucket"), 100))
                    .col(timestamp_with_time_zone(a("window_start")))
                    .col(integer(a("used")))
                    .primary_key(Index::create().col(a("bucket")).col(a("window_start")))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("webhook_endpoint"))
                    .col(uuid(a("id")).primary_key())
                    .col(uuid(a("api_key_id")))
                    .col(string_len(a("url"), 2000))
                    // JSON array of event type names.
                    .col(text(a("event_types")))
                    // `whsec_` + base64; signing needs the secret itself, so it is kept.
                    .col(string_len(a("secret"), 100))
                    // The secret before the last rotation, still signing until `previous_until`.
                    .col(string_len_null(a("previous_secret"), 100))
                    .col(timestamp_with_time_zone_null(a("previous_until")))
                    .col(boolean(a("enabled")))
                    .col(string_len_null(a("disabled_reason"), 300))
                    // The changes-feed cursor up to which deliveries were queued.
                    .col(string_len(a("cursor"), 200))
                    // Bumped by "redeliver from cursor": message ids are derived from the
                    // endpoint, this generation and the change, so a replay gets new ids while
                    // two workers queueing the same change agree on one.
                    .col(integer(a("generation")).default(0))
                    .col(integer(a("version")).default(1))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_webhook_endpoint_api_key_id")
                            .from(a("webhook_endpoint"), a("api_key_id"))
                            .to(a("api_key"), a("id")),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(a("webhook_endpoint"), &["api_key_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("webhook_delivery"))
                    // The message id sent as `webhook-id`: the same on every retry.
                    .col(uuid(a("id")).primary_key())
                    .col(uuid(a("endpoint_id")))
                    .col(string_len(a("event_type"), 60))
                    .col(text(a("payload")))
                    // The changes-feed cursor just after this message's change.
                    .col(string_len(a("cursor"), 200))
                    // `pending`, `delivered`, `failed` (retries exhausted), `cancelled`.
                    .col(string_len(a("state"), 16))
                    .col(integer(a("attempts")).default(0))
                    .col(timestamp_with_time_zone(a("next_attempt_at")))
                    .col(timestamp_with_time_zone_null(a("locked_until")))
                    .col(integer_null(a("last_status")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone_null(a("delivered_at")))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_webhook_delivery_endpoint_id")
                            .from(a("webhook_delivery"), a("endpoint_id"))
                            .to(a("webhook_endpoint"), a("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(a("webhook_delivery"), &["state", "next_attempt_at"]))
            .await?;
        manager
            .create_index(index(a("webhook_delivery"), &["endpoint_id", "created_at"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("webhook_attempt"))
                    .col(big_integer(a("id")).primary_key().auto_increment())
                    .col(uuid(a("delivery_id")))
                    .col(integer(a("attempt")))
                    .col(timestamp_with_time_zone(a("at")))
                    .col(integer_null(a("status")))
                    .col(string_len_null(a("error"), 500))
                    .col(integer(a("duration_ms")))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_webhook_attempt_delivery_id")
                            .from(a("webhook_attempt"), a("delivery_id"))
                            .to(a("webhook_delivery"), a("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(a("webhook_attempt"), &["delivery_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES.iter().rev() {
            manager
                .drop_table(Table::drop().table(a(table)).to_owned())
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("ix_outbox_event_entity_position")
                    .table(a("outbox_event"))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ux_product_gtin")
                    .table(a("product"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(a("product"))
                    .drop_column(a("gtin"))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
