//! Unit tests of the field checks and the rules across fields.

use super::*;

#[test]
fn registration_codes() {
    for good in ["6001234567", "6001234567-001", "40A8012345", "4400123456"] {
        assert!(validate_registration_code(good).is_ok(), "{good}");
    }
    for bad in [
        "",
        "123",
        "-6001234567",
        "60012 34567",
        "6001234567abc",
        "ABCDEFGHIJKLMNOPQRSTU",
    ] {
        assert!(validate_registration_code(bad).is_err(), "{bad}");
    }
}

#[test]
fn phones() {
    for good in [
        "0912345678",
        "+84912345678",
        "0262 3812 345",
        "0262.381.2345",
    ] {
        assert!(validate_phone(good).is_ok(), "{good}");
    }
    for bad in [
        "912345678",
        "09123456789",
        "abc",
        "+1 202 555 0100",
        "026238123456",
    ] {
        assert!(validate_phone(bad).is_err(), "{bad}");
    }
}

#[test]
fn member_count_only_for_collectives() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    assert!(check_kind_rules(SubjectKind::Cooperative, Some(12), None, today).is_ok());
    assert!(check_kind_rules(SubjectKind::Sme, Some(12), None, today).is_err());
    assert!(check_kind_rules(SubjectKind::Sme, None, None, today).is_ok());
    let tomorrow = today.succ_opt();
    assert!(check_kind_rules(SubjectKind::Farm, None, tomorrow, today).is_err());
}

#[test]
fn an_empty_name_is_required_not_a_bad_length() {
    let code = |r: Result<(), validator::ValidationError>| r.err().map(|e| e.code.to_string());
    assert_eq!(
        code(validate_subject_name("  ")).as_deref(),
        Some("required")
    );
    assert_eq!(code(validate_subject_name("A")).as_deref(), Some("length"));
    assert_eq!(code(validate_subject_name("HTX Ea Tu")), None);
    assert_eq!(
        code(validate_representative("")).as_deref(),
        Some("required")
    );
    assert_eq!(
        code(validate_representative(&"a".repeat(201))).as_deref(),
        Some("length")
    );
}
