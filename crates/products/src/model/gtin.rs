//! GTINs (GS1 Global Trade Item Numbers): the barcode number a producer may register for a
//! product, so that a GS1 Digital Link (`/01/{gtin}`) printed on the package resolves to its
//! certificate. Pure rules: the shape, the check digit, and the equivalent written forms.

/// The lengths GS1 issues: GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13), GTIN-14.
pub const GTIN_LENGTHS: [usize; 4] = [8, 12, 13, 14];

/// The GS1 check digit of `body` (the digits before it): weights 3, 1, 3, ... from the right.
/// `None` when `body` holds anything but ASCII digits.
pub fn gtin_check_digit(body: &str) -> Option<u8> {
    let mut sum = 0u32;
    for (i, c) in body.bytes().rev().enumerate() {
        if !c.is_ascii_digit() {
            return None;
        }
        let digit = u32::from(c - b'0');
        sum += if i % 2 == 0 { 3 * digit } else { digit };
    }
    u8::try_from((10 - sum % 10) % 10).ok()
}

/// Whether `gtin` is 8, 12, 13 or 14 digits ending in its right check digit.
pub fn is_valid_gtin(gtin: &str) -> bool {
    if !GTIN_LENGTHS.contains(&gtin.len()) || !gtin.bytes().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let (body, check) = gtin.split_at(gtin.len() - 1);
    gtin_check_digit(body).is_some_and(|d| check.as_bytes()[0] == b'0' + d)
}

/// `validator` rule for a product's GTIN: `format` for a wrong shape, `check_digit` for a
/// mistyped number (the usual error when copying a barcode by hand).
pub fn validate_gtin(gtin: &str) -> Result<(), validator::ValidationError> {
    let gtin = gtin.trim();
    if !GTIN_LENGTHS.contains(&gtin.len()) || !gtin.bytes().all(|c| c.is_ascii_digit()) {
        Err(validator::ValidationError::new("format"))
    } else if !is_valid_gtin(gtin) {
        Err(validator::ValidationError::new("check_digit"))
    } else {
        Ok(())
    }
}

/// Every way the same GTIN may be written and stored: the 14-digit form GS1 Digital Link uses
/// and the shorter forms its leading zeros allow (`05901234123457` is the EAN-13
/// `5901234123457`). `None` for anything that is not a valid GTIN. Always four entries (the
/// 14-digit form repeated when a shorter one does not exist), so a query binds a fixed list.
pub fn gtin_forms(gtin: &str) -> Option<[String; 4]> {
    if !is_valid_gtin(gtin) {
        return None;
    }
    let full = format!("{gtin:0>14}");
    Some(GTIN_LENGTHS.map(|length| {
        let (padding, short) = full.split_at(14 - length);
        if padding.bytes().all(|c| c == b'0') {
            short.to_string()
        } else {
            full.clone()
        }
    }))
}

/// The one writing a GTIN is stored in: the shortest of its forms (`05901234123457` is stored as
/// the EAN-13 `5901234123457`), so the unique index sees one GTIN typed two ways as the same and
/// a producer keeps the number printed under the barcode. `None` for anything not a GTIN.
pub fn canonical_gtin(gtin: &str) -> Option<String> {
    let forms = gtin_forms(gtin.trim())?;
    forms
        .into_iter()
        .zip(GTIN_LENGTHS)
        .find(|(form, length)| form.len() == *length)
        .map(|(form, _)| form)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_of_published_examples() {
        // GS1's own examples: an EAN-13, a GTIN-14, a UPC-A and an EAN-8.
        assert_eq!(gtin_check_digit("590123412345"), Some(7));
        assert_eq!(gtin_check_digit("0950110153000"), Some(3));
        assert_eq!(gtin_check_digit("03600029145"), Some(2));
        assert_eq!(gtin_check_digit("9638507"), Some(4));
        assert_eq!(gtin_check_digit("12a"), None);
    }

    #[test]
    fn only_the_four_lengths_with_their_check_digit_are_gtins() {
        for good in [
            "5901234123457",
            "09501101530003",
            "036000291452",
            "96385074",
        ] {
            assert!(is_valid_gtin(good), "{good}");
            assert!(validate_gtin(good).is_ok(), "{good}");
        }
        let code = |s: &str| validate_gtin(s).err().map(|e| e.code.to_string());
        assert_eq!(code("5901234123458").as_deref(), Some("check_digit"));
        assert_eq!(code("590123412345").as_deref(), Some("check_digit"));
        assert_eq!(code("59012341234570").as_deref(), Some("check_digit"));
        assert_eq!(code("12345").as_deref(), Some("format"));
        assert_eq!(code("590123412345X").as_deref(), Some("format"));
        assert_eq!(code("123456789012345").as_deref(), Some("format"));
        assert_eq!(code("").as_deref(), Some("format"));
    }

    #[test]
    fn the_forms_of_one_gtin_are_its_zero_padded_and_shortened_writings() {
        let set = |forms: [String; 4]| forms.into_iter().collect::<std::collections::BTreeSet<_>>();
        let ean13 = gtin_forms("5901234123457").expect("valid");
        assert_eq!(
            set(ean13.clone()),
            set([
                "05901234123457",
                "5901234123457",
                "5901234123457",
                "5901234123457"
            ]
            .map(String::from))
        );
        // The 14-digit writing finds the same product.
        assert_eq!(
            set(gtin_forms("05901234123457").expect("valid")),
            set(ean13)
        );
        let ean8 = set(gtin_forms("00000096385074").expect("valid"));
        for form in [
            "96385074",
            "000096385074",
            "0000096385074",
            "00000096385074",
        ] {
            assert!(ean8.contains(form), "{form}: {ean8:?}");
        }
        assert_eq!(gtin_forms("5901234123458"), None);
        assert_eq!(gtin_forms("12"), None);
    }

    #[test]
    fn a_gtin_is_stored_in_its_shortest_writing() {
        assert_eq!(
            canonical_gtin("05901234123457").as_deref(),
            Some("5901234123457")
        );
        assert_eq!(
            canonical_gtin(" 5901234123457 ").as_deref(),
            Some("5901234123457")
        );
        assert_eq!(
            canonical_gtin("00000096385074").as_deref(),
            Some("96385074")
        );
        assert_eq!(
            canonical_gtin("036000291452").as_deref(),
            Some("036000291452")
        );
        assert_eq!(
            canonical_gtin("10950110153004").as_deref(),
            Some("10950110153004")
        );
        assert_eq!(canonical_gtin("5901234123458"), None);
    }
}
