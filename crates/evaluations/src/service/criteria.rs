//! The criteria library as acts: a person imports an instrument or a sheet (announced), the
//! start-up loads the shipped law (recorded as the system's load, announced to no one: it is
//! reference data every installation has).

use chrono::{NaiveDate, Utc};
use ocop_core::store::audit;
use ocop_core::store::change::Change;
use ocop_core::{Action, Caller, DomainError, DomainResult};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, DatabaseConnection, PaginatorTrait, QueryOrder};
use serde_json::json;

use crate::events::{CRITERIA_INSTRUMENT_IMPORTED, CRITERIA_SHEET_IMPORTED};
use crate::model::{CriteriaSetSummary, CriteriaSheet, InstrumentDoc, InstrumentOut};
use crate::store::criteria::{
    check_instrument, check_sheet, document, find_instrument, instrument, is_stored,
    problems_to_error, sheet,
};
use crate::store::read::criteria::{instrument_outs, summary};

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
    let mut change = Change::begin(db, audit::Actor::System(now)).await?;
    let parse = |code: &str, json: &str| -> DomainResult<CriteriaSheet> {
        let parsed: CriteriaSheet = serde_json::from_str(json).map_err(|e| bad_data(code, e))?;
        check_sheet(&parsed, &doc).map_err(|problems| bad_data(code, format!("{problems:?}")))?;
        Ok(parsed)
    };
    if stored == 0 {
        for (code, json) in SHEETS_26_2026 {
            let parsed = parse(code, json)?;
            insert_sheet(&mut change, &current, &parsed).await?;
        }
    }
    // A database that already holds version 1 gets the corrections too, once.
    for (code, json) in CORRECTIONS_26_2026 {
        let parsed = parse(code, json)?;
        if !is_stored(&change, current.id, &parsed).await? {
            insert_sheet(&mut change, &current, &parsed).await?;
        }
    }
    if change.has_audit() {
        change.commit().await?;
    }
    Ok(())
}

/// Stores a checked instrument and records it; the announcement is the importer's.
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
        json!({"code": model.code}),
    );
    Ok(model)
}

/// Stores a sheet as the next version of its set under `instrument` and records it.
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
    let changes = json!({"instrument": instrument.code, "product_set": model.product_set, "version": model.version});
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
    let mut change = Change::begin(db, caller).await?;
    if find_instrument(&change, doc.code.trim()).await?.is_some() {
        return Err(DomainError::Conflict {
            code: "duplicate",
            field: Some("code"),
        });
    }
    let model = insert_instrument(&mut change, doc).await?;
    // An instrument never changes once stored (a correction is another instrument): version 1.
    change.emit(
        CRITERIA_INSTRUMENT_IMPORTED,
        model.id,
        1,
        &json!({"id": model.id, "code": model.code, "effective_from": model.effective_from, "effective_to": model.effective_to}),
    )?;
    change.commit().await?;
    instrument_outs(db, vec![model], today)
        .await?
        .pop()
        .ok_or(DomainError::not_found("criteria_instrument"))
}

/// Imports a sheet under its instrument as the next version of its product set. The sheet is
/// checked whole (parts, sums, best options, markers); any problem refuses it and stores nothing.
pub async fn import_sheet(
    db: &DatabaseConnection,
    caller: &Caller,
    sheet: CriteriaSheet,
) -> DomainResult<CriteriaSetSummary> {
    caller.principal.require(Action::CriteriaManage)?;
    let mut change = Change::begin(db, caller).await?;
    let instrument = find_instrument(&change, &sheet.decision)
        .await?
        .ok_or_else(|| DomainError::field("decision", "unknown_instrument"))?;
    check_sheet(&sheet, &document(&instrument)?).map_err(problems_to_error)?;
    let stored = insert_sheet(&mut change, &instrument, &sheet).await?;
    change.emit(
        CRITERIA_SHEET_IMPORTED,
        stored.id,
        stored.version,
        &json!({"id": stored.id, "instrument": instrument.code, "product_set": stored.product_set, "version": stored.version}),
    )?;
    change.commit().await?;
    Ok(summary(stored, &instrument.code))
}
