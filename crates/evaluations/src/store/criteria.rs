//! The criteria library's rows: legal instruments and their scoring sheets, stored as
//! published, their checks and the queries other modules score with. Nothing updates or deletes
//! a row: a corrected sheet is a new version, so a dossier scored on version 1 reads the same
//! forever. The read model is in [`super::read::criteria`]; imports in `service::criteria`.

use chrono::NaiveDate;
use ocop_core::{DomainError, DomainResult, FieldError};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, QueryOrder, QuerySelect};

use crate::model::{CriteriaSheet, InstrumentDoc};
use crate::{Problem, validate_with};

pub(crate) mod instrument {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "criteria_instrument")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub code: String,
        pub name: String,
        pub effective_from: Date,
        pub effective_to: Option<Date>,
        #[sea_orm(column_type = "Text")]
        pub document: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod sheet {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "criteria_set")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub instrument_id: i32,
        pub product_set: String,
        pub version: i32,
        pub name: String,
        #[sea_orm(column_type = "Text")]
        pub sheet: String,
        pub option_count: i32,
        pub created_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Whether some stored version of the sheet's set is this very sheet.
pub(crate) async fn is_stored<C: ConnectionTrait>(
    db: &C,
    instrument_id: i32,
    sheet: &CriteriaSheet,
) -> DomainResult<bool> {
    let versions = sheet::Entity::find()
        .filter(sheet::Column::InstrumentId.eq(instrument_id))
        .filter(sheet::Column::ProductSet.eq(&sheet.product_set))
        .all(db)
        .await?;
    Ok(versions.iter().any(|v| {
        serde_json::from_str::<CriteriaSheet>(&v.sheet).is_ok_and(|stored| &stored == sheet)
    }))
}

pub(crate) async fn find_instrument<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> DomainResult<Option<instrument::Model>> {
    Ok(instrument::Entity::find()
        .filter(instrument::Column::Code.eq(code))
        .one(db)
        .await?)
}

pub(crate) fn document(model: &instrument::Model) -> DomainResult<InstrumentDoc> {
    serde_json::from_str(&model.document)
        .map_err(|e| DomainError::Internal(format!("stored instrument: {e}")))
}

pub(crate) fn check_instrument(doc: &InstrumentDoc) -> DomainResult<()> {
    let mut errors = Vec::new();
    if doc.code.trim().is_empty() || doc.code.len() > 64 {
        errors.push(FieldError::new("code", "length"));
    }
    if doc.part_maxima.values().sum::<u32>() != 100 {
        errors.push(FieldError::new("part_maxima", "parts_total"));
    }
    if doc.effective_to.is_some_and(|to| to < doc.effective_from) {
        errors.push(FieldError::new("effective_to", "before_start"));
    }
    let stars: Vec<u8> = doc
        .recognition
        .iter()
        .flat_map(|r| r.stars.iter().copied())
        .collect();
    if stars.iter().any(|s| !(3..=5).contains(s))
        || (3..=5).any(|s| stars.iter().filter(|x| **x == s).count() != 1)
    {
        errors.push(FieldError::new("recognition", "stars_3_to_5_once"));
    }
    if doc.certificate_months == 0 {
        errors.push(FieldError::new("certificate_months", "range"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(DomainError::Validation(errors))
    }
}

/// The sheet against the part split of its own instrument, problems as 422 fields.
pub(crate) fn check_sheet(sheet: &CriteriaSheet, doc: &InstrumentDoc) -> Result<(), Vec<Problem>> {
    let split: Vec<(&str, u32)> = doc
        .part_maxima
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    validate_with(sheet, &split)
}

pub(crate) fn problems_to_error(problems: Vec<Problem>) -> DomainError {
    DomainError::Validation(
        problems
            .into_iter()
            .map(|p| FieldError {
                field: format!("sheet[{}]", p.node),
                code: rule_code(&p),
                message: p.message,
            })
            .collect(),
    )
}

fn rule_code(problem: &Problem) -> String {
    serde_json::to_value(problem.rule)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "invalid".into())
}

/// A stored level; rows only ever hold the names of [`crate::RecognitionLevel`], so another
/// is a fault.
pub(crate) fn parse_level(column: &str, value: &str) -> DomainResult<crate::RecognitionLevel> {
    crate::RecognitionLevel::parse(value)
        .ok_or_else(|| DomainError::Internal(format!("{column}: unknown level {value:?}")))
}

/// The latest sheet of `product_set` under the instrument `code`, if there is one.
pub async fn latest_set_for<C: ConnectionTrait>(
    db: &C,
    code: &str,
    product_set: &str,
) -> DomainResult<Option<i32>> {
    let Some(instrument) = find_instrument(db, code).await? else {
        return Ok(None);
    };
    Ok(sheet::Entity::find()
        .select_only()
        .column(sheet::Column::Id)
        .filter(sheet::Column::InstrumentId.eq(instrument.id))
        .filter(sheet::Column::ProductSet.eq(product_set.trim()))
        .order_by_desc(sheet::Column::Version)
        .into_tuple::<i32>()
        .one(db)
        .await?)
}

/// The product set of each stored sheet among `ids`.
pub async fn product_sets<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> DomainResult<std::collections::HashMap<i32, String>> {
    Ok(sheet::Entity::find()
        .select_only()
        .columns([sheet::Column::Id, sheet::Column::ProductSet])
        .filter(sheet::Column::Id.is_in(ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// The product set's code and name of each stored sheet among `ids`.
pub async fn product_set_labels<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> DomainResult<std::collections::HashMap<i32, (String, String)>> {
    Ok(sheet::Entity::find()
        .select_only()
        .columns([
            sheet::Column::Id,
            sheet::Column::ProductSet,
            sheet::Column::Name,
        ])
        .filter(sheet::Column::Id.is_in(ids))
        .into_tuple::<(i32, String, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, code, name)| (id, (code, name)))
        .collect())
}

/// The body of a stored sheet.
pub async fn sheet_of<C: ConnectionTrait>(db: &C, id: i32) -> DomainResult<CriteriaSheet> {
    let model = sheet::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::not_found("criteria_set"))?;
    serde_json::from_str(&model.sheet)
        .map_err(|e| DomainError::Internal(format!("stored sheet {id}: {e}")))
}

/// The instrument that governs new work started on `day`, as stored: an imported instrument
/// governs from its effective date like a shipped one.
pub async fn instrument_in_force<C: ConnectionTrait>(
    db: &C,
    day: NaiveDate,
) -> DomainResult<Option<InstrumentDoc>> {
    let mut docs = Vec::new();
    for model in instrument::Entity::find()
        .filter(instrument::Column::EffectiveFrom.lte(day))
        .all(db)
        .await?
    {
        docs.push(document(&model)?);
    }
    Ok(crate::instrument_in_force(&docs, day).cloned())
}

/// The level that recognises `stars` under the instrument in force on `day`; a 422 on `field`
/// when none does.
pub async fn recognising_level<C: ConnectionTrait>(
    db: &C,
    day: NaiveDate,
    stars: u8,
    field: &'static str,
) -> DomainResult<crate::RecognitionLevel> {
    instrument_in_force(db, day)
        .await?
        .and_then(|doc| doc.recognising_level(stars))
        .ok_or_else(|| DomainError::field(field, "no_recognising_level"))
}
