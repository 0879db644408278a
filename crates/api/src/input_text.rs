//! What request text may hold, checked once at the edge for every JSON body and query string,
//! with the field named.
//!
//! - No control characters. A NUL byte stored in a name breaks PostgreSQL (it refuses it: a 500)
//!   and every export; other control characters hide text on screens and in print. Tab, line
//!   feed and carriage return are ordinary text in addresses and notes, so they stay.
//! - No dates outside 1900–2100. A round opened on 9999-12-31 would be stored and then serialised
//!   as `+10000-04-30` once a deadline is added to it, which no client can read. Every date the
//!   programme deals in lies well inside these bounds.

use ocop_core::{DomainError, FieldError};
use serde_json::Value;

pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2100;

/// C0 controls other than tab, line feed and carriage return, DEL, and the C1 controls.
pub fn is_refused(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

/// The year of a text a date parser would read as a date or date-time (`2027-03-10`,
/// `+10000-04-30`, `2027-03-10T08:00:00Z`, `2027-03-10 08:00`), if it is one. Chrono skips
/// whitespace around the numbers, so this does too.
fn iso_year(text: &str) -> Option<i64> {
    let text = text.trim();
    let negative = text.starts_with('-');
    let mut rest = text.strip_prefix(['+', '-']).unwrap_or(text);
    let year = take_number(&mut rest, 4..=9)?;
    for _month_then_day in 0..2 {
        rest = rest.trim_start().strip_prefix('-')?;
        take_number(&mut rest, 1..=2)?;
    }
    // After the day: nothing, or a time (`T08:00`, `t08:00`, ` 08:00`).
    let time = rest
        .trim_start()
        .trim_start_matches(['T', 't'])
        .trim_start();
    let hour_len = time.bytes().take_while(u8::is_ascii_digit).count();
    let time_follows = (1..=2).contains(&hour_len) && time[hour_len..].starts_with(':');
    (rest.trim().is_empty() || time_follows).then_some(if negative { -year } else { year })
}

/// Reads a number of `digits` digits (after optional whitespace) off the front of `rest`.
fn take_number(rest: &mut &str, digits: std::ops::RangeInclusive<usize>) -> Option<i64> {
    let trimmed = rest.trim_start();
    let len = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if !digits.contains(&len) {
        return None;
    }
    *rest = &trimmed[len..];
    trimmed[..len].parse().ok()
}

/// Why a text is refused, as a field error code.
fn refusal(text: &str) -> Option<&'static str> {
    if text.chars().any(is_refused) {
        return Some("control_character");
    }
    iso_year(text)
        .filter(|year| !(i64::from(FIRST_YEAR)..=i64::from(LAST_YEAR)).contains(year))
        .map(|_| "date_bounds")
}

/// Whether a JSON body may hold a refused text at all: C0 controls can only arrive escaped
/// (`\u0000`), DEL and the C1 controls may arrive raw, and a date has a dash after a digit or a
/// space. The
/// common body with none of these skips the second parse.
fn may_hold_refused(body: &[u8]) -> bool {
    body.windows(2).any(|w| {
        w == b"\\u"
            || (w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1]))
            || ((w[0].is_ascii_digit() || w[0].is_ascii_whitespace()) && w[1] == b'-')
    }) || body.contains(&0x7F)
}

/// The first field of a JSON body whose text (a value or an object key) is refused, named as
/// serde_path_to_error names fields (`members[0].name`).
pub fn check_json(body: &[u8]) -> Result<(), DomainError> {
    if !may_hold_refused(body) {
        return Ok(());
    }
    // The body was parsed into the target type already, so it is valid JSON.
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Ok(());
    };
    match find(&value, String::new()) {
        None => Ok(()),
        Some((field, code)) => Err(refused(field, code)),
    }
}

/// The first query parameter whose name or value is refused.
pub fn check_query(query: &str) -> Result<(), DomainError> {
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if let Some(code) = refusal(&key).or_else(|| refusal(&value)) {
            return Err(refused(key.into_owned(), code));
        }
    }
    Ok(())
}

