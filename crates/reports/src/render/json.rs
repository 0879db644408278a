//! The report as JSON, written row by row: the very document `ReportOut` serialises to
//! (`header`, `columns`, then `rows` as objects keyed by the columns), without holding the
//! rows, so a register of 100,000 products costs the memory of a batch, as CSV and XLSX do.

use std::io::Write;

use ocop_core::DomainResult;

use super::write_error;
use crate::model::{Cell, Column, ReportHeader, RowObject};

/// Writes the whole document to `out`.
pub fn write<W: Write>(
    mut out: W,
    header: &ReportHeader,
    columns: &[Column],
    rows: impl IntoIterator<Item = DomainResult<Vec<Cell>>>,
) -> DomainResult<()> {
    let json = |e: serde_json::Error| write_error("json", e);
    let io = |e: std::io::Error| write_error("json", e);
    out.write_all(b"{\"header\":").map_err(io)?;
    serde_json::to_writer(&mut out, header).map_err(json)?;
    out.write_all(b",\"columns\":").map_err(io)?;
    serde_json::to_writer(&mut out, columns).map_err(json)?;
    out.write_all(b",\"rows\":[").map_err(io)?;
    for (i, row) in rows.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b",").map_err(io)?;
        }
        serde_json::to_writer(&mut out, &RowObject(columns, &row?)).map_err(json)?;
    }
    out.write_all(b"]}").map_err(io)
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::*;
    use crate::model::{ColumnKind, ProducedFor, ReportFilters, ReportOut};

    /// Written row by row, the document is the one `ReportOut` serialises to.
    #[test]
    fn the_streamed_document_is_the_serialised_report() {
        let columns = vec![
            Column::new(
                "unit_name",
                ColumnKind::Text,
                "Xã",
                "Commune",
                "The commune.",
            ),
            Column::new("issued_on", ColumnKind::Date, "Ngày", "Day", "A day.").nullable(),
            Column::new("stars", ColumnKind::Integer, "Sao", "Stars", "Stars."),
        ];
        let rows = vec![
            vec![
                Cell::Text("Xã \"Ea\" Kao".into()),
                Cell::Date(NaiveDate::from_ymd_opt(2027, 3, 10).expect("day")),
                Cell::Int(4),
            ],
            vec![Cell::Text("Hòa Phú".into()), Cell::Null, Cell::Int(3)],
        ];
        let header = ReportHeader {
            report: "products".into(),
            title_vi: "Sản phẩm".into(),
            title_en: "Products".into(),
            produced_at: Utc
                .with_ymd_and_hms(2027, 3, 10, 2, 0, 0)
                .single()
                .expect("at"),
            as_of: NaiveDate::from_ymd_opt(2027, 3, 10).expect("day"),
            unit_id: ocop_core::UnitId(7),
            unit_code: "66".into(),
            unit_name: "Đắk Lắk".into(),
            produced_for: ProducedFor {
                user_id: "0190c3a2-7b1e-7000-8000-000000000001".parse().expect("id"),
                role: ocop_core::Role::ProvinceOfficer,
                unit_id: ocop_core::UnitId(7),
                unit_name: "Đắk Lắk".into(),
            },
            filters: ReportFilters { year: None },
        };
        let mut streamed = Vec::new();
        write(
            &mut streamed,
            &header,
            &columns,
            rows.clone().into_iter().map(Ok),
        )
        .expect("written");
        let whole = serde_json::to_vec(&ReportOut {
            header,
            columns,
            rows,
        })
        .expect("serialised");
        assert_eq!(
            String::from_utf8(streamed).expect("utf-8"),
            String::from_utf8(whole).expect("utf-8")
        );
    }
}
