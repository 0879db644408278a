//! The `subject` table. Every query goes through [`scope_condition`], so no caller can reach a
//! subject outside its scope; a subject outside it reads as not found.

use ocop_core::store::change::Change;
use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use ocop_core::store::{audit, units};
use ocop_core::{
    Action, Caller, DomainError, DomainResult, Page, Principal, Scope, SubjectId, UnitId, text,
};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveValue::Set, Condition, ConnectionTrait, DatabaseConnection, FromQueryResult,
    PaginatorTrait, QueryOrder, QuerySelect, QueryTrait,
};

use crate::model::*;

pub mod subject {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "subject")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub kind: String,
        pub name: String,
        /// `name` folded for diacritic-insensitive search.
        pub search_name: String,
        pub registration_code: Option<String>,
        pub legal_representative: String,
        pub address: String,
        pub unit_id: i32,
        pub phone: Option<String>,
        pub email: Option<String>,
        pub founded_on: Option<Date>,
        pub member_count: Option<i32>,
        pub women_led: bool,
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
        Scope::Subtree(root) => {
            Condition::all().add(subject::Column::UnitId.in_subquery(units::subtree_ids(*root)))
        }
        Scope::Subject(id) => Condition::all().add(subject::Column::Id.eq(id.0)),
        Scope::Nothing => Condition::all().add(Expr::val(false)),
    }
}

/// A subquery of the ids of the subjects a scope may see, for tables that hang off subjects.
pub fn ids_in_scope(scope: &Scope) -> sea_orm::sea_query::SelectStatement {
    subject::Entity::find()
        .select_only()
        .column(subject::Column::Id)
        .filter(scope_condition(scope))
        .into_query()
}

/// A subject the scope may see, or `None`.
pub async fn find_in_scope<C: ConnectionTrait>(
    db: &C,
    scope: &Scope,
    id: SubjectId,
) -> DomainResult<Option<subject::Model>> {
    Ok(subject::Entity::find_by_id(id.0)
        .filter(scope_condition(scope))
        .one(db)
        .await?)
}

async fn get_model<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: SubjectId,
) -> DomainResult<subject::Model> {
    find_in_scope(db, &principal.scope(), id)
        .await?
        .ok_or(DomainError::not_found("subject"))
}

pub async fn get<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: SubjectId,
) -> DomainResult<SubjectOut> {
    let model = get_model(db, principal, id).await?;
    let names = unit_names(db, [model.unit_id]).await?;
    Ok(to_out(model, &names))
}

pub async fn unit_names<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> DomainResult<HashMap<i32, String>> {
    let ids: Vec<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = units::unit::Entity::find()
        .filter(units::unit::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|u| (u.id, u.name)).collect())
}

fn to_out(m: subject::Model, unit_names: &HashMap<i32, String>) -> SubjectOut {
    let unit_name = unit_names.get(&m.unit_id).cloned().unwrap_or_default();
    to_out_named(m, unit_name)
}

