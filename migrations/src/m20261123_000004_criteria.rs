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
                    .table(CriteriaInstrument::Table)
                    .col(pk_auto(CriteriaInstrument::Id))
                    .col(string_len_uniq(CriteriaInstrument::Code, 64))
                    .col(string_len(CriteriaInstrument::Name, 500))
                    .col(date(CriteriaInstrument::EffectiveFrom))
                    .col(date_null(CriteriaInstrument::EffectiveTo))
                    // The instrument as published (bands, levels, windows, calendar); never updated.
                    .col(text(CriteriaInstrument::Document))
                    .col(timestamp_with_time_zone(CriteriaInstrument::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CriteriaSet::Table)
                    .col(pk_auto(CriteriaSet::Id))
                    .col(integer(CriteriaSet::InstrumentId))
                    .col(string_len(CriteriaSet::ProductSet, 16))
                    .col(integer(CriteriaSet::Version))
                    .col(string_len(CriteriaSet::Name, 500))
                    // The sheet as published; a change is a new version, never an update.
                    .col(text(CriteriaSet::Sheet))
                    .col(integer(CriteriaSet::OptionCount))
                    .col(uuid_null(CriteriaSet::CreatedBy))
                    .col(timestamp_with_time_zone(CriteriaSet::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_criteria_set_instrument")
                            .from(CriteriaSet::Table, CriteriaSet::InstrumentId)
                            .to(CriteriaInstrument::Table, CriteriaInstrument::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_criteria_set_instrument_set_version")
                    .table(CriteriaSet::Table)
                    .col(CriteriaSet::InstrumentId)
                    .col(CriteriaSet::ProductSet)
                    .col(CriteriaSet::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(CriteriaSet::Table, &["product_set"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CriteriaSet::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(CriteriaInstrument::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone)]
enum CriteriaInstrument {
    Table,
    Id,
    Code,
    Name,
    EffectiveFrom,
    EffectiveTo,
    Document,
    CreatedAt,
}

#[derive(DeriveIden, Clone)]
enum CriteriaSet {
    Table,
    Id,
    InstrumentId,
    ProductSet,
    Version,
    Name,
    Sheet,
    OptionCount,
    CreatedBy,
    CreatedAt,
}
