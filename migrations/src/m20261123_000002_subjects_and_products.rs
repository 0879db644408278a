use sea_orm_migration::{prelude::*, schema::*};

use crate::index;
use crate::m20261123_000001_units_and_classification::{AdminUnit, ProductCategory};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Subject::Table)
                    .col(uuid(Subject::Id).primary_key())
                    .col(string_len(Subject::Kind, 32))
                    .col(string_len(Subject::Name, 300))
                    .col(string_len(Subject::SearchName, 300))
                    .col(string_len_null(Subject::RegistrationCode, 32))
                    .col(string_len(Subject::LegalRepresentative, 200))
                    .col(string_len(Subject::Address, 300))
                    .col(integer(Subject::UnitId))
                    .col(string_len_null(Subject::Phone, 20))
                    .col(string_len_null(Subject::Email, 254))
                    .col(date_null(Subject::FoundedOn))
                    .col(integer_null(Subject::MemberCount))
                    .col(boolean(Subject::WomenLed))
                    .col(string_len(Subject::Status, 16))
                    .col(integer(Subject::Version))
                    .col(timestamp_with_time_zone(Subject::CreatedAt))
                    .col(timestamp_with_time_zone(Subject::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_subject_unit")
                            .from(Subject::Table, Subject::UnitId)
                            .to(AdminUnit::Table, AdminUnit::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_subject_registration_code")
                    .table(Subject::Table)
                    .col(Subject::RegistrationCode)
                    .unique()
                    .to_owned(),
            )
            .await?;
        for cols in [
            &["unit_id"][..],
            &["kind"],
            &["status"],
            &["search_name"],
            &["updated_at"],
        ] {
            manager.create_index(index(Subject::Table, cols)).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Product::Table)
                    .col(uuid(Product::Id).primary_key())
                    .col(uuid(Product::SubjectId))
                    .col(string_len(Product::Name, 300))
                    .col(string_len(Product::SearchName, 300))
                    .col(integer(Product::CategoryId))
                    .col(integer(Product::OriginUnitId))
                    .col(text(Product::Description))
                    .col(text(Product::Ingredients))
                    .col(string_len(Product::Packaging, 500))
                    .col(big_integer_null(Product::PriceMin))
                    .col(big_integer_null(Product::PriceMax))
                    .col(big_integer_null(Product::CapacityValue))
                    .col(string_len_null(Product::CapacityUnit, 50))
                    .col(string_len(Product::Status, 16))
                    .col(integer(Product::Version))
                    .col(timestamp_with_time_zone(Product::CreatedAt))
                    .col(timestamp_with_time_zone(Product::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_subject")
                            .from(Product::Table, Product::SubjectId)
                            .to(Subject::Table, Subject::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_category")
                            .from(Product::Table, Product::CategoryId)
                            .to(ProductCategory::Table, ProductCategory::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_origin_unit")
                            .from(Product::Table, Product::OriginUnitId)
                            .to(AdminUnit::Table, AdminUnit::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for cols in [
            &["subject_id"][..],
            &["category_id"],
            &["origin_unit_id"],
            &["status"],
            &["search_name"],
            &["updated_at"],
        ] {
            manager.create_index(index(Product::Table, cols)).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ProductImage::Table)
                    .col(uuid(ProductImage::Id).primary_key())
                    .col(uuid(ProductImage::ProductId))
                    .col(string_len(ProductImage::ContentType, 64))
                    .col(big_integer(ProductImage::ByteSize))
                    .col(string_len(ProductImage::Sha256, 64))
                    .col(string_len(ProductImage::FileName, 255))
                    .col(timestamp_with_time_zone(ProductImage::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_image_product")
                            .from(ProductImage::Table, ProductImage::ProductId)
                            .to(Product::Table, Product::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(ProductImage::Table, &["product_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProductImage::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Product::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Subject::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone)]
pub enum Subject {
    Table,
    Id,
    Kind,
    Name,
    SearchName,
    RegistrationCode,
    LegalRepresentative,
    Address,
    UnitId,
    Phone,
    Email,
    FoundedOn,
    MemberCount,
    WomenLed,
    Status,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone)]
enum Product {
    Table,
    Id,
    SubjectId,
    Name,
    SearchName,
    CategoryId,
    OriginUnitId,
    Description,
    Ingredients,
    Packaging,
    PriceMin,
    PriceMax,
    CapacityValue,
    CapacityUnit,
    Status,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone)]
enum ProductImage {
    Table,
    Id,
    ProductId,
    ContentType,
    ByteSize,
    Sha256,
    FileName,
    CreatedAt,
}
