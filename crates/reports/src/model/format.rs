//! The formats a report is served in, and the one an `Accept` header asks for.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The formats a report is served in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    Json,
    /// UTF-8 with a byte-order mark (for Excel), a header row of the column keys.
    Csv,
    /// A workbook: the report's sheet (a frozen header row of the column keys, typed cells),
    /// and a sheet of what it is, when and for whom it was produced, and its columns' labels.
    Xlsx,
}

impl ReportFormat {
    pub const XLSX_MEDIA_TYPE: &'static str =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// The content type it is served with.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Json => "application/json",
            Self::Csv => "text/csv; charset=utf-8",
            Self::Xlsx => Self::XLSX_MEDIA_TYPE,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    /// The format an `Accept` header asks for: of the types it names explicitly, the one with
    /// the highest quality (JSON on a tie). Wildcards and other types leave the default, JSON.
    pub fn from_accept(accept: &str) -> Self {
        let mut best: Option<(f32, Self)> = None;
        for range in accept.split(',') {
            let mut parts = range.split(';').map(str::trim);
            let media = parts.next().unwrap_or_default().to_ascii_lowercase();
            let quality: f32 = parts
                .filter_map(|p| p.strip_prefix("q="))
                .find_map(|q| q.parse().ok())
                .unwrap_or(1.0);
            let format = match media.as_str() {
                "application/json" => Self::Json,
                "text/csv" => Self::Csv,
                Self::XLSX_MEDIA_TYPE => Self::Xlsx,
                _ => continue,
            };
            let better = match best {
                None => quality > 0.0,
                Some((q, _)) if quality > q => true,
                Some((q, _)) => quality >= q && format == Self::Json,
            };
            if better {
                best = Some((quality, format));
            }
        }
        best.map_or(Self::Json, |(_, format)| format)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_picks_the_best_acceptable_format_and_json_otherwise() {
        use ReportFormat::*;
        assert_eq!(ReportFormat::from_accept("text/csv"), Csv);
        assert_eq!(
            ReportFormat::from_accept(ReportFormat::XLSX_MEDIA_TYPE),
            Xlsx
        );
        assert_eq!(
            ReportFormat::from_accept("application/json, text/csv;q=0.5"),
            Json
        );
        assert_eq!(
            ReportFormat::from_accept("application/json;q=0.4, text/csv"),
            Csv
        );
        assert_eq!(ReportFormat::from_accept("*/*"), Json);
        assert_eq!(ReportFormat::from_accept("text/csv, */*"), Csv);
        assert_eq!(ReportFormat::from_accept("text/csv;q=0"), Json);
        assert_eq!(ReportFormat::from_accept("text/html"), Json);
        assert_eq!(ReportFormat::from_accept(""), Json);
    }
}
