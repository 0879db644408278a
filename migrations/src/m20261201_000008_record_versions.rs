//! Score sheets and certificates get a version, so their changes (saving a sheet, revoking a
//! certificate) take `If-Match` like every other versioned record: a member saving from two
//! tabs, or two officers revoking at once, get 412 instead of overwriting each other.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(ScoreSheet::Table)
                    .add_column(integer(ScoreSheet::Version).default(1))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Certificate::Table)
                    .add_column(integer(Certificate::Version).default(1))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Certificate::Table)
                    .drop_column(Certificate::Version)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ScoreSheet::Table)
                    .drop_column(ScoreSheet::Version)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum ScoreSheet {
    Table,
    Version,
}

#[derive(DeriveIden)]
enum Certificate {
    Table,
    Version,
}
