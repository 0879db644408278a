use sea_orm_migration::{prelude::*, schema::*};

use crate::index;
use crate::m20261123_000001_units_and_classification::AdminUnit;
use crate::m20261123_000002_subjects_and_products::Subject;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AppUser::Table)
                    .col(uuid(AppUser::Id).primary_key())
                    .col(string_len_uniq(AppUser::Email, 254))
                    .col(string_len(AppUser::FullName, 200))
                    .col(string_len(AppUser::PasswordHash, 200))
                    .col(string_len(AppUser::Role, 32))
                    .col(integer(AppUser::UnitId))
                    .col(uuid_null(AppUser::SubjectId))
                    .col(string_len(AppUser::Status, 16))
                    .col(integer(AppUser::Version))
                    .col(timestamp_with_time_zone(AppUser::CreatedAt))
                    .col(timestamp_with_time_zone(AppUser::UpdatedAt))
                    .col(timestamp_with_time_zone_null(AppUser::LastLoginAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_app_user_unit")
                            .from(AppUser::Table, AppUser::UnitId)
                            .to(AdminUnit::Table, AdminUnit::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_app_user_subject")
                            .from(AppUser::Table, AppUser::SubjectId)
                            .to(Subject::Table, Subject::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for cols in [&["unit_id"][..], &["subject_id"], &["role"]] {
            manager.create_index(index(AppUser::Table, cols)).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(RefreshToken::Table)
                    .col(uuid(RefreshToken::Id).primary_key())
                    .col(uuid(RefreshToken::UserId))
                    .col(uuid(RefreshToken::FamilyId))
                    .col(string_len_uniq(RefreshToken::TokenHash, 64))
                    .col(timestamp_with_time_zone(RefreshToken::CreatedAt))
                    .col(timestamp_with_time_zone(RefreshToken::ExpiresAt))
                    .col(timestamp_with_time_zone_null(RefreshToken::UsedAt))
                    .col(timestamp_with_time_zone_null(RefreshToken::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_refresh_token_user")
                            .from(RefreshToken::Table, RefreshToken::UserId)
                            .to(AppUser::Table, AppUser::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(RefreshToken::Table, &["user_id"]))
            .await?;
        manager
            .create_index(index(RefreshToken::Table, &["family_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginFailure::Table)
                    .col(big_pk_auto(LoginFailure::Id))
                    .col(string_len(LoginFailure::Email, 254))
                    .col(string_len(LoginFailure::Ip, 64))
                    .col(timestamp_with_time_zone(LoginFailure::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(LoginFailure::Table, &["email", "at"]))
            .await?;
        manager
            .create_index(index(LoginFailure::Table, &["ip", "at"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .col(big_pk_auto(AuditEvent::Id))
                    .col(timestamp_with_time_zone(AuditEvent::At))
                    .col(uuid_null(AuditEvent::ActorId))
                    .col(string_len_null(AuditEvent::ActorRole, 32))
                    .col(string_len(AuditEvent::Entity, 32))
                    .col(string_len(AuditEvent::EntityId, 64))
                    .col(string_len(AuditEvent::Action, 64))
                    .col(text(AuditEvent::Changes))
                    .col(string_len_null(AuditEvent::RequestId, 64))
                    .col(string_len_null(AuditEvent::Ip, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(AuditEvent::Table, &["entity", "entity_id"]))
            .await?;
        manager
            .create_index(index(AuditEvent::Table, &["actor_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditEvent::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(LoginFailure::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(RefreshToken::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AppUser::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone)]
enum AppUser {
    Table,
    Id,
    Email,
    FullName,
    PasswordHash,
    Role,
    UnitId,
    SubjectId,
    Status,
    Version,
    CreatedAt,
    UpdatedAt,
    LastLoginAt,
}

#[derive(DeriveIden, Clone)]
enum RefreshToken {
    Table,
    Id,
    UserId,
    FamilyId,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
    RevokedAt,
}

#[derive(DeriveIden, Clone)]
enum LoginFailure {
    Table,
    Id,
    Email,
    Ip,
    At,
}

#[derive(DeriveIden, Clone)]
enum AuditEvent {
    Table,
    Id,
    At,
    ActorId,
    ActorRole,
    Entity,
    EntityId,
    Action,
    Changes,
    RequestId,
    Ip,
}
