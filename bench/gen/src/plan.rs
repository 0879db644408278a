//! Which certificate each certified product holds and its dates, so that on the generator's day
//! every state occurs: each draw is checked with the app's own rule (`state_on`) and redrawn
//! until it lands in the state asked for.

use chrono::{Datelike, Months, NaiveDate};
use ocop_evaluations::{CertificateFacts, CertificateState, expires_on, state_on};

use crate::rng::{Rng, add_days};

/// Certificates per state at scale 1 (50,000 in all; a superseded one's successor is counted
/// apart, and is in force).
pub const MIX: [(CertificateState, usize); 7] = [
    (CertificateState::Valid, 17_000),
    (CertificateState::ReRatingDue, 4_000),
    (CertificateState::Expiring, 2_000),
    (CertificateState::Extended, 2_000),
    (CertificateState::Expired, 10_000),
    (CertificateState::Revoked, 5_000),
    (CertificateState::Superseded, 5_000),
];

/// The dated facts of one product's certificates.
#[derive(Clone)]
pub struct Dates {
    pub issued_on: NaiveDate,
    pub revoked_on: Option<NaiveDate>,
    /// A re-rating filed in time and not decided yet (the extended ones).
    pub re_rating_filed_on: Option<NaiveDate>,
    /// The successor's issue day, for a superseded certificate.
    pub successor_issued_on: Option<NaiveDate>,
}

fn issued_for_expiry(expiry: NaiveDate) -> NaiveDate {
    expiry
        .checked_sub_months(Months::new(
            ocop_evaluations::model::certificates::VALIDITY_MONTHS,
        ))
        .unwrap_or(expiry)
}

fn draw(target: CertificateState, rng: &mut Rng, today: NaiveDate) -> Dates {
    use CertificateState::*;
    let mut dates = Dates {
        issued_on: today,
        revoked_on: None,
        re_rating_filed_on: None,
        successor_issued_on: None,
    };
    match target {
        Valid => dates.issued_on = add_days(today, -rng.between(7, 880)),
        ReRatingDue => dates.issued_on = issued_for_expiry(add_days(today, rng.between(31, 179))),
        Expiring => dates.issued_on = issued_for_expiry(add_days(today, rng.between(0, 29))),
        Extended => {
            let expiry = add_days(today, -rng.between(1, 170));
            dates.issued_on = issued_for_expiry(expiry);
            dates.re_rating_filed_on = Some(add_days(expiry, -rng.between(121, 179)));
        }
        Expired => dates.issued_on = issued_for_expiry(add_days(today, -rng.between(1, 1_000))),
        Revoked => {
            dates.issued_on = add_days(today, -rng.between(60, 1_000));
            let span = (today - dates.issued_on).num_days();
            dates.revoked_on = Some(add_days(dates.issued_on, rng.between(30, span)));
        }
        Superseded => {
            dates.issued_on = add_days(today, -rng.between(400, 1_000));
            // The successor comes from a later year's cycle (one cycle per product and year).
            let next_year = NaiveDate::from_ymd_opt(dates.issued_on.year() + 1, 1, 10)
                .unwrap_or(today)
                .max(add_days(dates.issued_on, 180));
            let span = (today - next_year).num_days() - 1;
            dates.successor_issued_on = Some(add_days(next_year, rng.between(0, span.max(0))));
        }
        NotYetIssued => {}
    }
    dates
}

pub fn facts(dates: &Dates) -> CertificateFacts {
    CertificateFacts {
        issued_on: dates.issued_on,
        revoked_on: dates.revoked_on,
        revocation_ground: None,
        superseded_on: dates.successor_issued_on,
        re_rating_filed_on: dates.re_rating_filed_on,
        re_rating_decided_on: None,
    }
}

/// Dates that put a certificate in `target` on `today`.
pub fn dates_in(target: CertificateState, rng: &mut Rng, today: NaiveDate) -> Option<Dates> {
    for _ in 0..100 {
        let dates = draw(target, rng, today);
        let successor_ok = dates.successor_issued_on.is_none_or(|on| {
            on < today && on.year() > dates.issued_on.year() && expires_on(on) > today
        });
        if successor_ok && state_on(&facts(&dates), today) == target {
            return Some(dates);
        }
    }
    None
}
