//! Public reads: what anyone may see without signing in, each one named query returning public
//! fields only. The certificate check behind a QR code is the hottest path of the platform, so it
//! is one SQL statement: the certificate with its product, subject, unit and criteria set joined,
//! and the product's first re-rating filing (which decides "extended") joined through one subquery. The state is then
//! computed for the day asked, never stored. A revocation's date and ground and the successor's
//! code are public: they are what a buyer holding a withdrawn mark needs to know. The same
//! statement names the producer's province (the unit's parent or grandparent: a commune sits
//! under a province since 2025, under a district before) and the product's first photo, so the
//! server-rendered verification page needs nothing more.

use chrono::NaiveDate;
use ocop_core::{DomainError, DomainResult, ProductId};
use sea_orm::{ConnectionTrait, FromQueryResult, Statement};
use uuid::Uuid;

use crate::{CertificateFacts, DossierType, PublicCertificate, RevocationGround, Stars};

/// `$1` is the verification code. Numbered placeholders read the same on PostgreSQL and SQLite.
const CERTIFICATE_BY_CODE: &str = r#"
SELECT c.number, c.stars, c.issuing_body, c.issued_on, c.expires_on,
       c.revoked_on, c.revocation_ground, c.superseded_on, n.verification_code AS successor_code,
       p.name AS product_name, cs.product_set, cs.name AS product_set_name,
       s.name AS subject_name, u.name AS unit_name,
       r.submitted_on AS re_rating_filed_on, r.decided_on AS re_rating_decided_on,
       p.id AS product_id,
       CASE WHEN u.level = 'province' THEN u.name
            WHEN u1.level = 'province' THEN u1.name
            ELSE COALESCE(u2.name, '') END AS province_name,
       (SELECT i.id FROM product_image i WHERE i.product_id = p.id
         ORDER BY i.created_at, i.id LIMIT 1) AS first_image_id
  FROM certificate c
  JOIN product p ON p.id = c.product_id
  JOIN subject s ON s.id = c.subject_id
  JOIN admin_unit u ON u.id = s.unit_id
  LEFT JOIN admin_unit u1 ON u1.id = u.parent_id
  LEFT JOIN admin_unit u2 ON u2.id = u1.parent_id
  JOIN evaluation_cycle cy ON cy.id = c.cycle_id
  JOIN criteria_set cs ON cs.id = cy.criteria_set_id
  LEFT JOIN certificate n ON n.id = c.superseded_by
  -- The product's first re-rating filed after this certificate was issued.
  LEFT JOIN evaluation_cycle r ON r.id = (
       SELECT f.id FROM evaluation_cycle f
        WHERE f.product_id = c.product_id AND f.dossier_type = $2
          AND f.submitted_on > c.issued_on
        ORDER BY f.submitted_on LIMIT 1)
 WHERE c.verification_code = $1
"#;

#[derive(Debug, FromQueryResult)]
struct CertificateRow {
    number: String,
    stars: i32,
    issuing_body: String,
    issued_on: NaiveDate,
    expires_on: NaiveDate,
    revoked_on: Option<NaiveDate>,
    revocation_ground: Option<String>,
    superseded_on: Option<NaiveDate>,
    successor_code: Option<String>,
    product_name: String,
    product_set: String,
    product_set_name: String,
    subject_name: String,
    unit_name: String,
    re_rating_filed_on: Option<NaiveDate>,
    re_rating_decided_on: Option<NaiveDate>,
    product_id: Uuid,
    province_name: String,
    first_image_id: Option<Uuid>,
}

/// Where anyone may fetch a product's image: the public catalogue's address, relative to the
/// platform's public URL.
pub fn public_image_path(product: Uuid, image: Uuid) -> String {
    format!("/api/v1/public/products/{product}/images/{image}")
}

/// The certificate printed with `code` (case and surrounding spaces ignored), as it stands on
/// `today`.
pub async fn certificate_by_code<C: ConnectionTrait>(
    db: &C,
    code: &str,
    today: NaiveDate,
) -> DomainResult<PublicCertificate> {
    let code = code.trim().to_ascii_uppercase();
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        CERTIFICATE_BY_CODE,
        [code.into(), DossierType::ReRating.as_str().into()],
    );
    let row = CertificateRow::find_by_statement(statement)
        .one(db)
        .await?
        .ok_or(DomainError::not_found("certificate"))?;
    let facts = CertificateFacts {
        issued_on: row.issued_on,
        revoked_on: row.revoked_on,
        // The ground changes nothing in the state.
        revocation_ground: None,
        superseded_on: row.superseded_on,
        re_rating_filed_on: row.re_rating_filed_on,
        re_rating_decided_on: row.re_rating_decided_on,
    };
    let state = crate::state_on(&facts, today);
    let revocation_ground = row
        .revocation_ground
        .as_deref()
        .map(|s| {
            serde_json::from_value::<RevocationGround>(serde_json::Value::String(s.to_string()))
                .map_err(|_| {
                    DomainError::Internal(format!(
                        "certificate.revocation_ground: unknown value {s:?}"
                    ))
                })
        })
        .transpose()?;
    Ok(PublicCertificate {
        number: row.number,
        product_name: row.product_name,
        product_set: row.product_set,
        product_set_name: row.product_set_name,
        subject_name: row.subject_name,
        unit_name: row.unit_name,
        stars: Stars::try_from(row.stars)
            .map_err(|e| DomainError::Internal(format!("certificate.stars: {e}")))?,
        issuing_body: row.issuing_body,
        issued_on: row.issued_on,
        expires_on: row.expires_on,
        valid: state.is_valid(),
        state,
        revoked_on: row.revoked_on,
        revocation_ground,
        superseded_on: row.superseded_on,
        successor_code: row.successor_code,
        product_id: ProductId(row.product_id),
        province_name: row.province_name,
        image_url: row
            .first_image_id
            .map(|image| public_image_path(row.product_id, image)),
    })
}

/// `$1`..`$4` are the written forms of one GTIN, `$5` the day. The catalogue's read model holds
/// each product's current certificate with the first day it is out of force (`lapses_on`), so
/// "in force today" is a comparison, not a state computed per row.
const IN_FORCE_BY_GTIN: &str = r#"
SELECT ci.product_id, ci.verification_code
  FROM catalogue_item ci
  JOIN product p ON p.id = ci.product_id
 WHERE p.gtin IN ($1, $2, $3, $4)
   AND ci.issued_on <= $5 AND $5 < ci.lapses_on
"#;

/// The product carrying a GTIN and the verification code of its certificate in force.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct GtinTarget {
    pub product_id: Uuid,
    pub verification_code: String,
}

/// The product whose GTIN is written in one of `forms` (see `ocop_products::gtin_forms`), when
/// its certificate is in force on `today`.
pub async fn in_force_by_gtin<C: ConnectionTrait>(
    db: &C,
    forms: &[String; 4],
    today: NaiveDate,
) -> DomainResult<Option<GtinTarget>> {
    let [a, b, c, d] = forms.clone();
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        IN_FORCE_BY_GTIN,
        [a.into(), b.into(), c.into(), d.into(), today.into()],
    );
    Ok(GtinTarget::find_by_statement(statement).one(db).await?)
}
