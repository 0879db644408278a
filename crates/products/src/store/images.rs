//! Product images: bytes on disk, named by their SHA-256 (so a re-upload costs no space and a
//! file can be checked against its row), metadata in `product_image`.

use ocop_core::store::change::Change;
use std::collections::HashMap;

use ocop_core::store::blobs::{BlobDir, check_upload, clean_file_name};
use ocop_core::store::update_if_version;
use ocop_core::{Action, Caller, DomainError, DomainResult, Precondition, ProductId};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, PaginatorTrait, QueryOrder};

use super::products::{get_model, product};
use crate::model::ImageOut;

pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_IMAGES_PER_PRODUCT: u64 = 10;

pub mod image {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "product_image")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub product_id: Uuid,
        pub content_type: String,
        pub byte_size: i64,
        pub sha256: String,
        pub file_name: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The image types accepted, recognised by their first bytes rather than by what the client says.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

fn url(product: Uuid, image: Uuid) -> String {
    format!("/api/v1/products/{product}/images/{image}")
}

fn to_out(m: image::Model) -> ImageOut {
    ImageOut {
        url: url(m.product_id, m.id),
        id: m.id,
        content_type: m.content_type,
        byte_size: m.byte_size,
        sha256: m.sha256,
        file_name: m.file_name,
        created_at: m.created_at,
    }
}

pub(crate) async fn for_products<C: ConnectionTrait>(
    db: &C,
    products: impl IntoIterator<Item = Uuid>,
) -> DomainResult<HashMap<Uuid, Vec<ImageOut>>> {
    let rows = image::Entity::find()
        .filter(image::Column::ProductId.is_in(products))
        .order_by_asc(image::Column::CreatedAt)
        .all(db)
        .await?;
    let mut out: HashMap<Uuid, Vec<ImageOut>> = HashMap::new();
    for row in rows {
        out.entry(row.product_id).or_default().push(to_out(row));
    }
    Ok(out)
}

/// Stores an uploaded image of a product the caller may edit.
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
    let mut txn = Change::begin(db, caller).await?;
    get_model(&txn, principal, product).await?;
    let count = image::Entity::find()
        .filter(image::Column::ProductId.eq(product.0))
        .count(&txn)
        .await?;
    if count >= MAX_IMAGES_PER_PRODUCT {
        return Err(DomainError::Conflict {
            code: "too_many_images",
            field: Some("file"),
        });
    }
    let sha256 = dir.store(bytes)?;
    let model = image::ActiveModel {
        id: Set(Uuid::now_v7()),
        product_id: Set(product.0),
        content_type: Set(content_type.to_string()),
        byte_size: Set(bytes.len() as i64),
        sha256: Set(sha256),
        file_name: Set(clean_file_name(file_name, "image")),
        created_at: Set(caller.at),
    }
    .insert(&txn)
    .await?;
    let out = to_out(model);
    txn.audit(
        "product",
        product.to_string(),
        "product.image_add",
        serde_json::to_value(&out).unwrap_or_default(),
    );
    txn.commit().await?;
    Ok(out)
}

/// The bytes of an image of a product the caller may see.
pub async fn read(
    db: &DatabaseConnection,
    dir: &BlobDir,
    caller: &Caller,
    product: ProductId,
    image_id: Uuid,
) -> DomainResult<(String, Vec<u8>)> {
    caller.principal.require(Action::ProductsRead)?;
    get_model(db, &caller.principal, product).await?;
    let row = image::Entity::find_by_id(image_id)
        .filter(image::Column::ProductId.eq(product.0))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("image"))?;
    let bytes = dir.read(&row.sha256)?;
    Ok((row.content_type, bytes))
}

/// Removing an image changes the product, whose version the client must have read (the
/// product's images are part of it); the new version is returned. Adding one does not move the
/// version: nothing another client saw is lost by it.
pub async fn delete(
    db: &DatabaseConnection,
    caller: &Caller,
    product: ProductId,
    read_version: i32,
    image_id: Uuid,
) -> DomainResult<i32> {
    let principal = &caller.principal;
    principal.require(Action::ProductsUpdate)?;
    let mut txn = Change::begin(db, caller).await?;
    let current = get_model(&txn, principal, product).await?;
    Precondition::Version(read_version).check(Some(current.version))?;
    let row = image::Entity::find_by_id(image_id)
        .filter(image::Column::ProductId.eq(product.0))
        .one(&txn)
        .await?
        .ok_or(DomainError::not_found("image"))?;
    image::Entity::delete_by_id(row.id).exec(&txn).await?;
    // The file stays: other rows may share it (same bytes), and history may cite it.
    txn.audit(
        "product",
        product.to_string(),
        "product.image_remove",
        serde_json::to_value(to_out(row)).unwrap_or_default(),
    );
    let bumped = product::ActiveModel {
        version: Set(read_version + 1),
        updated_at: Set(caller.at),
        ..Default::default()
    };
    update_if_version::<product::Entity, _>(
        &txn,
        bumped,
        product::Column::Id,
        product::Column::Version,
        product.0,
        read_version,
    )
    .await?;
    txn.commit().await?;
    Ok(read_version + 1)
}
