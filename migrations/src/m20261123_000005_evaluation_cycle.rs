use sea_orm_migration::{prelude::*, schema::*};

use crate::index;

/// The annual cycle of a product, its dossier, the rounds and councils that score it, the
/// members' sheets and the certificates that follow.
#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    name: &str,
    from: impl Iden + 'static,
    column: impl Iden + 'static,
    to: &str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from, column)
        .to(Alias::new(to), Alias::new("id"))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EvaluationRound::Table)
                    .col(uuid(EvaluationRound::Id).primary_key())
                    .col(string_len(EvaluationRound::Level, 16))
                    .col(integer(EvaluationRound::Year))
                    .col(string_len(EvaluationRound::Name, 200))
                    .col(string_len(EvaluationRound::Instrument, 64))
                    .col(date(EvaluationRound::OpenedOn))
                    .col(date(EvaluationRound::ForwardedBefore))
                    .col(date(EvaluationRound::DecideBefore))
                    .col(timestamp_with_time_zone_null(EvaluationRound::ClosedAt))
                    .col(uuid_null(EvaluationRound::ClosedBy))
                    .col(uuid(EvaluationRound::CreatedBy))
                    .col(integer(EvaluationRound::Version))
                    .col(timestamp_with_time_zone(EvaluationRound::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CouncilSeat::Table)
                    .col(pk_auto(CouncilSeat::Id))
                    .col(uuid(CouncilSeat::RoundId))
                    .col(uuid(CouncilSeat::UserId))
                    .col(string_len(CouncilSeat::Position, 16))
                    .foreign_key(&mut fk(
                        "fk_council_seat_round",
                        CouncilSeat::Table,
                        CouncilSeat::RoundId,
                        "evaluation_round",
                    ))
                    .foreign_key(&mut fk(
                        "fk_council_seat_user",
                        CouncilSeat::Table,
                        CouncilSeat::UserId,
                        "app_user",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_council_seat_round_user")
                    .table(CouncilSeat::Table)
                    .col(CouncilSeat::RoundId)
                    .col(CouncilSeat::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(CouncilSeat::Table, &["user_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EvaluationCycle::Table)
                    .col(uuid(EvaluationCycle::Id).primary_key())
                    .col(uuid(EvaluationCycle::ProductId))
                    .col(uuid(EvaluationCycle::SubjectId))
                    .col(integer(EvaluationCycle::Year))
                    .col(string_len(EvaluationCycle::DossierType, 16))
                    .col(string_len(EvaluationCycle::State, 40))
                    .col(text(EvaluationCycle::Idea))
                    .col(text_null(EvaluationCycle::BusinessPlan))
                    .col(text_null(EvaluationCycle::Form01))
                    .col(integer(EvaluationCycle::CriteriaSetId))
                    .col(text_null(EvaluationCycle::SelfAssessment))
                    .col(integer_null(EvaluationCycle::SelfAssessmentTotal))
                    .col(integer(EvaluationCycle::Samples))
                    .col(text_null(EvaluationCycle::Form03))
                    .col(date_null(EvaluationCycle::SubmittedOn))
                    .col(uuid_null(EvaluationCycle::RoundId))
                    .col(text_null(EvaluationCycle::CouncilResult))
                    .col(uuid_null(EvaluationCycle::CentralRoundId))
                    .col(text_null(EvaluationCycle::CentralResult))
                    .col(date_null(EvaluationCycle::DecidedOn))
                    .col(integer(EvaluationCycle::Version))
                    .col(timestamp_with_time_zone(EvaluationCycle::CreatedAt))
                    .col(timestamp_with_time_zone(EvaluationCycle::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_evaluation_cycle_product",
                        EvaluationCycle::Table,
                        EvaluationCycle::ProductId,
                        "product",
                    ))
                    .foreign_key(&mut fk(
                        "fk_evaluation_cycle_subject",
                        EvaluationCycle::Table,
                        EvaluationCycle::SubjectId,
                        "subject",
                    ))
                    .foreign_key(&mut fk(
                        "fk_evaluation_cycle_criteria_set",
                        EvaluationCycle::Table,
                        EvaluationCycle::CriteriaSetId,
                        "criteria_set",
                    ))
                    .foreign_key(&mut fk(
                        "fk_evaluation_cycle_round",
                        EvaluationCycle::Table,
                        EvaluationCycle::RoundId,
                        "evaluation_round",
                    ))
                    .foreign_key(&mut fk(
                        "fk_evaluation_cycle_central_round",
                        EvaluationCycle::Table,
                        EvaluationCycle::CentralRoundId,
                        "evaluation_round",
                    ))
                    .to_owned(),
            )
            .await?;
        // One cycle per product and year.
        manager
            .create_index(
                Index::create()
                    .name("ux_evaluation_cycle_product_year")
                    .table(EvaluationCycle::Table)
                    .col(EvaluationCycle::ProductId)
                    .col(EvaluationCycle::Year)
                    .unique()
                    .to_owned(),
            )
            .await?;
        for cols in [
            &["subject_id"][..],
            &["state"],
            &["round_id"],
            &["central_round_id"],
            &["criteria_set_id"],
        ] {
            manager
                .create_index(index(EvaluationCycle::Table, cols))
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(CycleEvent::Table)
                    .col(uuid(CycleEvent::Id).primary_key())
                    .col(uuid(CycleEvent::CycleId))
                    .col(string_len_null(CycleEvent::FromState, 40))
                    .col(string_len(CycleEvent::ToState, 40))
                    .col(uuid(CycleEvent::ActorId))
                    .col(text_null(CycleEvent::Reason))
                    .col(timestamp_with_time_zone(CycleEvent::At))
                    .foreign_key(&mut fk(
                        "fk_cycle_event_cycle",
                        CycleEvent::Table,
                        CycleEvent::CycleId,
                        "evaluation_cycle",
                    ))
                    .foreign_key(&mut fk(
                        "fk_cycle_event_actor",
                        CycleEvent::Table,
                        CycleEvent::ActorId,
                        "app_user",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(CycleEvent::Table, &["cycle_id"]))
            .await?;
        manager
            .create_index(index(CycleEvent::Table, &["actor_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(DossierAttachment::Table)
                    .col(uuid(DossierAttachment::Id).primary_key())
                    .col(uuid(DossierAttachment::CycleId))
                    .col(string_len(DossierAttachment::Kind, 32))
                    .col(string_len(DossierAttachment::FileName, 200))
                    .col(string_len(DossierAttachment::ContentType, 100))
                    .col(big_integer(DossierAttachment::ByteSize))
                    .col(string_len(DossierAttachment::Sha256, 64))
                    .col(uuid(DossierAttachment::CreatedBy))
                    .col(timestamp_with_time_zone(DossierAttachment::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_dossier_attachment_cycle",
                        DossierAttachment::Table,
                        DossierAttachment::CycleId,
                        "evaluation_cycle",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(DossierAttachment::Table, &["cycle_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CouncilRecusal::Table)
                    .col(pk_auto(CouncilRecusal::Id))
                    .col(uuid(CouncilRecusal::RoundId))
                    .col(uuid(CouncilRecusal::CycleId))
                    .col(uuid(CouncilRecusal::UserId))
                    .col(text(CouncilRecusal::Reason))
                    .col(timestamp_with_time_zone(CouncilRecusal::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_council_recusal_round",
                        CouncilRecusal::Table,
                        CouncilRecusal::RoundId,
                        "evaluation_round",
                    ))
                    .foreign_key(&mut fk(
                        "fk_council_recusal_cycle",
                        CouncilRecusal::Table,
                        CouncilRecusal::CycleId,
                        "evaluation_cycle",
                    ))
                    .foreign_key(&mut fk(
                        "fk_council_recusal_user",
                        CouncilRecusal::Table,
                        CouncilRecusal::UserId,
                        "app_user",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_council_recusal_round_cycle_user")
                    .table(CouncilRecusal::Table)
                    .col(CouncilRecusal::RoundId)
                    .col(CouncilRecusal::CycleId)
                    .col(CouncilRecusal::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        for cols in [&["cycle_id"][..], &["user_id"]] {
            manager
                .create_index(index(CouncilRecusal::Table, cols))
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ScoreSheet::Table)
                    .col(uuid(ScoreSheet::Id).primary_key())
                    .col(uuid(ScoreSheet::RoundId))
                    .col(uuid(ScoreSheet::CycleId))
                    .col(uuid(ScoreSheet::MemberId))
                    .col(integer(ScoreSheet::CriteriaSetId))
                    .col(text(ScoreSheet::Choices))
                    .col(integer_null(ScoreSheet::Total))
                    .col(timestamp_with_time_zone_null(ScoreSheet::SubmittedAt))
                    .col(timestamp_with_time_zone(ScoreSheet::CreatedAt))
                    .col(timestamp_with_time_zone(ScoreSheet::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_score_sheet_round",
                        ScoreSheet::Table,
                        ScoreSheet::RoundId,
                        "evaluation_round",
                    ))
                    .foreign_key(&mut fk(
                        "fk_score_sheet_cycle",
                        ScoreSheet::Table,
                        ScoreSheet::CycleId,
                        "evaluation_cycle",
                    ))
                    .foreign_key(&mut fk(
                        "fk_score_sheet_member",
                        ScoreSheet::Table,
                        ScoreSheet::MemberId,
                        "app_user",
                    ))
                    .foreign_key(&mut fk(
                        "fk_score_sheet_criteria_set",
                        ScoreSheet::Table,
                        ScoreSheet::CriteriaSetId,
                        "criteria_set",
                    ))
                    .to_owned(),
            )
            .await?;
        // One sheet per member, dossier and round.
        manager
            .create_index(
                Index::create()
                    .name("ux_score_sheet_round_cycle_member")
                    .table(ScoreSheet::Table)
                    .col(ScoreSheet::RoundId)
                    .col(ScoreSheet::CycleId)
                    .col(ScoreSheet::MemberId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        for cols in [&["cycle_id"][..], &["member_id"], &["criteria_set_id"]] {
            manager.create_index(index(ScoreSheet::Table, cols)).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Certificate::Table)
                    .col(uuid(Certificate::Id).primary_key())
                    .col(string_len_uniq(Certificate::Number, 40))
                    .col(string_len_uniq(Certificate::VerificationCode, 32))
                    .col(uuid(Certificate::ProductId))
                    .col(uuid(Certificate::SubjectId))
                    .col(uuid(Certificate::CycleId))
                    .col(integer(Certificate::Stars))
                    .col(string_len(Certificate::IssuingLevel, 16))
                    .col(string_len(Certificate::IssuingBody, 200))
                    .col(string_len(Certificate::DecisionNumber, 64))
                    .col(string_len(Certificate::DecisionSigner, 200))
                    .col(date(Certificate::IssuedOn))
                    .col(date(Certificate::ExpiresOn))
                    .col(uuid_null(Certificate::SupersededBy))
                    .col(date_null(Certificate::SupersededOn))
                    .col(date_null(Certificate::RevokedOn))
                    .col(string_len_null(Certificate::RevocationGround, 32))
                    .col(string_len_null(Certificate::RevocationAuthority, 16))
                    .col(string_len_null(Certificate::RevocationNumber, 64))
                    .col(string_len_null(Certificate::RevocationSigner, 200))
                    .col(uuid(Certificate::CreatedBy))
                    .col(timestamp_with_time_zone(Certificate::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_certificate_product",
                        Certificate::Table,
                        Certificate::ProductId,
                        "product",
                    ))
                    .foreign_key(&mut fk(
                        "fk_certificate_subject",
                        Certificate::Table,
                        Certificate::SubjectId,
                        "subject",
                    ))
                    .foreign_key(&mut fk(
                        "fk_certificate_cycle",
                        Certificate::Table,
                        Certificate::CycleId,
                        "evaluation_cycle",
                    ))
                    .to_owned(),
            )
            .await?;
        // One certificate per cycle: a recognition decision issues exactly one.
        manager
            .create_index(
                Index::create()
                    .name("ux_certificate_cycle")
                    .table(Certificate::Table)
                    .col(Certificate::CycleId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        for cols in [&["product_id"][..], &["subject_id"], &["expires_on"]] {
            manager
                .create_index(index(Certificate::Table, cols))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "certificate",
            "score_sheet",
            "council_recusal",
            "dossier_attachment",
            "cycle_event",
            "evaluation_cycle",
            "council_seat",
            "evaluation_round",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone)]
enum EvaluationRound {
    Table,
    Id,
    Level,
    Year,
    Name,
    Instrument,
    OpenedOn,
    ForwardedBefore,
    DecideBefore,
    ClosedAt,
    ClosedBy,
    CreatedBy,
    Version,
    CreatedAt,
}

#[derive(DeriveIden, Clone)]
enum CouncilSeat {
    Table,
    Id,
    RoundId,
    UserId,
    Position,
}

#[derive(DeriveIden, Clone)]
enum EvaluationCycle {
    Table,
    Id,
    ProductId,
    SubjectId,
    Year,
    DossierType,
    State,
    Idea,
    BusinessPlan,
    Form01,
    CriteriaSetId,
    SelfAssessment,
    SelfAssessmentTotal,
    Samples,
    Form03,
    SubmittedOn,
    RoundId,
    CouncilResult,
    CentralRoundId,
    CentralResult,
    DecidedOn,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone)]
enum CycleEvent {
    Table,
    Id,
    CycleId,
    FromState,
    ToState,
    ActorId,
    Reason,
    At,
}

#[derive(DeriveIden, Clone)]
enum DossierAttachment {
    Table,
    Id,
    CycleId,
    Kind,
    FileName,
    ContentType,
    ByteSize,
    Sha256,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone)]
enum CouncilRecusal {
    Table,
    Id,
    RoundId,
    CycleId,
    UserId,
    Reason,
    CreatedAt,
}

#[derive(DeriveIden, Clone)]
enum ScoreSheet {
    Table,
    Id,
    RoundId,
    CycleId,
    MemberId,
    CriteriaSetId,
    Choices,
    Total,
    SubmittedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone)]
enum Certificate {
    Table,
    Id,
    Number,
    VerificationCode,
    ProductId,
    SubjectId,
    CycleId,
    Stars,
    IssuingLevel,
    IssuingBody,
    DecisionNumber,
    DecisionSigner,
    IssuedOn,
    ExpiresOn,
    SupersededBy,
    SupersededOn,
    RevokedOn,
    RevocationGround,
    RevocationAuthority,
    RevocationNumber,
    RevocationSigner,
    CreatedBy,
    CreatedAt,
}
