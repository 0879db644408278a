//! Registering and changing products.

use chrono::NaiveDate;
use ocop_core::store::change::Change;
use ocop_core::store::{audit, units};
use ocop_core::{Action, Caller, DomainError, DomainResult, ProductId, SubjectId, text};
use ocop_subjects::store as subjects;
use ocop_subjects::{SubjectKind, SubjectStatus};
use sea_orm::{ActiveValue::Set, DatabaseConnection};

use crate::events::{PRODUCT_CREATED, PRODUCT_UPDATED};
use crate::model::*;
use crate::store::classification;
use crate::store::products::{self as store, product};

/// The one output row of one product row.
async fn to_out<C: sea_orm::ConnectionTrait>(
    db: &C,
    model: product::Model,
) -> DomainResult<ProductOut> {
    store::to_outs(db, vec![model])
        .await?
        .pop()
        .ok_or(DomainError::not_found("product"))
}

/// Registers a product of a subject in scope, in a product set of the classification in force.
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    input: ProductIn,
    today: NaiveDate,
) -> DomainResult<ProductOut> {
    let principal = &caller.principal;
    principal.require(Action::ProductsCreate)?;
    check_price_range(input.price_min, input.price_max)?;
    check_capacity(input.capacity_value, input.capacity_unit.as_deref())?;
    let subject_id = match (input.subject_id, principal.subject_id) {
        (Some(id), _) => id,
        (None, Some(own)) => own,
        (None, None) => return Err(DomainError::field("subject_id", "required")),
    };
    let mut change = Change::begin(db, caller).await?;
    let subject = subjects::ref_in_scope(&change, &principal.scope(), subject_id)
        .await?
        .ok_or_else(|| DomainError::field("subject_id", "unknown_subject"))?;
    if subject.status == SubjectStatus::Archived {
        return Err(DomainError::field("subject_id", "subject_archived"));
    }
    let (set, _) = classification::product_set_in_force(&change, &input.product_set, today).await?;
    check_kind_for_set(subject.kind.tourism_only(), &set.code)?;
    let origin = match input.origin_unit_id {
        Some(unit) => {
            units::find(&change, unit)
                .await
                .map_err(|_| DomainError::field("origin_unit_id", "unknown_unit"))?
                .id
        }
        None => subject.unit_id.0,
    };
    let now = caller.at;
    let row = product::ActiveModel {
        id: Set(ProductId::new().0),
        subject_id: Set(subject.id.0),
        search_name: Set(text::fold(&input.name)),
        name: Set(input.name.trim().to_string()),
        category_id: Set(set.id),
        origin_unit_id: Set(origin),
        description: Set(input.description.trim().to_string()),
        ingredients: Set(input.ingredients.trim().to_string()),
        packaging: Set(input.packaging.trim().to_string()),
        price_min: Set(input.price_min),
        price_max: Set(input.price_max),
        capacity_value: Set(input.capacity_value),
        capacity_unit: Set(input.capacity_unit.map(|u| u.trim().to_string())),
        gtin: Set(input.gtin.as_deref().map(stored_gtin)),
        status: Set(ProductStatus::Active.as_str().to_string()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let model = store::insert(&change, row).await?;
    let out = to_out(&change, model).await?;
    change.audit_record("product", out.id, "product.create", &out)?;
    change.emit(PRODUCT_CREATED, out.id, out.version, &out)?;
    change.commit().await?;
    Ok(out)
}

/// Changes a product read at `expected_version`.
pub async fn patch(
    db: &DatabaseConnection,
    caller: &Caller,
    id: ProductId,
    expected_version: i32,
    patch: ProductPatch,
    today: NaiveDate,
) -> DomainResult<ProductOut> {
    let principal = &caller.principal;
    principal.require(Action::ProductsUpdate)?;
    let mut change = Change::begin(db, caller).await?;
    let current = store::get_model(&change, principal, id).await?;
    if current.version != expected_version {
        return Err(DomainError::StaleVersion {
            expected: expected_version,
            current: current.version,
        });
    }
    let price_min = patch.price_min.unwrap_or(current.price_min);
    let price_max = patch.price_max.unwrap_or(current.price_max);
    check_price_range(price_min, price_max)?;
    let capacity_value = patch.capacity_value.unwrap_or(current.capacity_value);
    let capacity_unit = patch
        .capacity_unit
        .clone()
        .unwrap_or(current.capacity_unit.clone());
    check_capacity(capacity_value, capacity_unit.as_deref())?;
    let before = to_out(&change, current.clone()).await?;

    let mut model: product::ActiveModel = current.clone().into();
    if let Some(code) = &patch.product_set {
        let (set, _) = classification::product_set_in_force(&change, code, today).await?;
        let subject = subjects::ref_by_id(&change, SubjectId(current.subject_id)).await?;
        check_kind_for_set(SubjectKind::tourism_only(subject.kind), &set.code)?;
        model.category_id = Set(set.id);
    }
    if let Some(unit) = patch.origin_unit_id {
        let unit = units::find(&change, unit)
            .await
            .map_err(|_| DomainError::field("origin_unit_id", "unknown_unit"))?;
        model.origin_unit_id = Set(unit.id);
    }
    if let Some(name) = &patch.name {
        model.search_name = Set(text::fold(name));
        model.name = Set(name.trim().to_string());
    }
    if let Some(v) = &patch.description {
        model.description = Set(v.trim().to_string());
    }
    if let Some(v) = &patch.ingredients {
        model.ingredients = Set(v.trim().to_string());
    }
    if let Some(v) = &patch.packaging {
        model.packaging = Set(v.trim().to_string());
    }
    model.price_min = Set(price_min);
    model.price_max = Set(price_max);
    model.capacity_value = Set(capacity_value);
    model.capacity_unit = Set(capacity_unit.map(|u| u.trim().to_string()));
    if let Some(gtin) = &patch.gtin {
        model.gtin = Set(gtin.as_deref().map(stored_gtin));
    }
    if let Some(status) = patch.status {
        model.status = Set(status.as_str().to_string());
    }
    store::save_versioned(&change, model, current.id, current.version, caller.at).await?;
    let updated = store::get_model(&change, principal, id).await?;
    let after = to_out(&change, updated).await?;
    change.audit(
        "product",
        id,
        "product.update",
        audit::diff(&before, &after),
    );
    change.emit(PRODUCT_UPDATED, after.id, after.version, &after)?;
    change.commit().await?;
    Ok(after)
}

/// The GTIN as stored: its canonical writing (validation has accepted it, so there is one).
fn stored_gtin(gtin: &str) -> String {
    canonical_gtin(gtin).unwrap_or_else(|| gtin.trim().to_string())
}
