//! Certificates as acts: issued with a recognition decision (superseding the product's earlier
//! one), revoked by decision (Art. 8).

use chrono::{Datelike, NaiveDate};
use ocop_core::store::change::Change;
use ocop_core::{Action, Caller, DomainError, DomainResult, Precondition, SubjectId};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, DatabaseConnection};
use serde_json::json;

use crate::events::{CERTIFICATE_ISSUED, CERTIFICATE_REVOKED, CERTIFICATE_SUPERSEDED};
use crate::store::certificates::{
    find_in_scope, ground_str, issued_in_year, issuing_body, number, save, stars_of, supersede,
    verification_code,
};
use crate::store::criteria;
use crate::store::entities::{certificate, cycle};
use crate::store::read::certificates::get;
use crate::{CertificateId, CertificateOut, DecisionIn, RecognitionLevel, RevokeIn, Stars};

/// Issues the certificate of a recognised cycle and supersedes the product's earlier one.
pub(crate) async fn issue(
    change: &mut Change<'_>,
    caller: &Caller,
    c: &cycle::Model,
    stars: Stars,
    level: RecognitionLevel,
    decision: &DecisionIn,
) -> DomainResult<certificate::Model> {
    let subject = ocop_subjects::store::ref_by_id(&*change, SubjectId(c.subject_id)).await?;
    let year = decision.decided_on.year();
    let issued_before = issued_in_year(&*change, year).await?;
    let id = CertificateId::new().0;
    let model = certificate::ActiveModel {
        id: Set(id),
        number: Set(number(year, issued_before)),
        verification_code: Set(verification_code()),
        product_id: Set(c.product_id),
        subject_id: Set(c.subject_id),
        cycle_id: Set(c.id),
        stars: Set(i32::from(stars.get())),
        issuing_level: Set(level.as_str().into()),
        issuing_body: Set(issuing_body(&*change, subject.unit_id.0, level).await?),
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
    let superseded = supersede(&*change, c.product_id, id, decision.decided_on).await?;
    change.audit(
        "certificate",
        id.to_string(),
        "certificate.issue",
        json!({"number": model.number, "stars": stars, "decision": decision}),
    );
    change.emit(
        CERTIFICATE_ISSUED,
        model.id,
        model.version,
        &json!({
            "id": model.id,
            "number": model.number,
            "verification_code": model.verification_code,
            "product_id": model.product_id,
            "subject_id": model.subject_id,
            "stars": stars,
            "level": level,
            "issued_on": model.issued_on,
            "valid_until": model.expires_on,
        }),
    )?;
    for (old, version) in superseded {
        change.emit(
            CERTIFICATE_SUPERSEDED,
            old,
            version,
            &json!({
                "id": old,
                "superseded_by": model.id,
                "superseded_on": decision.decided_on,
                "product_id": model.product_id,
            }),
        )?;
    }
    Ok(model)
}

/// Records a revocation decision (Art. 8). The deciding authority follows the stars: the level
/// that recognises them under the instrument in force on the decision's date.
pub async fn revoke(
    db: &DatabaseConnection,
    caller: &Caller,
    id: CertificateId,
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
    let mut change = Change::begin(db, caller).await?;
    let model = find_in_scope(&change, caller, id).await?;
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
    let stars = stars_of(&model)?.get();
    let authority =
        criteria::recognising_level(&change, decision.decided_on, stars, "decision.decided_on")
            .await?;
    let active = certificate::ActiveModel {
        revoked_on: Set(Some(decision.decided_on)),
        revocation_ground: Set(Some(ground_str(input.ground))),
        revocation_authority: Set(Some(authority.as_str().into())),
        revocation_number: Set(Some(decision.number.trim().into())),
        revocation_signer: Set(Some(decision.signer.trim().into())),
        ..Default::default()
    };
    save(&change, model.id, read_version, active).await?;
    change.audit(
        "certificate",
        id.to_string(),
        "certificate.revoke",
        json!({"ground": input.ground, "authority": authority.as_str(), "decision": decision}),
    );
    change.emit(
        CERTIFICATE_REVOKED,
        model.id,
        read_version + 1,
        &json!({
            "id": model.id,
            "number": model.number,
            "product_id": model.product_id,
            "ground": input.ground,
            "authority": authority,
            "decided_on": decision.decided_on,
        }),
    )?;
    change.commit().await?;
    get(db, caller, id, today, origin).await
}
