//! The shipped unit data (the tree before and after the 2025 reform, and the transition table
//! between them), loaded into an empty database at start, and the closure derived from it. Both
//! are changes by the system: units are never written through the API.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, DatabaseConnection, QuerySelect};

use super::{closure, transition, unit};
use crate::store::audit::Actor;
use crate::store::change::Change;
use crate::units::UnitLevel;
use crate::{DomainError, DomainResult};

/// Derives the closure from the tree and the transitions when it is empty (a new database, or
/// one created before the closure existed). Edges run parent → child and new unit → old unit it
/// absorbed; each unit reaches itself and everything along them.
async fn fill_closure(db: &DatabaseConnection, now: DateTime<Utc>) -> DomainResult<()> {
    if closure::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let units: Vec<(i32, Option<i32>)> = unit::Entity::find()
        .select_only()
        .columns([unit::Column::Id, unit::Column::ParentId])
        .into_tuple()
        .all(db)
        .await?;
    let absorbed: Vec<(i32, i32)> = transition::Entity::find()
        .select_only()
        .columns([transition::Column::NewUnitId, transition::Column::OldUnitId])
        .into_tuple()
        .all(db)
        .await?;
    let mut below: HashMap<i32, Vec<i32>> = HashMap::new();
    for (id, parent) in &units {
        if let Some(parent) = parent {
            below.entry(*parent).or_default().push(*id);
        }
    }
    for (new, old) in absorbed {
        below.entry(new).or_default().push(old);
    }
    let mut rows = Vec::new();
    for (root, _) in &units {
        let mut seen = BTreeSet::from([*root]);
        let mut todo = vec![*root];
        while let Some(at) = todo.pop() {
            for next in below.get(&at).into_iter().flatten() {
                if seen.insert(*next) {
                    todo.push(*next);
                }
            }
        }
        rows.extend(seen.into_iter().map(|d| closure::ActiveModel {
            ancestor_id: Set(*root),
            descendant_id: Set(d),
        }));
    }
    let mut txn = Change::begin(db, Actor::System(now)).await?;
    let count = rows.len();
    // Chunks keep each statement under SQLite's and PostgreSQL's bind-parameter limits.
    for chunk in rows.chunks(1000) {
        closure::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    txn.audit(
        "admin_unit_closure",
        "all",
        "units.closure_derive",
        serde_json::json!({ "rows": count }),
    );
    txn.commit().await?;
    Ok(())
}

mod files {
    pub const PROVINCES_BEFORE: &str =
        include_str!("../../../../../data/units/provinces-before-2025.csv");
    pub const PROVINCES_2025: &str = include_str!("../../../../../data/units/provinces-2025.csv");
    pub const DAKLAK_BEFORE: &str =
        include_str!("../../../../../data/units/daklak-before-2025.csv");
    pub const PHUYEN_BEFORE: &str =
        include_str!("../../../../../data/units/phuyen-before-2025.csv");
    pub const DAKLAK_2025: &str = include_str!("../../../../../data/units/daklak-2025.csv");
    pub const DAKLAK_TRANSITION: &str =
        include_str!("../../../../../data/units/daklak-transition-2025.csv");
}

/// The day the two-level structure took effect (Decision 19/2025/QĐ-TTg, Resolution 202/2025/QH15).
pub fn reform_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()
}

struct Row {
    code: String,
    name: String,
    level: UnitLevel,
    parent_code: Option<String>,
    legal_basis: Option<String>,
}

