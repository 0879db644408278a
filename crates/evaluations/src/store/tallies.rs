//! Aggregate reads of certificates and cycles over an area (a unit and its subtree, history
//! included), each row carrying the unit of the product's subject: what plans' targets measure.
//! Each is one statement; a certificate's state on a day is computed by the pure rule
//! [`crate::state_on`] from the facts the statement joins, as [`super::public`] does.

use chrono::{Days, NaiveDate};
use ocop_core::clock::start_of_vietnam_day;
use ocop_core::{DomainError, DomainResult, UnitId};
use sea_orm::{ConnectionTrait, FromQueryResult, Statement, Value};
use uuid::Uuid;

use super::criteria::parse_level;
use crate::model::certificates::EXTENSION_MAX_DAYS;
use crate::{CertificateFacts, DossierType, RecognitionLevel};

/// A certificate in force on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InForce {
    pub product_id: Uuid,
    pub unit_id: UnitId,
    pub stars: u8,
    pub level: RecognitionLevel,
}

/// A certificate issued in a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Issued {
    pub product_id: Uuid,
    pub unit_id: UnitId,
    pub stars: u8,
    pub level: RecognitionLevel,
    /// The dossier it was issued on: a first rating recognises a product, an upgrade or a
    /// re-rating renews a recognition.
    pub dossier: DossierType,
}

/// `$1` the area, `$2` the re-rating dossier type, `$3` the day. Rows revoked, superseded or
/// not yet issued on the day are left out in SQL; the dates (expiry, extension) are judged by
/// [`crate::state_on`].
const IN_FORCE: &str = r#"
SELECT c.product_id, s.unit_id, c.stars, c.issuing_level, c.issued_on, c.revoked_on,
       c.superseded_on, r.submitted_on AS re_rating_filed_on, r.decided_on AS re_rating_decided_on
  FROM certificate c
  JOIN subject s ON s.id = c.subject_id
  -- The product's first re-rating filed after this certificate was issued.
  LEFT JOIN evaluation_cycle r ON r.id = (
       SELECT f.id FROM evaluation_cycle f
        WHERE f.product_id = c.product_id AND f.dossier_type = $2
          AND f.submitted_on > c.issued_on
        ORDER BY f.submitted_on LIMIT 1)
 WHERE s.unit_id IN (SELECT a.descendant_id FROM admin_unit_closure a WHERE a.ancestor_id = $1)
   AND c.issued_on <= $3
   AND (c.revoked_on IS NULL OR c.revoked_on > $3)
   AND (c.superseded_on IS NULL OR c.superseded_on > $3)
"#;

#[derive(Debug, FromQueryResult)]
struct InForceRow {
    product_id: Uuid,
    unit_id: i32,
    stars: i32,
    issuing_level: String,
    issued_on: NaiveDate,
    revoked_on: Option<NaiveDate>,
    superseded_on: Option<NaiveDate>,
    re_rating_filed_on: Option<NaiveDate>,
    re_rating_decided_on: Option<NaiveDate>,
}

fn stars_of(stars: i32) -> DomainResult<u8> {
    u8::try_from(stars)
        .ok()
        .filter(|s| (1..=5).contains(s))
        .ok_or_else(|| DomainError::Internal(format!("certificate.stars holds {stars}")))
}

/// The certificates of `area` in force on `on` (one per product: the one that carries the mark).
pub async fn in_force<C: ConnectionTrait>(
    db: &C,
    area: UnitId,
    on: NaiveDate,
) -> DomainResult<Vec<InForce>> {
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        IN_FORCE,
        [
            area.0.into(),
            DossierType::ReRating.as_str().into(),
            on.into(),
        ],
    );
    let rows = InForceRow::find_by_statement(statement).all(db).await?;
    let mut out: Vec<InForce> = Vec::new();
    for row in rows {
        let facts = CertificateFacts {
            issued_on: row.issued_on,
            revoked_on: row.revoked_on,
            revocation_ground: None,
            superseded_on: row.superseded_on,
            re_rating_filed_on: row.re_rating_filed_on,
            re_rating_decided_on: row.re_rating_decided_on,
        };
        if !crate::state_on(&facts, on).is_valid() {
            continue;
        }
        out.push(InForce {
            product_id: row.product_id,
            unit_id: UnitId(row.unit_id),
            stars: stars_of(row.stars)?,
            level: parse_level("certificate.issuing_level", &row.issuing_level)?,
        });
    }
    // Supersession leaves one certificate per product; should two overlap, the higher counts.
    out.sort_by(|a, b| a.product_id.cmp(&b.product_id).then(b.stars.cmp(&a.stars)));
    out.dedup_by_key(|c| c.product_id);
    Ok(out)
}

/// `$1` the area, `$2`..`$3` the window.
const ISSUED: &str = r#"
SELECT c.product_id, s.unit_id, c.stars, c.issuing_level, cy.dossier_type
  FROM certificate c
  JOIN subject s ON s.id = c.subject_id
  JOIN evaluation_cycle cy ON cy.id = c.cycle_id
 WHERE s.unit_id IN (SELECT a.descendant_id FROM admin_unit_closure a WHERE a.ancestor_id = $1)
   AND c.issued_on >= $2 AND c.issued_on <= $3
"#;

#[derive(Debug, FromQueryResult)]
struct IssuedRow {
    product_id: Uuid,
    unit_id: i32,
    stars: i32,
    issuing_level: String,
    dossier_type: String,
}

