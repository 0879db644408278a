//! The criteria library as read: instruments with whether each is in force, sheet summaries
//! (without their bodies) and one sheet whole.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ocop_core::{DomainError, DomainResult};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, QueryOrder, QuerySelect};

use crate::model::{
    CriteriaSetOut, CriteriaSetQuery, CriteriaSetSummary, CriteriaSheet, InstrumentOut,
};
use crate::store::criteria::{document, instrument, sheet};

/// The instruments `models`, each with how many product sets it publishes (first versions),
/// counted in one query.
pub(crate) async fn instrument_outs<C: ConnectionTrait>(
    db: &C,
    models: Vec<instrument::Model>,
    today: NaiveDate,
) -> DomainResult<Vec<InstrumentOut>> {
    let published: Vec<i32> = sheet::Entity::find()
        .select_only()
        .column(sheet::Column::InstrumentId)
        .filter(sheet::Column::InstrumentId.is_in(models.iter().map(|m| m.id)))
        .filter(sheet::Column::Version.eq(1))
        .into_tuple::<i32>()
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(models.len());
    for model in models {
        out.push(InstrumentOut {
            id: model.id,
            in_force: model.effective_from <= today
                && model.effective_to.is_none_or(|to| today <= to),
            document: document(&model)?,
            sheet_count: published.iter().filter(|i| **i == model.id).count() as u64,
        });
    }
    Ok(out)
}

pub async fn list_instruments<C: ConnectionTrait>(
    db: &C,
    today: NaiveDate,
) -> DomainResult<Vec<InstrumentOut>> {
    let models = instrument::Entity::find()
        .order_by_asc(instrument::Column::EffectiveFrom)
        .all(db)
        .await?;
    instrument_outs(db, models, today).await
}

pub(crate) fn summary(model: sheet::Model, instrument: &str) -> CriteriaSetSummary {
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
