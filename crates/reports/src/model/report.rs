//! A report as served: its header (what, when, for whom, over which unit and day), its columns
//! and its rows; the catalogue entry of each report.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::{Role, UnitId, UserId};
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct};
use serde::{Deserialize, Serialize, Serializer};
use utoipa::ToSchema;

use super::{Cell, Column};

/// What a report is, as the catalogue lists it and the header names it. Each report's module
/// declares one.
#[derive(Debug, Clone, Copy)]
pub struct ReportSpec {
    /// The URL segment: `/api/v1/reports/{name}`.
    pub name: &'static str,
    pub title_vi: &'static str,
    pub title_en: &'static str,
    /// What one row is and how the figures are counted (Markdown, English).
    pub description: &'static str,
    /// Whether it takes the `year` filter.
    pub takes_year: bool,
    pub columns: &'static [Column],
}

impl ReportSpec {
    pub fn info(&self) -> ReportInfo {
        ReportInfo {
            name: self.name.into(),
            title_vi: self.title_vi.into(),
            title_en: self.title_en.into(),
            description: self.description.into(),
            takes_year: self.takes_year,
            columns: self.columns.to_vec(),
        }
    }
}

/// A report in the catalogue (`GET /api/v1/reports`): a tool discovers the reports and their
/// columns from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReportInfo {
    /// The URL segment: `/api/v1/reports/{name}`.
    #[schema(example = "province-summary")]
    pub name: String,
    #[schema(example = "Báo cáo định kỳ của tỉnh theo xã")]
    pub title_vi: String,
    #[schema(example = "The province's periodic report by commune")]
    pub title_en: String,
    pub description: String,
    /// Whether the report takes `year`.
    pub takes_year: bool,
    pub columns: Vec<Column>,
}

/// The filters a report was produced with, beyond the unit and the day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportFilters {
    /// Only this year (reports that take it); absent: every year.
    pub year: Option<i32>,
}

/// Who asked for the report: the figures are those of their scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ProducedFor {
    pub user_id: UserId,
    pub role: Role,
    /// Their home unit.
    pub unit_id: UnitId,
    pub unit_name: String,
}

/// When, for whom and over what a report was produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReportHeader {
    #[schema(example = "products")]
    pub report: String,
    pub title_vi: String,
    pub title_en: String,
    /// The instant it was produced.
    pub produced_at: DateTime<Utc>,
    /// The day the figures are for.
    pub as_of: NaiveDate,
    /// The unit the figures cover, with everything under it (historical units included).
    pub unit_id: UnitId,
    #[schema(example = "66")]
    pub unit_code: String,
    #[schema(example = "Tỉnh Đắk Lắk")]
    pub unit_name: String,
    pub produced_for: ProducedFor,
    pub filters: ReportFilters,
}

/// A report as JSON: its header, its columns, and one object per row keyed by the columns'
/// keys, each value typed by its column (`null` when missing).
#[derive(Debug, Clone, PartialEq, ToSchema)]
#[schema(as = ReportOut)]
pub struct ReportOut {
    pub header: ReportHeader,
    pub columns: Vec<Column>,
    /// One object per row, `{column key: value}`; each report's path documents its row.
    #[schema(value_type = Vec<Object>)]
    pub rows: Vec<Vec<Cell>>,
}

/// The rows serialised as objects keyed by the columns, without building a map per row.
struct Rows<'a>(&'a [Column], &'a [Vec<Cell>]);
/// One row serialised as an object keyed by the columns (also written alone by the JSON
/// renderer, row by row).
pub struct RowObject<'a>(pub &'a [Column], pub &'a [Cell]);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.1.len()))?;
        for row in self.1 {
            seq.serialize_element(&RowObject(self.0, row))?;
        }
        seq.end()
    }
}

impl Serialize for RowObject<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (column, cell) in self.0.iter().zip(self.1) {
            map.serialize_entry(column.key.as_ref(), cell)?;
        }
        map.end()
    }
}

impl Serialize for ReportOut {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("ReportOut", 3)?;
        out.serialize_field("header", &self.header)?;
        out.serialize_field("columns", &self.columns)?;
        out.serialize_field("rows", &Rows(&self.columns, &self.rows))?;
        out.end()
    }
}

/// A report as it arrives, before its rows are read by their columns.
#[derive(Deserialize)]
struct RawReport {
    header: ReportHeader,
    columns: Vec<Column>,
    rows: Vec<BTreeMap<String, serde_json::Value>>,
}

impl<'de> Deserialize<'de> for ReportOut {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawReport::deserialize(deserializer)?;
        let mut rows = Vec::with_capacity(raw.rows.len());
        for object in &raw.rows {
            let mut row = Vec::with_capacity(raw.columns.len());
            for column in &raw.columns {
                let value = object
                    .get(column.key.as_ref())
                    .unwrap_or(&serde_json::Value::Null);
                let cell = Cell::from_json(column.kind, value).ok_or_else(|| {
                    serde::de::Error::custom(format!("column {} holds {value}", column.key))
                })?;
                row.push(cell);
            }
            rows.push(row);
        }
        Ok(ReportOut {
            header: raw.header,
            columns: raw.columns,
            rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ColumnKind;

    #[test]
    fn rows_go_out_as_objects_keyed_by_column_and_come_back_as_cells() {
        const COLUMNS: &[Column] = &[
            Column::new(
                "unit_name",
                ColumnKind::Text,
                "Xã",
                "Commune",
                "The commune.",
            ),
            Column::new(
                "certified",
                ColumnKind::Integer,
                "Đạt",
                "Certified",
                "Count.",
            )
            .nullable(),
        ];
        let day = NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
        let report = ReportOut {
            header: ReportHeader {
                report: "test".into(),
                title_vi: "Thử".into(),
                title_en: "Test".into(),
                produced_at: day.and_hms_opt(8, 0, 0).unwrap().and_utc(),
                as_of: day,
                unit_id: UnitId(1),
                unit_code: "66".into(),
                unit_name: "Tỉnh Đắk Lắk".into(),
                produced_for: ProducedFor {
                    user_id: UserId(Default::default()),
                    role: Role::Viewer,
                    unit_id: UnitId(1),
                    unit_name: "Tỉnh Đắk Lắk".into(),
                },
                filters: ReportFilters::default(),
            },
            columns: COLUMNS.to_vec(),
            rows: vec![
                vec![Cell::Text("Xã Ea Tu".into()), Cell::Int(3)],
                vec![Cell::Text("Xã Hòa Phú".into()), Cell::Null],
            ],
        };
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(
            json["rows"],
            serde_json::json!([
                {"unit_name": "Xã Ea Tu", "certified": 3},
                {"unit_name": "Xã Hòa Phú", "certified": null}
            ])
        );
        let back: ReportOut = serde_json::from_value(json).unwrap();
        assert_eq!(back, report);
    }
}
