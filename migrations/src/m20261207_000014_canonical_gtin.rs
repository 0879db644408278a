//! GTINs stored in their shortest writing (`05901234123457` as `5901234123457`), as the products
//! service now stores them, so that `ux_product_gtin` sees one GTIN typed two ways as one. Each
//! step drops leading zeros a shorter GTIN length allows: 14 → 13, 13 → 12, 12 → 8.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const SHORTEN: [&str; 3] = [
    "UPDATE product SET gtin = substr(gtin, 2) WHERE length(gtin) = 14 AND substr(gtin, 1, 1) = '0'",
    "UPDATE product SET gtin = substr(gtin, 2) WHERE length(gtin) = 13 AND substr(gtin, 1, 1) = '0'",
    "UPDATE product SET gtin = substr(gtin, 5) WHERE length(gtin) = 12 AND substr(gtin, 1, 4) = '0000'",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for statement in SHORTEN {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    /// Nothing to undo: the shorter writing is the same GTIN.
    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}