fn refused(field: String, code: &str) -> DomainError {
    let field = if field.is_empty() { ".".into() } else { field };
    DomainError::Validation(vec![FieldError::new(field, code)])
}

fn find(value: &Value, path: String) -> Option<(String, &'static str)> {
    match value {
        Value::String(text) => refusal(text).map(|code| (path, code)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| find(item, format!("{path}[{i}]"))),
        Value::Object(fields) => fields.iter().find_map(|(key, item)| {
            let here = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            match refusal(key) {
                Some(code) => Some((here, code)),
                None => find(item, here),
            }
        }),
        Value::Null | Value::Bool(_) | Value::Number(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused_field(body: &str) -> Option<(String, String)> {
        match check_json(body.as_bytes()) {
            Ok(()) => None,
            Err(DomainError::Validation(errors)) => {
                Some((errors[0].field.clone(), errors[0].code.clone()))
            }
            Err(other) => panic!("unexpected {other:?}"),
        }
    }

    fn field_of(body: &str) -> Option<String> {
        refused_field(body).map(|(field, _)| field)
    }

    #[test]
    fn names_the_field_holding_a_control_character() {
        assert_eq!(
            field_of(r#"{"name":"HTX\u0000A"}"#).as_deref(),
            Some("name")
        );
        assert_eq!(
            field_of(r#"{"members":[{"name":"a"},{"name":"b\u001b"}]}"#).as_deref(),
            Some("members[1].name")
        );
        assert_eq!(field_of("{\"note\":\"a\u{85}b\"}").as_deref(), Some("note"));
        assert_eq!(field_of("{\"note\":\"a\u{7f}\"}").as_deref(), Some("note"));
        assert_eq!(field_of(r#"{"a\u0001":1}"#).as_deref(), Some("a\u{1}"));
    }

    #[test]
    fn keeps_ordinary_text_and_line_breaks() {
        assert_eq!(
            field_of(r#"{"address":"Thôn 1\nXã Ea Tu\t(đội 2)\r\n"}"#),
            None
        );
        assert_eq!(field_of(r#"{"name":"Cà phê \u00e9"}"#), None);
        assert_eq!(field_of(r#"{"n":1,"b":true,"x":null}"#), None);
        assert_eq!(
            field_of(r#"{"phone":"0262-3-852-123","code":"HTX-2027-01"}"#),
            None
        );
        assert_eq!(field_of(r#"{"note":"1234-5-6789 lô hàng"}"#), None);
    }

    #[test]
    fn refuses_dates_outside_1900_to_2100() {
        for bad in [
            "9999-12-31",
            "+10000-04-30",
            "1899-12-31",
            "2101-01-01T00:00:00Z",
            "-0001-01-01",
            // What chrono also reads as dates: spaces around the numbers, a space or a `t`
            // before the time.
            "9999-12-31 ",
            " 9999-12-31",
            "9999 -12-31",
            "9999-12-31 00:00:00Z",
            "9999-12-31t00:00:00Z",
        ] {
            assert_eq!(
                refused_field(&format!(r#"{{"opened_on":"{bad}"}}"#)),
                Some(("opened_on".into(), "date_bounds".into())),
                "{bad}"
            );
        }
        for good in ["1900-01-01", "2100-12-31", "2027-03-10T08:00:00+07:00"] {
            assert_eq!(
                field_of(&format!(r#"{{"opened_on":"{good}"}}"#)),
                None,
                "{good}"
            );
        }
    }

    #[test]
    fn names_the_query_parameter() {
        assert!(check_query("q=c%C3%A0+ph%C3%AA&page=2&on=2027-03-10").is_ok());
        let code_of = |query: &str| match check_query(query) {
            Err(DomainError::Validation(errors)) => {
                (errors[0].field.clone(), errors[0].code.clone())
            }
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(
            code_of("page=1&q=a%00b"),
            ("q".into(), "control_character".into())
        );
        assert_eq!(
            code_of("on=3000-01-01"),
            ("on".into(), "date_bounds".into())
        );
    }
}
