//! Opening and changing points of sale, putting products on sale there and ending their sale.

use ocop_core::store::change::Change;
use ocop_core::store::{audit, units};
use ocop_core::units::UnitLevel;
use ocop_core::{Action, Caller, DomainError, DomainResult, ProductId};
use sea_orm::{ActiveValue::Set, DatabaseConnection};
use uuid::Uuid;

use super::{check_version, readable_product};
use crate::events::{
    POINT_OF_SALE_CREATED, POINT_OF_SALE_PRODUCT_ADDED, POINT_OF_SALE_PRODUCT_ENDED,
    POINT_OF_SALE_UPDATED,
};
use crate::model::*;
use crate::store::entities::{point_of_sale, point_of_sale_product};
use crate::store::trade as store;

/// Coordinates are a pair: one without the other places nothing on the map.
fn check_coordinates(latitude: Option<f64>, longitude: Option<f64>) -> DomainResult<()> {
    match (latitude, longitude) {
        (Some(_), None) => Err(DomainError::field("longitude", "required")),
        (None, Some(_)) => Err(DomainError::field("latitude", "required")),
        _ => Ok(()),
    }
}

/// Opens a point of sale in a commune of the caller's scope.
pub async fn create_point(
    db: &DatabaseConnection,
    caller: &Caller,
    input: PointOfSaleIn,
) -> DomainResult<PointOfSaleOut> {
    let principal = &caller.principal;
    principal.require(Action::PlansManage)?;
    check_span(input.opened_on, input.closed_on, "closed_on")?;
    check_coordinates(input.latitude, input.longitude)?;
    let mut change = Change::begin(db, caller).await?;
    let unit = units::find_assignable(&change, principal, input.unit_id, "unit_id", caller.today())
        .await?;
    if unit.level != UnitLevel::Commune.as_str() {
        return Err(DomainError::field("unit_id", "not_a_commune"));
    }
    if let Some(operator) = input.operator_subject_id {
        ocop_subjects::store::ref_in_scope(&change, &principal.scope(), operator)
            .await?
            .ok_or_else(|| DomainError::field("operator_subject_id", "unknown_subject"))?;
    }
    let now = caller.at;
    let row = point_of_sale::ActiveModel {
        id: Set(PointOfSaleId::new().0),
        kind: Set(input.kind.as_str().to_string()),
        name: Set(input.name.trim().to_string()),
        unit_id: Set(unit.id),
        address: Set(input.address.trim().to_string()),
        latitude: Set(input.latitude),
        longitude: Set(input.longitude),
        operator_subject_id: Set(input.operator_subject_id.map(|s| s.0)),
        opened_on: Set(input.opened_on),
        closed_on: Set(input.closed_on),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let model = store::insert_point(&change, row).await?;
    // A new point has nothing on sale yet.
    let out = store::point_to_out(model, unit.name, 0)?;
    change.audit_record("point_of_sale", out.id, "point_of_sale.create", &out)?;
    change.emit(POINT_OF_SALE_CREATED, out.id, out.version, &out)?;
    change.commit().await?;
    Ok(out)
}

/// Changes a point of sale read at `expected_version`; closing it is setting `closed_on`.
pub async fn patch_point(
    db: &DatabaseConnection,
    caller: &Caller,
    id: PointOfSaleId,
    expected_version: i32,
    patch: PointOfSalePatch,
) -> DomainResult<PointOfSaleOut> {
    let principal = &caller.principal;
    principal.require(Action::PlansManage)?;
    let mut change = Change::begin(db, caller).await?;
    let current = store::point_model(&change, principal, id, false).await?;
    check_version(expected_version, current.version)?;
    let opened_on = patch.opened_on.unwrap_or(current.opened_on);
    let closed_on = patch.closed_on.or(current.closed_on);
    check_span(opened_on, closed_on, "closed_on")?;
    let latitude = patch.latitude.or(current.latitude);
    let longitude = patch.longitude.or(current.longitude);
    check_coordinates(latitude, longitude)?;
    let before = store::point(&change, principal, id, caller.today()).await?;

    let mut model: point_of_sale::ActiveModel = current.clone().into();
    if let Some(kind) = patch.kind {
        model.kind = Set(kind.as_str().to_string());
    }
    if let Some(name) = patch.name {
        model.name = Set(name.trim().to_string());
    }
    if let Some(address) = patch.address {
        model.address = Set(address.trim().to_string());
    }
    model.latitude = Set(latitude);
    model.longitude = Set(longitude);
    model.opened_on = Set(opened_on);
    model.closed_on = Set(closed_on);
    let saved = store::save_point(&change, model, &current, caller.at).await?;
    let after = store::point_to_out(saved, before.unit_name.clone(), before.product_count)?;
    change.audit(
        "point_of_sale",
        id,
        "point_of_sale.update",
        audit::diff(&before, &after),
    );
    change.emit(POINT_OF_SALE_UPDATED, id, after.version, &after)?;
    change.commit().await?;
    Ok(after)
}

/// Puts a product the caller may read on sale at a point from `since`. The point's row is
/// locked first, so two requests for the same product cannot both find it not on sale.
pub async fn put_on_sale(
    db: &DatabaseConnection,
    caller: &Caller,
    point_id: PointOfSaleId,
    input: ProductOnSaleIn,
) -> DomainResult<ProductOnSaleOut> {
    let principal = &caller.principal;
    principal.require(Action::PlansManage)?;
    let mut change = Change::begin(db, caller).await?;
    let point = store::point_model(&change, principal, point_id, true).await?;
    let product = readable_product(&change, principal, input.product_id).await?;
    if input.since < point.opened_on {
        return Err(DomainError::field("since", "before_opening"));
    }
    // The point is no longer open on the day it closed.
    if point.closed_on.is_some_and(|closed| input.since >= closed) {
        return Err(DomainError::field("since", "after_closing"));
    }
    let overlapping = store::open_sales_of(&change, point.id, product.id.0, input.since).await?;
    if !overlapping.is_empty() {
        return Err(DomainError::Conflict {
            code: "already_on_sale",
            field: Some("product_id"),
        });
    }
    let row = point_of_sale_product::ActiveModel {
        id: Set(Uuid::now_v7()),
        point_of_sale_id: Set(point.id),
        product_id: Set(product.id.0),
        since: Set(input.since),
        until: Set(None),
        created_at: Set(caller.at),
    };
    let saved = store::insert_sale(&change, row).await?;
    let out = store::sale_to_out(&change, saved).await?;
    change.audit_record("point_of_sale", point.id, "point_of_sale.put_on_sale", &out)?;
    // Its products are rows of their own, but the point's version moves on so that each event
    // carries a version of its own.
    let bumped = store::save_point(&change, point.clone().into(), &point, caller.at).await?;
    change.emit(POINT_OF_SALE_PRODUCT_ADDED, point.id, bumped.version, &out)?;
    change.commit().await?;
    Ok(out)
}

/// Ends the running sale of a product at a point: `until` is its last day on sale.
pub async fn end_sale(
    db: &DatabaseConnection,
    caller: &Caller,
    point_id: PointOfSaleId,
    product_id: ProductId,
    input: EndIn,
) -> DomainResult<ProductOnSaleOut> {
    let principal = &caller.principal;
    principal.require(Action::PlansManage)?;
    let mut change = Change::begin(db, caller).await?;
    let point = store::point_model(&change, principal, point_id, true).await?;
    let running = store::running_sale(&change, point.id, product_id.0)
        .await?
        .ok_or(DomainError::not_found("product_on_sale"))?;
    check_span(running.since, Some(input.until), "until")?;
    let ended = store::end_sale_row(&change, running, input.until).await?;
    let out = store::sale_to_out(&change, ended).await?;
    change.audit_record("point_of_sale", point.id, "point_of_sale.end_sale", &out)?;
    let bumped = store::save_point(&change, point.clone().into(), &point, caller.at).await?;
    change.emit(POINT_OF_SALE_PRODUCT_ENDED, point.id, bumped.version, &out)?;
    change.commit().await?;
    Ok(out)
}
