//! Certificate rows: the scoped reads, the facts a certificate's state is computed from (its
//! state is never stored, so no job has to run for a certificate to expire), and the row writes
//! of issuing, superseding and revoking. The read model is in [`super::read::certificates`].

use std::collections::HashMap;

use chrono::NaiveDate;
use ocop_core::store::units;
use ocop_core::store::update_if_version;
use ocop_core::{Action, Caller, DomainError, DomainResult, ProductId, Scope};
use ocop_subjects::store::ids_in_scope;
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, PaginatorTrait, QueryOrder};

pub(crate) use super::criteria::parse_level;
use super::entities::{certificate, cycle};
use crate::{
    CertificateFacts, CertificateId, DossierType, RecognitionLevel, RevocationGround, Stars,
};

pub(crate) fn scope_condition(scope: &Scope) -> Condition {
    match scope {
        Scope::All => Condition::all(),
        Scope::Subtree(_) | Scope::Nothing => {
            Condition::all().add(certificate::Column::SubjectId.in_subquery(ids_in_scope(scope)))
        }
        Scope::Subject(id) => Condition::all().add(certificate::Column::SubjectId.eq(id.0)),
    }
}

pub(crate) fn ground_str(ground: RevocationGround) -> String {
    serde_json::to_value(ground)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The stored revocation ground, if any; an unknown name is a fault.
pub(crate) fn ground_of(c: &certificate::Model) -> DomainResult<Option<RevocationGround>> {
    c.revocation_ground
        .as_deref()
        .map(|s| {
            serde_json::from_value(serde_json::Value::String(s.to_string())).map_err(|_| {
                DomainError::Internal(format!(
                    "certificate.revocation_ground: unknown value {s:?}"
                ))
            })
        })
        .transpose()
}

/// Unambiguous characters for codes read aloud or typed from paper: no 0/O, 1/I/L.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

pub(crate) fn verification_code() -> String {
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
pub(crate) async fn issuing_body<C: ConnectionTrait>(
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

/// How many certificates were issued in `year`: the next number follows.
pub(crate) async fn issued_in_year<C: ConnectionTrait>(db: &C, year: i32) -> DomainResult<u64> {
    Ok(certificate::Entity::find()
        .filter(certificate::Column::IssuedOn.gte(NaiveDate::from_ymd_opt(year, 1, 1)))
        .filter(certificate::Column::IssuedOn.lte(NaiveDate::from_ymd_opt(year, 12, 31)))
        .count(db)
        .await?)
}

/// Supersedes the product's other certificates still standing by `new_id` from `on`; returns
/// each superseded certificate's id and new version. One statement with `RETURNING`: the rows
/// it reports are exactly those it changed, so a revocation committed a moment earlier is
/// neither superseded nor announced.
pub(crate) async fn supersede<C: ConnectionTrait>(
    db: &C,
    product_id: Uuid,
    new_id: Uuid,
    on: NaiveDate,
) -> DomainResult<Vec<(Uuid, i32)>> {
    let active = certificate::ActiveModel {
        superseded_by: Set(Some(new_id)),
        superseded_on: Set(Some(on)),
        ..Default::default()
    };
    let changed = certificate::Entity::update_many()
        .set(active)
        .col_expr(
            certificate::Column::Version,
            Expr::col(certificate::Column::Version).add(1),
        )
        .filter(certificate::Column::ProductId.eq(product_id))
        .filter(certificate::Column::Id.ne(new_id))
        .filter(certificate::Column::SupersededBy.is_null())
        .filter(certificate::Column::RevokedOn.is_null())
        .exec_with_returning(db)
        .await?;
    Ok(changed.iter().map(|c| (c.id, c.version)).collect())
}

/// Writes `active` over the certificate under the version read.
pub(crate) async fn save<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    read_version: i32,
    mut active: certificate::ActiveModel,
) -> DomainResult<()> {
    active.version = Set(read_version + 1);
    update_if_version::<certificate::Entity, _>(
        db,
        active,
        certificate::Column::Id,
        certificate::Column::Version,
        id,
        read_version,
    )
    .await
}

/// The re-rating filing and its decision for a certificate: the product's re-rating cycle filed
/// after the certificate was issued.
pub(crate) async fn facts<C: ConnectionTrait>(
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
    let mut out = HashMap::with_capacity(certs.len());
    for c in certs {
        let filing = re_ratings
            .iter()
            .find(|r| r.product_id == c.product_id && r.submitted_on > Some(c.issued_on));
        out.insert(
            c.id,
            CertificateFacts {
                issued_on: c.issued_on,
                revoked_on: c.revoked_on,
                revocation_ground: ground_of(c)?,
                superseded_on: c.superseded_on,
                re_rating_filed_on: filing.and_then(|r| r.submitted_on),
                re_rating_decided_on: filing.and_then(|r| r.decided_on),
            },
        );
    }
    Ok(out)
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

pub(crate) async fn find_in_scope<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: CertificateId,
) -> DomainResult<certificate::Model> {
    caller.principal.require(Action::CertificatesRead)?;
    certificate::Entity::find_by_id(id.0)
        .filter(scope_condition(&caller.principal.scope()))
        .one(db)
        .await?
        .ok_or(DomainError::not_found("certificate"))
}

/// The number of the next certificate issued in `year`.
pub(crate) fn number(year: i32, issued_before: u64) -> String {
    format!("OCOP-{year}-{:05}", issued_before + 1)
}

/// The stored stars (3 to 5 by construction, so another number is a fault).
pub(crate) fn stars_of(c: &certificate::Model) -> DomainResult<Stars> {
    Stars::try_from(c.stars)
        .map_err(|e| DomainError::Internal(format!("certificate.stars of {}: {e}", c.id)))
}
