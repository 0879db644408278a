//! Adding and removing product images.

use ocop_core::store::blobs::{BlobDir, check_upload, clean_file_name};
use ocop_core::store::change::Change;
use ocop_core::{Action, Caller, DomainError, DomainResult, Precondition, ProductId};
use sea_orm::{ActiveValue::Set, DatabaseConnection};
use serde_json::json;
use uuid::Uuid;

use crate::events::{PRODUCT_IMAGE_ADDED, PRODUCT_IMAGE_REMOVED};
use crate::model::ImageOut;
use crate::store::images::{self as store, MAX_IMAGE_BYTES, MAX_IMAGES_PER_PRODUCT, image, sniff};
use crate::store::products;

/// Stores an uploaded image of a product the caller may edit. Adding one does not move the
/// product's version: nothing another client saw is lost by it.
pub async fn upload(
    db: &DatabaseConnection,
    dir: &BlobDir,
    caller: &Caller,
    product: ProductId,
    declared_type: Option<&str>,
    file_name: &str,
    bytes: &[u8],
) -> DomainResult<ImageOut> {
    let principal = &caller.principal;
    principal.require(Action::ProductsUpdate)?;
    let content_type = check_upload(bytes, MAX_IMAGE_BYTES, declared_type, sniff)?;
    let mut change = Change::begin(db, caller).await?;
    let current = products::get_model(&change, principal, product).await?;
    if store::count_for_product(&change, product).await? >= MAX_IMAGES_PER_PRODUCT {
        return Err(DomainError::Conflict {
            code: "too_many_images",
            field: Some("file"),
        });
    }
    let sha256 = dir.store(bytes)?;
    let row = image::ActiveModel {
        id: Set(Uuid::now_v7()),
        product_id: Set(product.0),
        content_type: Set(content_type.to_string()),
        byte_size: Set(bytes.len() as i64),
        sha256: Set(sha256),
        file_name: Set(clean_file_name(file_name, "image")),
        created_at: Set(caller.at),
    };
    let out = store::to_out(store::insert(&change, row).await?);
    change.audit_record("product", product, "product.image_add", &out)?;
    change.emit(
        PRODUCT_IMAGE_ADDED,
        product,
        current.version,
        &json!({ "product_id": product, "image_id": out.id }),
    )?;
    change.commit().await?;
    Ok(out)
}

/// Removing an image changes the product, whose version the client must have read (the
/// product's images are part of it); the new version is returned.
pub async fn delete(
    db: &DatabaseConnection,
    caller: &Caller,
    product: ProductId,
    read_version: i32,
    image_id: Uuid,
) -> DomainResult<i32> {
    let principal = &caller.principal;
    principal.require(Action::ProductsUpdate)?;
    let mut change = Change::begin(db, caller).await?;
    let current = products::get_model(&change, principal, product).await?;
    Precondition::Version(read_version).check(Some(current.version))?;
    let row = store::find_for_product(&change, product, image_id).await?;
    store::delete_row(&change, row.id).await?;
    change.audit_record(
        "product",
        product,
        "product.image_remove",
        &store::to_out(row),
    )?;
    let version = products::bump_version(&change, product.0, read_version, caller.at).await?;
    change.emit(
        PRODUCT_IMAGE_REMOVED,
        product,
        version,
        &json!({ "product_id": product, "image_id": image_id }),
    )?;
    change.commit().await?;
    Ok(version)
}
