//! Tables of the cycle, its dossier, rounds, councils, score sheets and certificates. JSON
//! columns hold documents that are read and written whole (forms, selections, frozen results).

pub mod cycle {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "evaluation_cycle")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub product_id: Uuid,
        pub subject_id: Uuid,
        pub year: i32,
        pub dossier_type: String,
        pub state: String,
        #[sea_orm(column_type = "Text")]
        pub idea: String,
        #[sea_orm(column_type = "Text", nullable)]
        pub business_plan: Option<String>,
        #[sea_orm(column_type = "Text", nullable)]
        pub form01: Option<String>,
        pub criteria_set_id: i32,
        #[sea_orm(column_type = "Text", nullable)]
        pub self_assessment: Option<String>,
        pub self_assessment_total: Option<i32>,
        pub samples: i32,
        #[sea_orm(column_type = "Text", nullable)]
        pub form03: Option<String>,
        pub submitted_on: Option<Date>,
        pub round_id: Option<Uuid>,
        #[sea_orm(column_type = "Text", nullable)]
        pub council_result: Option<String>,
        pub central_round_id: Option<Uuid>,
        #[sea_orm(column_type = "Text", nullable)]
        pub central_result: Option<String>,
        pub decided_on: Option<Date>,
        pub version: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        /// The council result's stars and average (integer hundredths), written with it: what
        /// reports count without reading the document.
        pub council_stars: Option<i16>,
        pub council_average_hundredths: Option<i64>,
        /// The same of the central result.
        pub central_stars: Option<i16>,
        pub central_average_hundredths: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod event {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "cycle_event")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub cycle_id: Uuid,
        pub from_state: Option<String>,
        pub to_state: String,
        pub actor_id: Uuid,
        #[sea_orm(column_type = "Text", nullable)]
        pub reason: Option<String>,
        pub at: DateTimeUtc,
        /// When the stay this move ends began: the dossier's previous move; none on the first.
        pub from_state_since: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod attachment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "dossier_attachment")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub cycle_id: Uuid,
        pub kind: String,
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

pub mod round {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "evaluation_round")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub level: String,
        pub year: i32,
        pub name: String,
        /// The name folded for search (`ocop_core::text::fold`).
        pub search_name: String,
        pub instrument: String,
        pub opened_on: Date,
        pub forwarded_before: Date,
        pub decide_before: Date,
        pub closed_at: Option<DateTimeUtc>,
        pub closed_by: Option<Uuid>,
        pub created_by: Uuid,
        pub version: i32,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod seat {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "council_seat")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub round_id: Uuid,
        pub user_id: Uuid,
        pub position: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod recusal {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "council_recusal")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub round_id: Uuid,
        pub cycle_id: Uuid,
        pub user_id: Uuid,
        #[sea_orm(column_type = "Text")]
        pub reason: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod sheet {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "score_sheet")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub round_id: Uuid,
        pub cycle_id: Uuid,
        pub member_id: Uuid,
        pub criteria_set_id: i32,
        #[sea_orm(column_type = "Text")]
        pub choices: String,
        pub total: Option<i32>,
        pub submitted_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub version: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod certificate {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "certificate")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub number: String,
        pub verification_code: String,
        pub product_id: Uuid,
        pub subject_id: Uuid,
        pub cycle_id: Uuid,
        pub stars: i32,
        pub issuing_level: String,
        pub issuing_body: String,
        pub decision_number: String,
        pub decision_signer: String,
        pub issued_on: Date,
        pub expires_on: Date,
        pub superseded_by: Option<Uuid>,
        pub superseded_on: Option<Date>,
        pub revoked_on: Option<Date>,
        pub revocation_ground: Option<String>,
        pub revocation_authority: Option<String>,
        pub revocation_number: Option<String>,
        pub revocation_signer: Option<String>,
        pub created_by: Uuid,
        pub created_at: DateTimeUtc,
        pub version: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
