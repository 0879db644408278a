//! The criteria library: legal instruments and their scoring sheets, stored as published.
//! Nothing here updates or deletes a row: a corrected sheet is a new version, so a dossier
//! scored on version 1 reads the same forever.

use ocop_core::store::change::Change;
use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use ocop_core::store::audit;
use ocop_core::{Action, Caller, DomainError, DomainResult, FieldError};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, QueryOrder, QuerySelect};

use crate::model::{
    CriteriaSetOut, CriteriaSetQuery, CriteriaSetSummary, CriteriaSheet, InstrumentDoc,
    InstrumentOut,
};
use crate::{Problem, validate_with};

pub mod instrument {
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

pub mod sheet {
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

const INSTRUMENTS: &str = include_str!("../../../../data/criteria/instruments.json");

macro_rules! sheets_26_2026 {
    ($($code:literal),* $(,)?) => {
        &[$(($code, include_str!(concat!("../../../../data/criteria/26-2026/", $code, ".json")))),*]
    };
}

/// The 26 transcribed sheets of Decision 26/2026/QĐ-TTg, Phụ lục II.
const SHEETS_26_2026: &[(&str, &str)] = sheets_26_2026!(
    "I.1.a", "I.1.b", "I.2.a", "I.2.b", "I.3.a", "I.3.b", "I.3.c", "I.3.d", "I.4.a", "I.4.b",
    "I.5.a", "I.5.b", "I.6", "II.1.a", "II.1.b", "II.2.a", "II.2.b", "III.1", "III.2", "III.3",
    "IV.1", "IV.2", "V.1", "V.2", "V.3", "VI.1",
);

/// Corrected sheets shipped after the first publication, each stored once as the next version
/// of its set (a corrected sheet is a new version; version 1 stays as published). New dossiers
/// take the newest version.
const CORRECTIONS_26_2026: &[(&str, &str)] = &[(
    "I.5.a",
    include_str!("../../../../data/criteria/26-2026/corrections/I.5.a.v2.json"),
)];

#[derive(serde::Deserialize)]
struct InstrumentsFile {
    instruments: Vec<InstrumentDoc>,
}

fn bad_data(what: &str, err: impl std::fmt::Display) -> DomainError {
    DomainError::Internal(format!("criteria reference data, {what}: {err}"))
}

/// Stores the shipped instruments and sheets that are not stored yet. A shipped sheet that
/// fails validation stops the start: the data in the repository is wrong.
pub async fn load_reference_data(
    db: &DatabaseConnection,
    now: chrono::DateTime<Utc>,
) -> DomainResult<()> {
    let file: InstrumentsFile =
        serde_json::from_str(INSTRUMENTS).map_err(|e| bad_data("instruments.json", e))?;
    for doc in file.instruments {
        if find_instrument(db, &doc.code).await?.is_none() {
            let mut change = Change::begin(db, audit::Actor::System(now)).await?;
            insert_instrument(&mut change, doc).await?;
            change.commit().await?;
        }
    }
    let current = find_instrument(db, "26/2026/QĐ-TTg")
        .await?
        .ok_or_else(|| bad_data("instrument", "26/2026 missing"))?;
    let stored = sheet::Entity::find()
        .filter(sheet::Column::InstrumentId.eq(current.id))
        .count(db)
        .await?;
    let doc = document(&current)?;
    let mut txn = Change::begin(db, audit::Actor::System(now)).await?;
    let parse = |code: &str, json: &str| -> DomainResult<CriteriaSheet> {
        let parsed: CriteriaSheet = serde_json::from_str(json).map_err(|e| bad_data(code, e))?;
        check_sheet(&parsed, &doc).map_err(|problems| bad_data(code, format!("{problems:?}")))?;
        Ok(parsed)
    };
    if stored == 0 {
        for (code, json) in SHEETS_26_2026 {
            let parsed = parse(code, json)?;
            insert_sheet(&mut txn, &current, &parsed).await?;
        }
    }
    // A database that already holds version 1 gets the corrections too, once.
    for (code, json) in CORRECTIONS_26_2026 {
        let parsed = parse(code, json)?;
        if !is_stored(&txn, current.id, &parsed).await? {
            insert_sheet(&mut txn, &current, &parsed).await?;
        }
    }
    if txn.has_audit() {
        txn.commit().await?;
    }
    Ok(())
}

/// Whether some stored version of the sheet's set is this very sheet.
async fn is_stored<C: ConnectionTrait>(
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

async fn find_instrument<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> DomainResult<Option<instrument::Model>> {
    Ok(instrument::Entity::find()
        .filter(instrument::Column::Code.eq(code))
        .one(db)
        .await?)
}

fn document(model: &instrument::Model) -> DomainResult<InstrumentDoc> {
    serde_json::from_str(&model.document)
        .map_err(|e| DomainError::Internal(format!("stored instrument: {e}")))
}

fn check_instrument(doc: &InstrumentDoc) -> DomainResult<()> {
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

async fn insert_instrument(
    change: &mut Change<'_>,
    doc: InstrumentDoc,
) -> DomainResult<instrument::Model> {
    check_instrument(&doc)?;
    let model = instrument::ActiveModel {
        code: Set(doc.code.trim().to_string()),
        name: Set(doc.name.clone()),
        effective_from: Set(doc.effective_from),
        effective_to: Set(doc.effective_to),
        document: Set(
            serde_json::to_string(&doc).map_err(|e| DomainError::Internal(e.to_string()))?
        ),
        created_at: Set(change.at()),
        ..Default::default()
    }
    .insert(&*change)
    .await?;
    change.audit(
        "criteria_instrument",
        model.id,
        "criteria.instrument_import",
        serde_json::json!({"code": model.code}),
    );
    Ok(model)
}

/// The sheet against the part split of its own instrument, problems as 422 fields.
fn check_sheet(sheet: &CriteriaSheet, doc: &InstrumentDoc) -> Result<(), Vec<Problem>> {
    let split: Vec<(&str, u32)> = doc
        .part_maxima
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    validate_with(sheet, &split)
}

fn problems_to_error(problems: Vec<Problem>) -> DomainError {
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

async fn insert_sheet(
    change: &mut Change<'_>,
    instrument: &instrument::Model,
    sheet: &CriteriaSheet,
) -> DomainResult<sheet::Model> {
    let latest = sheet::Entity::find()
        .filter(sheet::Column::InstrumentId.eq(instrument.id))
        .filter(sheet::Column::ProductSet.eq(&sheet.product_set))
        .order_by_desc(sheet::Column::Version)
        .one(&*change)
        .await?;
    let actor = change.actor();
    let model = sheet::ActiveModel {
        instrument_id: Set(instrument.id),
        product_set: Set(sheet.product_set.clone()),
        version: Set(latest.map_or(1, |s| s.version + 1)),
        name: Set(sheet.name.clone()),
        sheet: Set(serde_json::to_string(sheet).map_err(|e| DomainError::Internal(e.to_string()))?),
        option_count: Set(i32::try_from(sheet.option_count()).unwrap_or(i32::MAX)),
        created_by: Set(actor.caller().map(|c| c.principal.user_id.0)),
        created_at: Set(change.at()),
        ..Default::default()
    }
    .insert(&*change)
    .await?;
    // Shipped sheets (the law as published, loaded at start) are recorded as a load by the
    // system; an import by a person is an act of theirs.
    let action = if actor.caller().is_some() {
        "criteria.sheet_import"
    } else {
        "criteria.sheet_load"
    };
    let changes = serde_json::json!({"instrument": instrument.code, "product_set": model.product_set, "version": model.version});
    change.audit("criteria_set", model.id, action, changes);
    Ok(model)
}

/// Imports a new instrument. Refused whole when inconsistent; an existing code is a conflict.
pub async fn import_instrument(
    db: &DatabaseConnection,
    caller: &Caller,
    doc: InstrumentDoc,
    today: NaiveDate,
) -> DomainResult<InstrumentOut> {
    caller.principal.require(Action::CriteriaManage)?;
    let mut txn = Change::begin(db, caller).await?;
    if find_instrument(&txn, doc.code.trim()).await?.is_some() {
        return Err(DomainError::Conflict {
            code: "duplicate",
            field: Some("code"),
        });
    }
    let model = insert_instrument(&mut txn, doc).await?;
    txn.commit().await?;
    instrument_out(db, model, today).await
}

/// Imports a sheet under its instrument as the next version of its product set. The sheet is
/// checked whole (parts, sums, best options, markers); any problem refuses it and stores nothing.
pub async fn import_sheet(
    db: &DatabaseConnection,
    caller: &Caller,
    sheet: CriteriaSheet,
) -> DomainResult<CriteriaSetSummary> {
    caller.principal.require(Action::CriteriaManage)?;
    let mut txn = Change::begin(db, caller).await?;
    let instrument = find_instrument(&txn, &sheet.decision)
        .await?
        .ok_or_else(|| DomainError::field("decision", "unknown_instrument"))?;
    check_sheet(&sheet, &document(&instrument)?).map_err(problems_to_error)?;
    let stored = insert_sheet(&mut txn, &instrument, &sheet).await?;
    txn.commit().await?;
    Ok(summary(stored, &instrument.code))
}

async fn instrument_out<C: ConnectionTrait>(
    db: &C,
    model: instrument::Model,
    today: NaiveDate,
) -> DomainResult<InstrumentOut> {
    let sheet_count = sheet::Entity::find()
        .filter(sheet::Column::InstrumentId.eq(model.id))
        .filter(sheet::Column::Version.eq(1))
        .count(db)
        .await?;
    Ok(InstrumentOut {
        id: model.id,
        in_force: model.effective_from <= today && model.effective_to.is_none_or(|to| today <= to),
        document: document(&model)?,
        sheet_count,
    })
}

pub async fn list_instruments<C: ConnectionTrait>(
    db: &C,
    today: NaiveDate,
) -> DomainResult<Vec<InstrumentOut>> {
    let mut out = Vec::new();
    for model in instrument::Entity::find()
        .order_by_asc(instrument::Column::EffectiveFrom)
        .all(db)
        .await?
    {
        out.push(instrument_out(db, model, today).await?);
    }
    Ok(out)
}

fn summary(model: sheet::Model, instrument: &str) -> CriteriaSetSummary {
    CriteriaSetSummary {
        id: model.id,
        instrument: instrument.to_string(),
        product_set: model.product_set,
        version: model.version,
        name: model.name,
        option_count: model.option_count,
        created_at: model.created_at,
    }
}

pub async fn list_sets<C: ConnectionTrait>(
    db: &C,
    query: &CriteriaSetQuery,
) -> DomainResult<Vec<CriteriaSetSummary>> {
    let instruments: BTreeMap<i32, String> = instrument::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i.code))
        .collect();
    let mut select = sheet::Entity::find()
        .select_only()
        .columns([
            sheet::Column::Id,
            sheet::Column::InstrumentId,
            sheet::Column::ProductSet,
            sheet::Column::Version,
            sheet::Column::Name,
            sheet::Column::OptionCount,
            sheet::Column::CreatedBy,
            sheet::Column::CreatedAt,
        ])
        // The body is not needed for a list; an empty string stands in for it.
        .column_as(Expr::value(""), "sheet")
        .order_by_asc(sheet::Column::Id);
    if let Some(code) = &query.instrument {
        let id = instruments
            .iter()
            .find(|(_, c)| *c == code)
            .map(|(id, _)| *id)
            .unwrap_or(-1);
        select = select.filter(sheet::Column::InstrumentId.eq(id));
    }
    if let Some(set) = &query.product_set {
        select = select.filter(sheet::Column::ProductSet.eq(set.trim()));
    }
    let rows = select.all(db).await?;
    let mut latest: BTreeMap<(i32, String), i32> = BTreeMap::new();
    for r in &rows {
        let v = latest
            .entry((r.instrument_id, r.product_set.clone()))
            .or_insert(r.version);
        *v = (*v).max(r.version);
    }
    Ok(rows
        .into_iter()
        .filter(|r| {
            !query.latest.unwrap_or(false)
                || latest.get(&(r.instrument_id, r.product_set.clone())) == Some(&r.version)
        })
        .map(|r| {
            let code = instruments
                .get(&r.instrument_id)
                .cloned()
                .unwrap_or_default();
            summary(r, &code)
        })
        .collect())
}

pub async fn get_set<C: ConnectionTrait>(db: &C, id: i32) -> DomainResult<CriteriaSetOut> {
    let model = sheet::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(DomainError::not_found("criteria_set"))?;
    let instrument = instrument::Entity::find_by_id(model.instrument_id)
        .one(db)
        .await?
        .ok_or(DomainError::not_found("criteria_instrument"))?;
    let sheet: CriteriaSheet = serde_json::from_str(&model.sheet)
        .map_err(|e| DomainError::Internal(format!("stored sheet {id}: {e}")))?;
    Ok(CriteriaSetOut {
        summary: summary(model, &instrument.code),
        sheet,
    })
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

/// The body of a stored sheet.
pub async fn sheet_of<C: ConnectionTrait>(db: &C, id: i32) -> DomainResult<CriteriaSheet> {
    Ok(get_set(db, id).await?.sheet)
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
