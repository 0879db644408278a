//! The `product` table. Products hang off subjects, so a product is in scope exactly when its
//! subject is; every query applies [`scope_condition`].

use ocop_core::store::change::Change;
use std::collections::HashMap;

use chrono::NaiveDate;
use ocop_core::store::{audit, units};
use ocop_core::{
    Action, Caller, DomainError, DomainResult, Dong, Page, Principal, ProductId, Scope, SubjectId,
    UnitId, text,
};
use ocop_subjects::store as subjects;
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{ExprTrait, Query};
use sea_orm::{
    ActiveValue::Set, Condition, ConnectionTrait, DatabaseConnection, PaginatorTrait, QueryOrder,
};

use super::classification::{self, category, version};
use super::images;
use crate::model::*;

pub mod product {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "product")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub subject_id: Uuid,
        pub name: String,
        pub search_name: String,
        pub category_id: i32,
        pub origin_unit_id: i32,
        #[sea_orm(column_type = "Text")]
        pub description: String,
        #[sea_orm(column_type = "Text")]
        pub ingredients: String,
        pub packaging: String,
        pub price_min: Option<i64>,
        pub price_max: Option<i64>,
        pub capacity_value: Option<i64>,
        pub capacity_unit: Option<String>,
        pub status: String,
        pub version: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The rows a scope may see. Private on purpose: every query below applies it.
fn scope_condition(scope: &Scope) -> Condition {
    match scope {
        Scope::All => Condition::all(),
        Scope::Subtree(_) | Scope::Nothing => Condition::all()
            .add(product::Column::SubjectId.in_subquery(subjects::ids_in_scope(scope))),
        Scope::Subject(id) => Condition::all().add(product::Column::SubjectId.eq(id.0)),
    }
}

pub(crate) async fn get_model<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: ProductId,
) -> DomainResult<product::Model> {
    product::Entity::find_by_id(id.0)
        .filter(scope_condition(&principal.scope()))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("product"))
}

pub async fn get<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: ProductId,
) -> DomainResult<ProductOut> {
    let model = get_model(db, principal, id).await?;
    Ok(to_outs(db, vec![model]).await?.remove(0))
}