fn to_out_named(m: subject::Model, unit_name: String) -> SubjectOut {
    SubjectOut {
        id: SubjectId(m.id),
        kind: SubjectKind::parse(&m.kind).unwrap_or(SubjectKind::ProductionHousehold),
        unit_name,
        name: m.name,
        registration_code: m.registration_code,
        legal_representative: m.legal_representative,
        address: m.address,
        unit_id: UnitId(m.unit_id),
        phone: m.phone,
        email: m.email,
        founded_on: m.founded_on,
        member_count: m.member_count,
        women_led: m.women_led,
        status: SubjectStatus::parse(&m.status).unwrap_or(SubjectStatus::Active),
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    query: &SubjectQuery,
) -> DomainResult<Page<SubjectOut>> {
    let (page, per_page) = ocop_core::PageQuery {
        page: query.page,
        per_page: query.per_page,
    }
    .resolve()?;
    let mut cond = scope_condition(&principal.scope());
    if let Some(unit) = query.unit_id {
        cond = cond.add(subject::Column::UnitId.in_subquery(units::subtree_ids(UnitId(unit))));
    }
    if let Some(kind) = query.kind {
        cond = cond.add(subject::Column::Kind.eq(kind.as_str()));
    }
    if let Some(status) = query.status {
        cond = cond.add(subject::Column::Status.eq(status.as_str()));
    }
    if let Some(women_led) = query.women_led {
        cond = cond.add(subject::Column::WomenLed.eq(women_led));
    }
    if let Some(q) = query.q.as_deref().map(text::fold).filter(|q| !q.is_empty()) {
        let pattern = text::like_contains(&q);
        let code_pattern = text::like_contains(&q.to_uppercase());
        cond = cond.add(
            Condition::any()
                .add(Expr::col(subject::Column::SearchName).like(pattern))
                .add(Expr::col(subject::Column::RegistrationCode).like(code_pattern)),
        );
    }
    let select = subject::Entity::find().filter(cond);
    let select = match query.sort.unwrap_or_default() {
        SubjectSort::NameAsc => select.order_by_asc(subject::Column::SearchName),
        SubjectSort::NameDesc => select.order_by_desc(subject::Column::SearchName),
        SubjectSort::CreatedAsc => select.order_by_asc(subject::Column::CreatedAt),
        SubjectSort::CreatedDesc => select.order_by_desc(subject::Column::CreatedAt),
        SubjectSort::UpdatedDesc => select.order_by_desc(subject::Column::UpdatedAt),
    }
    .order_by_asc(subject::Column::Id);
    // One statement: the page, each row's unit name and the total over all pages (a window
    // count). Only a page past the end, which has no row to carry the total, counts again.
    let offset = ocop_core::page::offset(page, per_page);
    let rows = select
        .clone()
        .column_as(Expr::cust(UNIT_NAME), "unit_name")
        .column_as(Expr::cust("COUNT(*) OVER ()"), "total")
        .limit(per_page)
        .offset(offset)
        .into_model::<ListedSubject>()
        .all(db)
        .await?;
    let total = match rows.first() {
        Some(row) => u64::try_from(row.total).unwrap_or(0),
        None if page == 1 => 0,
        None => select.count(db).await?,
    };
    Ok(Page {
        items: rows
            .into_iter()
            .map(|r| to_out_named(r.subject, r.unit_name))
            .collect(),
        page,
        per_page,
        total,
    })
}

/// The subject's unit name, as a column of the list statement.
const UNIT_NAME: &str =
    "(SELECT admin_unit.name FROM admin_unit WHERE admin_unit.id = subject.unit_id)";

/// A row of the list statement.
#[derive(FromQueryResult)]
struct ListedSubject {
    #[sea_orm(nested)]
    subject: subject::Model,
    unit_name: String,
    total: i64,
}

fn clean(s: &str) -> String {
    s.trim().to_string()
}

fn clean_code(code: Option<String>) -> Option<String> {
    code.map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty())
}

