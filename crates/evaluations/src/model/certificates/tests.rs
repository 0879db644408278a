use super::*;
use CertificateState::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A certificate issued on 31/01/2024: expires 31/01/2027, window 04/08–03/10/2026.
fn cert() -> CertificateFacts {
    CertificateFacts {
        issued_on: d(2024, 1, 31),
        revoked_on: None,
        revocation_ground: None,
        superseded_on: None,
        re_rating_filed_on: None,
        re_rating_decided_on: None,
    }
}

fn filed(on: NaiveDate) -> CertificateFacts {
    CertificateFacts {
        re_rating_filed_on: Some(on),
        ..cert()
    }
}

#[test]
fn a_certificate_is_valid_36_months_to_the_corresponding_day() {
    assert_eq!(expires_on(d(2024, 1, 31)), d(2027, 1, 31));
    assert_eq!(expires_on(d(2026, 5, 22)), d(2029, 5, 22));
    assert_eq!(expires_on(d(2023, 12, 31)), d(2026, 12, 31));
    assert_eq!(expires_on(d(2025, 2, 28)), d(2028, 2, 28));
}

#[test]
fn a_certificate_issued_on_29_february_ends_on_28_february_as_the_civil_code_says() {
    // chrono clamps to the month's last day, which is Art. 148 BLDS 2015.
    assert_eq!(expires_on(d(2024, 2, 29)), d(2027, 2, 28));
    // And into a leap year the 29th exists.
    assert_eq!(expires_on(d(2021, 2, 28)), d(2024, 2, 28));
    assert_eq!(expires_on(d(2021, 3, 1)), d(2024, 3, 1));
}

#[test]
fn the_re_rating_window_runs_from_180_to_120_days_before_expiry_inclusive() {
    let w = re_rating_window(d(2027, 1, 31));
    assert_eq!((w.opens_on, w.closes_on), (d(2026, 8, 4), d(2026, 10, 3)));
    assert!(!w.contains(d(2026, 8, 3)));
    assert!(w.contains(d(2026, 8, 4)));
    assert!(w.contains(d(2026, 10, 3)));
    assert!(!w.contains(d(2026, 10, 4)));
    // Across a leap-day expiry.
    let w = re_rating_window(expires_on(d(2024, 2, 29)));
    assert_eq!((w.opens_on, w.closes_on), (d(2026, 9, 1), d(2026, 10, 31)));
}

#[test]
fn filings_are_classified_at_the_window_edges() {
    let expiry = d(2027, 1, 31);
    assert_eq!(
        classify_filing(expiry, d(2026, 8, 3)),
        ReRatingFiling::TooEarly
    );
    assert_eq!(
        classify_filing(expiry, d(2026, 8, 4)),
        ReRatingFiling::InWindow
    );
    assert_eq!(
        classify_filing(expiry, d(2026, 10, 3)),
        ReRatingFiling::InWindow
    );
    assert_eq!(
        classify_filing(expiry, d(2026, 10, 4)),
        ReRatingFiling::Late
    );
    assert_eq!(
        classify_filing(expiry, d(2027, 1, 31)),
        ReRatingFiling::Late
    );
    assert_eq!(
        classify_filing(expiry, d(2027, 2, 1)),
        ReRatingFiling::AfterExpiry
    );
}

#[test]
fn an_extension_lasts_at_most_180_days_after_expiry() {
    assert_eq!(extension_limit(d(2027, 1, 31)), d(2027, 7, 30));
}

#[test]
fn a_certificate_moves_from_valid_to_due_to_expiring_to_expired() {
    let c = cert();
    assert_eq!(state_on(&c, d(2024, 1, 30)), NotYetIssued);
    assert_eq!(state_on(&c, d(2024, 1, 31)), Valid);
    assert_eq!(state_on(&c, d(2026, 8, 3)), Valid);
    assert_eq!(state_on(&c, d(2026, 8, 4)), ReRatingDue);
    assert_eq!(state_on(&c, d(2026, 10, 3)), ReRatingDue);
    assert_eq!(state_on(&c, d(2026, 10, 4)), Valid);
    assert_eq!(state_on(&c, d(2026, 12, 31)), Valid);
    assert_eq!(state_on(&c, d(2027, 1, 1)), Expiring);
    assert_eq!(state_on(&c, d(2027, 1, 31)), Expiring);
    assert_eq!(state_on(&c, d(2027, 2, 1)), Expired);
}

#[test]
fn filing_in_the_window_ends_the_re_rating_due_state() {
    let c = filed(d(2026, 9, 1));
    assert_eq!(state_on(&c, d(2026, 8, 31)), ReRatingDue);
    assert_eq!(state_on(&c, d(2026, 9, 1)), Valid);
}

#[test]
fn a_late_filing_keeps_the_certificate_valid_until_the_decision() {
    let c = filed(d(2026, 12, 1));
    assert_eq!(state_on(&c, d(2027, 2, 1)), Extended);
    assert_eq!(state_on(&c, d(2027, 7, 30)), Extended);
    let decided = CertificateFacts {
        re_rating_decided_on: Some(d(2027, 3, 15)),
        ..c
    };
    assert_eq!(state_on(&decided, d(2027, 3, 14)), Extended);
    assert_eq!(state_on(&decided, d(2027, 3, 15)), Expired);
}

