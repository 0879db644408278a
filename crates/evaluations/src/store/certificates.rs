//! Certificates: issued with a recognition decision, superseded by the next one of the same
//! product, revoked by decision. Their state is never stored: it is computed for the day asked
//! from the dates and from the product's re-rating dossier, so no job has to run for a
//! certificate to expire.

use ocop_core::store::change::Change;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use ocop_core::store::units;
use ocop_core::store::update_if_version;
use ocop_core::{
    Action, Caller, DomainError, DomainResult, Page, PageQuery, Precondition, ProductId, Scope,
    SubjectId,
};
use ocop_products::store::products::product;
use ocop_subjects::store::{ids_in_scope, subject};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, DatabaseConnection, QueryOrder};

use super::criteria;
use super::entities::{certificate, cycle};
use crate::{
    CertificateFacts, CertificateOut, CertificateQuery, CertificateState, DecisionIn, DossierType,
    RecognitionLevel, RevocationGround, RevocationOut, RevokeIn,
};

fn scope_condition(scope: &Scope) -> Condition {
    match scope {
        Scope::All => Condition::all(),
        Scope::Subtree(_) | Scope::Nothing => {
            Condition::all().add(certificate::Column::SubjectId.in_subquery(ids_in_scope(scope)))
        }
        Scope::Subject(id) => Condition::all().add(certificate::Column::SubjectId.eq(id.0)),
    }
}

/// A stored level; rows only ever hold the three names.
fn parse_level(s: &str) -> RecognitionLevel {
    RecognitionLevel::parse(s).unwrap_or(RecognitionLevel::Province)
}

