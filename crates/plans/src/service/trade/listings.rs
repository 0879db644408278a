//! Recording, changing and deleting e-commerce listings of products the caller may read.

use ocop_core::store::audit;
use ocop_core::store::change::Change;
use ocop_core::{Action, Caller, DomainError, DomainResult};
use sea_orm::{ActiveValue::Set, DatabaseConnection};
use serde_json::json;

use super::{check_version, readable_product};
use crate::events::{LISTING_CREATED, LISTING_DELETED, LISTING_UPDATED};
use crate::model::*;
use crate::store::entities::listing;
use crate::store::trade as store;

async fn one_out(change: &Change<'_>, model: listing::Model) -> DomainResult<ListingOut> {
    store::to_listing_outs(change, vec![model])
        .await?
        .pop()
        .ok_or(DomainError::not_found("listing"))
}

/// Records a product's listing on a platform. A producer lists only its own products.
pub async fn create_listing(
    db: &DatabaseConnection,
    caller: &Caller,
    input: ListingIn,
) -> DomainResult<ListingOut> {
    let principal = &caller.principal;
    principal.require(Action::TradeRecord)?;
    check_listing_url(&input.url)?;
    check_span(input.since, input.until, "until")?;
    let mut change = Change::begin(db, caller).await?;
    let product = readable_product(&change, principal, input.product_id).await?;
    let now = caller.at;
    let row = listing::ActiveModel {
        id: Set(ListingId::new().0),
        product_id: Set(product.id.0),
        platform: Set(input.platform.trim().to_string()),
        url: Set(input.url.trim().to_string()),
        since: Set(input.since),
        until: Set(input.until),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let model = store::insert_listing(&change, row).await?;
    let out = one_out(&change, model).await?;
    change.audit_record("listing", out.id, "listing.create", &out)?;
    change.emit(LISTING_CREATED, out.id, out.version, &out)?;
    change.commit().await?;
    Ok(out)
}

/// Changes a listing read at `expected_version`; ending it is setting `until`.
pub async fn patch_listing(
    db: &DatabaseConnection,
    caller: &Caller,
    id: ListingId,
    expected_version: i32,
    patch: ListingPatch,
) -> DomainResult<ListingOut> {
    let principal = &caller.principal;
    principal.require(Action::TradeRecord)?;
    let mut change = Change::begin(db, caller).await?;
    let current = store::listing_model(&change, principal, id).await?;
    check_version(expected_version, current.version)?;
    if let Some(url) = &patch.url {
        check_listing_url(url)?;
    }
    let since = patch.since.unwrap_or(current.since);
    let until = patch.until.or(current.until);
    check_span(since, until, "until")?;
    let before = one_out(&change, current.clone()).await?;

    let mut model: listing::ActiveModel = current.clone().into();
    if let Some(platform) = patch.platform {
        model.platform = Set(platform.trim().to_string());
    }
    if let Some(url) = patch.url {
        model.url = Set(url.trim().to_string());
    }
    model.since = Set(since);
    model.until = Set(until);
    let saved = store::save_listing(&change, model, &current, caller.at).await?;
    let after = one_out(&change, saved).await?;
    change.audit(
        "listing",
        id,
        "listing.update",
        audit::diff(&before, &after),
    );
    change.emit(LISTING_UPDATED, id, after.version, &after)?;
    change.commit().await?;
    Ok(after)
}

/// Deletes a listing recorded by mistake. A listing that ended is kept with its `until`, so
/// that the share of listed products as of a past day stays what it was.
pub async fn delete_listing(
    db: &DatabaseConnection,
    caller: &Caller,
    id: ListingId,
    expected_version: i32,
) -> DomainResult<()> {
    let principal = &caller.principal;
    principal.require(Action::TradeRecord)?;
    let mut change = Change::begin(db, caller).await?;
    let current = store::listing_model(&change, principal, id).await?;
    check_version(expected_version, current.version)?;
    let before = one_out(&change, current.clone()).await?;
    store::delete_listing(&change, &current).await?;
    change.audit_record("listing", id, "listing.delete", &before)?;
    // A deletion is one change past the last version anyone read.
    change.emit(
        LISTING_DELETED,
        id,
        current.version + 1,
        &json!({ "id": id, "product_id": current.product_id }),
    )?;
    change.commit().await?;
    Ok(())
}
