//! GTINs stored in their shortest writing (`05901234123457` as `5901234123457`), as the products
//! service now stores them, so that `ux_product_gtin` sees one GTIN typed two ways as one. Each
//! step drops leading zeros a shorter GTIN length allows: 14 → 13, 13 → 12, 12 → 8.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (length, leading zeros dropped) of each step.
const STEPS: [(usize, usize); 3] = [(14, 1), (13, 1), (12, 4)];

/// One step. A product whose shorter writing another product already holds keeps its own: the
/// unique index would refuse the update and stop the start; the next edit of either names the
/// conflict.
fn shorten(length: usize, zeros: usize) -> String {
    let rest = zeros + 1;
    let prefix = "0".repeat(zeros);
    format!(
        "UPDATE product SET gtin = substr(gtin, {rest}) \
          WHERE length(gtin) = {length} AND substr(gtin, 1, {zeros}) = '{prefix}' \
            AND NOT EXISTS (SELECT 1 FROM product other \
                             WHERE other.gtin = substr(product.gtin, {rest}))"
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (length, zeros) in STEPS {
            db.execute_unprepared(&shorten(length, zeros)).await?;
        }
        Ok(())
    }

    /// Nothing to undo: the shorter writing is the same GTIN.
    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}
