//! CSV as RFC 4180 writes it (fields quoted when they must be, CRLF line ends), in UTF-8 with
//! a byte-order mark so that Excel reads Vietnamese right, and without a `sep=` line, which
//! other tools would read as data. The header row holds the column keys.

use std::io::Write;

use ocop_core::DomainResult;

use super::write_error;
use crate::model::{Cell, Column};

/// The byte-order mark Excel needs to read UTF-8.
pub const BOM: &str = "\u{feff}";

/// Writes the header row and the rows to `out`.
pub fn write<W: Write>(
    mut out: W,
    columns: &[Column],
    rows: impl IntoIterator<Item = DomainResult<Vec<Cell>>>,
) -> DomainResult<()> {
    out.write_all(BOM.as_bytes())
        .map_err(|e| write_error("csv", e))?;
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    writer
        .write_record(columns.iter().map(|c| c.key.as_ref()))
        .map_err(|e| write_error("csv", e))?;
    for row in rows {
        let row = row?;
        writer
            .write_record(row.iter().map(field))
            .map_err(|e| write_error("csv", e))?;
    }
    writer.flush().map_err(|e| write_error("csv", e))
}

/// A cell as a CSV field: empty when missing, dates as `YYYY-MM-DD`, numbers with a point.
pub fn field(cell: &Cell) -> String {
    match cell {
        Cell::Null => String::new(),
        Cell::Text(s) => defuse(s),
        Cell::Int(n) => n.to_string(),
        Cell::Float(x) => x.to_string(),
        Cell::Date(d) => d.to_string(),
    }
}

/// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return
/// first) gets a leading apostrophe, as OWASP advises against CSV injection: names typed by
/// users (a round's name) end up in these files. Only such text differs from the JSON.
fn defuse(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::ColumnKind;

    const COLUMNS: &[Column] = &[
        Column::new("name", ColumnKind::Text, "Tên", "Name", "A name."),
        Column::new("n", ColumnKind::Integer, "Số", "Count", "A count."),
        Column::new("day", ColumnKind::Date, "Ngày", "Day", "A day.").nullable(),
        Column::new("share", ColumnKind::Ratio, "Tỷ lệ", "Share", "A share."),
    ];

    fn text(rows: Vec<Vec<Cell>>) -> String {
        let mut out = Vec::new();
        write(&mut out, COLUMNS, rows.into_iter().map(Ok)).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_csv_starts_with_the_bom_and_the_keys_and_ends_its_lines_with_crlf() {
        let csv = text(vec![vec![
            Cell::Text("Xã Ea Tu".into()),
            Cell::Int(3),
            Cell::Date(NaiveDate::from_ymd_opt(2027, 3, 10).unwrap()),
            Cell::Float(0.25),
        ]]);
        assert_eq!(
            csv,
            "\u{feff}name,n,day,share\r\nXã Ea Tu,3,2027-03-10,0.25\r\n"
        );
        assert!(!csv.contains("sep="));
    }

    #[test]
    fn fields_with_commas_quotes_or_line_breaks_are_quoted_and_missing_ones_empty() {
        let csv = text(vec![vec![
            Cell::Text("HTX \"Cà phê\", Ea Tu\nthôn 3".into()),
            Cell::Int(-1),
            Cell::Null,
            Cell::Float(1.0),
        ]]);
        assert!(
            csv.ends_with("\"HTX \"\"Cà phê\"\", Ea Tu\nthôn 3\",-1,,1\r\n"),
            "{csv}"
        );
        let body = csv.strip_prefix(BOM).unwrap();
        let mut reader = ::csv::Reader::from_reader(body.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        assert_eq!(&record[0], "HTX \"Cà phê\", Ea Tu\nthôn 3");
    }

    #[test]
    fn text_a_spreadsheet_would_run_as_a_formula_is_defused() {
        let csv = text(vec![vec![
            Cell::Text("=HYPERLINK(\"x\")".into()),
            Cell::Int(0),
            Cell::Null,
            Cell::Float(0.0),
        ]]);
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{csv}");
    }
}
