//! Scoped reads of subjects: one subject, a filtered page, and the subquery of the ids a scope
//! may see for tables that hang off subjects. All of them apply [`scope_condition`].

use ocop_core::store::units;
use ocop_core::{DomainError, DomainResult, Page, Principal, Scope, SubjectId, UnitId, text};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{ExprTrait, LikeExpr};
use sea_orm::{
    Condition, ConnectionTrait, FromQueryResult, PaginatorTrait, QueryOrder, QuerySelect,
    QueryTrait,
};

use super::read::{to_out, to_out_named, unit_names};
use super::subject;
use crate::model::*;

/// The rows a scope may see. Private on purpose: every query of the crate applies it.
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

/// A subquery of the ids of the subjects whose name holds `folded` (a query already folded), for
/// the lists of records that hang off subjects to search by the subject's name in SQL.
pub fn ids_named_like(folded: &str) -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(subject::Column::Id)
        .from(subject::Entity)
        .and_where(
            Expr::col(subject::Column::SearchName)
                .like(LikeExpr::new(text::like_contains(folded)).escape('\\')),
        )
        .to_owned()
}

/// A subject the scope may see, or `None`.
pub(crate) async fn find_in_scope<C: ConnectionTrait>(
    db: &C,
    scope: &Scope,
    id: SubjectId,
) -> DomainResult<Option<subject::Model>> {
    Ok(subject::Entity::find_by_id(id.0)
        .filter(scope_condition(scope))
        .one(db)
        .await?)
}

/// The row of a subject the principal may see; not found otherwise.
pub(crate) async fn get_model<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: SubjectId,
) -> DomainResult<subject::Model> {
    find_in_scope(db, &principal.scope(), id)
        .await?
        .ok_or(DomainError::not_found("subject"))
}

/// A subject the principal may see.
pub async fn get<C: ConnectionTrait>(
    db: &C,
    principal: &Principal,
    id: SubjectId,
) -> DomainResult<SubjectOut> {
    let model = get_model(db, principal, id).await?;
    let names = unit_names(db, [model.unit_id]).await?;
    to_out(model, &names)
}

/// Subjects the principal may see, filtered, sorted and paged.
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
            .collect::<DomainResult<_>>()?,
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
