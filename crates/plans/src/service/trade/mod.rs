//! The use cases of trade promotion records: points of sale and the products on sale there
//! (`PlansManage`), e-commerce listings and reported revenue (`TradeRecord`: officers within
//! their subtree, producers for their own products and subject). Ending a sale or a listing
//! sets its `until` day; a listing is deleted only when it was recorded by mistake.

mod listings;
mod points;
mod revenue;

pub use listings::{create_listing, delete_listing, patch_listing};
pub use points::{create_point, end_sale, patch_point, put_on_sale};
pub use revenue::{patch_revenue, report_revenue};

use ocop_core::{DomainError, DomainResult, Principal, ProductId};
use sea_orm::ConnectionTrait;

/// A product named in a request body that the caller may read. One it may not read is told as
/// unknown (422 on `product_id`), the same answer as one that does not exist.
async fn readable_product<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: ProductId,
) -> DomainResult<ocop_products::ProductOut> {
    ocop_products::store::products::get(db, principal, id)
        .await
        .map_err(|e| match e {
            DomainError::NotFound { .. } => DomainError::field("product_id", "unknown_product"),
            other => other,
        })
}

/// Refuses a write made at a version other than the one stored.
fn check_version(expected: i32, current: i32) -> DomainResult<()> {
    if expected != current {
        return Err(DomainError::StaleVersion { expected, current });
    }
    Ok(())
}