fn clean_opt(s: Option<String>) -> Option<String> {
    s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    input: SubjectIn,
    today: NaiveDate,
) -> DomainResult<SubjectOut> {
    let principal = &caller.principal;
    principal.require(Action::SubjectsCreate)?;
    check_kind_rules(input.kind, input.member_count, input.founded_on, today)?;
    let mut txn = Change::begin(db, caller).await?;
    let unit = units::find_assignable(&txn, principal, input.unit_id, "unit_id", today).await?;
    if unit.level != ocop_core::units::UnitLevel::Commune.as_str() {
        return Err(DomainError::field("unit_id", "not_a_commune"));
    }
    let now = caller.at;
    let model = subject::ActiveModel {
        id: Set(SubjectId::new().0),
        kind: Set(input.kind.as_str().to_string()),
        search_name: Set(text::fold(&input.name)),
        name: Set(clean(&input.name)),
        registration_code: Set(clean_code(input.registration_code)),
        legal_representative: Set(clean(&input.legal_representative)),
        address: Set(clean(&input.address)),
        unit_id: Set(unit.id),
        phone: Set(clean_opt(input.phone)),
        email: Set(clean_opt(input.email)),
        founded_on: Set(input.founded_on),
        member_count: Set(input.member_count),
        women_led: Set(input.women_led),
        status: Set(SubjectStatus::Active.as_str().to_string()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let out = to_out(model, &HashMap::from([(unit.id, unit.name)]));
    txn.audit(
        "subject",
        out.id.to_string(),
        "subject.create",
        serde_json::to_value(&out).unwrap_or_default(),
    );
    txn.commit().await?;
    Ok(out)
}

pub async fn patch(
    db: &DatabaseConnection,
    caller: &Caller,
    id: SubjectId,
    expected_version: i32,
    patch: SubjectPatch,
    today: NaiveDate,
) -> DomainResult<SubjectOut> {
    let principal = &caller.principal;
    principal.require(Action::SubjectsUpdate)?;
    // Identity and standing of a subject are the officers' to change, not the producer's.
    if patch.status.is_some()
        || patch.registration_code.is_some()
        || patch.unit_id.is_some()
        || patch.kind.is_some()
    {
        principal.require(Action::SubjectsAdminister)?;
    }
    let mut txn = Change::begin(db, caller).await?;
    let current = get_model(&txn, principal, id).await?;
    if current.version != expected_version {
        return Err(DomainError::StaleVersion {
            expected: expected_version,
            current: current.version,
        });
    }
    let kind = patch
        .kind
        .unwrap_or(SubjectKind::parse(&current.kind).unwrap_or(SubjectKind::ProductionHousehold));
    let member_count = patch.member_count.unwrap_or(current.member_count);
    let founded_on = patch.founded_on.unwrap_or(current.founded_on);
    check_kind_rules(kind, member_count, founded_on, today)?;
    let mut unit_id = current.unit_id;
    if let Some(unit) = patch.unit_id {
        let unit = units::find_assignable(&txn, principal, unit, "unit_id", today).await?;
        if unit.level != ocop_core::units::UnitLevel::Commune.as_str() {
            return Err(DomainError::field("unit_id", "not_a_commune"));
        }
        unit_id = unit.id;
    }
    let names = unit_names(&txn, [current.unit_id, unit_id]).await?;
    let before = to_out(current.clone(), &names);

    let mut model: subject::ActiveModel = current.clone().into();
    model.kind = Set(kind.as_str().to_string());
    if let Some(name) = patch.name {
        model.search_name = Set(text::fold(&name));
        model.name = Set(clean(&name));
    }
    if let Some(code) = patch.registration_code {
        model.registration_code = Set(clean_code(code));
    }
    if let Some(rep) = patch.legal_representative {
        model.legal_representative = Set(clean(&rep));
    }
    if let Some(address) = patch.address {
        model.address = Set(clean(&address));
    }
    model.unit_id = Set(unit_id);
    if let Some(phone) = patch.phone {
        model.phone = Set(clean_opt(phone));
    }
    if let Some(email) = patch.email {
        model.email = Set(clean_opt(email));
    }
    model.founded_on = Set(founded_on);
    model.member_count = Set(member_count);
    if let Some(women_led) = patch.women_led {
        model.women_led = Set(women_led);
    }
    if let Some(status) = patch.status {
        model.status = Set(status.as_str().to_string());
    }
    let after = save_versioned(&txn, model, &current, caller.at).await?;
    let after = to_out(after, &names);
    txn.audit(
        "subject",
        id.to_string(),
        "subject.update",
        audit::diff(&before, &after),
    );
    txn.commit().await?;
    Ok(after)
}

/// Writes the row only if its version is still the one read, and bumps the version.
async fn save_versioned<C: ConnectionTrait>(
    txn: &C,
    mut model: subject::ActiveModel,
    current: &subject::Model,
    now: chrono::DateTime<Utc>,
) -> DomainResult<subject::Model> {
    model.version = Set(current.version + 1);
    model.updated_at = Set(now);
    ocop_core::store::update_if_version::<subject::Entity, _>(
        txn,
        model,
        subject::Column::Id,
        subject::Column::Version,
        current.id,
        current.version,
    )
    .await?;
    subject::Entity::find_by_id(current.id)
        .one(txn)
        .await?
        .ok_or(DomainError::not_found("subject"))
}

/// Archives a subject: it stays, with its products and history, but is marked as no longer operating.
pub async fn archive(
    db: &DatabaseConnection,
    caller: &Caller,
    id: SubjectId,
    expected_version: i32,
    today: NaiveDate,
) -> DomainResult<SubjectOut> {
    let patch = SubjectPatch {
        status: Some(SubjectStatus::Archived),
        ..Default::default()
    };
    let principal = &caller.principal;
    principal.require(Action::SubjectsAdminister)?;
    self::patch(db, caller, id, expected_version, patch, today).await
}

/// Deletes a subject registered by mistake. One that has products (or users) is refused: archive it.
pub async fn delete(
    db: &DatabaseConnection,
    caller: &Caller,
    id: SubjectId,
    expected_version: i32,
) -> DomainResult<()> {
    let principal = &caller.principal;
    principal.require(Action::SubjectsAdminister)?;
    let mut txn = Change::begin(db, caller).await?;
    let current = get_model(&txn, principal, id).await?;
    if current.version != expected_version {
        return Err(DomainError::StaleVersion {
            expected: expected_version,
            current: current.version,
        });
    }
    let names = unit_names(&txn, [current.unit_id]).await?;
    let before = to_out(current.clone(), &names);
    // The foreign keys from products and users are the authority on "still in use".
    match subject::Entity::delete_by_id(current.id).exec(&txn).await {
        Ok(_) => {}
        Err(err) => {
            return Err(match DomainError::from(err) {
                DomainError::Conflict {
                    code: "reference", ..
                } => DomainError::Conflict {
                    code: "subject_in_use",
                    field: None,
                },
                other => other,
            });
        }
    }
    txn.audit(
        "subject",
        id.to_string(),
        "subject.delete",
        serde_json::to_value(&before).unwrap_or_default(),
    );
    txn.commit().await?;
    Ok(())
}
