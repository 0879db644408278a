use sea_orm_migration::{prelude::*, schema::*};

use crate::index;

/// A council's finding on a dossier in a round: a "Hồ sơ bị loại khi" ground or a criterion's
/// stop or elimination note that the options cannot express. A dossier with a finding is not
/// rated when the round closes.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let fk = |name: &str, column: DossierFinding, to: &str| {
            ForeignKey::create()
                .name(name)
                .from(DossierFinding::Table, column)
                .to(Alias::new(to), Alias::new("id"))
                .to_owned()
        };
        manager
            .create_table(
                Table::create()
                    .table(DossierFinding::Table)
                    .col(uuid(DossierFinding::Id).primary_key())
                    .col(uuid(DossierFinding::RoundId))
                    .col(uuid(DossierFinding::CycleId))
                    .col(string_len(DossierFinding::Ground, 16))
                    .col(string_len(DossierFinding::GroundRef, 32))
                    .col(text(DossierFinding::Note))
                    .col(uuid(DossierFinding::RecordedBy))
                    .col(timestamp_with_time_zone(DossierFinding::RecordedAt))
                    .foreign_key(&mut fk(
                        "fk_dossier_finding_round",
                        DossierFinding::RoundId,
                        "evaluation_round",
                    ))
                    .foreign_key(&mut fk(
                        "fk_dossier_finding_cycle",
                        DossierFinding::CycleId,
                        "evaluation_cycle",
                    ))
                    .foreign_key(&mut fk(
                        "fk_dossier_finding_user",
                        DossierFinding::RecordedBy,
                        "app_user",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_dossier_finding_round_cycle")
                    .table(DossierFinding::Table)
                    .col(DossierFinding::RoundId)
                    .col(DossierFinding::CycleId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(DossierFinding::Table, &["cycle_id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DossierFinding::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum DossierFinding {
    Table,
    Id,
    RoundId,
    CycleId,
    Ground,
    GroundRef,
    Note,
    RecordedBy,
    RecordedAt,
}
