//! Points of sale and the products on sale there. A point belongs to a commune and is read within
//! the caller's unit subtree; its products are rows of their own with `since`/`until` days, so a
//! count as of a past day stays what it was.

use crate::store::versioned;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::store::units;
use ocop_core::{
    Action, DomainError, DomainResult, Page, Principal, ProductId, Scope, SubjectId, UnitId,
};
use sea_orm::entity::prelude::*;
use sea_orm::{
    ActiveValue::Set, Condition, ConnectionTrait, PaginatorTrait, QueryOrder, QuerySelect,
};

use crate::model::*;
use crate::store::entities::{point_of_sale, point_of_sale_product as sale};

/// The points a scope may see: those in its unit subtree. Producers have no unit scope here.
fn scope_condition(scope: &Scope) -> Condition {
    match scope {
        Scope::All => Condition::all(),
        Scope::Subtree(root) => Condition::all()
            .add(point_of_sale::Column::UnitId.in_subquery(units::subtree_ids(*root))),
        Scope::Subject(_) | Scope::Nothing => Condition::all().add(Expr::val(false)),
    }
}

/// Sales running on `day`: started on or before it and not ended before it.
fn on_sale_on(day: NaiveDate) -> Condition {
    Condition::all().add(sale::Column::Since.lte(day)).add(
        Condition::any()
            .add(sale::Column::Until.is_null())
            .add(sale::Column::Until.gte(day)),
    )
}

/// The row of a point the principal may see; not found otherwise. `lock` takes the row lock
/// (PostgreSQL; SQLite's single writer already serialises), so that two changes to the same
/// point's products run one after the other.
pub(crate) async fn point_model<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: PointOfSaleId,
    lock: bool,
) -> DomainResult<point_of_sale::Model> {
    let mut select =
        point_of_sale::Entity::find_by_id(id.0).filter(scope_condition(&principal.scope()));
    if lock {
        select = select.lock_exclusive();
    }
    select
        .one(db)
        .await?
        .ok_or(DomainError::not_found("point_of_sale"))
}

pub(crate) fn point_to_out(
    m: point_of_sale::Model,
    unit_name: String,
    product_count: i64,
) -> DomainResult<PointOfSaleOut> {
    let kind = PointOfSaleKind::parse(&m.kind)
        .ok_or_else(|| DomainError::Internal(format!("point of sale kind {}", m.kind)))?;
    Ok(PointOfSaleOut {
        id: PointOfSaleId(m.id),
        kind,
        name: m.name,
        unit_id: UnitId(m.unit_id),
        unit_name,
        address: m.address,
        latitude: m.latitude,
        longitude: m.longitude,
        operator_subject_id: m.operator_subject_id.map(SubjectId),
        opened_on: m.opened_on,
        closed_on: m.closed_on,
        product_count,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

/// The products on sale on `day` at each of `points`, in one grouped query.
async fn counts_on<C: ConnectionTrait>(
    db: &C,
    points: &[Uuid],
    day: NaiveDate,
) -> DomainResult<HashMap<Uuid, i64>> {
    if points.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, i64)> = sale::Entity::find()
        .select_only()
        .column(sale::Column::PointOfSaleId)
        .column_as(sale::Column::Id.count(), "n")
        .filter(sale::Column::PointOfSaleId.is_in(points.iter().copied()))
        .filter(on_sale_on(day))
        .group_by(sale::Column::PointOfSaleId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Points with their unit names and product counts on `day`, two batched queries.
async fn to_outs<C: ConnectionTrait>(
    db: &C,
    rows: Vec<point_of_sale::Model>,
    day: NaiveDate,
) -> DomainResult<Vec<PointOfSaleOut>> {
    let ids: Vec<Uuid> = rows.iter().map(|m| m.id).collect();
    let counts = counts_on(db, &ids, day).await?;
    let mut names = units::names_by_ids(db, rows.iter().map(|m| m.unit_id)).await?;
    rows.into_iter()
        .map(|m| {
            let name = names.remove(&m.unit_id).unwrap_or_default();
            let count = counts.get(&m.id).copied().unwrap_or(0);
            // Two points in one unit: the name is needed again.
            names.insert(m.unit_id, name.clone());
            point_to_out(m, name, count)
        })
        .collect()
}

/// Points of sale in scope, filtered and paged; `product_count` is as of `open_on`, else today.
pub async fn points<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    query: &PointOfSaleQuery,
    today: NaiveDate,
) -> DomainResult<Page<PointOfSaleOut>> {
    principal.require(Action::PlansRead)?;
    let (page, per_page) = ocop_core::PageQuery {
        page: query.page,
        per_page: query.per_page,
    }
    .resolve()?;
    let mut cond = scope_condition(&principal.scope());
    if let Some(unit) = query.unit_id {
        cond = cond.add(point_of_sale::Column::UnitId.in_subquery(units::subtree_ids(unit)));
    }
    if let Some(kind) = query.kind {
        cond = cond.add(point_of_sale::Column::Kind.eq(kind.as_str()));
    }
    // Open on a day: opened by then and not closed that day (as the `points_of_sale` metric
    // counts them).
    if let Some(day) = query.open_on {
        cond = cond.add(point_of_sale::Column::OpenedOn.lte(day)).add(
            Condition::any()
                .add(point_of_sale::Column::ClosedOn.is_null())
                .add(point_of_sale::Column::ClosedOn.gt(day)),
        );
    }
    let select = point_of_sale::Entity::find()
        .filter(cond)
        .order_by_asc(point_of_sale::Column::Name)
        .order_by_asc(point_of_sale::Column::Id);
    let paginator = select.paginate(db, per_page);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page - 1).await?;
    Ok(Page {
        items: to_outs(db, rows, query.open_on.unwrap_or(today)).await?,
        page,
        per_page,
        total,
    })
}

/// One point of sale in scope, with the products on sale today.
pub async fn point<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: PointOfSaleId,
    today: NaiveDate,
) -> DomainResult<PointOfSaleOut> {
    principal.require(Action::PlansRead)?;
    let model = point_model(db, principal, id, false).await?;
    to_outs(db, vec![model], today)
        .await?
        .pop()
        .ok_or(DomainError::not_found("point_of_sale"))
}

/// Sale rows with their product and subject names, two batched queries.
async fn sales_to_outs<C: ConnectionTrait>(
    db: &C,
    rows: Vec<sale::Model>,
) -> DomainResult<Vec<ProductOnSaleOut>> {
    let products = ocop_products::store::products::names_and_subjects_by_ids(
        db,
        rows.iter().map(|r| r.product_id),
    )
    .await?;
    let subjects =
        ocop_subjects::store::names_by_ids(db, products.values().map(|(_, subject)| *subject))
            .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let (product_name, subject_name) = match products.get(&r.product_id) {
                Some((name, subject)) => (
                    name.clone(),
                    subjects.get(subject).cloned().unwrap_or_default(),
                ),
                None => (String::new(), String::new()),
            };
            ProductOnSaleOut {
                point_of_sale_id: PointOfSaleId(r.point_of_sale_id),
                product_id: ProductId(r.product_id),
                product_name,
                subject_name,
                since: r.since,
                until: r.until,
            }
        })
        .collect())
}