/// Loads the shipped unit data into an empty table, in one transaction. Returns whether it loaded.
pub async fn load_reference_data(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> DomainResult<bool> {
    let loaded = load_units(db, now).await?;
    fill_closure(db, now).await?;
    Ok(loaded)
}

async fn load_units(db: &DatabaseConnection, now: DateTime<Utc>) -> DomainResult<bool> {
    if unit::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let old_to = reform_day().pred_opt();
    let new_from = Some(reform_day());
    let mut old_rows = parse(files::PROVINCES_BEFORE)?;
    old_rows.extend(parse(files::DAKLAK_BEFORE)?);
    old_rows.extend(parse(files::PHUYEN_BEFORE)?);
    let mut new_rows = parse(files::PROVINCES_2025)?;
    new_rows.extend(parse(files::DAKLAK_2025)?);
    // A province appears both in the national list and at the top of its own tree.
    dedup(&mut old_rows);
    dedup(&mut new_rows);

    let mut txn = Change::begin(db, Actor::System(now)).await?;
    let old_ids = insert_era(&txn, &old_rows, None, old_to).await?;
    let new_ids = insert_era(&txn, &new_rows, new_from, None).await?;

    let mut transitions = Vec::new();
    for rec in csv_records(files::PROVINCES_BEFORE)? {
        if let (Some(old), Some(new)) = (
            old_ids.get(&rec["code"]),
            new_ids.get(&rec["successor_code"]),
        ) {
            transitions.push((
                *old,
                *new,
                "whole".to_string(),
                Some("202/2025/QH15".to_string()),
            ));
        }
    }
    for rec in csv_records(files::DAKLAK_TRANSITION)? {
        let old = old_ids
            .get(&rec["old_code"])
            .ok_or_else(|| bad_data("transition old_code", &rec["old_code"]))?;
        let new = new_ids
            .get(&rec["new_code"])
            .ok_or_else(|| bad_data("transition new_code", &rec["new_code"]))?;
        let basis = format!("1660/NQ-UBTVQH15 Điều 1 khoản {}", rec["nq1660_item"]);
        transitions.push((*old, *new, rec["share"].clone(), Some(basis)));
    }
    let models = transitions
        .into_iter()
        .map(|(old, new, share, basis)| transition::ActiveModel {
            old_unit_id: Set(old),
            new_unit_id: Set(new),
            share: Set(share),
            legal_basis: Set(basis),
            ..Default::default()
        });
    transition::Entity::insert_many(models).exec(&txn).await?;
    txn.audit(
        "admin_unit",
        "all",
        "units.load",
        serde_json::json!({ "units": old_ids.len() + new_ids.len() }),
    );
    txn.commit().await?;
    Ok(true)
}

fn dedup(rows: &mut Vec<Row>) {
    let mut seen = std::collections::HashSet::new();
    rows.retain(|r| seen.insert(r.code.clone()));
}

/// Inserts one era's rows level by level, so each row's parent id is known. Returns code → id.
async fn insert_era<C: ConnectionTrait>(
    db: &C,
    rows: &[Row],
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
) -> DomainResult<HashMap<String, i32>> {
    let mut ids: HashMap<String, i32> = HashMap::new();
    for level in [UnitLevel::Province, UnitLevel::District, UnitLevel::Commune] {
        let mut batch = Vec::new();
        for r in rows.iter().filter(|r| r.level == level) {
            let parent_id = match &r.parent_code {
                Some(code) => Some(*ids.get(code).ok_or_else(|| bad_data("parent_code", code))?),
                None => None,
            };
            batch.push(unit::ActiveModel {
                code: Set(r.code.clone()),
                name: Set(r.name.clone()),
                level: Set(level.as_str().to_string()),
                parent_id: Set(parent_id),
                valid_from: Set(valid_from),
                valid_to: Set(valid_to),
                legal_basis: Set(r.legal_basis.clone()),
                ..Default::default()
            });
        }
        if batch.is_empty() {
            continue;
        }
        let codes: Vec<String> = batch.iter().filter_map(|m| m.code.clone().take()).collect();
        unit::Entity::insert_many(batch).exec(db).await?;
        let era = match valid_from {
            Some(from) => unit::Column::ValidFrom.eq(from),
            None => unit::Column::ValidFrom.is_null(),
        };
        let inserted = unit::Entity::find()
            .filter(era)
            .filter(unit::Column::Code.is_in(codes))
            .all(db)
            .await?;
        ids.extend(inserted.into_iter().map(|u| (u.code, u.id)));
    }
    Ok(ids)
}

fn parse(data: &str) -> DomainResult<Vec<Row>> {
    csv_records(data)?
        .into_iter()
        .map(|rec| {
            let level =
                UnitLevel::parse(&rec["level"]).ok_or_else(|| bad_data("level", &rec["level"]))?;
            Ok(Row {
                code: rec["code"].clone(),
                name: rec["name"].clone(),
                level,
                parent_code: rec.get("parent_code").filter(|c| !c.is_empty()).cloned(),
                legal_basis: rec.get("legal_basis").filter(|c| !c.is_empty()).cloned(),
            })
        })
        .collect()
}

/// Reads a CSV into header → value maps; a missing column reads as empty.
fn csv_records(data: &str) -> DomainResult<Vec<Record>> {
    let mut reader = csv::Reader::from_reader(data.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| bad_data("csv header", &e.to_string()))?
        .clone();
    reader
        .records()
        .map(|rec| {
            let rec = rec.map_err(|e| bad_data("csv", &e.to_string()))?;
            Ok(Record(
                headers
                    .iter()
                    .zip(rec.iter())
                    .map(|(h, v)| (h.to_string(), v.trim().to_string()))
                    .collect(),
            ))
        })
        .collect()
}

struct Record(HashMap<String, String>);

impl Record {
    fn get(&self, key: &str) -> Option<&String> {
        self.0.get(key)
    }
}

impl std::ops::Index<&str> for Record {
    type Output = String;
    fn index(&self, key: &str) -> &String {
        static EMPTY: String = String::new();
        self.0.get(key).unwrap_or(&EMPTY)
    }
}

fn bad_data(what: &str, value: &str) -> DomainError {
    DomainError::Internal(format!("unit reference data: bad {what} {value:?}"))
}
