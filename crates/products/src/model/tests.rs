//! Unit tests of the price, capacity and product-set rules.

use super::*;

#[test]
fn price_range_must_not_be_inverted() {
    assert!(check_price_range(Some(100), Some(200)).is_ok());
    assert!(check_price_range(Some(200), Some(200)).is_ok());
    assert!(check_price_range(Some(201), Some(200)).is_err());
    assert!(check_price_range(None, Some(200)).is_ok());
}

#[test]
fn capacity_needs_both_parts() {
    assert!(check_capacity(Some(20), Some("tấn/năm")).is_ok());
    assert!(check_capacity(None, None).is_ok());
    assert!(check_capacity(Some(20), None).is_err());
    assert!(check_capacity(None, Some("kg")).is_err());
}

#[test]
fn tourism_subjects_register_tourism_only() {
    assert!(check_kind_for_set(true, "VI.1").is_ok());
    assert!(check_kind_for_set(true, "I.6").is_err());
    assert!(check_kind_for_set(false, "I.6").is_ok());
}

#[test]
fn an_empty_product_name_is_required_not_a_bad_length() {
    let code = |r: Result<(), validator::ValidationError>| r.err().map(|e| e.code.to_string());
    assert_eq!(code(validate_product_name("")).as_deref(), Some("required"));
    assert_eq!(code(validate_product_name("x")).as_deref(), Some("length"));
    assert_eq!(code(validate_product_name("Cà phê bột")), None);
}
