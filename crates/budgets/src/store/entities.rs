//! The sea-orm entities of budgets, private to this crate: other crates read the books through
//! the scoped queries of [`crate::store`].

pub(crate) mod document {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "budget_document")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub unit_id: i32,
        pub file_name: String,
        pub content_type: String,
        pub byte_size: i64,
        pub sha256: String,
        pub created_by: Uuid,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod line {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "budget_line")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub unit_id: i32,
        pub phase_id: Option<Uuid>,
        pub year: i32,
        pub source_code: String,
        pub title: String,
        pub decision_number: Option<String>,
        pub original: i64,
        pub revised: Option<i64>,
        pub revision_decision: Option<String>,
        pub revised_on: Option<Date>,
        pub allocated: i64,
        pub version: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod revision {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "budget_line_revision")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub line_id: Uuid,
        pub amount: i64,
        pub decision_number: String,
        pub revised_on: Date,
        pub recorded_by: Uuid,
        pub recorded_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod allocation {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "budget_allocation")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub line_id: Uuid,
        pub unit_id: i32,
        pub plan_id: Option<Uuid>,
        pub activity_id: Option<Uuid>,
        pub purpose: String,
        pub amount: i64,
        pub disbursed: i64,
        pub allocated_on: Date,
        pub approved_by: Option<Uuid>,
        pub approval_reason: Option<String>,
        pub approval_decision: Option<String>,
        pub created_by: Uuid,
        pub version: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod entry {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "budget_ledger_entry")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub allocation_id: Uuid,
        pub line_id: Uuid,
        pub unit_id: i32,
        pub kind: String,
        pub amount: i64,
        pub entry_date: Date,
        pub payee: String,
        pub document_number: String,
        pub document_id: Option<Uuid>,
        pub reverses_id: Option<Uuid>,
        pub note: Option<String>,
        pub posted_by: Uuid,
        pub posted_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
