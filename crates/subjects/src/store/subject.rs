//! The `subject` entity. Public only until the other crates have moved to the named queries in
//! [`super::lookups`]; then it becomes private to this crate.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "subject")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: String,
    pub name: String,
    /// `name` folded for diacritic-insensitive search.
    pub search_name: String,
    pub registration_code: Option<String>,
    pub legal_representative: String,
    pub address: String,
    pub unit_id: i32,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub founded_on: Option<Date>,
    pub member_count: Option<i32>,
    pub women_led: bool,
    pub status: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
