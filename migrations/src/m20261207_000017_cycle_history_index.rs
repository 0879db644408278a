//! The dossiers' history in the order it is read: the pipeline report pairs each move with the
//! dossier's next one, reading a cycle's moves through this index by `cycle_id` and `at`
//! (the state moved into included, so a move is read from the index alone). The old
//! `ix_cycle_event_cycle_id` is its prefix, so it goes.

use sea_orm_migration::prelude::*;

use crate::{a, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const HISTORY: [&str; 4] = ["cycle_id", "at", "id", "to_state"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index(a("cycle_event"), &HISTORY))
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_cycle_event_cycle_id")
                    .table(a("cycle_event"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index(a("cycle_event"), &["cycle_id"]))
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(format!("ix_cycle_event_{}", HISTORY.join("_")))
                    .table(a("cycle_event"))
                    .to_owned(),
            )
            .await
    }
}