/// The certificates of `area` issued on the days `from..=to`.
pub async fn issued<C: ConnectionTrait>(
    db: &C,
    area: UnitId,
    from: NaiveDate,
    to: NaiveDate,
) -> DomainResult<Vec<Issued>> {
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        ISSUED,
        [area.0.into(), from.into(), to.into()],
    );
    IssuedRow::find_by_statement(statement)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            Ok(Issued {
                product_id: row.product_id,
                unit_id: UnitId(row.unit_id),
                stars: stars_of(row.stars)?,
                level: parse_level("certificate.issuing_level", &row.issuing_level)?,
                dossier: DossierType::parse(&row.dossier_type).ok_or_else(|| {
                    DomainError::Internal(format!(
                        "evaluation_cycle.dossier_type holds {}",
                        row.dossier_type
                    ))
                })?,
            })
        })
        .collect()
}

/// `$1` the area, `$2` the re-rating dossier type, `$3`..`$4` the expiry days that can lapse
/// in the window (a lapse comes the day after expiry, or up to the extension limit later).
/// Certificates revoked or superseded by their expiry never lapsed; the rest is judged by
/// [`crate::expired_on`].
const EXPIRED: &str = r#"
SELECT s.unit_id, c.stars, c.issued_on, c.revoked_on, c.superseded_on,
       r.submitted_on AS re_rating_filed_on, r.decided_on AS re_rating_decided_on
  FROM certificate c
  JOIN subject s ON s.id = c.subject_id
  -- The product's first re-rating filed after this certificate was issued, as in IN_FORCE.
  LEFT JOIN evaluation_cycle r ON r.id = (
       SELECT f.id FROM evaluation_cycle f
        WHERE f.product_id = c.product_id AND f.dossier_type = $2
          AND f.submitted_on > c.issued_on
        ORDER BY f.submitted_on LIMIT 1)
 WHERE s.unit_id IN (SELECT a.descendant_id FROM admin_unit_closure a WHERE a.ancestor_id = $1)
   AND c.expires_on >= $3 AND c.expires_on <= $4
   AND c.issued_on <= $4
   AND (c.revoked_on IS NULL OR c.revoked_on > c.expires_on)
   AND (c.superseded_on IS NULL OR c.superseded_on > c.expires_on)
"#;

#[derive(Debug, FromQueryResult)]
struct ExpiredRow {
    unit_id: i32,
    stars: i32,
    issued_on: NaiveDate,
    revoked_on: Option<NaiveDate>,
    superseded_on: Option<NaiveDate>,
    re_rating_filed_on: Option<NaiveDate>,
    re_rating_decided_on: Option<NaiveDate>,
}

/// The certificates of `area` that lapsed (became expired, see [`crate::expired_on`]) on the
/// days `from..=to`, neither revoked nor superseded before: (unit, stars). A re-rating filed in
/// time and decided after expiry extends the certificate; it lapses only if the decision gives
/// no successor or never comes within the extension.
pub async fn expired_without_successor<C: ConnectionTrait>(
    db: &C,
    area: UnitId,
    from: NaiveDate,
    to: NaiveDate,
) -> DomainResult<Vec<(UnitId, u8)>> {
    // Lapse day = expiry + 1 ..= extension limit + 1.
    let earliest = from
        .checked_sub_days(Days::new(EXTENSION_MAX_DAYS + 1))
        .unwrap_or(NaiveDate::MIN);
    let latest = to.pred_opt().unwrap_or(to);
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        EXPIRED,
        [
            area.0.into(),
            DossierType::ReRating.as_str().into(),
            earliest.into(),
            latest.into(),
        ],
    );
    let mut out = Vec::new();
    for row in ExpiredRow::find_by_statement(statement).all(db).await? {
        let facts = CertificateFacts {
            issued_on: row.issued_on,
            revoked_on: row.revoked_on,
            revocation_ground: None,
            superseded_on: row.superseded_on,
            re_rating_filed_on: row.re_rating_filed_on,
            re_rating_decided_on: row.re_rating_decided_on,
        };
        if crate::expired_on(&facts).is_some_and(|d| from <= d && d <= to) {
            out.push((UnitId(row.unit_id), stars_of(row.stars)?));
        }
    }
    Ok(out)
}

/// `$1` the area, `$2` the first-rating dossier type, `$3`..`$4` the instants bounding the days.
const IDEAS: &str = r#"
SELECT s.unit_id, COUNT(cy.id) AS n
  FROM evaluation_cycle cy
  JOIN subject s ON s.id = cy.subject_id
 WHERE s.unit_id IN (SELECT a.descendant_id FROM admin_unit_closure a WHERE a.ancestor_id = $1)
   AND cy.dossier_type = $2
   AND cy.created_at >= $3 AND cy.created_at < $4
 GROUP BY s.unit_id
"#;

#[derive(Debug, FromQueryResult)]
struct CountRow {
    unit_id: i32,
    n: i64,
}

/// Product ideas of `area` registered (first-rating cycles opened) on the days `from..=to`, per
/// unit; a cycle's day is the Vietnam day of its creation.
pub async fn ideas<C: ConnectionTrait>(
    db: &C,
    area: UnitId,
    from: NaiveDate,
    to: NaiveDate,
) -> DomainResult<Vec<(UnitId, i64)>> {
    let start: Value = start_of_vietnam_day(from).into();
    let end: Value = start_of_vietnam_day(to.succ_opt().unwrap_or(to)).into();
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        IDEAS,
        [
            area.0.into(),
            DossierType::FirstRating.as_str().into(),
            start,
            end,
        ],
    );
    Ok(CountRow::find_by_statement(statement)
        .all(db)
        .await?
        .into_iter()
        .map(|row| (UnitId(row.unit_id), row.n))
        .collect())
}
