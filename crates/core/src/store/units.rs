//! Administrative units: the table, the reference data shipped in `data/units/`, the subtree
//! query behind every [`Scope`](crate::Scope), and the unit picker's list.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use sea_orm::entity::prelude::*;
use sea_orm::{
    ActiveValue::Set, Condition, ConnectionTrait, DatabaseConnection, FromQueryResult, QueryOrder,
    Statement, TransactionTrait,
};

use crate::units::{UnitLevel, UnitOut, UnitQuery};
use crate::{DomainError, DomainResult, Principal, UnitId};

pub mod unit {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "admin_unit")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub code: String,
        pub name: String,
        pub level: String,
        pub parent_id: Option<i32>,
        pub valid_from: Option<Date>,
        pub valid_to: Option<Date>,
        pub legal_basis: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod transition {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "admin_unit_transition")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub old_unit_id: i32,
        pub new_unit_id: i32,
        /// `whole`, or `part`/`remainder` for a commune split between two new ones.
        pub share: String,
        pub legal_basis: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The unit and everything under it: children in the tree, and through the transition table
/// the older units that became part of it (and their children). One recursive query.
pub async fn subtree<C: ConnectionTrait>(db: &C, root: UnitId) -> DomainResult<BTreeSet<UnitId>> {
    let backend = db.get_database_backend();
    let sql = format!(
        "WITH RECURSIVE edge(parent, child) AS ( \
             SELECT parent_id, id FROM admin_unit WHERE parent_id IS NOT NULL \
             UNION ALL SELECT new_unit_id, old_unit_id FROM admin_unit_transition \
         ), tree(id) AS ( \
             SELECT id FROM admin_unit WHERE id = {p} \
             UNION SELECT edge.child FROM edge JOIN tree ON edge.parent = tree.id \
         ) SELECT id FROM tree",
        p = super::placeholder(backend, 1)
    );
    #[derive(FromQueryResult)]
    struct Row {
        id: i32,
    }
    let rows = Row::find_by_statement(Statement::from_sql_and_values(
        backend,
        sql,
        [root.0.into()],
    ))
    .all(db)
    .await?;
    Ok(rows.into_iter().map(|r| UnitId(r.id)).collect())
}

pub async fn find<C: ConnectionTrait>(db: &C, id: UnitId) -> DomainResult<unit::Model> {
    unit::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(DomainError::not_found("unit"))
}

/// A unit the caller may attach a new record to: in their subtree and in force today.
pub async fn find_assignable<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: UnitId,
    field: &str,
    today: NaiveDate,
) -> DomainResult<unit::Model> {
    let unit = unit::Entity::find_by_id(id.0).one(db).await?;
    match unit {
        Some(u) if principal.covers_unit(id) => {
            let in_force =
                u.valid_from.is_none_or(|f| f <= today) && u.valid_to.is_none_or(|t| today <= t);
            if in_force {
                Ok(u)
            } else {
                Err(DomainError::field(field, "unit_not_in_force"))
            }
        }
        _ => Err(DomainError::field(field, "unknown_unit")),
    }
}

/// The units the caller may pick from, filtered.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    query: &UnitQuery,
    today: NaiveDate,
) -> DomainResult<Vec<UnitOut>> {
    let mut cond = Condition::all();
    if principal.role != crate::Role::SystemAdmin {
        cond = cond.add(unit::Column::Id.is_in(principal.units.iter().map(|u| u.0)));
    }
    if !query.history.unwrap_or(false) {
        let day = query.on.unwrap_or(today);
        cond = cond
            .add(
                Condition::any()
                    .add(unit::Column::ValidFrom.is_null())
                    .add(unit::Column::ValidFrom.lte(day)),
            )
            .add(
                Condition::any()
                    .add(unit::Column::ValidTo.is_null())
                    .add(unit::Column::ValidTo.gte(day)),
            );
    }
    if let Some(level) = query.level {
        cond = cond.add(unit::Column::Level.eq(level.as_str()));
    }
    if let Some(parent) = query.parent_id {
        cond = cond.add(unit::Column::ParentId.eq(parent));
    }
    let rows = unit::Entity::find()
        .filter(cond)
        .order_by_asc(unit::Column::Code)
        .all(db)
        .await?;
    let needle = query
        .q
        .as_deref()
        .map(crate::text::fold)
        .filter(|q| !q.is_empty());
    let rows: Vec<_> = rows
        .into_iter()
        .filter(|u| {
            needle.as_ref().is_none_or(|q| {
                u.code.starts_with(q.as_str()) || crate::text::fold(&u.name).contains(q)
            })
        })
        .collect();
    let ids: Vec<i32> = rows.iter().map(|u| u.id).collect();
    let mut successors: HashMap<i32, Vec<UnitId>> = HashMap::new();
    if !ids.is_empty() {
        for t in transition::Entity::find()
            .filter(transition::Column::OldUnitId.is_in(ids))
            .all(db)
            .await?
        {
            successors
                .entry(t.old_unit_id)
                .or_default()
                .push(UnitId(t.new_unit_id));
        }
    }
    Ok(rows
        .into_iter()
        .map(|u| to_out(u, &mut successors))
        .collect())
}

fn to_out(u: unit::Model, successors: &mut HashMap<i32, Vec<UnitId>>) -> UnitOut {
    UnitOut {
        id: UnitId(u.id),
        level: UnitLevel::parse(&u.level).unwrap_or(UnitLevel::Commune),
        successor_ids: successors.remove(&u.id).unwrap_or_default(),
        code: u.code,
        name: u.name,
        parent_id: u.parent_id.map(UnitId),
        valid_from: u.valid_from,
        valid_to: u.valid_to,
    }
}

/// Finds the unit with `code` that was in force on `day` (codes were reused in 2025).
pub async fn find_by_code_on<C: ConnectionTrait>(
    db: &C,
    code: &str,
    day: NaiveDate,
) -> DomainResult<unit::Model> {
    unit::Entity::find()
        .filter(unit::Column::Code.eq(code))
        .filter(
            Condition::any()
                .add(unit::Column::ValidFrom.is_null())
                .add(unit::Column::ValidFrom.lte(day)),
        )
        .filter(
            Condition::any()
                .add(unit::Column::ValidTo.is_null())
                .add(unit::Column::ValidTo.gte(day)),
        )
        .one(db)
        .await?
        .ok_or(DomainError::not_found("unit"))
}

mod files {
    pub const PROVINCES_BEFORE: &str =
        include_str!("../../../../data/units/provinces-before-2025.csv");
    pub const PROVINCES_2025: &str = include_str!("../../../../data/units/provinces-2025.csv");
    pub const DAKLAK_BEFORE: &str = include_str!("../../../../data/units/daklak-before-2025.csv");
    pub const PHUYEN_BEFORE: &str = include_str!("../../../../data/units/phuyen-before-2025.csv");
    pub const DAKLAK_2025: &str = include_str!("../../../../data/units/daklak-2025.csv");
    pub const DAKLAK_TRANSITION: &str =
        include_str!("../../../../data/units/daklak-transition-2025.csv");
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
pub async fn load_reference_data(db: &DatabaseConnection) -> DomainResult<bool> {
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

    let txn = db.begin().await?;
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