fn ground_str(ground: RevocationGround) -> String {
    serde_json::to_value(ground)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn parse_ground(s: &str) -> Option<RevocationGround> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

/// Unambiguous characters for codes read aloud or typed from paper: no 0/O, 1/I/L.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

fn verification_code() -> String {
    // A v4 UUID carries 122 random bits; 12 characters of a 31-letter alphabet use ~59 of them.
    let random = Uuid::new_v4().as_u128();
    (0..12)
        .map(|i| {
            let n = CODE_ALPHABET.len() as u128;
            CODE_ALPHABET[((random / n.pow(i)) % n) as usize] as char
        })
        .collect()
}

/// The body that issues: the province (by its name, from the subject's unit) or the ministry.
async fn issuing_body<C: ConnectionTrait>(
    db: &C,
    subject_unit: i32,
    level: RecognitionLevel,
) -> DomainResult<String> {
    if level == RecognitionLevel::Central {
        return Ok("Bộ Nông nghiệp và Môi trường".into());
    }
    let mut unit = units::find(db, ocop_core::UnitId(subject_unit)).await?;
    while let Some(parent) = unit.parent_id {
        if level == RecognitionLevel::District && unit.level == "district" {
            break;
        }
        unit = units::find(db, ocop_core::UnitId(parent)).await?;
    }
    Ok(format!("Ủy ban nhân dân {}", unit.name))
}

/// Issues the certificate of a recognised cycle and supersedes the product's earlier one.
pub(crate) async fn issue(
    change: &mut Change<'_>,
    caller: &Caller,
    c: &cycle::Model,
    stars: u8,
    level: RecognitionLevel,
    decision: &DecisionIn,
) -> DomainResult<certificate::Model> {
    let subject = subject::Entity::find_by_id(c.subject_id)
        .one(&*change)
        .await?
        .ok_or(DomainError::not_found("subject"))?;
    let year = decision.decided_on.year();
    let issued_this_year = certificate::Entity::find()
        .filter(certificate::Column::IssuedOn.gte(NaiveDate::from_ymd_opt(year, 1, 1)))
        .filter(certificate::Column::IssuedOn.lte(NaiveDate::from_ymd_opt(year, 12, 31)))
        .count(&*change)
        .await?;
    let id = Uuid::now_v7();
    let model = certificate::ActiveModel {
        id: Set(id),
        number: Set(format!("OCOP-{year}-{:05}", issued_this_year + 1)),
        verification_code: Set(verification_code()),
        product_id: Set(c.product_id),
        subject_id: Set(c.subject_id),
        cycle_id: Set(c.id),
        stars: Set(i32::from(stars)),
        issuing_level: Set(level.as_str().into()),
        issuing_body: Set(issuing_body(&*change, subject.unit_id, level).await?),
        decision_number: Set(decision.number.trim().into()),
        decision_signer: Set(decision.signer.trim().into()),
        issued_on: Set(decision.decided_on),
        expires_on: Set(crate::expires_on(decision.decided_on)),
        superseded_by: Set(None),
        superseded_on: Set(None),
        revoked_on: Set(None),
        revocation_ground: Set(None),
        revocation_authority: Set(None),
        revocation_number: Set(None),
        revocation_signer: Set(None),
        created_by: Set(caller.principal.user_id.0),
        created_at: Set(caller.at),
        version: Set(1),
    }
    .insert(&*change)
    .await?;
    // One valid certificate per product: the new one takes over from the decision's date.
    let active = certificate::ActiveModel {
        superseded_by: Set(Some(id)),
        superseded_on: Set(Some(decision.decided_on)),
        ..Default::default()
    };
    certificate::Entity::update_many()
        .set(active)
        .col_expr(
            certificate::Column::Version,
            Expr::col(certificate::Column::Version).add(1),
        )
        .filter(certificate::Column::ProductId.eq(c.product_id))
        .filter(certificate::Column::Id.ne(id))
        .filter(certificate::Column::SupersededBy.is_null())
        .filter(certificate::Column::RevokedOn.is_null())
        .exec(&*change)
        .await?;
    change.audit(
        "certificate",
        id.to_string(),
        "certificate.issue",
        serde_json::json!({"number": model.number, "stars": stars, "decision": decision}),
    );
    Ok(model)
}

/// The re-rating filing and its decision for a certificate: the product's re-rating cycle filed
/// after the certificate was issued.
async fn facts<C: ConnectionTrait>(
    db: &C,
    certs: &[certificate::Model],
) -> DomainResult<HashMap<Uuid, CertificateFacts>> {
    let re_ratings = cycle::Entity::find()
        .filter(cycle::Column::ProductId.is_in(certs.iter().map(|c| c.product_id)))
        .filter(cycle::Column::DossierType.eq(DossierType::ReRating.as_str()))
        .filter(cycle::Column::SubmittedOn.is_not_null())
        .order_by_asc(cycle::Column::SubmittedOn)
        .all(db)
        .await?;
    Ok(certs
        .iter()
        .map(|c| {
            let filing = re_ratings
                .iter()
                .find(|r| r.product_id == c.product_id && r.submitted_on > Some(c.issued_on));
            (
                c.id,
                CertificateFacts {
                    issued_on: c.issued_on,
                    revoked_on: c.revoked_on,
                    revocation_ground: c.revocation_ground.as_deref().and_then(parse_ground),
                    superseded_on: c.superseded_on,
                    re_rating_filed_on: filing.and_then(|r| r.submitted_on),
                    re_rating_decided_on: filing.and_then(|r| r.decided_on),
                },
            )
        })
        .collect())
}

/// The product's certificate that is valid on `today`, if any.
pub(crate) async fn current_for_product<C: ConnectionTrait>(
    db: &C,
    product_id: ProductId,
    today: NaiveDate,
) -> DomainResult<Option<certificate::Model>> {
    let certs = certificate::Entity::find()
        .filter(certificate::Column::ProductId.eq(product_id.0))
        .filter(certificate::Column::SupersededBy.is_null())
        .filter(certificate::Column::RevokedOn.is_null())
        .all(db)
        .await?;
    let facts = facts(db, &certs).await?;
    Ok(certs.into_iter().find(|c| {
        facts
            .get(&c.id)
            .is_some_and(|f| crate::state_on(f, today).is_valid())
    }))
}

async fn to_outs<C: ConnectionTrait>(
    db: &C,
    certs: Vec<certificate::Model>,
    today: NaiveDate,
    origin: &str,
) -> DomainResult<Vec<CertificateOut>> {
    let facts = facts(db, &certs).await?;
    let products: HashMap<Uuid, product::Model> = product::Entity::find()
        .filter(product::Column::Id.is_in(certs.iter().map(|c| c.product_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let subjects: HashMap<Uuid, String> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(certs.iter().map(|c| c.subject_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let cycles: HashMap<Uuid, i32> = cycle::Entity::find()
        .filter(cycle::Column::Id.is_in(certs.iter().map(|c| c.cycle_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.criteria_set_id))
        .collect();
    let sets = criteria::product_sets(db, cycles.values().copied()).await?;
    Ok(certs
        .into_iter()
        .map(|c| {
            let state = facts
                .get(&c.id)
                .map_or(CertificateState::Expired, |f| crate::state_on(f, today));
            let window = crate::re_rating_window(c.expires_on);
            let revocation = match (
                c.revoked_on,
                c.revocation_ground.as_deref().and_then(parse_ground),
            ) {
                (Some(decided_on), Some(ground)) => Some(RevocationOut {
                    ground,
                    authority: parse_level(c.revocation_authority.as_deref().unwrap_or("")),
                    number: c.revocation_number.clone().unwrap_or_default(),
                    decided_on,
                    signer: c.revocation_signer.clone().unwrap_or_default(),
                }),
                _ => None,
            };
            CertificateOut {
                verification_url: format!("{origin}/#/verify/{}", c.verification_code),
                product_name: products
                    .get(&c.product_id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                product_set: cycles
                    .get(&c.cycle_id)
                    .and_then(|s| sets.get(s))
                    .cloned()
                    .unwrap_or_default(),
                subject_name: subjects.get(&c.subject_id).cloned().unwrap_or_default(),
                id: c.id,
                number: c.number,
                verification_code: c.verification_code,
                product_id: ProductId(c.product_id),
                subject_id: SubjectId(c.subject_id),
                stars: c.stars.clamp(0, 5) as u8,
                issuing_level: parse_level(&c.issuing_level),
                issuing_body: c.issuing_body,
                decision_number: c.decision_number,
                decision_signer: c.decision_signer,
                issued_on: c.issued_on,
                expires_on: c.expires_on,
                state,
                re_rating_opens_on: window.opens_on,
                re_rating_closes_on: window.closes_on,
                extension_limit: crate::extension_limit(c.expires_on),
                cycle_id: c.cycle_id,
                superseded_by: c.superseded_by,
                revocation,
                created_at: c.created_at,
                version: c.version,
            }
        })
        .collect())
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
    let all = select
        .order_by_desc(certificate::Column::IssuedOn)
        .order_by_desc(certificate::Column::Id)
        .all(db)
        .await?;
    // The state is computed, so its filter runs here; a province holds thousands, not millions.
    let mut outs = to_outs(db, all, today, origin).await?;
    if let Some(state) = query.state {
        outs.retain(|c| c.state == state);
    }
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

async fn find_in_scope<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: Uuid,
) -> DomainResult<certificate::Model> {
    caller.principal.require(Action::CertificatesRead)?;
    certificate::Entity::find_by_id(id)
        .filter(scope_condition(&caller.principal.scope()))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("certificate"))
}

pub async fn get<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: Uuid,
    today: NaiveDate,
    origin: &str,
) -> DomainResult<CertificateOut> {
    let model = find_in_scope(db, caller, id).await?;
    Ok(to_outs(db, vec![model], today, origin).await?.remove(0))
}

/// Records a revocation decision (Art. 8). The deciding authority follows the stars: the level
/// that recognises them under the instrument in force on the decision's date.
pub async fn revoke(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    read_version: i32,
    input: RevokeIn,
    today: NaiveDate,
    origin: &str,
) -> DomainResult<CertificateOut> {
    caller.principal.require(Action::CertificatesRevoke)?;
    let decision = &input.decision;
    if decision.decided_on > today {
        return Err(DomainError::field("decision.decided_on", "in_future"));
    }
    let mut txn = Change::begin(db, caller).await?;
    let model = find_in_scope(&txn, caller, id).await?;
    Precondition::Version(read_version).check(Some(model.version))?;
    if model.revoked_on.is_some() {
        return Err(DomainError::Conflict {
            code: "already_revoked",
            field: None,
        });
    }
    if decision.decided_on < model.issued_on {
        return Err(DomainError::field("decision.decided_on", "before_issue"));
    }
    let stars = model.stars.clamp(0, 5) as u8;
    let authority =
        criteria::recognising_level(&txn, decision.decided_on, stars, "decision.decided_on")
            .await?;
    let active = certificate::ActiveModel {
        revoked_on: Set(Some(decision.decided_on)),
        revocation_ground: Set(Some(ground_str(input.ground))),
        revocation_authority: Set(Some(authority.as_str().into())),
        revocation_number: Set(Some(decision.number.trim().into())),
        revocation_signer: Set(Some(decision.signer.trim().into())),
        version: Set(read_version + 1),
        ..Default::default()
    };
    update_if_version::<certificate::Entity, _>(
        &txn,
        active,
        certificate::Column::Id,
        certificate::Column::Version,
        id,
        read_version,
    )
    .await?;
    txn.audit("certificate", id.to_string(), "certificate.revoke", serde_json::json!({"ground": input.ground, "authority": authority.as_str(), "decision": decision}));
    txn.commit().await?;
    get(db, caller, id, today, origin).await
}

/// Every certificate in scope with its state today, for the alerts.
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
