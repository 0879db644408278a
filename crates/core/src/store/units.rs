//! Administrative units: the table, the reference data shipped in `data/units/`, the subtree
//! query behind every [`Scope`](crate::Scope), and the unit picker's list.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{
    ActiveValue::Set, Condition, ConnectionTrait, DatabaseConnection, QueryOrder, QuerySelect,
    QueryTrait,
};

use super::audit::Actor;
use super::change::Change;
use crate::units::{UnitLevel, UnitOut, UnitQuery};
use crate::{DomainError, DomainResult, Principal, UnitId};

pub(crate) mod unit {
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

pub(crate) mod transition {
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

/// Every (unit, unit in its subtree) pair, derived from the tree and the transitions at start.
pub(crate) mod closure {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "admin_unit_closure")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub ancestor_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub descendant_id: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The ids of the units in `root`'s subtree, as a subquery for `column IN (…)`: how every
/// scoped query keeps to a caller's units without sending them the list.
pub fn subtree_ids(root: UnitId) -> sea_orm::sea_query::SelectStatement {
    subtree_select(root).into_query()
}

fn subtree_select(root: UnitId) -> sea_orm::Select<closure::Entity> {
    closure::Entity::find()
        .select_only()
        .column(closure::Column::DescendantId)
        .filter(closure::Column::AncestorId.eq(root.0))
}

/// The unit and everything under it: children in the tree, and through the transition table
/// the older units that became part of it (and their children). One recursive query.
/// The unit and everything under it: children in the tree, and through the transition table
/// the older units that became part of it (and their children).
pub async fn subtree<C: ConnectionTrait>(db: &C, root: UnitId) -> DomainResult<BTreeSet<UnitId>> {
    let ids: Vec<i32> = subtree_select(root).into_tuple().all(db).await?;
    Ok(ids.into_iter().map(UnitId).collect())
}

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

/// Subtrees computed once per unit and process. The units and their transitions are reference
/// data, written only while the server starts (`load_reference_data`) and never through the API,
/// so a cached subtree cannot go stale while the process runs, and every process computes the
/// same one: a per-process cache is harmless here.
#[derive(Debug, Default)]
pub struct SubtreeCache(std::sync::RwLock<HashMap<UnitId, Arc<BTreeSet<UnitId>>>>);

impl SubtreeCache {
    /// [`subtree`] of `root`, read from the database the first time only.
    pub async fn get<C: ConnectionTrait>(
        &self,
        db: &C,
        root: UnitId,
    ) -> DomainResult<Arc<BTreeSet<UnitId>>> {
        // A poisoned lock only means another request panicked mid-insert; the map is still whole.
        let cached = match self.0.read() {
            Ok(map) => map.get(&root).cloned(),
            Err(poisoned) => poisoned.into_inner().get(&root).cloned(),
        };
        if let Some(found) = cached {
            return Ok(found);
        }
        let computed = Arc::new(subtree(db, root).await?);
        let mut map = match self.0.write() {
            Ok(map) => map,
            Err(poisoned) => poisoned.into_inner(),
        };
        Ok(map.entry(root).or_insert(computed).clone())
    }
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
        .collect::<DomainResult<_>>()?)
}

fn to_out(u: unit::Model, successors: &mut HashMap<i32, Vec<UnitId>>) -> DomainResult<UnitOut> {
    let level = UnitLevel::parse(&u.level)
        .ok_or_else(|| DomainError::Internal(format!("admin_unit.level holds {:?}", u.level)))?;
    Ok(UnitOut {
        id: UnitId(u.id),
        level,
        successor_ids: successors.remove(&u.id).unwrap_or_default(),
        code: u.code,
        name: u.name,
        parent_id: u.parent_id.map(UnitId),
        valid_from: u.valid_from,
        valid_to: u.valid_to,
    })
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

/// The names of units, by id, in one query.
pub async fn names_by_ids<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> DomainResult<HashMap<i32, String>> {
    let ids: Vec<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = unit::Entity::find()
        .filter(unit::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|u| (u.id, u.name)).collect())
}
