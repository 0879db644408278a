//! XLSX: a real workbook, written in rust_xlsxwriter's constant-memory mode (each row goes to a
//! temporary file as it is written), so a sheet of a million rows keeps a flat memory.
//!
//! The first sheet is the report: row 1 the column keys in bold, frozen, so a tool reads them
//! as the header; then one row per report row, each cell typed — numbers as numbers (đồng as
//! `#,##0 ₫`, ratios as percentages), dates as dates (`dd/mm/yyyy`), text as text (never as a
//! formula). The second sheet, "Thông tin", says what the report is, as of which day, over
//! which unit, when and for whom it was produced, and labels each column.

use std::io::Write;

use ocop_core::DomainResult;
use ocop_core::clock::vietnam;
use rust_xlsxwriter::{DocProperties, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::write_error;
use crate::model::{Cell, Column, ColumnKind, ReportHeader};

/// Excel's last row (1,048,576 rows, the header included).
const MAX_ROWS: u32 = 1_048_576;

fn failed(e: XlsxError) -> ocop_core::DomainError {
    write_error("xlsx", e)
}

/// The number format of each kind of column.
struct Formats {
    header: Format,
    integer: Format,
    dong: Format,
    date: Format,
    number: Format,
    ratio: Format,
    text: Format,
}

impl Formats {
    fn new() -> Self {
        Self {
            header: Format::new().set_bold().set_align(FormatAlign::Center),
            integer: Format::new().set_num_format("#,##0"),
            dong: Format::new().set_num_format("#,##0 \"₫\""),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            number: Format::new().set_num_format("#,##0.00"),
            ratio: Format::new().set_num_format("0.00%"),
            text: Format::new(),
        }
    }

    fn of(&self, kind: ColumnKind) -> &Format {
        match kind {
            ColumnKind::Text => &self.text,
            ColumnKind::Integer => &self.integer,
            ColumnKind::Dong => &self.dong,
            ColumnKind::Date => &self.date,
            ColumnKind::Number => &self.number,
            ColumnKind::Ratio => &self.ratio,
        }
    }
}

/// Writes the workbook of `header`'s report to `out`.
pub fn write<W: Write + Send>(
    header: &ReportHeader,
    columns: &[Column],
    rows: impl IntoIterator<Item = DomainResult<Vec<Cell>>>,
    out: W,
) -> DomainResult<()> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(header.title_vi.as_str())
            .set_subject(header.title_en.as_str())
            .set_author("OCOP")
            .set_creation_datetime(&header.produced_at),
    );
    let sheet = workbook
        .add_worksheet_with_constant_memory()
        .map_err(failed)?;
    // The report's name is a short, plain word: a valid sheet name.
    sheet.set_name(header.report.as_str()).map_err(failed)?;
    write_table(sheet, &formats, columns, rows)?;
    let about = workbook
        .add_worksheet_with_constant_memory()
        .map_err(failed)?;
    about.set_name("Thông tin").map_err(failed)?;
    write_about(about, &formats, header, columns)?;
    workbook.save_to_writer(out).map_err(failed)
}

fn write_table(
    sheet: &mut Worksheet,
    formats: &Formats,
    columns: &[Column],
    rows: impl IntoIterator<Item = DomainResult<Vec<Cell>>>,
) -> DomainResult<()> {
    for (col, column) in (0u16..).zip(columns) {
        let width = match column.kind {
            ColumnKind::Text => 30.0,
            ColumnKind::Date => 12.0,
            _ => 14.0,
        };
        sheet.set_column_width(col, width).map_err(failed)?;
        sheet
            .write_string_with_format(0, col, column.key.as_ref(), &formats.header)
            .map_err(failed)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    let mut row_number = 0u32;
    for row in rows {
        let row = row?;
        row_number += 1;
        if row_number >= MAX_ROWS {
            return Err(write_error("xlsx", "more rows than a sheet holds"));
        }
        for ((col, column), cell) in (0u16..).zip(columns).zip(&row) {
            write_cell(sheet, formats.of(column.kind), row_number, col, cell)?;
        }
    }
    Ok(())
}

fn write_cell(
    sheet: &mut Worksheet,
    format: &Format,
    row: u32,
    col: u16,
    cell: &Cell,
) -> DomainResult<()> {
    match cell {
        // A missing value is an empty cell.
        Cell::Null => return Ok(()),
        Cell::Text(s) => sheet.write_string_with_format(row, col, s.as_str(), format),
        // Excel's numbers are doubles: exact for the counts and đồng amounts reports hold.
        Cell::Int(n) => sheet.write_number_with_format(row, col, *n as f64, format),
        Cell::Float(x) => sheet.write_number_with_format(row, col, *x, format),
        Cell::Date(d) => sheet.write_date_with_format(row, col, d, format),
    }
    .map_err(failed)?;
    Ok(())
}

/// What the report is, when and for whom it was produced, and its columns' labels.
fn write_about(
    sheet: &mut Worksheet,
    formats: &Formats,
    header: &ReportHeader,
    columns: &[Column],
) -> DomainResult<()> {
    let produced = header.produced_at.with_timezone(&vietnam());
    let for_whom = format!(
        "{} ({}), {}",
        header.produced_for.user_id,
        header.produced_for.role.as_str(),
        header.produced_for.unit_name
    );
    let year = header
        .filters
        .year
        .map_or_else(|| "Tất cả / all".to_string(), |y| y.to_string());
    let facts: [(&str, String); 7] = [
        (
            "Báo cáo / Report",
            format!("{} — {}", header.title_vi, header.title_en),
        ),
        ("Mã báo cáo / Name", header.report.clone()),
        (
            "Địa bàn / Unit",
            format!("{} {}", header.unit_code, header.unit_name),
        ),
        (
            "Số liệu đến ngày / As of",
            header.as_of.format("%d/%m/%Y").to_string(),
        ),
        ("Năm / Year", year),
        (
            "Lập lúc / Produced at",
            produced.format("%d/%m/%Y %H:%M:%S (UTC+7)").to_string(),
        ),
        ("Lập cho / Produced for", for_whom),
    ];
    sheet.set_column_width(0, 28.0).map_err(failed)?;
    sheet.set_column_width(1, 40.0).map_err(failed)?;
    sheet.set_column_width(2, 30.0).map_err(failed)?;
    sheet.set_column_width(3, 60.0).map_err(failed)?;
    let mut row = 0u32;
    for (label, value) in facts {
        sheet
            .write_string_with_format(row, 0, label, &formats.header)
            .map_err(failed)?;
        sheet.write_string(row, 1, value).map_err(failed)?;
        row += 1;
    }
    row += 1;
    for (col, title) in (0u16..).zip(["Cột / Column", "Tên cột", "Label", "Definition"]) {
        sheet
            .write_string_with_format(row, col, title, &formats.header)
            .map_err(failed)?;
    }
    for column in columns {
        row += 1;
        let texts = [
            &column.key,
            &column.label_vi,
            &column.label_en,
            &column.description,
        ];
        for (col, text) in (0u16..).zip(texts) {
            sheet
                .write_string(row, col, text.as_ref())
                .map_err(failed)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
