//! The catalogue's projection: keeps `catalogue_item` in step with the products, certificates,
//! producers, images, listings and points of sale it shows, in the transaction of the change that
//! alters them, and announces each entry's change in the outbox (`crate::events`).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use ocop_core::DomainResult;
use ocop_core::store::projection::{ChangeEvent, ProjectedEvent, Projection};
use sea_orm::DatabaseTransaction;

/// The projection the api installs at start.
pub fn projection() -> Arc<dyn Projection> {
    Arc::new(CatalogueProjection)
}

struct CatalogueProjection;

#[async_trait::async_trait]
impl Projection for CatalogueProjection {
    async fn project(
        &self,
        _txn: &DatabaseTransaction,
        _at: DateTime<Utc>,
        _events: &[ChangeEvent<'_>],
    ) -> DomainResult<Vec<ProjectedEvent>> {
        // Filled in by the projection work (issue 12).
        Ok(Vec::new())
    }
}
