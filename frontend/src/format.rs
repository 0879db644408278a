//! Conversions between wire values and what people read and type: dates in Vietnam's time,
//! prices in đồng, query parameters and merge-patch bodies built from the shared wire types.

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::Dong;
use ocop_core::clock::vietnam;
use serde::Serialize;
use serde_json::Value;

/// Times are shown in Vietnam's time, the offset the server judges deadlines by.
pub fn date(at: &DateTime<Utc>) -> String {
    at.with_timezone(&vietnam()).format("%d/%m/%Y").to_string()
}

pub fn date_time(at: &DateTime<Utc>) -> String {
    at.with_timezone(&vietnam())
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

/// The browser's calendar day, used only when the server will not say its own: the server's
/// clock may be fixed on another day (`OCOP_TODAY`).
pub fn browser_today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// A calendar day as Vietnam writes it.
pub fn day(day: &NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

pub fn price_range(min: Option<Dong>, max: Option<Dong>) -> String {
    match (min, max) {
        (Some(min), Some(max)) if min == max => min.display_vi(),
        (Some(min), Some(max)) => format!("{} – {}", min.display_vi(), max.display_vi()),
        (Some(one), None) | (None, Some(one)) => one.display_vi(),
        (None, None) => String::new(),
    }
}

/// A whole number with its thousands set apart by `separator` (`1.234.567`), as
/// [`Dong::display_vi`] groups đồng, for counts that are not money.
pub fn grouped(value: i64, separator: char) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A score as Vietnam writes it: a decimal comma, two places (`71,66`, `85,00`).
pub fn score(lang: crate::i18n::Lang, points: ocop_evaluations::Hundredths) -> String {
    let text = points.to_string();
    match lang {
        crate::i18n::Lang::Vi => text.replace('.', ","),
        crate::i18n::Lang::En => text,
    }
}

/// The stars to show for a result: nothing scored is no star, though its band is 1★.
pub fn shown_stars(stars: u8, average: ocop_evaluations::Hundredths) -> u8 {
    if average.0 <= 0 { 0 } else { stars }
}

/// Trimmed text, or `None` when nothing was typed.
pub fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// A whole number as people type it: `150.000`, `150 000`, `150,000 đ` all read as 150000.
pub fn whole_number(text: &str) -> Result<Option<i64>, ()> {
    let digits: String = text
        .trim()
        .trim_end_matches(['đ', '₫'])
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | ' ' | '\u{a0}'))
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    digits.parse().map(Some).map_err(|_| ())
}

/// A date from `<input type="date">`, which always gives `YYYY-MM-DD`.
pub fn optional_date(text: &str) -> Result<Option<NaiveDate>, ()> {
    match optional(text) {
        None => Ok(None),
        Some(text) => NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ()),
    }
}

/// The wire spelling of a serialisable value (an enum's snake_case name, a sort key like `-name`).
pub fn wire<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// The value whose wire spelling is `text`, the inverse of [`wire`].
pub fn from_wire<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    if text.is_empty() {
        return None;
    }
    serde_json::from_value(Value::String(text.to_string())).ok()
}

/// The `(name, value)` pairs of a query struct of the domain crates; absent fields are left out.
pub fn query_pairs<T: Serialize>(query: &T) -> Vec<(String, String)> {
    let Ok(Value::Object(fields)) = serde_json::to_value(query) else {
        return Vec::new();
    };
    fields
        .into_iter()
        .filter_map(|(key, value)| match value {
            Value::Null => None,
            Value::String(s) => Some((key, s)),
            other => Some((key, other.to_string())),
        })
        .collect()
}

/// A JSON merge patch from a patch type of the domain crates. Their `Option<Option<T>>` fields
/// serialise "leave alone" and "clear" both as `null`, so every `null` is dropped except the
/// fields named in `cleared`, which the caller set to `Some(None)`.
pub fn merge_patch<T: Serialize>(patch: &T, cleared: &[&str]) -> Value {
    match serde_json::to_value(patch) {
        Ok(Value::Object(mut fields)) => {
            fields.retain(|key, value| !value.is_null() || cleared.contains(&key.as_str()));
            Value::Object(fields)
        }
        _ => Value::Object(Default::default()),
    }
}

/// The patch value of an optional field: `None` when unchanged, `Some(None)` to clear it.
pub fn changed_option<T: PartialEq>(
    new: Option<T>,
    old: Option<T>,
    key: &'static str,
    cleared: &mut Vec<&'static str>,
) -> Option<Option<T>> {
    if new == old {
        return None;
    }
    if new.is_none() {
        cleared.push(key);
    }
    Some(new)
}

/// The patch value of a required field: `None` when unchanged.
pub fn changed<T: PartialEq>(new: T, old: &T) -> Option<T> {
    (new != *old).then_some(new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ocop_subjects::{SubjectPatch, SubjectQuery, SubjectSort, SubjectStatus};

    #[test]
    fn prices_are_typed_the_vietnamese_way() {
        assert_eq!(whole_number("150.000"), Ok(Some(150_000)));
        assert_eq!(whole_number(" 1 250 000 đ"), Ok(Some(1_250_000)));
        assert_eq!(whole_number(""), Ok(None));
        assert_eq!(whole_number("abc"), Err(()));
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(grouped(0, '.'), "0");
        assert_eq!(grouped(999, '.'), "999");
        assert_eq!(grouped(1000, '.'), "1.000");
        assert_eq!(grouped(-1_234_567, ','), "-1,234,567");
    }

    #[test]
    fn scores_are_written_the_vietnamese_way() {
        use crate::i18n::Lang;
        use ocop_evaluations::Hundredths;
        assert_eq!(score(Lang::Vi, Hundredths(7166)), "71,66");
        assert_eq!(score(Lang::Vi, Hundredths(8500)), "85,00");
        assert_eq!(score(Lang::Vi, Hundredths(5)), "0,05");
        assert_eq!(score(Lang::En, Hundredths(7166)), "71.66");
        assert_eq!(score(Lang::Vi, Hundredths(7105)), "71,05");
        assert_eq!(shown_stars(1, Hundredths(0)), 0);
        assert_eq!(shown_stars(2, Hundredths(4900)), 2);
    }

    #[test]
    fn queries_leave_out_absent_fields() {
        let query = SubjectQuery {
            q: Some("cà phê".into()),
            status: Some(SubjectStatus::Active),
            sort: Some(SubjectSort::NameDesc),
            page: Some(2),
            ..Default::default()
        };
        let mut pairs = query_pairs(&query);
        pairs.sort();
        let expected = [
            ("page", "2"),
            ("q", "cà phê"),
            ("sort", "-name"),
            ("status", "active"),
        ];
        assert_eq!(pairs, expected.map(|(k, v)| (k.to_string(), v.to_string())));
        assert!(query_pairs(&SubjectQuery::default()).is_empty());
    }

    #[test]
    fn merge_patches_send_only_changes_and_explicit_clears() {
        let patch = SubjectPatch {
            name: Some("HTX Ea Tu".into()),
            phone: Some(None),
            ..Default::default()
        };
        let body = merge_patch(&patch, &["phone"]);
        assert_eq!(
            body,
            serde_json::json!({"name": "HTX Ea Tu", "phone": null})
        );
    }

    #[test]
    fn wire_names_round_trip() {
        assert_eq!(wire(&SubjectSort::UpdatedDesc), "-updated_at");
        assert_eq!(
            from_wire::<SubjectSort>("-updated_at"),
            Some(SubjectSort::UpdatedDesc)
        );
        assert_eq!(from_wire::<SubjectSort>(""), None);
    }
}
