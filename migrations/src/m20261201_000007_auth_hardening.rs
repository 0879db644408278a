//! Login throttling as counters that one statement reads and bumps together, and the signing
//! key kept where every process finds it.
//!
//! - `login_throttle` replaces `login_failure`: counting failures and then recording one was
//!   check-then-act, so dozens of concurrent guesses were all checked. One row per account and
//!   per address is bumped by an upsert that returns the new count, atomic on both databases.
//! - `server_key` holds the token signing key when `OCOP_JWT_SECRET` is not set: drawn once by
//!   the first process to start, shared by all, and kept across restarts.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LoginThrottle::Table)
                    .col(string_len(LoginThrottle::Key, 320).primary_key())
                    .col(timestamp_with_time_zone(LoginThrottle::WindowStartedAt))
                    .col(integer(LoginThrottle::Attempts))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ServerKey::Table)
                    .col(string_len(ServerKey::Name, 64).primary_key())
                    .col(string_len(ServerKey::Value, 256))
                    .col(timestamp_with_time_zone(ServerKey::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(LoginFailure::Table).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LoginFailure::Table)
                    .col(big_pk_auto(LoginFailure::Id))
                    .col(string_len(LoginFailure::Email, 254))
                    .col(string_len(LoginFailure::Ip, 64))
                    .col(timestamp_with_time_zone(LoginFailure::At))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(ServerKey::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(LoginThrottle::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Key,
    WindowStartedAt,
    Attempts,
}

#[derive(DeriveIden)]
enum ServerKey {
    Table,
    Name,
    Value,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LoginFailure {
    Table,
    Id,
    Email,
    Ip,
    At,
}
