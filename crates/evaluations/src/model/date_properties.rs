//! Properties of the dated rules over every day from 2019 to 2031: whatever day a certificate is
//! issued, filed for re-rating, revoked or read, and whatever day a dossier is received or
//! forwarded, the rules keep their invariants. Issue days are taken exhaustively; the other days
//! of each case are drawn from a fixed-seed generator, so a failure names a case that replays.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::calendar::{commune_check_due, round_deadline};
use crate::certificates::{
    CertificateFacts, CertificateState, ReRatingFiling, classify_filing, expires_on,
    extension_limit, re_rating_window, state_on,
};
use crate::{Instrument, RecognitionLevel};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Every day from 1 January 2019 to 31 December 2031.
fn every_day() -> impl Iterator<Item = NaiveDate> {
    day(2019, 1, 1)
        .iter_days()
        .take_while(|d| *d <= day(2031, 12, 31))
}

/// xorshift64*: small, fixed-seed, good enough to spread days.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A day in `from ..= from + span` days.
    fn day_after(&mut self, from: NaiveDate, span: u64) -> NaiveDate {
        from + Days::new(self.next() % (span + 1))
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

#[test]
fn a_certificate_lasts_36_months_and_its_re_rating_window_closes_before_expiry() {
    for issued in every_day() {
        let expiry = expires_on(issued);
        let days = (expiry - issued).num_days();
        // 36 calendar months are 1,095 or 1,096 days, less up to 3 when a month end is clamped.
        assert!((1092..=1097).contains(&days), "{issued}: {days} days");
        let window = re_rating_window(expiry);
        assert!(issued < window.opens_on, "{issued}");
        assert!(window.opens_on < window.closes_on, "{issued}");
        assert!(
            window.closes_on < expiry,
            "{issued}: window ends after expiry"
        );
        assert_eq!((window.closes_on - window.opens_on).num_days(), 60);
        assert!(extension_limit(expiry) > expiry);
    }
}

#[test]
fn filing_only_moves_forward_through_too_early_in_window_late_and_after_expiry() {
    let rank = |f: ReRatingFiling| match f {
        ReRatingFiling::TooEarly => 0,
        ReRatingFiling::InWindow => 1,
        ReRatingFiling::Late => 2,
        ReRatingFiling::AfterExpiry => 3,
    };
    for issued in every_day().step_by(7) {
        let expiry = expires_on(issued);
        let mut last = 0;
        let mut seen = [false; 4];
        for filed in (expiry - Days::new(400)).iter_days().take(800) {
            let r = rank(classify_filing(expiry, filed));
            assert!(r >= last, "{issued}: filing on {filed} went back");
            seen[r] = true;
            last = r;
        }
        assert_eq!(seen, [true; 4], "{issued}");
    }
}

#[test]
fn a_certificate_is_never_both_in_force_and_ended_on_any_day() {
    let mut draw = Draw(0x0C0F_FEE0_2026_0522);
    for issued in every_day() {
        let expiry = expires_on(issued);
        for _ in 0..12 {
            let facts = CertificateFacts {
                issued_on: issued,
                revoked_on: draw.chance(20).then(|| draw.day_after(issued, 1500)),
                revocation_ground: None,
                superseded_on: draw.chance(20).then(|| draw.day_after(issued, 1500)),
                re_rating_filed_on: draw
                    .chance(50)
                    .then(|| draw.day_after(expiry - Days::new(250), 300)),
                re_rating_decided_on: draw
                    .chance(40)
                    .then(|| draw.day_after(expiry - Days::new(100), 400)),
            };
            let read = draw.day_after(issued - Days::new(30), 1500);
            let state = state_on(&facts, read);
            let case = format!("{facts:?} read on {read}: {state:?}");

            // Ended states and the mark exclude each other.
            let ended = matches!(
                state,
                CertificateState::Expired
                    | CertificateState::Revoked
                    | CertificateState::Superseded
                    | CertificateState::NotYetIssued
            );
            assert_eq!(state.is_valid(), !ended, "{case}");
            // Revocation and supersession end it from their day on, whatever the dates.
            if facts.revoked_on.is_some_and(|d| d <= read) {
                assert_eq!(state, CertificateState::Revoked, "{case}");
            }
            // Nothing is in force before its issue or after the longest extension.
            if read < issued || read > extension_limit(expiry) {
                assert!(!state.is_valid(), "{case}");
            }
            // Extended only after expiry, and only with a re-rating filed by then.
            if state == CertificateState::Extended {
                assert!(read > expiry, "{case}");
                assert!(
                    facts.re_rating_filed_on.is_some_and(|f| f <= expiry),
                    "{case}"
                );
            }
            // Untouched and within its 36 months, it is in force.
            let untouched = facts.revoked_on.is_none_or(|d| d > read)
                && facts.superseded_on.is_none_or(|d| d > read);
            if untouched && issued <= read && read <= expiry {
                assert!(state.is_valid(), "{case}");
            }
            if read > expiry {
                assert!(
                    !matches!(
                        state,
                        CertificateState::Valid
                            | CertificateState::ReRatingDue
                            | CertificateState::Expiring
                    ),
                    "{case}"
                );
            }
        }
    }
}

#[test]
fn the_communes_check_is_due_on_the_fifteenth_working_day() {
    for received in every_day() {
        let due = commune_check_due(received, &[]);
        assert!(
            !matches!(due.weekday(), Weekday::Sat | Weekday::Sun),
            "{received}: due on a weekend"
        );
        let working = received
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= due)
            .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
            .count();
        assert_eq!(working, 15, "{received}");
        // Three weeks, or a few days more when received on a weekend.
        assert!(
            (19..=23).contains(&(due - received).num_days()),
            "{received}"
        );
    }
}

#[test]
fn a_dossier_forwarded_on_any_day_falls_into_the_next_round_which_decides_after_its_cut_off() {
    let first = day(2026, 5, 22);
    for forwarded in every_day().filter(|d| *d >= first) {
        let instrument = Instrument::in_force_on(forwarded).unwrap();
        for level in [RecognitionLevel::Province, RecognitionLevel::Central] {
            let round = round_deadline(instrument, level, forwarded)
                .unwrap_or_else(|| panic!("{forwarded}: no {level:?} round"));
            assert!(forwarded < round.forwarded_before, "{forwarded}");
            // Two rounds a year: the next cut-off is at most half a year away.
            assert!(
                (round.forwarded_before - forwarded).num_days() <= 184,
                "{forwarded}: {round:?}"
            );
            assert!(round.forwarded_before < round.decide_before, "{forwarded}");
            assert!(
                (round.decide_before - round.forwarded_before).num_days() <= 62,
                "{forwarded}: {round:?}"
            );
        }
    }
}
