//! The day an entry lapses by the passing of time, kept beside `lapses_on`: the lapse day when
//! it falls after the day of the entry's last write (a lapse no write announced), else NULL. The
//! changes feed walks the lapses brought by time in (day, product) order; with its own indexed
//! column that walk is an index range instead of a scan of every lapsed entry for the ones a
//! write did not already announce.

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::date_null;

use crate::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn a(name: &str) -> Alias {
    Alias::new(name)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(a("catalogue_item"))
                    .add_column(date_null(a("lapses_by_time_on")))
                    .to_owned(),
            )
            .await?;
        // The day in Vietnam (UTC+7, no daylight saving) of the last write, as the feed read it.
        let written_on = match manager.get_database_backend() {
            DbBackend::Postgres => {
                "CAST((updated_at AT TIME ZONE 'UTC') + INTERVAL '7 hours' AS date)"
            }
            _ => "date(updated_at, '+7 hours')",
        };
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "UPDATE catalogue_item SET lapses_by_time_on = lapses_on \
                  WHERE lapses_on > {written_on}"
            ))
            .await?;
        manager
            .create_index(index(
                a("catalogue_item"),
                &["lapses_by_time_on", "product_id"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_catalogue_item_lapses_by_time_on_product_id")
                    .table(a("catalogue_item"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(a("catalogue_item"))
                    .drop_column(a("lapses_by_time_on"))
                    .to_owned(),
            )
            .await
    }
}