/// Builds output rows with their subject, category, unit and image details: one query per kind, not per row.
async fn to_outs<C: ConnectionTrait>(
    db: &C,
    rows: Vec<product::Model>,
) -> DomainResult<Vec<ProductOut>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let subject_names: HashMap<Uuid, String> = subjects::subject::Entity::find()
        .filter(subjects::subject::Column::Id.is_in(rows.iter().map(|r| r.subject_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
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
    Ok(rows
        .into_iter()
        .map(|m| {
            let cat = categories.get(&m.category_id);
            ProductOut {
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
                status: ProductStatus::parse(&m.status).unwrap_or(ProductStatus::Active),
                version: m.version,
                created_at: m.created_at,
                updated_at: m.updated_at,
            }
        })
        .collect())
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    query: &ProductQuery,
) -> DomainResult<Page<ProductOut>> {
    let (page, per_page) = ocop_core::PageQuery {
        page: query.page,
        per_page: query.per_page,
    }
    .resolve()?;
    let mut cond = scope_condition(&principal.scope());
    if let Some(unit) = query.unit_id {
        let scope = Scope::Subtree(UnitId(unit));
        cond = cond.add(product::Column::SubjectId.in_subquery(subjects::ids_in_scope(&scope)));
    }
    if let Some(subject) = query.subject_id {
        cond = cond.add(product::Column::SubjectId.eq(subject));
    }
    if let Some(status) = query.status {
        cond = cond.add(product::Column::Status.eq(status.as_str()));
    }
    if let Some(code) = query
        .product_set
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        // A sector or group code selects every product set under it.
        let mut categories = Query::select();
        categories
            .column(category::Column::Id)
            .from(category::Entity)
            .cond_where(
                Condition::any().add(category::Column::Code.eq(code)).add(
                    category::Column::Code.like(format!("{}.%", code.replace(['%', '_'], ""))),
                ),
            );
        cond = cond.add(product::Column::CategoryId.in_subquery(categories));
    }
    if let Some(q) = query.q.as_deref().map(text::fold).filter(|q| !q.is_empty()) {
        cond = cond.add(Expr::col(product::Column::SearchName).like(text::like_contains(&q)));
    }
    let select = product::Entity::find().filter(cond);
    let select = match query.sort.unwrap_or_default() {
        ProductSort::NameAsc => select.order_by_asc(product::Column::SearchName),
        ProductSort::NameDesc => select.order_by_desc(product::Column::SearchName),
        ProductSort::CreatedAsc => select.order_by_asc(product::Column::CreatedAt),
        ProductSort::CreatedDesc => select.order_by_desc(product::Column::CreatedAt),
        ProductSort::UpdatedDesc => select.order_by_desc(product::Column::UpdatedAt),
        ProductSort::PriceAsc => select.order_by_asc(product::Column::PriceMin),
        ProductSort::PriceDesc => select.order_by_desc(product::Column::PriceMin),
    }
    .order_by_asc(product::Column::Id);
    let paginator = select.paginate(db, per_page);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page - 1).await?;
    Ok(Page {
        items: to_outs(db, rows).await?,
        page,
        per_page,
        total,
    })
}

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
    let mut txn = Change::begin(db, caller).await?;
    let subject = subjects::find_in_scope(&txn, &principal.scope(), subject_id)
        .await?
        .ok_or_else(|| DomainError::field("subject_id", "unknown_subject"))?;
    if subject.status == ocop_subjects::SubjectStatus::Archived.as_str() {
        return Err(DomainError::field("subject_id", "subject_archived"));
    }
    let (set, _) = classification::product_set_in_force(&txn, &input.product_set, today).await?;
    let kind = ocop_subjects::SubjectKind::parse(&subject.kind)
        .unwrap_or(ocop_subjects::SubjectKind::ProductionHousehold);
    check_kind_for_set(kind.tourism_only(), &set.code)?;
    let origin = match input.origin_unit_id {
        Some(unit) => {
            units::find(&txn, unit)
                .await
                .map_err(|_| DomainError::field("origin_unit_id", "unknown_unit"))?
                .id
        }
        None => subject.unit_id,
    };
    let now = caller.at;
    let model = product::ActiveModel {
        id: Set(ProductId::new().0),
        subject_id: Set(subject.id),
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
        status: Set(ProductStatus::Active.as_str().to_string()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let out = to_outs(&txn, vec![model]).await?.remove(0);
    txn.audit(
        "product",
        out.id.to_string(),
        "product.create",
        serde_json::to_value(&out).unwrap_or_default(),
    );
    txn.commit().await?;
    Ok(out)
}

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
    let mut txn = Change::begin(db, caller).await?;
    let current = get_model(&txn, principal, id).await?;
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
    let before = to_outs(&txn, vec![current.clone()]).await?.remove(0);

    let mut model: product::ActiveModel = current.clone().into();
    if let Some(code) = &patch.product_set {
        let (set, _) = classification::product_set_in_force(&txn, code, today).await?;
        let subject = subjects::subject::Entity::find_by_id(current.subject_id)
            .one(&txn)
            .await?;
        let tourism_only = subject
            .and_then(|s| ocop_subjects::SubjectKind::parse(&s.kind))
            .is_some_and(ocop_subjects::SubjectKind::tourism_only);
        check_kind_for_set(tourism_only, &set.code)?;
        model.category_id = Set(set.id);
    }
    if let Some(unit) = patch.origin_unit_id {
        let unit = units::find(&txn, unit)
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
    if let Some(status) = patch.status {
        model.status = Set(status.as_str().to_string());
    }
    model.version = Set(current.version + 1);
    model.updated_at = Set(caller.at);
    ocop_core::store::update_if_version::<product::Entity, _>(
        &txn,
        model,
        product::Column::Id,
        product::Column::Version,
        current.id,
        current.version,
    )
    .await?;
    let updated = get_model(&txn, principal, id).await?;
    let after = to_outs(&txn, vec![updated]).await?.remove(0);
    txn.audit(
        "product",
        id.to_string(),
        "product.update",
        audit::diff(&before, &after),
    );
    txn.commit().await?;
    Ok(after)
}
