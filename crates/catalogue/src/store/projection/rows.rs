//! An entry as its sources make it: the stored document, the certificate's facts and when they
//! put it out of force, and the filter columns. Pure, so that the rules are tested without a
//! database.

use chrono::NaiveDate;
use ocop_core::text::fold;
use ocop_evaluations::{CertificateFacts, expired_on};
use uuid::Uuid;

use super::sources::{OriginUnits, ProductRow, Sources};
use crate::store::item_row::verification_path;
use crate::{CatalogueItem, Coded, ItemCertificate, ItemSubject, Origin, PriceRange};

/// Why an entry leaves the catalogue, as stored in `lapse_kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LapseKind {
    Expired,
    Revoked,
    Superseded,
}

impl LapseKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Expired => "expired",
            Self::Revoked => "revoked",
            Self::Superseded => "superseded",
        }
    }
}

/// The first day the certificate is out of force as its facts stand, and why. Revocation wins a
/// tie, then supersession, as in `ocop_evaluations::state_on`.
pub(crate) fn lapse(facts: &CertificateFacts) -> (NaiveDate, LapseKind) {
    let Some(expiry) = expired_on(facts) else {
        // It never lapses by time: revoked or superseded first (while valid or while extended,
        // so possibly after the day after its validity), or a re-rating decided in time.
        let first = [
            facts.superseded_on.map(|d| (d, LapseKind::Superseded)),
            facts.revoked_on.map(|d| (d, LapseKind::Revoked)),
        ]
        .into_iter()
        .flatten()
        .min_by_key(|(day, kind)| (*day, *kind == LapseKind::Superseded));
        return first.unwrap_or_else(|| {
            let end =
                ocop_evaluations::extension_limit(ocop_evaluations::expires_on(facts.issued_on));
            (end.succ_opt().unwrap_or(end), LapseKind::Expired)
        });
    };
    let mut out = (expiry, LapseKind::Expired);
    if let Some(day) = facts.superseded_on.filter(|d| *d <= out.0) {
        out = (day, LapseKind::Superseded);
    }
    if let Some(day) = facts.revoked_on.filter(|d| *d <= out.0) {
        out = (day, LapseKind::Revoked);
    }
    out
}

/// The path of an image as the catalogue serves it (the api prefixes the public address).
pub fn image_path(product: Uuid, image: Uuid) -> String {
    format!("/api/v1/public/products/{product}/images/{image}")
}

/// The columns of an entry a write computes (all but the version and the instant).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub product_id: Uuid,
    pub subject_id: Uuid,
    pub certificate_id: Uuid,
    pub verification_code: String,
    pub stars: i32,
    pub facts: CertificateFacts,
    pub expires_on: NaiveDate,
    pub lapses_on: NaiveDate,
    pub lapse_kind: LapseKind,
    pub product_set: String,
    pub sector: String,
    pub province_code: String,
    pub commune_code: String,
    pub search_text: String,
    /// With version 0, `updated_at` at the epoch and relative URLs: the reader fills them in.
    pub document: CatalogueItem,
}

/// The entry of each certified product among the sources.
pub(crate) fn entries(sources: &Sources) -> Vec<Entry> {
    sources
        .products
        .iter()
        .map(|p| {
            let origin = sources
                .origins
                .get(&p.origin_unit_id)
                .cloned()
                .unwrap_or_default();
            entry(
                p,
                origin,
                sources
                    .images
                    .get(&p.product_id)
                    .cloned()
                    .unwrap_or_default(),
                sources,
            )
        })
        .collect()
}

