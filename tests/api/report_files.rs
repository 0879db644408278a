//! Reading a report back in each of its formats, and holding the CSV and the XLSX against the
//! JSON: the same header row, the same rows, the same values, each in its format's form.

use std::io::Cursor;

use calamine::{Data, DataType, Reader, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;
use reqwest::StatusCode;
use serde_json::Value;

use crate::evaluations::json_of;
use crate::helpers::*;

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The report as JSON.
pub async fn report(app: &TestApp, user: &User, name: &str, query: &str) -> Value {
    json_of(
        app.get(user, &format!("/api/v1/reports/{name}{query}"))
            .await,
        StatusCode::OK,
        &format!("report {name}{query}"),
    )
    .await
}

/// The report's rows as JSON.
pub fn rows(report: &Value) -> &Vec<Value> {
    report["rows"].as_array().expect("rows")
}

/// The row whose columns hold the given values.
pub fn row<'a>(report: &'a Value, keys: &[(&str, Value)]) -> &'a Value {
    rows(report)
        .iter()
        .find(|r| keys.iter().all(|(k, v)| &r[*k] == v))
        .unwrap_or_else(|| panic!("no row {keys:?} in {}", report["rows"]))
}

/// A download: its bytes, after checking its type and its file name.
pub async fn download(
    app: &TestApp,
    user: &User,
    name: &str,
    query: &str,
    accept: Option<&str>,
) -> (String, Vec<u8>) {
    let mut request = app
        .client
        .get(app.url(&format!("/api/v1/reports/{name}{query}")))
        .bearer_auth(&user.token);
    if let Some(accept) = accept {
        request = request.header("Accept", accept);
    }
    let res = request.send().await.expect("request");
    assert_eq!(res.status(), StatusCode::OK, "{name}{query}");
    let header = |h: &str| {
        res.headers()
            .get(h)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let (content_type, disposition) = (header("content-type"), header("content-disposition"));
    assert!(
        header("ocop-report-produced-for").starts_with(&user.id),
        "produced for"
    );
    // The same URL answers by `Accept`: a cache in between must not serve one for the other.
    assert!(
        header("vary").contains("Accept"),
        "vary: {}",
        header("vary")
    );
    assert!(
        disposition.starts_with("attachment; filename=\"ocop-")
            && disposition.contains(&format!("ocop-{name}-")),
        "{disposition}"
    );
    (content_type, res.bytes().await.expect("bytes").to_vec())
}

/// The CSV's records, the BOM checked and stripped, the header row first.
pub fn csv_records(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let body = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    assert!(!body.starts_with("sep="), "no sep= line");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .into_records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// The first sheet's cells, the header row first, after checking the workbook's sheets.
pub fn xlsx_rows(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("XLSX");
    assert_eq!(
        book.sheet_names(),
        vec![name.to_string(), "Thông tin".into()]
    );
    let range = book.worksheet_range(name).expect("the report's sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

/// The column keys and kinds of a JSON report.
fn columns(report: &Value) -> Vec<(String, String)> {
    report["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .map(|c| {
            (
                c["key"].as_str().expect("key").to_string(),
                c["kind"].as_str().expect("kind").to_string(),
            )
        })
        .collect()
}

/// A JSON value as the CSV writes it.
fn csv_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.to_string(),
            None => n.as_f64().expect("a number").to_string(),
        },
        other => panic!("not a cell: {other}"),
    }
}

pub fn assert_csv_matches(json: &Value, records: &[Vec<String>]) {
    let columns = columns(json);
    let keys: Vec<&String> = columns.iter().map(|(k, _)| k).collect();
    assert_eq!(records[0].iter().collect::<Vec<_>>(), keys, "CSV header");
    assert_eq!(records.len() - 1, rows(json).len(), "CSV rows");
    for (record, row) in records[1..].iter().zip(rows(json)) {
        for ((key, _), field) in columns.iter().zip(record) {
            assert_eq!(field, &csv_text(&row[key]), "CSV {key} of {row}");
        }
    }
}

pub fn assert_xlsx_matches(json: &Value, sheet: &[Vec<Data>]) {
    let columns = columns(json);
    let header: Vec<String> = sheet[0].iter().map(|c| c.to_string()).collect();
    let keys: Vec<String> = columns.iter().map(|(k, _)| k.clone()).collect();
    assert_eq!(header, keys, "XLSX header");
    assert_eq!(sheet.len() - 1, rows(json).len(), "XLSX rows");
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).expect("Excel's epoch");
    for (cells, row) in sheet[1..].iter().zip(rows(json)) {
        for ((key, kind), cell) in columns.iter().zip(cells) {
            let value = &row[key];
            match (kind.as_str(), cell) {
                (_, Data::Empty) => assert!(value.is_null(), "XLSX {key}: empty, JSON {value}"),
                ("text", Data::String(s)) => assert_eq!(value, s, "XLSX {key}"),
                ("date", Data::DateTime(d)) => {
                    let day = epoch + chrono::Days::new(d.as_f64() as u64);
                    assert_eq!(value, &day.to_string(), "XLSX {key}");
                }
                ("integer" | "dong" | "number" | "ratio", c) => {
                    let x = c.as_f64().expect("a number cell");
                    let expected = value.as_f64().expect("a JSON number");
                    assert!((x - expected).abs() < 1e-9, "XLSX {key}: {x} vs {expected}");
                }
                (kind, c) => panic!("XLSX {key}: a {kind} column holds {c:?}"),
            }
        }
    }
}

/// Every format of a report, held against its JSON.
pub async fn assert_formats_agree(app: &TestApp, user: &User, name: &str, query: &str) -> Value {
    let json = report(app, user, name, query).await;
    let sep = if query.is_empty() { "?" } else { "&" };
    let (content_type, csv) =
        download(app, user, name, &format!("{query}{sep}format=csv"), None).await;
    assert_eq!(content_type, "text/csv; charset=utf-8");
    assert_csv_matches(&json, &csv_records(&csv));
    let (content_type, xlsx) = download(app, user, name, query, Some(XLSX)).await;
    assert_eq!(content_type, XLSX);
    assert_xlsx_matches(&json, &xlsx_rows(&xlsx, name));
    json
}
