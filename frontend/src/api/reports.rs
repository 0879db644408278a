//! The reports the dashboard reads: the catalogue, one report as JSON, and the same report as a CSV or XLSX
//! download. A download is fetched with the token and handed to the browser, since a plain
//! link cannot carry the token.

use chrono::NaiveDate;
use ocop_core::UnitId;
use ocop_reports::{ReportFormat, ReportHeader, ReportInfo, ReportOut};

use super::{ApiResult, Call, json, save};
use crate::format::wire;

/// What a report is asked for; a card's JSON and its downloads share it, so the file holds
/// exactly the figures drawn. `None` leaves the server's default (the caller's home unit, the
/// server's today, every year).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportParams {
    pub unit_id: Option<UnitId>,
    pub as_of: Option<NaiveDate>,
    pub year: Option<i32>,
}

impl ReportParams {
    fn call(&self, name: &str, format: ReportFormat) -> Call {
        let name = String::from(js_sys::encode_uri_component(name));
        let mut call = Call::get(&format!("/reports/{name}"));
        if let Some(unit) = self.unit_id {
            call.query.push(("unit_id".to_string(), unit.0.to_string()));
        }
        if let Some(day) = self.as_of {
            call.query
                .push(("as_of".to_string(), day.format("%Y-%m-%d").to_string()));
        }
        if let Some(year) = self.year {
            call.query.push(("year".to_string(), year.to_string()));
        }
        call.query.push(("format".to_string(), wire(&format)));
        call
    }
}

/// The reports the server offers, with their columns.
pub async fn report_catalogue() -> ApiResult<Vec<ReportInfo>> {
    json(Call::get("/reports")).await
}

pub async fn report(name: &str, params: &ReportParams) -> ApiResult<ReportOut> {
    json(params.call(name, ReportFormat::Json)).await
}

/// Saves the report as a file, named as the server names it
/// (`ocop-<report>-<unit code>-<as_of>.<ext>`) from the header of the JSON already read.
pub async fn download_report(
    params: &ReportParams,
    header: &ReportHeader,
    format: ReportFormat,
) -> ApiResult<()> {
    let file_name = format!(
        "ocop-{}-{}-{}.{}",
        header.report,
        header.unit_code,
        header.as_of.format("%Y-%m-%d"),
        format.extension()
    );
    save(params.call(&header.report, format), &file_name).await
}
