//! The product classification as versioned data: one tree per legal instrument, loaded from
//! `data/classification/`. A product keeps the category (and so the version) it was filed under.

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::store::audit::Actor;
use ocop_core::store::change::Change;
use ocop_core::{DomainError, DomainResult};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, QueryOrder};
use serde::Deserialize;

use crate::model::{CategoryLevel, CategoryOut, ClassificationOut};

pub(crate) mod version {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "classification_version")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub code: String,
        pub instrument: String,
        pub name: String,
        pub effective_from: Date,
        pub source: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod category {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "product_category")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub version_id: i32,
        pub code: String,
        pub level: String,
        pub name: String,
        pub parent_id: Option<i32>,
        pub lead_agency: Option<String>,
        pub samples_required: Option<bool>,
        pub annex_no: Option<i32>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The shipped trees. 148/2023 used the same Phụ lục I tree as 26/2026 (OCOP.md §1.5), so its
/// version is loaded from the same nodes under its own code and date.
const FILES: &[&str] = &[
    include_str!("../../../../data/classification/1048-2019.json"),
    include_str!("../../../../data/classification/26-2026.json"),
];

#[derive(Deserialize)]
struct TreeFile {
    instrument: String,
    code: String,
    name: String,
    effective_from: NaiveDate,
    source: String,
    nodes: Vec<Node>,
}

#[derive(Deserialize)]
struct Node {
    code: String,
    level: String,
    name: String,
    parent: Option<String>,
    lead_agency: Option<String>,
    samples_required: Option<bool>,
    annex_no: Option<i32>,
}

/// Loads each shipped tree that is not stored yet, one transaction per tree.
pub async fn load_reference_data(db: &DatabaseConnection, now: DateTime<Utc>) -> DomainResult<()> {
    for json in FILES {
        let mut file: TreeFile = serde_json::from_str(json)
            .map_err(|e| DomainError::Internal(format!("classification data: {e}")))?;
        store_tree(db, &file, now).await?;
        if file.code == "26-2026" {
            file.code = "148-2023".into();
            file.instrument = "148/QĐ-TTg".into();
            file.name = "Phân loại sản phẩm OCOP theo Quyết định 148/QĐ-TTg (Phụ lục I)".into();
            file.effective_from = NaiveDate::from_ymd_opt(2023, 2, 24).unwrap_or_default();
            file.source = format!(
                "Same Phụ lục I tree as 26/2026/QĐ-TTg (see domain/OCOP.md §1.5). {}",
                file.source
            );
            store_tree(db, &file, now).await?;
        }
    }
    Ok(())
}

async fn store_tree(
    db: &DatabaseConnection,
    file: &TreeFile,
    now: DateTime<Utc>,
) -> DomainResult<()> {
    if version::Entity::find()
        .filter(version::Column::Code.eq(&file.code))
        .one(db)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let mut txn = Change::begin(db, Actor::System(now)).await?;
    let stored = version::ActiveModel {
        code: Set(file.code.clone()),
        instrument: Set(file.instrument.clone()),
        name: Set(file.name.clone()),
        effective_from: Set(file.effective_from),
        source: Set(file.source.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut ids = std::collections::HashMap::new();
    // Nodes come parent first, so each parent's id is known when its children arrive.
    for node in &file.nodes {
        if CategoryLevel::parse(&node.level).is_none() {
            return Err(DomainError::Internal(format!(
                "classification data: bad level {}",
                node.level
            )));
        }
        let parent_id = match &node.parent {
            Some(code) => Some(*ids.get(code).ok_or_else(|| {
                DomainError::Internal(format!("classification data: parent {code} unknown"))
            })?),
            None => None,
        };
        let row = category::ActiveModel {
            version_id: Set(stored.id),
            code: Set(node.code.clone()),
            level: Set(node.level.clone()),
            name: Set(node.name.clone()),
            parent_id: Set(parent_id),
            lead_agency: Set(node.lead_agency.clone()),
            samples_required: Set(node.samples_required),
            annex_no: Set(node.annex_no),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        ids.insert(node.code.clone(), row.id);
    }
    txn.audit(
        "classification",
        stored.id,
        "classification.load",
        serde_json::json!({"code": file.code, "categories": ids.len()}),
    );
    txn.commit().await?;
    Ok(())
}

/// The version new products are classified in: the latest that has taken effect.
pub(crate) async fn in_force<C: ConnectionTrait>(
    db: &C,
    today: NaiveDate,
) -> DomainResult<version::Model> {
    version::Entity::find()
        .filter(version::Column::EffectiveFrom.lte(today))
        .order_by_desc(version::Column::EffectiveFrom)
        .one(db)
        .await?
        .ok_or(DomainError::Internal("no classification in force".into()))
}

/// A product set (leaf) of the version in force, by code.
pub(crate) async fn product_set_in_force<C: ConnectionTrait>(
    db: &C,
    code: &str,
    today: NaiveDate,
) -> DomainResult<(category::Model, version::Model)> {
    let version = in_force(db, today).await?;
    let set = category::Entity::find()
        .filter(category::Column::VersionId.eq(version.id))
        .filter(category::Column::Code.eq(code.trim()))
        .filter(category::Column::Level.eq(CategoryLevel::ProductSet.as_str()))
        .one(db)
        .await?
        .ok_or_else(|| DomainError::field("product_set", "unknown_product_set"))?;
    Ok((set, version))
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    today: NaiveDate,
) -> DomainResult<Vec<ClassificationOut>> {
    let current = in_force(db, today).await.ok().map(|v| v.id);
    let versions = version::Entity::find()
        .order_by_desc(version::Column::EffectiveFrom)
        .all(db)
        .await?;
    let categories = category::Entity::find()
        .order_by_asc(category::Column::Id)
        .all(db)
        .await?;
    let codes: std::collections::HashMap<i32, String> =
        categories.iter().map(|c| (c.id, c.code.clone())).collect();
    let level = |stored: &str| {
        CategoryLevel::parse(stored).ok_or_else(|| {
            DomainError::Internal(format!("product_category.level holds {stored:?}"))
        })
    };
    versions
        .into_iter()
        .map(|v| {
            Ok(ClassificationOut {
                in_force: Some(v.id) == current,
                categories: categories
                    .iter()
                    .filter(|c| c.version_id == v.id)
                    .map(|c| {
                        Ok(CategoryOut {
                            code: c.code.clone(),
                            level: level(&c.level)?,
                            name: c.name.clone(),
                            parent_code: c.parent_id.and_then(|p| codes.get(&p).cloned()),
                            lead_agency: c.lead_agency.clone(),
                            samples_required: c.samples_required,
                        })
                    })
                    .collect::<DomainResult<_>>()?,
                code: v.code,
                instrument: v.instrument,
                name: v.name,
                effective_from: v.effective_from,
            })
        })
        .collect()
}
