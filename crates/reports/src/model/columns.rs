//! A report is a table: typed columns, and rows of cells in the columns' order.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};
use utoipa::ToSchema;

/// How a column's values are typed, and so how CSV writes them and XLSX formats them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    Text,
    /// A whole number: a count, a year, stars.
    Integer,
    /// An amount of money in whole đồng (an integer; XLSX shows `#,##0 ₫`).
    Dong,
    /// A calendar day: `YYYY-MM-DD` in JSON and CSV, a date cell (`dd/mm/yyyy`) in XLSX.
    Date,
    /// A decimal number (days, points, figures of mixed measures), two decimals at most.
    Number,
    /// A share as a ratio: 0.25 is 25 % (XLSX shows a percentage).
    Ratio,
}

/// One column of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Column {
    /// The key of the value in each JSON row, and the column's name in the header row of CSV and
    /// XLSX: stable, for reporting tools.
    #[schema(value_type = String, example = "certified")]
    pub key: Cow<'static, str>,
    #[schema(value_type = String, example = "Sản phẩm được công nhận")]
    pub label_vi: Cow<'static, str>,
    #[schema(value_type = String, example = "Products certified")]
    pub label_en: Cow<'static, str>,
    pub kind: ColumnKind,
    /// Whether a value may be missing: null in JSON, an empty field in CSV and XLSX.
    pub nullable: bool,
    /// What the figure is, exactly.
    #[schema(value_type = String)]
    pub description: Cow<'static, str>,
}

impl Column {
    /// A column whose value is always there.
    pub const fn new(
        key: &'static str,
        kind: ColumnKind,
        label_vi: &'static str,
        label_en: &'static str,
        description: &'static str,
    ) -> Self {
        Self {
            key: Cow::Borrowed(key),
            label_vi: Cow::Borrowed(label_vi),
            label_en: Cow::Borrowed(label_en),
            kind,
            nullable: false,
            description: Cow::Borrowed(description),
        }
    }

    /// The same column, its value possibly missing.
    pub const fn nullable(mut self) -> Self {
        self.nullable = true;
        self
    }
}

/// One value of a row. The column's kind says how it is shown; the cell only holds the value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Text(String),
    /// Integers and đồng.
    Int(i64),
    /// Numbers and ratios.
    Float(f64),
    Date(NaiveDate),
}

impl Cell {
    /// The cell a JSON value of a column of `kind` holds; `None` when the value does not fit.
    pub fn from_json(kind: ColumnKind, value: &serde_json::Value) -> Option<Cell> {
        use serde_json::Value;
        Some(match (kind, value) {
            (_, Value::Null) => Cell::Null,
            (ColumnKind::Text, Value::String(s)) => Cell::Text(s.clone()),
            (ColumnKind::Integer | ColumnKind::Dong, v) => Cell::Int(v.as_i64()?),
            (ColumnKind::Number | ColumnKind::Ratio, v) => Cell::Float(v.as_f64()?),
            (ColumnKind::Date, Value::String(s)) => Cell::Date(s.parse().ok()?),
            _ => return None,
        })
    }
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Null => serializer.serialize_none(),
            Cell::Text(s) => serializer.serialize_str(s),
            Cell::Int(n) => serializer.serialize_i64(*n),
            Cell::Float(x) => serializer.serialize_f64(*x),
            Cell::Date(d) => serializer.collect_str(d),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells_read_back_from_json_by_their_columns_kind() {
        let day = NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
        for (kind, cell) in [
            (ColumnKind::Text, Cell::Text("Xã Ea Tu".into())),
            (ColumnKind::Integer, Cell::Int(42)),
            (ColumnKind::Dong, Cell::Int(1_500_000)),
            (ColumnKind::Number, Cell::Float(2.5)),
            (ColumnKind::Ratio, Cell::Float(0.25)),
            (ColumnKind::Date, Cell::Date(day)),
            (ColumnKind::Date, Cell::Null),
        ] {
            let value = serde_json::to_value(&cell).unwrap();
            assert_eq!(Cell::from_json(kind, &value), Some(cell));
        }
        assert_eq!(
            serde_json::to_value(Cell::Date(day)).unwrap(),
            json!("2027-03-10")
        );
        assert_eq!(Cell::from_json(ColumnKind::Integer, &json!("12")), None);
    }
}
