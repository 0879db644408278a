//! Assembly of the read model: `product` rows become [`ProductOut`]s with their subject,
//! product set, origin unit and images, one query per kind of detail, never one per row.

use std::collections::HashMap;

use ocop_core::{DomainError, DomainResult, Dong, ProductId, SubjectId, UnitId};
use ocop_subjects::store as subjects;
use sea_orm::ConnectionTrait;
use sea_orm::entity::prelude::*;

use super::product;
use crate::model::*;
use crate::store::classification::{category, version};
use crate::store::images;

/// Builds output rows, in the order given.
pub(crate) async fn to_outs<C: ConnectionTrait>(
    db: &C,
    rows: Vec<product::Model>,
) -> DomainResult<Vec<ProductOut>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let subject_names = subjects::names_by_ids(db, rows.iter().map(|r| r.subject_id)).await?;
    let categories: HashMap<i32, category::Model> = category::Entity::find()
        .filter(category::Column::Id.is_in(rows.iter().map(|r| r.category_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let versions: HashMap<i32, String> = version::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v.code))
        .collect();
    let unit_names = subjects::unit_names(db, rows.iter().map(|r| r.origin_unit_id)).await?;
    let mut images = images::for_products(db, rows.iter().map(|r| r.id)).await?;
    rows.into_iter()
        .map(|m| {
            let cat = categories.get(&m.category_id);
            let status = ProductStatus::parse(&m.status).ok_or_else(|| {
                DomainError::Internal(format!("product.status holds {:?}", m.status))
            })?;
            Ok(ProductOut {
                id: ProductId(m.id),
                subject_id: SubjectId(m.subject_id),
                subject_name: subject_names
                    .get(&m.subject_id)
                    .cloned()
                    .unwrap_or_default(),
                product_set: ProductSetRef {
                    code: cat.map(|c| c.code.clone()).unwrap_or_default(),
                    name: cat.map(|c| c.name.clone()).unwrap_or_default(),
                    classification: cat
                        .and_then(|c| versions.get(&c.version_id).cloned())
                        .unwrap_or_default(),
                },
                origin_unit_id: UnitId(m.origin_unit_id),
                origin_unit_name: unit_names
                    .get(&m.origin_unit_id)
                    .cloned()
                    .unwrap_or_default(),
                images: images.remove(&m.id).unwrap_or_default(),
                name: m.name,
                description: m.description,
                ingredients: m.ingredients,
                packaging: m.packaging,
                price_min: m.price_min.map(Dong),
                price_max: m.price_max.map(Dong),
                capacity_value: m.capacity_value,
                capacity_unit: m.capacity_unit,
                gtin: m.gtin,
                status,
                version: m.version,
                created_at: m.created_at,
                updated_at: m.updated_at,
            })
        })
        .collect()
}
