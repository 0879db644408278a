//! Producing a report for a caller: the checks every report shares (the right to read reports,
//! a day not in the future, a unit the caller covers, `year` only where it applies) and the
//! header that says what was produced, when and for whom. Reports only read: no transaction,
//! no audit row; they run on the read pool.

use std::collections::HashMap;

use chrono::NaiveDate;
use ocop_core::{Action, Caller, DomainError, DomainResult, UnitId};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::model::{ProducedFor, ReportFilters, ReportHeader};
use crate::store::{self, Context, Report};

/// What a caller asks of a report.
#[derive(Debug, Clone, Default)]
pub struct ReportRequest {
    /// Default: the caller's day. Never in the future.
    pub as_of: Option<NaiveDate>,
    /// Default: the caller's home unit. Must be one they cover.
    pub unit_id: Option<UnitId>,
    pub year: Option<i32>,
}

/// A report checked and ready to read: its header, and what its rows are asked for.
pub struct Prepared {
    pub report: &'static Report,
    pub header: ReportHeader,
    pub context: Context,
}

/// Checks the caller's request for report `name` and writes its header.
pub async fn prepare(
    db: &DatabaseConnection,
    caller: &Caller,
    name: &str,
    request: ReportRequest,
) -> DomainResult<Prepared> {
    let principal = &caller.principal;
    principal.require(Action::ReportsRead)?;
    let report = store::find(name).ok_or(DomainError::not_found("report"))?;
    let today = caller.today();
    let as_of = request.as_of.unwrap_or(today);
    if as_of > today {
        return Err(DomainError::field("as_of", "in_future"));
    }
    if request.year.is_some() && !report.spec.takes_year {
        return Err(DomainError::field("year", "unknown_field"));
    }
    let area = request.unit_id.unwrap_or(principal.unit_id);
    // Out of scope reads as missing, as every scoped read does.
    if !principal.covers_unit(area) {
        return Err(DomainError::not_found("unit"));
    }
    let units = units(db, [area, principal.unit_id]).await?;
    let (unit_code, unit_name) = units
        .get(&area.0)
        .cloned()
        .ok_or(DomainError::not_found("unit"))?;
    let home_name = units
        .get(&principal.unit_id.0)
        .map(|(_, name)| name.clone())
        .unwrap_or_default();
    let spec = &report.spec;
    Ok(Prepared {
        report,
        header: ReportHeader {
            report: spec.name.into(),
            title_vi: spec.title_vi.into(),
            title_en: spec.title_en.into(),
            produced_at: caller.at,
            as_of,
            unit_id: area,
            unit_code,
            unit_name,
            produced_for: ProducedFor {
                user_id: principal.user_id,
                role: principal.role,
                unit_id: principal.unit_id,
                unit_name: home_name,
            },
            filters: ReportFilters { year: request.year },
        },
        context: Context {
            area,
            as_of,
            year: request.year,
            principal: principal.clone(),
            today,
        },
    })
}

impl Prepared {
    /// The file name a download is offered under: `ocop-<report>-<unit code>-<as_of>.<ext>`.
    pub fn file_name(&self, extension: &str) -> String {
        let h = &self.header;
        // Unit codes are digits; anything else is dropped so the name stays a plain token.
        let code: String = h
            .unit_code
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        format!("ocop-{}-{code}-{}.{extension}", h.report, h.as_of)
    }
}

/// Code and name of the units `ids`, in one statement.
async fn units(
    db: &DatabaseConnection,
    ids: [UnitId; 2],
) -> DomainResult<HashMap<i32, (String, String)>> {
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        "SELECT id, code, name FROM admin_unit WHERE id IN ($1, $2)",
        [ids[0].0.into(), ids[1].0.into()],
    );
    let mut out = HashMap::new();
    for row in db.query_all_raw(statement).await? {
        let id: i32 = row.try_get("", "id")?;
        out.insert(id, (row.try_get("", "code")?, row.try_get("", "name")?));
    }
    Ok(out)
}
