//! The catalogue's private entities: `catalogue_item`, the read model the projection keeps and
//! the public reads serve.

pub(crate) mod catalogue_item {
    use sea_orm::entity::prelude::*;

    /// One product that ever held a certificate, as its current certificate and data stand.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "catalogue_item")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub product_id: Uuid,
        pub subject_id: Uuid,
        pub certificate_id: Uuid,
        pub verification_code: String,
        pub stars: i32,
        pub issued_on: Date,
        pub expires_on: Date,
        pub revoked_on: Option<Date>,
        pub superseded_on: Option<Date>,
        pub re_rating_filed_on: Option<Date>,
        pub re_rating_decided_on: Option<Date>,
        pub lapses_on: Date,
        /// `lapses_on` when it falls after the day of the last write (a lapse by time), else
        /// NULL: the changes feed walks these.
        pub lapses_by_time_on: Option<Date>,
        pub lapse_kind: String,
        pub product_set: String,
        pub sector: String,
        pub province_code: String,
        pub commune_code: String,
        #[sea_orm(column_type = "Text")]
        pub search_text: String,
        #[sea_orm(column_type = "Text")]
        pub document: String,
        pub version: i32,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
