//! Product images: bytes on disk, named by their SHA-256 (so a re-upload costs no space and a
//! file can be checked against its row), metadata in `product_image`. The reads and row writes;
//! uploading and removing are use cases in [`crate::service::images`].

use std::collections::HashMap;

use ocop_core::store::blobs::BlobDir;
use ocop_core::{Action, Caller, DomainError, DomainResult, ProductId};
use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, DatabaseConnection, PaginatorTrait, QueryOrder};

use super::products::get_model;
use crate::model::ImageOut;

pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_IMAGES_PER_PRODUCT: u64 = 10;

pub(crate) mod image {
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

pub(crate) fn to_out(m: image::Model) -> ImageOut {
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

/// The images of products already read in scope, oldest first, in one query.
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

/// How many images a product (already read in scope) has.
pub(crate) async fn count_for_product<C: ConnectionTrait>(
    db: &C,
    product: ProductId,
) -> DomainResult<u64> {
    Ok(image::Entity::find()
        .filter(image::Column::ProductId.eq(product.0))
        .count(db)
        .await?)
}

/// An image of a product already read in scope; not found when it belongs to another.
pub(crate) async fn find_for_product<C: ConnectionTrait>(
    db: &C,
    product: ProductId,
    image_id: Uuid,
) -> DomainResult<image::Model> {
    image::Entity::find_by_id(image_id)
        .filter(image::Column::ProductId.eq(product.0))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("image"))
}

pub(crate) async fn insert<C: ConnectionTrait>(
    db: &C,
    model: image::ActiveModel,
) -> DomainResult<image::Model> {
    Ok(model.insert(db).await?)
}

/// Deletes the row only; the file stays (other rows may share it, and history may cite it).
pub(crate) async fn delete_row<C: ConnectionTrait>(db: &C, id: Uuid) -> DomainResult<()> {
    image::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
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
    let row = find_for_product(db, product, image_id).await?;
    let bytes = dir.read(&row.sha256)?;
    Ok((row.content_type, bytes))
}
