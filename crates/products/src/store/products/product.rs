//! The `product` entity. Public only until the other crates have moved to the named queries of
//! [`super`]; then it becomes private to this crate.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "product")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub subject_id: Uuid,
    pub name: String,
    pub search_name: String,
    pub category_id: i32,
    pub origin_unit_id: i32,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    #[sea_orm(column_type = "Text")]
    pub ingredients: String,
    pub packaging: String,
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    pub capacity_value: Option<i64>,
    pub capacity_unit: Option<String>,
    /// GTIN as registered (trimmed); unique (`ux_product_gtin`).
    pub gtin: Option<String>,
    pub status: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
