//! Scoped reads of products: one product, a filtered page, and names by id for records already
//! read in scope. All scoped reads apply [`scope_condition`].

use std::collections::HashMap;

use ocop_core::{DomainError, DomainResult, Page, Principal, ProductId, Scope, UnitId, text};
use ocop_subjects::store as subjects;
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{ExprTrait, IntoColumnRef, LikeExpr, Query, SelectStatement};
use sea_orm::{Condition, ConnectionTrait, PaginatorTrait, QueryOrder, QuerySelect, QueryTrait};

use super::product;
use super::read::to_outs;
use crate::model::*;
use crate::store::classification::category;

/// The rows a scope may see. Private on purpose: every scoped query applies it.
fn scope_condition(scope: &Scope) -> Condition {
    match scope {
        Scope::All => Condition::all(),
        Scope::Subtree(_) | Scope::Nothing => Condition::all()
            .add(product::Column::SubjectId.in_subquery(subjects::ids_in_scope(scope))),
        Scope::Subject(id) => Condition::all().add(product::Column::SubjectId.eq(id.0)),
    }
}

/// The row of a product the principal may see; not found otherwise.
pub(crate) async fn get_model<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: ProductId,
) -> DomainResult<product::Model> {
    product::Entity::find_by_id(id.0)
        .filter(scope_condition(&principal.scope()))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("product"))
}

/// A product the principal may see.
pub async fn get<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: ProductId,
) -> DomainResult<ProductOut> {
    let model = get_model(db, principal, id).await?;
    to_outs(db, vec![model])
        .await?
        .pop()
        .ok_or(DomainError::not_found("product"))
}

/// The names of the products of records already read in scope (a dossier, a certificate, an
/// agenda entry), by id, in one query.
pub async fn names_by_ids<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> DomainResult<HashMap<Uuid, String>> {
    let rows: Vec<(Uuid, String)> = product::Entity::find()
        .select_only()
        .column(product::Column::Id)
        .column(product::Column::Name)
        .filter(product::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// A subquery of the ids of the products a scope may see, for tables that hang off products
/// (listings, products on sale): `product_id IN (…)` keeps them to the caller's products.
pub fn ids_visible_to(scope: &Scope) -> SelectStatement {
    product::Entity::find()
        .select_only()
        .column(product::Column::Id)
        .filter(scope_condition(scope))
        .into_query()
}

/// The name and subject of the products of records already read in scope, by id, in one query.
pub async fn names_and_subjects_by_ids<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> DomainResult<HashMap<Uuid, (String, Uuid)>> {
    let rows: Vec<(Uuid, String, Uuid)> = product::Entity::find()
        .select_only()
        .column(product::Column::Id)
        .column(product::Column::Name)
        .column(product::Column::SubjectId)
        .filter(product::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, subject)| (id, (name, subject)))
        .collect())
}

/// A subquery of the ids of the products whose name holds `folded` (a query already folded), for
/// the lists of records that hang off products to search by the product's name in SQL.
pub fn ids_named_like(folded: &str) -> SelectStatement {
    Query::select()
        .column(product::Column::Id)
        .from(product::Entity)
        .and_where(
            Expr::col(product::Column::SearchName)
                .like(LikeExpr::new(text::like_contains(folded)).escape('\\')),
        )
        .to_owned()
}

/// The folded name of the product that `product_id` (a column of the outer query) names: a
/// scalar subquery to sort another table's rows by their product's name.
pub fn name_key(product_id: impl IntoColumnRef) -> Expr {
    Query::select()
        .column(product::Column::SearchName)
        .from(product::Entity)
        .and_where(Expr::col((product::Entity, product::Column::Id)).equals(product_id))
        .to_owned()
        .into()
}

/// Products the principal may see, filtered, sorted and paged.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    query: &ProductQuery,
) -> DomainResult<Page<ProductOut>> {
    let (page, per_page) = ocop_core::PageQuery {
        page: query.page,
        per_page: query.per_page,
    }
    .resolve()?;
    let mut cond = scope_condition(&principal.scope());
    if let Some(unit) = query.unit_id {
        let scope = Scope::Subtree(UnitId(unit));
        cond = cond.add(product::Column::SubjectId.in_subquery(subjects::ids_in_scope(&scope)));
    }
    if let Some(subject) = query.subject_id {
        cond = cond.add(product::Column::SubjectId.eq(subject));
    }
    if let Some(status) = query.status {
        cond = cond.add(product::Column::Status.eq(status.as_str()));
    }
    if let Some(code) = query
        .product_set
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        // A sector or group code selects every product set under it.
        let mut categories = Query::select();
        categories
            .column(category::Column::Id)
            .from(category::Entity)
            .cond_where(
                Condition::any().add(category::Column::Code.eq(code)).add(
                    category::Column::Code.like(format!("{}.%", code.replace(['%', '_'], ""))),
                ),
            );
        cond = cond.add(product::Column::CategoryId.in_subquery(categories));
    }
    if let Some(q) = query.q.as_deref().map(text::fold).filter(|q| !q.is_empty()) {
        cond = cond.add(Expr::col(product::Column::SearchName).like(text::like_contains(&q)));
    }
    let select = product::Entity::find().filter(cond);
    let select = match query.sort.unwrap_or_default() {
        ProductSort::NameAsc => select.order_by_asc(product::Column::SearchName),
        ProductSort::NameDesc => select.order_by_desc(product::Column::SearchName),
        ProductSort::CreatedAsc => select.order_by_asc(product::Column::CreatedAt),
        ProductSort::CreatedDesc => select.order_by_desc(product::Column::CreatedAt),
        ProductSort::UpdatedDesc => select.order_by_desc(product::Column::UpdatedAt),
        ProductSort::PriceAsc => select.order_by_asc(product::Column::PriceMin),
        ProductSort::PriceDesc => select.order_by_desc(product::Column::PriceMin),
    }
    .order_by_asc(product::Column::Id);
    let paginator = select.paginate(db, per_page);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page - 1).await?;
    Ok(Page {
        items: to_outs(db, rows).await?,
        page,
        per_page,
        total,
    })
}
