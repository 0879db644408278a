//! Each move of a dossier's history records when the stay it ends began: `from_state_since`,
//! the instant of the dossier's previous move (the one into `from_state`), NULL on the first
//! move. A move is then a whole stay, and the pipeline report reads the stays' lengths from the
//! moves themselves instead of pairing every move with the dossier's next (a window over every
//! move). The history stays append-only: the column is written with the move, never after.
//! Moves already recorded get it from their predecessors, in the order the history is read
//! (`at`, then `id`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::timestamp_with_time_zone_null;

use crate::a;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(a("cycle_event"))
                    .add_column(timestamp_with_time_zone_null(a("from_state_since")))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE cycle_event SET from_state_since = (\
                   SELECT p.at FROM cycle_event p \
                    WHERE p.cycle_id = cycle_event.cycle_id \
                      AND (p.at < cycle_event.at OR (p.at = cycle_event.at AND p.id < cycle_event.id)) \
                    ORDER BY p.at DESC, p.id DESC LIMIT 1)",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(a("cycle_event"))
                    .drop_column(a("from_state_since"))
                    .to_owned(),
            )
            .await
    }
}