pub(crate) async fn sale_to_out<C: ConnectionTrait>(
    db: &C,
    row: sale::Model,
) -> DomainResult<ProductOnSaleOut> {
    sales_to_outs(db, vec![row])
        .await?
        .pop()
        .ok_or(DomainError::not_found("product"))
}

/// The products on sale at a point in scope, current and past, the latest first.
pub async fn products_on_sale<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: PointOfSaleId,
) -> DomainResult<Vec<ProductOnSaleOut>> {
    principal.require(Action::PlansRead)?;
    let point = point_model(db, principal, id, false).await?;
    let rows = sale::Entity::find()
        .filter(sale::Column::PointOfSaleId.eq(point.id))
        .order_by_desc(sale::Column::Since)
        .order_by_asc(sale::Column::Id)
        .all(db)
        .await?;
    sales_to_outs(db, rows).await
}

/// The sales of a product at a point that are still running on or after `from`: a new sale from
/// `from` would overlap them.
pub(crate) async fn open_sales_of<C: ConnectionTrait>(
    db: &C,
    point: Uuid,
    product: Uuid,
    from: NaiveDate,
) -> DomainResult<Vec<sale::Model>> {
    Ok(sale::Entity::find()
        .filter(sale::Column::PointOfSaleId.eq(point))
        .filter(sale::Column::ProductId.eq(product))
        .filter(
            Condition::any()
                .add(sale::Column::Until.is_null())
                .add(sale::Column::Until.gte(from)),
        )
        .all(db)
        .await?)
}

/// The sale of a product at a point that has not ended, if any.
pub(crate) async fn running_sale<C: ConnectionTrait>(
    db: &C,
    point: Uuid,
    product: Uuid,
) -> DomainResult<Option<sale::Model>> {
    Ok(sale::Entity::find()
        .filter(sale::Column::PointOfSaleId.eq(point))
        .filter(sale::Column::ProductId.eq(product))
        .filter(sale::Column::Until.is_null())
        .one(db)
        .await?)
}

pub(crate) async fn insert_point<C: ConnectionTrait>(
    db: &C,
    model: point_of_sale::ActiveModel,
) -> DomainResult<point_of_sale::Model> {
    Ok(model.insert(db).await?)
}

/// Writes the row only if its version is still the one read, and bumps the version.
pub(crate) async fn save_point<C: ConnectionTrait>(
    db: &C,
    model: point_of_sale::ActiveModel,
    current: &point_of_sale::Model,
    now: DateTime<Utc>,
) -> DomainResult<point_of_sale::Model> {
    versioned::save::<point_of_sale::Entity, _>(db, model, current.id, current.version, now).await
}

pub(crate) async fn insert_sale<C: ConnectionTrait>(
    db: &C,
    model: sale::ActiveModel,
) -> DomainResult<sale::Model> {
    Ok(model.insert(db).await?)
}

/// Sets the last day of a running sale.
pub(crate) async fn end_sale_row<C: ConnectionTrait>(
    db: &C,
    row: sale::Model,
    until: NaiveDate,
) -> DomainResult<sale::Model> {
    let mut model: sale::ActiveModel = row.into();
    model.until = Set(Some(until));
    Ok(model.update(db).await?)
}
