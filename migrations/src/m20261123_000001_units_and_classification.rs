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
                    .table(AdminUnit::Table)
                    .col(pk_auto(AdminUnit::Id))
                    .col(string_len(AdminUnit::Code, 10))
                    .col(string_len(AdminUnit::Name, 200))
                    .col(string_len(AdminUnit::Level, 16))
                    .col(integer_null(AdminUnit::ParentId))
                    .col(date_null(AdminUnit::ValidFrom))
                    .col(date_null(AdminUnit::ValidTo))
                    .col(string_len_null(AdminUnit::LegalBasis, 200))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_admin_unit_parent")
                            .from(AdminUnit::Table, AdminUnit::ParentId)
                            .to(AdminUnit::Table, AdminUnit::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(AdminUnit::Table, &["parent_id"]))
            .await?;
        manager
            .create_index(index(AdminUnit::Table, &["level"]))
            .await?;
        // The 2025 reform reused codes for other units, so a code is unique only within its
        // validity period. NULLs are distinct in unique indexes, hence the COALESCE.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_admin_unit_code_period ON admin_unit (code, COALESCE(valid_from, '0001-01-01'))",
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AdminUnitTransition::Table)
                    .col(pk_auto(AdminUnitTransition::Id))
                    .col(integer(AdminUnitTransition::OldUnitId))
                    .col(integer(AdminUnitTransition::NewUnitId))
                    .col(string_len(AdminUnitTransition::Share, 16))
                    .col(string_len_null(AdminUnitTransition::LegalBasis, 200))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_unit_transition_old")
                            .from(AdminUnitTransition::Table, AdminUnitTransition::OldUnitId)
                            .to(AdminUnit::Table, AdminUnit::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_unit_transition_new")
                            .from(AdminUnitTransition::Table, AdminUnitTransition::NewUnitId)
                            .to(AdminUnit::Table, AdminUnit::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_admin_unit_transition_old_new")
                    .table(AdminUnitTransition::Table)
                    .col(AdminUnitTransition::OldUnitId)
                    .col(AdminUnitTransition::NewUnitId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(AdminUnitTransition::Table, &["new_unit_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ClassificationVersion::Table)
                    .col(pk_auto(ClassificationVersion::Id))
                    .col(string_len_uniq(ClassificationVersion::Code, 32))
                    .col(string_len(ClassificationVersion::Instrument, 64))
                    .col(string_len(ClassificationVersion::Name, 300))
                    .col(date(ClassificationVersion::EffectiveFrom))
                    .col(text(ClassificationVersion::Source))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProductCategory::Table)
                    .col(pk_auto(ProductCategory::Id))
                    .col(integer(ProductCategory::VersionId))
                    .col(string_len(ProductCategory::Code, 16))
                    .col(string_len(ProductCategory::Level, 16))
                    .col(string_len(ProductCategory::Name, 300))
                    .col(integer_null(ProductCategory::ParentId))
                    .col(string_len_null(ProductCategory::LeadAgency, 300))
                    .col(boolean_null(ProductCategory::SamplesRequired))
                    .col(integer_null(ProductCategory::AnnexNo))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_category_version")
                            .from(ProductCategory::Table, ProductCategory::VersionId)
                            .to(ClassificationVersion::Table, ClassificationVersion::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_category_parent")
                            .from(ProductCategory::Table, ProductCategory::ParentId)
                            .to(ProductCategory::Table, ProductCategory::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_product_category_version_code")
                    .table(ProductCategory::Table)
                    .col(ProductCategory::VersionId)
                    .col(ProductCategory::Code)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(ProductCategory::Table, &["parent_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProductCategory::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ClassificationVersion::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AdminUnitTransition::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AdminUnit::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone)]
pub enum AdminUnit {
    Table,
    Id,
    Code,
    Name,
    Level,
    ParentId,
    ValidFrom,
    ValidTo,
    LegalBasis,
}

#[derive(DeriveIden, Clone)]
enum AdminUnitTransition {
    Table,
    Id,
    OldUnitId,
    NewUnitId,
    Share,
    LegalBasis,
}

#[derive(DeriveIden, Clone)]
enum ClassificationVersion {
    Table,
    Id,
    Code,
    Instrument,
    Name,
    EffectiveFrom,
    Source,
}

#[derive(DeriveIden, Clone)]
pub enum ProductCategory {
    Table,
    Id,
    VersionId,
    Code,
    Level,
    Name,
    ParentId,
    LeadAgency,
    SamplesRequired,
    AnnexNo,
}