fn entry(p: &ProductRow, origin: OriginUnits, images: Vec<Uuid>, sources: &Sources) -> Entry {
    let facts = CertificateFacts {
        issued_on: p.issued_on,
        revoked_on: p.revoked_on,
        revocation_ground: None,
        superseded_on: p.superseded_on,
        re_rating_filed_on: p.re_rating_filed_on,
        re_rating_decided_on: p.re_rating_decided_on,
    };
    let (lapses_on, lapse_kind) = lapse(&facts);
    let unknown = || Coded {
        code: String::new(),
        name: String::new(),
    };
    let commune = origin
        .commune
        .clone()
        .or_else(|| origin.own.clone())
        .unwrap_or_else(unknown);
    let province = origin.province.clone().unwrap_or_else(unknown);
    let sector = Coded {
        code: p.sector_code.clone().unwrap_or_default(),
        name: p.sector_name.clone().unwrap_or_default(),
    };
    let search_text = fold(&format!(
        "{} {} {} {}",
        p.name, p.subject_name, commune.name, province.name
    ));
    let document = CatalogueItem {
        id: p.product_id,
        version: 0,
        updated_at: chrono::DateTime::UNIX_EPOCH,
        name: p.name.clone(),
        description: p.description.clone(),
        product_set: Coded {
            code: p.set_code.clone(),
            name: p.set_name.clone(),
        },
        sector: sector.clone(),
        gtin: p.gtin.clone(),
        price: PriceRange {
            min: p.price_min,
            max: p.price_max,
            currency: "VND".into(),
        },
        certificate: ItemCertificate {
            number: p.number.clone(),
            verification_code: p.verification_code.clone(),
            stars: u8::try_from(p.stars).unwrap_or_default(),
            issuing_body: p.issuing_body.clone(),
            issued_on: p.issued_on,
            expires_on: p.expires_on,
            valid_through: lapses_on.pred_opt().unwrap_or(lapses_on),
            verification_url: verification_path(&p.verification_code),
        },
        subject: ItemSubject {
            id: p.subject_id,
            name: p.subject_name.clone(),
            kind: p.subject_kind.clone(),
        },
        origin: Origin {
            commune: commune.clone(),
            province: province.clone(),
            former: origin.former,
        },
        images: images
            .into_iter()
            .map(|image| image_path(p.product_id, image))
            .collect(),
        listings: sources
            .listings
            .get(&p.product_id)
            .cloned()
            .unwrap_or_default(),
        points_of_sale: sources
            .points
            .get(&p.product_id)
            .cloned()
            .unwrap_or_default(),
    };
    Entry {
        product_id: p.product_id,
        subject_id: p.subject_id,
        certificate_id: p.certificate_id,
        verification_code: p.verification_code.clone(),
        stars: p.stars,
        facts,
        expires_on: p.expires_on,
        lapses_on,
        lapse_kind,
        product_set: p.set_code.clone(),
        sector: sector.code,
        province_code: province.code,
        commune_code: commune.code,
        search_text,
        document,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn facts(issued_on: NaiveDate) -> CertificateFacts {
        CertificateFacts {
            issued_on,
            revoked_on: None,
            revocation_ground: None,
            superseded_on: None,
            re_rating_filed_on: None,
            re_rating_decided_on: None,
        }
    }

    #[test]
    fn a_certificate_lapses_the_day_after_expiry_unless_something_comes_first() {
        let f = facts(day(2026, 5, 4));
        assert_eq!(lapse(&f), (day(2029, 5, 5), LapseKind::Expired));
        let revoked = CertificateFacts {
            revoked_on: Some(day(2027, 3, 10)),
            superseded_on: Some(day(2027, 3, 10)),
            ..f.clone()
        };
        assert_eq!(lapse(&revoked), (day(2027, 3, 10), LapseKind::Revoked));
        let superseded = CertificateFacts {
            superseded_on: Some(day(2028, 1, 1)),
            ..f.clone()
        };
        assert_eq!(lapse(&superseded), (day(2028, 1, 1), LapseKind::Superseded));
    }

    #[test]
    fn a_timely_re_rating_still_pending_extends_the_certificate() {
        let f = CertificateFacts {
            re_rating_filed_on: Some(day(2029, 1, 2)),
            ..facts(day(2026, 5, 4))
        };
        // Extended up to 180 days after expiry, out of force the day after.
        assert_eq!(lapse(&f), (day(2029, 11, 1), LapseKind::Expired));
    }
}
