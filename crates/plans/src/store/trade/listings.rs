//! E-commerce listings of products. A listing is in scope exactly when its product is (the
//! products crate's scope: a producer its own, an officer its subtree's subjects' products).

use crate::store::versioned;
use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::{DomainError, DomainResult, Page, Principal, ProductId, Scope, SubjectId};
use ocop_products::store::products;
use sea_orm::entity::prelude::*;
use sea_orm::{Condition, ConnectionTrait, PaginatorTrait, QueryOrder};

use super::require_trade_read;
use crate::model::*;
use crate::store::entities::listing;

fn scope_condition(scope: &Scope) -> Condition {
    match scope {
        Scope::All => Condition::all(),
        _ => Condition::all()
            .add(listing::Column::ProductId.in_subquery(products::ids_visible_to(scope))),
    }
}

/// The row of a listing the principal may see; not found otherwise.
pub(crate) async fn listing_model<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: ListingId,
) -> DomainResult<listing::Model> {
    listing::Entity::find_by_id(id.0)
        .filter(scope_condition(&principal.scope()))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("listing"))
}

/// Listings with their products' names and subjects, one batched query.
pub(crate) async fn to_listing_outs<C: ConnectionTrait>(
    db: &C,
    rows: Vec<listing::Model>,
) -> DomainResult<Vec<ListingOut>> {
    let names = products::names_and_subjects_by_ids(db, rows.iter().map(|r| r.product_id)).await?;
    rows.into_iter()
        .map(|m| {
            let (product_name, subject) = names
                .get(&m.product_id)
                .cloned()
                .ok_or_else(|| DomainError::Internal(format!("listing {} has no product", m.id)))?;
            Ok(ListingOut {
                id: ListingId(m.id),
                product_id: ProductId(m.product_id),
                product_name,
                subject_id: SubjectId(subject),
                platform: m.platform,
                url: m.url,
                since: m.since,
                until: m.until,
                version: m.version,
                created_at: m.created_at,
                updated_at: m.updated_at,
            })
        })
        .collect()
}

/// One listing in scope.
pub async fn listing<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: ListingId,
) -> DomainResult<ListingOut> {
    require_trade_read(principal)?;
    let model = listing_model(db, principal, id).await?;
    to_listing_outs(db, vec![model])
        .await?
        .pop()
        .ok_or(DomainError::not_found("listing"))
}

/// Listings live on `day`: started on or before it and not ended before it.
pub(crate) fn live_on(day: NaiveDate) -> Condition {
    Condition::all().add(listing::Column::Since.lte(day)).add(
        Condition::any()
            .add(listing::Column::Until.is_null())
            .add(listing::Column::Until.gte(day)),
    )
}

/// Listings in scope, filtered and paged, the latest first.
pub async fn listings<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    query: &ListingQuery,
) -> DomainResult<Page<ListingOut>> {
    require_trade_read(principal)?;
    let (page, per_page) = ocop_core::PageQuery {
        page: query.page,
        per_page: query.per_page,
    }
    .resolve()?;
    let mut cond = scope_condition(&principal.scope());
    if let Some(product) = query.product_id {
        cond = cond.add(listing::Column::ProductId.eq(product.0));
    }
    if let Some(subject) = query.subject_id {
        // The products of one subject, as the products crate scopes a producer.
        let of_subject = Scope::Subject(subject);
        cond =
            cond.add(listing::Column::ProductId.in_subquery(products::ids_visible_to(&of_subject)));
    }
    if let Some(day) = query.live_on {
        cond = cond.add(live_on(day));
    }
    let select = listing::Entity::find()
        .filter(cond)
        .order_by_desc(listing::Column::Since)
        .order_by_asc(listing::Column::Id);
    let paginator = select.paginate(db, per_page);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page - 1).await?;
    Ok(Page {
        items: to_listing_outs(db, rows).await?,
        page,
        per_page,
        total,
    })
}

pub(crate) async fn insert_listing<C: ConnectionTrait>(
    db: &C,
    model: listing::ActiveModel,
) -> DomainResult<listing::Model> {
    Ok(model.insert(db).await?)
}

/// Writes the row only if its version is still the one read, and bumps the version.
pub(crate) async fn save_listing<C: ConnectionTrait>(
    db: &C,
    model: listing::ActiveModel,
    current: &listing::Model,
    now: DateTime<Utc>,
) -> DomainResult<listing::Model> {
    versioned::save::<listing::Entity, _>(db, model, current.id, current.version, now).await
}

/// Deletes the row, only while it is at the version read.
pub(crate) async fn delete_listing<C: ConnectionTrait>(
    db: &C,
    current: &listing::Model,
) -> DomainResult<()> {
    versioned::delete::<listing::Entity, _>(db, current.id, current.version).await
}
