//! [`CertificateOut`]: a certificate or a page of them with their state computed for the day
//! asked; names, sets and re-rating filings read in one query per kind.

use std::collections::HashMap;

use chrono::NaiveDate;
use ocop_core::{
    Action, Caller, DomainError, DomainResult, Page, PageQuery, ProductId, SubjectId, text,
};
use ocop_products::store::products;
use ocop_subjects::store as subjects;
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{ExprTrait, LikeExpr};
use sea_orm::{Condition, ConnectionTrait, PaginatorTrait, QueryOrder};

use crate::store::certificates::{
    facts, find_in_scope, ground_of, parse_level, scope_condition, stars_of,
};
use crate::store::criteria;
use crate::store::entities::{certificate, cycle};
use crate::store::read::order_of;
use crate::{
    CertificateId, CertificateOut, CertificateQuery, CertificateSortField, CertificateState,
    CycleId, RevocationOut,
};

pub(crate) async fn to_outs<C: ConnectionTrait>(
    db: &C,
    certs: Vec<certificate::Model>,
    today: NaiveDate,
    origin: &str,
) -> DomainResult<Vec<CertificateOut>> {
    let facts = facts(db, &certs).await?;
    let products = products::names_by_ids(db, certs.iter().map(|c| c.product_id)).await?;
    let subjects = subjects::names_by_ids(db, certs.iter().map(|c| c.subject_id)).await?;
    let cycles: HashMap<Uuid, i32> = cycle::Entity::find()
        .filter(cycle::Column::Id.is_in(certs.iter().map(|c| c.cycle_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.criteria_set_id))
        .collect();
    let sets = criteria::product_set_labels(db, cycles.values().copied()).await?;
    let mut out = Vec::with_capacity(certs.len());
    for c in certs {
        let state = facts
            .get(&c.id)
            .map_or(CertificateState::Expired, |f| crate::state_on(f, today));
        let window = crate::re_rating_window(c.expires_on);
        let set = cycles.get(&c.cycle_id).and_then(|s| sets.get(s));
        let revocation = match (c.revoked_on, ground_of(&c)?) {
            (Some(decided_on), Some(ground)) => Some(RevocationOut {
                ground,
                authority: parse_level(
                    "certificate.revocation_authority",
                    c.revocation_authority.as_deref().unwrap_or(""),
                )?,
                number: c.revocation_number.clone().unwrap_or_default(),
                decided_on,
                signer: c.revocation_signer.clone().unwrap_or_default(),
            }),
            _ => None,
        };
        out.push(CertificateOut {
            verification_url: format!("{origin}/verify/{}", c.verification_code),
            product_name: products.get(&c.product_id).cloned().unwrap_or_default(),
            product_set: set.map(|(code, _)| code.clone()).unwrap_or_default(),
            product_set_name: set.map(|(_, name)| name.clone()).unwrap_or_default(),
            subject_name: subjects.get(&c.subject_id).cloned().unwrap_or_default(),
            stars: stars_of(&c)?,
            issuing_level: parse_level("certificate.issuing_level", &c.issuing_level)?,
            id: CertificateId(c.id),
            number: c.number,
            verification_code: c.verification_code,
            product_id: ProductId(c.product_id),
            subject_id: SubjectId(c.subject_id),
            issuing_body: c.issuing_body,
            decision_number: c.decision_number,
            decision_signer: c.decision_signer,
            issued_on: c.issued_on,
            expires_on: c.expires_on,
            state,
            re_rating_opens_on: window.opens_on,
            re_rating_closes_on: window.closes_on,
            extension_limit: crate::extension_limit(c.expires_on),
            cycle_id: CycleId(c.cycle_id),
            superseded_by: c.superseded_by.map(CertificateId),
            revocation,
            created_at: c.created_at,
            version: c.version,
        });
    }
    Ok(out)
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    query: &CertificateQuery,
    today: NaiveDate,
    origin: &str,
) -> DomainResult<Page<CertificateOut>> {
    let principal = &caller.principal;
    principal.require(Action::CertificatesRead)?;
    let (page, per_page) = PageQuery {
        page: query.page,
        per_page: query.per_page,
    }
    .resolve()?;
    let mut select = certificate::Entity::find().filter(scope_condition(&principal.scope()));
    if let Some(product) = query.product_id {
        select = select.filter(certificate::Column::ProductId.eq(product.0));
    }
    if let Some(stars) = query.stars {
        select = select.filter(certificate::Column::Stars.eq(i32::from(stars)));
    }
    if let Some(q) = query.q.as_deref().map(text::fold).filter(|q| !q.is_empty()) {
        // Numbers and verification codes are stored upper-case and unmarked.
        let code = || LikeExpr::new(text::like_contains(&q.to_uppercase())).escape('\\');
        select = select.filter(
            Condition::any()
                .add(certificate::Column::ProductId.in_subquery(products::ids_named_like(&q)))
                .add(certificate::Column::SubjectId.in_subquery(subjects::ids_named_like(&q)))
                .add(Expr::col(certificate::Column::Number).like(code()))
                .add(Expr::col(certificate::Column::VerificationCode).like(code())),
        );
    }
    let (field, direction) = query.sort.unwrap_or_default().field();
    let key: Expr = match field {
        CertificateSortField::IssuedOn => Expr::col(certificate::Column::IssuedOn),
        CertificateSortField::ExpiresOn => Expr::col(certificate::Column::ExpiresOn),
        CertificateSortField::Stars => Expr::col(certificate::Column::Stars),
        CertificateSortField::ProductName => {
            products::name_key((certificate::Entity, certificate::Column::ProductId))
        }
    };
    let select = select
        .order_by(key, order_of(direction))
        .order_by_desc(certificate::Column::Id);
    let Some(state) = query.state else {
        let paginator = select.paginate(db, per_page);
        let total = paginator.num_items().await?;
        let models = paginator.fetch_page(page - 1).await?;
        return Ok(Page {
            items: to_outs(db, models, today, origin).await?,
            page,
            per_page,
            total,
        });
    };
    // The state is computed for the day asked, so its filter runs here over the matching rows;
    // a province holds thousands of certificates, not millions.
    let mut outs = to_outs(db, select.all(db).await?, today, origin).await?;
    outs.retain(|c| c.state == state);
    let total = outs.len() as u64;
    let items = outs
        .into_iter()
        .skip(usize::try_from(ocop_core::page::offset(page, per_page)).unwrap_or(usize::MAX))
        .take(per_page as usize)
        .collect();
    Ok(Page {
        items,
        page,
        per_page,
        total,
    })
}

pub async fn get<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: CertificateId,
    today: NaiveDate,
    origin: &str,
) -> DomainResult<CertificateOut> {
    let model = find_in_scope(db, caller, id).await?;
    to_outs(db, vec![model], today, origin)
        .await?
        .pop()
        .ok_or(DomainError::not_found("certificate"))
}

/// Every standing certificate in scope with its state today, for the alerts.
pub(crate) async fn all_in_scope<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    today: NaiveDate,
) -> DomainResult<Vec<CertificateOut>> {
    let certs = certificate::Entity::find()
        .filter(scope_condition(&caller.principal.scope()))
        .filter(certificate::Column::SupersededBy.is_null())
        .filter(certificate::Column::RevokedOn.is_null())
        .all(db)
        .await?;
    to_outs(db, certs, today, "").await
}