#[test]
fn a_late_filing_extends_at_most_180_days_after_expiry() {
    let c = filed(d(2027, 1, 31));
    assert_eq!(state_on(&c, d(2027, 7, 30)), Extended);
    assert_eq!(state_on(&c, d(2027, 7, 31)), Expired);
}

#[test]
fn a_timely_filing_still_pending_at_expiry_is_extended_too() {
    let c = filed(d(2026, 8, 4));
    assert_eq!(state_on(&c, d(2027, 2, 1)), Extended);
}

#[test]
fn a_filing_after_expiry_or_before_the_window_extends_nothing() {
    assert_eq!(state_on(&filed(d(2027, 2, 1)), d(2027, 2, 2)), Expired);
    assert_eq!(state_on(&filed(d(2026, 8, 3)), d(2027, 2, 1)), Expired);
}

#[test]
fn a_renewal_supersedes_and_a_revocation_wins_over_everything() {
    let renewed = CertificateFacts {
        superseded_on: Some(d(2026, 11, 1)),
        ..filed(d(2026, 9, 1))
    };
    assert_eq!(state_on(&renewed, d(2026, 10, 31)), Valid);
    assert_eq!(state_on(&renewed, d(2026, 11, 1)), Superseded);
    let revoked = CertificateFacts {
        revoked_on: Some(d(2025, 6, 1)),
        revocation_ground: Some(RevocationGround::MarkMisuse),
        ..renewed
    };
    assert_eq!(state_on(&revoked, d(2025, 5, 31)), Valid);
    assert_eq!(state_on(&revoked, d(2025, 6, 1)), Revoked);
    assert_eq!(state_on(&revoked, d(2026, 11, 1)), Revoked);
}

#[test]
fn only_live_states_let_a_product_carry_the_mark() {
    let live = [Valid, ReRatingDue, Expiring, Extended];
    for state in [
        NotYetIssued,
        Valid,
        ReRatingDue,
        Expiring,
        Extended,
        Expired,
        Revoked,
        Superseded,
    ] {
        assert_eq!(state.is_valid(), live.contains(&state), "{state:?}");
    }
}

#[test]
fn a_plain_certificate_lapses_the_day_after_its_expiry() {
    assert_eq!(expired_on(&cert()), Some(d(2027, 2, 1)));
}

#[test]
fn a_certificate_extended_then_superseded_by_its_re_rating_never_lapses() {
    let facts = CertificateFacts {
        re_rating_decided_on: Some(d(2027, 3, 15)),
        superseded_on: Some(d(2027, 3, 15)),
        ..filed(d(2026, 9, 1))
    };
    assert_eq!(state_on(&facts, d(2027, 2, 1)), Extended);
    assert_eq!(expired_on(&facts), None);
}

#[test]
fn a_certificate_extended_then_refused_lapses_on_the_decision_day() {
    let facts = CertificateFacts {
        re_rating_decided_on: Some(d(2027, 3, 15)),
        ..filed(d(2026, 9, 1))
    };
    assert_eq!(expired_on(&facts), Some(d(2027, 3, 15)));
}

#[test]
fn a_certificate_extended_with_no_decision_lapses_after_the_extension_limit() {
    let facts = filed(d(2026, 9, 1));
    // 31/01/2027 + 180 days = 30/07/2027.
    assert_eq!(expired_on(&facts), Some(d(2027, 7, 31)));
}

#[test]
fn a_re_rating_refused_before_expiry_leaves_the_plain_lapse() {
    let facts = CertificateFacts {
        re_rating_decided_on: Some(d(2026, 12, 1)),
        ..filed(d(2026, 9, 1))
    };
    assert_eq!(expired_on(&facts), Some(d(2027, 2, 1)));
}

#[test]
fn a_certificate_revoked_before_it_lapses_never_lapses() {
    let revoked = CertificateFacts {
        revoked_on: Some(d(2026, 6, 1)),
        ..cert()
    };
    assert_eq!(expired_on(&revoked), None);
    let revoked_while_extended = CertificateFacts {
        revoked_on: Some(d(2027, 3, 1)),
        ..filed(d(2026, 9, 1))
    };
    assert_eq!(expired_on(&revoked_while_extended), None);
    // Revoked after it lapsed: it lapsed all the same.
    let revoked_later = CertificateFacts {
        revoked_on: Some(d(2027, 5, 1)),
        ..cert()
    };
    assert_eq!(expired_on(&revoked_later), Some(d(2027, 2, 1)));
}

#[test]
fn a_certificate_superseded_before_expiry_never_lapses() {
    let facts = CertificateFacts {
        superseded_on: Some(d(2026, 11, 1)),
        ..cert()
    };
    assert_eq!(expired_on(&facts), None);
}
