use std::io::{Cursor, Read};

use calamine::{Data, DataType, Reader, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;
use ocop_core::{Role, UnitId, UserId};

use super::*;
use crate::model::{ProducedFor, ReportFilters};

const COLUMNS: &[Column] = &[
    Column::new(
        "unit_name",
        ColumnKind::Text,
        "Xã",
        "Commune",
        "The commune.",
    ),
    Column::new("n", ColumnKind::Integer, "Số", "Count", "A count."),
    Column::new("amount", ColumnKind::Dong, "Số tiền", "Amount", "Đồng."),
    Column::new("day", ColumnKind::Date, "Ngày", "Day", "A day.").nullable(),
    Column::new("days", ColumnKind::Number, "Số ngày", "Days", "Days."),
    Column::new("share", ColumnKind::Ratio, "Tỷ lệ", "Share", "A share."),
];

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 3, 10).unwrap()
}

fn header() -> ReportHeader {
    ReportHeader {
        report: "province-summary".into(),
        title_vi: "Báo cáo thử".into(),
        title_en: "Test report".into(),
        produced_at: day().and_hms_opt(1, 2, 3).unwrap().and_utc(),
        as_of: day(),
        unit_id: UnitId(1),
        unit_code: "66".into(),
        unit_name: "Tỉnh Đắk Lắk".into(),
        produced_for: ProducedFor {
            user_id: UserId(Default::default()),
            role: Role::ProvinceOfficer,
            unit_id: UnitId(1),
            unit_name: "Tỉnh Đắk Lắk".into(),
        },
        filters: ReportFilters { year: Some(2027) },
    }
}

fn workbook(rows: Vec<Vec<Cell>>) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    write(&header(), COLUMNS, rows.into_iter().map(Ok), &mut out).unwrap();
    out.into_inner()
}

/// The text of one part of the workbook's zip.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_workbook_reads_back_with_a_header_row_and_typed_cells() {
    let bytes = workbook(vec![
        vec![
            Cell::Text("Phường Buôn Ma Thuột".into()),
            Cell::Int(12),
            Cell::Int(1_500_000),
            Cell::Date(day()),
            Cell::Float(2.5),
            Cell::Float(0.25),
        ],
        vec![
            Cell::Text("=1+1".into()),
            Cell::Int(0),
            Cell::Int(0),
            Cell::Null,
            Cell::Float(0.0),
            Cell::Float(1.0),
        ],
    ]);
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), vec!["province-summary", "Thông tin"]);
    let range = book.worksheet_range("province-summary").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), 3);
    let keys: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(keys, ["unit_name", "n", "amount", "day", "days", "share"]);
    let first = rows[1];
    assert_eq!(first[0], Data::String("Phường Buôn Ma Thuột".into()));
    assert_eq!(first[1].as_f64(), Some(12.0));
    assert!(matches!(first[1], Data::Float(_) | Data::Int(_)));
    assert_eq!(first[2].as_f64(), Some(1_500_000.0));
    let Data::DateTime(date) = &first[3] else {
        panic!("not a date: {:?}", first[3]);
    };
    // Excel's serial day: days since 30 December 1899.
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    assert_eq!(epoch + chrono::Days::new(date.as_f64() as u64), day());
    assert_eq!(first[4].as_f64(), Some(2.5));
    assert_eq!(first[5].as_f64(), Some(0.25));
    // Text stays text, never a formula; a missing value is an empty cell.
    assert_eq!(rows[2][0], Data::String("=1+1".into()));
    assert_eq!(rows[2][3], Data::Empty);
}

#[test]
fn the_header_row_is_frozen_and_money_dates_and_shares_have_their_formats() {
    let bytes = workbook(vec![vec![
        Cell::Text("Xã".into()),
        Cell::Int(1),
        Cell::Int(2),
        Cell::Date(day()),
        Cell::Float(1.0),
        Cell::Float(0.5),
    ]]);
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("ySplit=\"1\""), "{sheet}");
    assert!(sheet.contains("state=\"frozen\""), "{sheet}");
    let styles = part(&bytes, "xl/styles.xml");
    for format in ["#,##0 &quot;₫&quot;", "dd/mm/yyyy", "0.00%"] {
        assert!(styles.contains(format), "{format} missing: {styles}");
    }
}

#[test]
fn the_second_sheet_says_what_when_and_for_whom() {
    let bytes = workbook(Vec::new());
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let about = book.worksheet_range("Thông tin").unwrap();
    let text: Vec<String> = about.cells().map(|(_, _, c)| c.to_string()).collect();
    for expected in [
        "Báo cáo thử — Test report",
        "66 Tỉnh Đắk Lắk",
        "10/03/2027",
        "10/03/2027 08:02:03 (UTC+7)",
        "province_officer",
        "2027",
        "Số tiền",
        "Đồng.",
    ] {
        assert!(
            text.iter().any(|t| t.contains(expected)),
            "{expected} missing: {text:?}"
        );
    }
}
