//! Administrative units: the table, the reference data shipped in `data/units/`, the subtree
//! query behind every [`Scope`](crate::Scope), and the unit picker's list.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;
use sea_orm::entity::prelude::*;
use sea_orm::{Condition, ConnectionTrait, QueryOrder, QuerySelect, QueryTrait};

use crate::units::{UnitLevel, UnitOut, UnitQuery};
use crate::{DomainError, DomainResult, Principal, Scope, UnitId};

mod reference;

pub use reference::{load_reference_data, reform_day};

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

/// The rows of a unit-owned table a scope may see, by their `column` of unit ids: everything
/// for admins, the caller's subtree for officers and viewers, nothing for producers (who reach
/// rows through their subject, which unit-owned records of the programme do not have).
pub fn unit_scope<Col: ColumnTrait>(column: Col, scope: &Scope) -> Condition {
    match scope {
        Scope::All => Condition::all(),
        Scope::Subtree(root) => Condition::all().add(column.in_subquery(subtree_ids(*root))),
        Scope::Subject(_) | Scope::Nothing => {
            Condition::all().add(sea_orm::sea_query::Expr::val(false))
        }
    }
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
    rows.into_iter()
        .map(|u| to_out(u, &mut successors))
        .collect()
}

/// One unit the caller may see (their subtree, whatever its dates), with its successors: how
/// the SPA learns that the caller's own unit was abolished, and into what.
pub async fn get<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: UnitId,
) -> DomainResult<UnitOut> {
    if principal.role != crate::Role::SystemAdmin && !principal.covers_unit(id) {
        return Err(DomainError::not_found("unit"));
    }
    let unit = find(db, id).await?;
    let mut successors: HashMap<i32, Vec<UnitId>> = HashMap::new();
    for t in transition::Entity::find()
        .filter(transition::Column::OldUnitId.eq(id.0))
        .all(db)
        .await?
    {
        successors
            .entry(t.old_unit_id)
            .or_default()
            .push(UnitId(t.new_unit_id));
    }
    to_out(unit, &mut successors)
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

/// For every unit of `root`'s subtree (historical units included, through the closure), the
/// child or children of `root` in force on `day` it falls under: the groups a roll-up shows.
/// A unit under no such child (root itself, an abolished unit no current child absorbed) maps
/// to `root`. A commune split between two new ones falls under both. One query.
pub async fn groups_under<C: ConnectionTrait>(
    db: &C,
    root: UnitId,
    day: NaiveDate,
) -> DomainResult<HashMap<UnitId, Vec<UnitId>>> {
    // A child must be in force on the day on both ends: before the 2025 reform the districts
    // are the children, after it the new communes; counting both would count old communes twice.
    const GROUPS: &str = r#"
SELECT d.descendant_id AS unit_id, g.ancestor_id AS group_id
  FROM admin_unit_closure d
  LEFT JOIN admin_unit_closure g ON g.descendant_id = d.descendant_id
   AND g.ancestor_id IN (
       SELECT ch.id FROM admin_unit ch
        WHERE ch.parent_id = $1
          AND (ch.valid_from IS NULL OR ch.valid_from <= $2)
          AND (ch.valid_to IS NULL OR ch.valid_to >= $2))
 WHERE d.ancestor_id = $1
"#;
    let statement = sea_orm::Statement::from_sql_and_values(
        db.get_database_backend(),
        GROUPS,
        [root.0.into(), day.into()],
    );
    let rows = db.query_all_raw(statement).await?;
    let mut out: HashMap<UnitId, Vec<UnitId>> = HashMap::new();
    for row in rows {
        let unit: i32 = row.try_get("", "unit_id")?;
        let group: Option<i32> = row.try_get("", "group_id")?;
        out.entry(UnitId(unit))
            .or_default()
            .push(UnitId(group.unwrap_or(root.0)));
    }
    Ok(out)
}
