//! Rounds and users get the folded search key subjects and products already have, so their lists
//! find "Hội đồng" from "hoi dong" in SQL, on SQLite as on PostgreSQL (neither folds Vietnamese
//! marks by itself). Rows already stored are keyed here with the same fold the code writes. The
//! audit trail, read by date range, gets an index on its instant.

use ocop_core::text::fold;
use sea_orm_migration::{prelude::*, schema::*};

use crate::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_key(manager, Alias::new("evaluation_round"), Alias::new("name")).await?;
        add_key(manager, Alias::new("app_user"), Alias::new("full_name")).await?;
        manager
            .create_index(index(Alias::new("audit_event"), &["at"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_audit_event_at")
                    .table(Alias::new("audit_event"))
                    .to_owned(),
            )
            .await?;
        for table in ["app_user", "evaluation_round"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .drop_column(SearchName)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
struct SearchName;

/// Adds `search_name` to `table` and fills it from `source`, one update per distinct name (a
/// one-off over a few thousand rows at most).
async fn add_key(manager: &SchemaManager<'_>, table: Alias, source: Alias) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(table.clone())
                .add_column(string_len(SearchName, 200).default(""))
                .to_owned(),
        )
        .await?;
    let db = manager.get_connection();
    let select = Query::select()
        .distinct()
        .column(source.clone())
        .from(table.clone())
        .to_owned();
    for row in db.query_all(&select).await? {
        let name: String = row.try_get_by_index(0)?;
        let update = Query::update()
            .table(table.clone())
            .value(SearchName, fold(&name))
            .and_where(Expr::col(source.clone()).eq(name))
            .to_owned();
        db.execute(&update).await?;
    }
    Ok(())
}
