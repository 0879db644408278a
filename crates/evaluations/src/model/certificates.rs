//! Certificate dates and the state of a certificate on a given day.
//!
//! Validity: 36 months from issue (Art. 4.3 of 26/2026; the same under 148 and 1048). We count
//! it as the Civil Code counts a period in months (Bộ luật Dân sự 2015, Art. 147–148): the day
//! of issue is not counted and the period ends at the end of the corresponding day of the last
//! month, or of that month's last day when it has no such day. So a certificate issued on
//! 31/01/2024 is valid through 31/01/2027, and one issued on 29/02/2024 through 28/02/2027 —
//! exactly chrono's `checked_add_months`, which clamps to the month's end. We do not move the
//! end off a weekend (Art. 148.5 is about the last day to *act*; validity is not an act).
//!
//! Re-rating (Art. 7.6): filed no earlier than 180 and no later than 120 days before expiry,
//! both ends inclusive. Extension (Art. 12.3): when the filing misses that window, the
//! certificate stays valid until the authority decides, at most 180 days after expiry. The text
//! speaks only of late filers; we extend a timely filer whose decision is still pending at
//! expiry the same way, since filing on time cannot leave a producer worse off than filing
//! late. A filing after expiry extends nothing (the certificate had already lapsed and the
//! product left the catalogue), and one before the window is not a re-rating filing.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const VALIDITY_MONTHS: u32 = 36;
pub const RE_RATING_OPENS_DAYS_BEFORE: u64 = 180;
pub const RE_RATING_CLOSES_DAYS_BEFORE: u64 = 120;
pub const EXTENSION_MAX_DAYS: u64 = 180;
/// Expiry notice: at least 30 days before (OCOP.md, product decisions).
pub const EXPIRING_NOTICE_DAYS: u64 = 30;

/// The last day of validity of a certificate issued on `issued_on`.
pub fn expires_on(issued_on: NaiveDate) -> NaiveDate {
    // Only fails past year 262,000.
    issued_on
        .checked_add_months(Months::new(VALIDITY_MONTHS))
        .unwrap_or(NaiveDate::MAX)
}

/// The days on which a re-rating dossier may be filed, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReRatingWindow {
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
}

impl ReRatingWindow {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.opens_on <= day && day <= self.closes_on
    }
}

pub fn re_rating_window(expires_on: NaiveDate) -> ReRatingWindow {
    ReRatingWindow {
        opens_on: days_before(expires_on, RE_RATING_OPENS_DAYS_BEFORE),
        closes_on: days_before(expires_on, RE_RATING_CLOSES_DAYS_BEFORE),
    }
}

/// The last day an extended certificate can be valid.
pub fn extension_limit(expires_on: NaiveDate) -> NaiveDate {
    expires_on
        .checked_add_days(Days::new(EXTENSION_MAX_DAYS))
        .unwrap_or(NaiveDate::MAX)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReRatingFiling {
    TooEarly,
    InWindow,
    /// After the window, on or before expiry: Art. 12.3's case.
    Late,
    AfterExpiry,
}

pub fn classify_filing(expires_on: NaiveDate, filed_on: NaiveDate) -> ReRatingFiling {
    let window = re_rating_window(expires_on);
    if filed_on < window.opens_on {
        ReRatingFiling::TooEarly
    } else if filed_on <= window.closes_on {
        ReRatingFiling::InWindow
    } else if filed_on <= expires_on {
        ReRatingFiling::Late
    } else {
        ReRatingFiling::AfterExpiry
    }
}

/// The six grounds of revocation (Art. 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RevocationGround {
    /// (a) untruthful information or a forged dossier.
    FalseDossier,
    /// (b) no longer meets the criteria, per an inspection conclusion.
    CriteriaNoLongerMet,
    /// (c) breach of law on quality, food safety, environment, IP, labelling or other law.
    LegalBreach,
    /// (d) misuse of the OCOP mark causing confusion.
    MarkMisuse,
    /// (đ) the subject no longer produces the product.
    ProductionStopped,
    /// (e) another case, on a competent state body's conclusion and request.
    OtherAuthorityFinding,
}

/// What `state_on` needs to know about a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CertificateFacts {
    pub issued_on: NaiveDate,
    pub revoked_on: Option<NaiveDate>,
    pub revocation_ground: Option<RevocationGround>,
    /// When a newer certificate of the same product (upgrade or re-rating) took over.
    pub superseded_on: Option<NaiveDate>,
    pub re_rating_filed_on: Option<NaiveDate>,
    pub re_rating_decided_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CertificateState {
    /// Before its issue date.
    NotYetIssued,
    Valid,
    /// Inside the re-rating window and nothing filed yet.
    ReRatingDue,
    /// The last 30 days before expiry.
    Expiring,
    /// Past expiry, re-rating pending, within the 180-day limit.
    Extended,
    Expired,
    Revoked,
    Superseded,
}

impl CertificateState {
    /// Whether the product may carry the mark and appear in the public catalogue today.
    pub fn is_valid(self) -> bool {
        matches!(
            self,
            Self::Valid | Self::ReRatingDue | Self::Expiring | Self::Extended
        )
    }
}

/// The state of a certificate on `today`. Revocation wins over everything, then supersession,
/// then the dates.
pub fn state_on(cert: &CertificateFacts, today: NaiveDate) -> CertificateState {
    use CertificateState::*;
    if cert.revoked_on.is_some_and(|d| d <= today) {
        return Revoked;
    }
    if cert.superseded_on.is_some_and(|d| d <= today) {
        return Superseded;
    }
    if today < cert.issued_on {
        return NotYetIssued;
    }
    let expiry = expires_on(cert.issued_on);
    let filed = cert.re_rating_filed_on.filter(|d| *d <= today);
    if today <= expiry {
        if today >= days_before(expiry, EXPIRING_NOTICE_DAYS) {
            return Expiring;
        }
        if re_rating_window(expiry).contains(today) && filed.is_none() {
            return ReRatingDue;
        }
        return Valid;
    }
    let counts = filed.is_some_and(|d| {
        matches!(
            classify_filing(expiry, d),
            ReRatingFiling::InWindow | ReRatingFiling::Late
        )
    });
    let pending = cert.re_rating_decided_on.is_none_or(|d| d > today);
    if counts && pending && today <= extension_limit(expiry) {
        Extended
    } else {
        Expired
    }
}

/// The day a certificate lapsed: the first day [`state_on`] says `Expired` — the day after expiry,
/// or, when a re-rating filed in time kept it `Extended`, the day the re-rating was decided
/// without a successor or the day after the extension limit. `None` when it never lapsed
/// (revoked or superseded first, a re-rating decided in time included).
pub fn expired_on(cert: &CertificateFacts) -> Option<NaiveDate> {
    let expiry = expires_on(cert.issued_on);
    let limit = extension_limit(expiry);
    // The state after expiry changes only on these days: the extension starts or not the day
    // after expiry and ends with the decision or the limit.
    let mut days: Vec<NaiveDate> = [
        expiry.succ_opt(),
        cert.re_rating_decided_on,
        limit.succ_opt(),
    ]
    .into_iter()
    .flatten()
    .filter(|d| *d > expiry)
    .collect();
    days.sort();
    days.dedup();
    for day in days {
        match state_on(cert, day) {
            CertificateState::Expired => return Some(day),
            CertificateState::Extended => continue,
            _ => return None,
        }
    }
    None
}

fn days_before(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_sub_days(Days::new(days))
        .unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests;
