use sea_orm_migration::{prelude::*, schema::*};

use crate::index;

/// The change pipeline: the audit trail becomes a hash chain (each row keeps the SHA-256 of its
/// content and of the row before), and every change appends its domain events to an outbox whose
/// positions follow commit order. `change_head` is the one row every change updates before it
/// commits: it holds the chain's last hash and the last outbox position, and its row lock is what
/// serialises appends on PostgreSQL. Rows written before this migration are sealed at start.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AuditEvent::Table)
                    .add_column(string_len_null(AuditEvent::PrevHash, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AuditEvent::Table)
                    .add_column(string_len_null(AuditEvent::Hash, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChangeHead::Table)
                    .col(integer(ChangeHead::Id).primary_key())
                    .col(string_len_null(ChangeHead::AuditHash, 64))
                    .col(big_integer(ChangeHead::AuditId).default(0))
                    .col(big_integer(ChangeHead::OutboxPosition).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(ChangeHead::Table)
                    .columns([
                        ChangeHead::Id,
                        ChangeHead::AuditId,
                        ChangeHead::OutboxPosition,
                    ])
                    .values_panic([1.into(), 0i64.into(), 0i64.into()])
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OutboxEvent::Table)
                    .col(big_integer(OutboxEvent::Position).primary_key())
                    .col(string_len(OutboxEvent::Name, 64))
                    .col(integer(OutboxEvent::SchemaVersion))
                    .col(string_len(OutboxEvent::Entity, 32))
                    .col(string_len(OutboxEvent::EntityId, 64))
                    .col(integer(OutboxEvent::EntityVersion))
                    .col(text(OutboxEvent::Payload))
                    .col(big_integer(OutboxEvent::AuditId))
                    .col(timestamp_with_time_zone(OutboxEvent::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(OutboxEvent::Table, &["entity", "entity_id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OutboxEvent::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ChangeHead::Table).to_owned())
            .await?;
        for column in [AuditEvent::Hash, AuditEvent::PrevHash] {
            manager
                .alter_table(
                    Table::alter()
                        .table(AuditEvent::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditEvent {
    Table,
    PrevHash,
    Hash,
}

#[derive(DeriveIden, Clone, Copy)]
enum ChangeHead {
    Table,
    Id,
    AuditHash,
    AuditId,
    OutboxPosition,
}

#[derive(DeriveIden, Clone, Copy)]
enum OutboxEvent {
    Table,
    Position,
    Name,
    SchemaVersion,
    Entity,
    EntityId,
    EntityVersion,
    Payload,
    AuditId,
    At,
}
