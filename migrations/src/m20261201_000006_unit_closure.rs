//! The unit tree's closure: one row per (unit, unit in its subtree), the unit itself included,
//! following the transition table to the older units each one absorbed. A caller's scope is then
//! one indexed subquery (`unit_id IN (SELECT descendant_id … WHERE ancestor_id = ?)`) instead of
//! a recursive walk per request and a list of hundreds of ids sent back to the database.
//! The rows are reference data, derived at start from `admin_unit` and `admin_unit_transition`.

use sea_orm_migration::{prelude::*, schema::*};

use crate::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AdminUnitClosure::Table)
                    .col(integer(AdminUnitClosure::AncestorId))
                    .col(integer(AdminUnitClosure::DescendantId))
                    .primary_key(
                        Index::create()
                            .col(AdminUnitClosure::AncestorId)
                            .col(AdminUnitClosure::DescendantId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_admin_unit_closure_ancestor")
                            .from(AdminUnitClosure::Table, AdminUnitClosure::AncestorId)
                            .to(AdminUnit::Table, AdminUnit::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_admin_unit_closure_descendant")
                            .from(AdminUnitClosure::Table, AdminUnitClosure::DescendantId)
                            .to(AdminUnit::Table, AdminUnit::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(AdminUnitClosure::Table, &["descendant_id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AdminUnitClosure::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone)]
enum AdminUnitClosure {
    Table,
    AncestorId,
    DescendantId,
}

#[derive(DeriveIden)]
enum AdminUnit {
    Table,
    Id,
}
