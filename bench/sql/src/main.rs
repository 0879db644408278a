//! `ocop-bench-sql`: a report's statement as the server runs it, its bound values written in as
//! literals, so that `bench/reports.sh` can run the bare query in `sqlite3` or `psql` beside the
//! report's JSON.
//!
//! ```text
//! ocop-bench-sql --list                                        # "<name> sql|computed", one a line
//! ocop-bench-sql <report> <sqlite|postgres> <unit id> <as_of YYYY-MM-DD> [year]
//! ```
//!
//! sea-orm's `Statement` has a `Display` that injects values, but not usably here: with the
//! SQLite backend it looks for `?` while the reports write `$n` on both databases, and its
//! literals are sea-query's spelling (`'… 17:00:00 +00:00'`), not the text sqlx binds, which
//! SQLite then compares as text. So each value is written here as the driver sends it:
//! on SQLite the very text or number sqlx-sqlite binds (dates `%F`, instants RFC 3339 as
//! `to_rfc3339_opts(AutoSi, false)`, booleans 0/1); on PostgreSQL a literal cast to the type
//! sqlx declares for the parameter (INTEGER, TEXT, DATE, TIMESTAMPTZ…), so the planner sees the
//! same types. `$n` is replaced by number, as sqlx-sqlite and PostgreSQL bind them, and only
//! outside quoted text (`'$.result.stars'` is SQLite JSON path, not a parameter).

use std::collections::BTreeSet;
use std::process::ExitCode;
use std::sync::Arc;

use chrono::{NaiveDate, SecondsFormat};
use ocop_core::{Principal, Role, UnitId, UserId};
use ocop_reports::store::{self, Context, Rows};
use sea_orm::{DbBackend, Value};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ocop-bench-sql: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<String, String> {
    if args.first().map(String::as_str) == Some("--list") {
        let lines: Vec<String> = store::REPORTS
            .iter()
            .map(|r| {
                let kind = match r.rows {
                    Rows::Sql(_) => "sql",
                    Rows::Computed(_) => "computed",
                };
                format!("{} {kind}", r.spec.name)
            })
            .collect();
        return Ok(lines.join("\n"));
    }
    let [name, backend, unit, as_of, rest @ ..] = args else {
        return Err(
            "usage: ocop-bench-sql --list | <report> <sqlite|postgres> <unit id> <as_of> [year]"
                .into(),
        );
    };
    let report = store::find(name).ok_or(format!("no report {name}"))?;
    let Rows::Sql(statement) = report.rows else {
        return Err(format!(
            "{name} is computed in Rust: it has no one statement"
        ));
    };
    let backend = match backend.as_str() {
        "sqlite" => DbBackend::Sqlite,
        "postgres" => DbBackend::Postgres,
        other => return Err(format!("backend {other}: sqlite or postgres")),
    };
    let area = UnitId(unit.parse().map_err(|e| format!("unit id {unit}: {e}"))?);
    let as_of =
        NaiveDate::parse_from_str(as_of, "%Y-%m-%d").map_err(|e| format!("as_of {as_of}: {e}"))?;
    let year = match rest.first() {
        Some(y) => Some(y.parse().map_err(|e| format!("year {y}: {e}"))?),
        None => None,
    };
    // The SQL reports read only the area, the day and the year; the caller is checked before
    // (service::prepare), so any principal will do.
    let ctx = Context {
        area,
        as_of,
        year,
        principal: Principal {
            user_id: UserId(Default::default()),
            role: Role::SystemAdmin,
            unit_id: area,
            subject_id: None,
            units: Arc::new(BTreeSet::new()),
        },
        today: as_of,
    };
    let statement = statement(backend, &ctx);
    let values = statement.values.map(|v| v.0).unwrap_or_default();
    if std::env::var_os("OCOP_BENCH_SQL_BOUND").is_some() && backend == DbBackend::Sqlite {
        // The statement with its placeholders, the values set as the CLI's parameters: what
        // the server prepares, for comparing plans.
        let mut out = String::new();
        for (i, value) in values.iter().enumerate() {
            out.push_str(&format!(
                ".parameter set ${} \"{}\"\n",
                i + 1,
                literal(value, backend)?
            ));
        }
        return Ok(format!("{out}{};", statement.sql));
    }
    let sql = inline(&statement.sql, &values, backend)?;
    Ok(format!("{sql};"))
}

/// `sql` with every `$n` outside quotes replaced by the literal of `values[n - 1]`. Fails on a
/// placeholder without a value and on a value no placeholder uses (a statement and its values
/// out of step would make the bare query a different one).
fn inline(sql: &str, values: &[Value], backend: DbBackend) -> Result<String, String> {
    let mut out = String::with_capacity(sql.len());
    let mut used = vec![false; values.len()];
    let mut quote: Option<char> = None;
    let mut chars = sql.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match quote {
            // A doubled quote inside closes and reopens: same result as an escape.
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '$' => {
                let mut digits = String::new();
                while let Some(&(_, d)) = chars.peek().filter(|(_, d)| d.is_ascii_digit()) {
                    digits.push(d);
                    chars.next();
                }
                if !digits.is_empty() {
                    let n: usize = digits.parse().map_err(|e| format!("${digits}: {e}"))?;
                    let value = n
                        .checked_sub(1)
                        .and_then(|i| values.get(i))
                        .ok_or(format!("${n} has no value ({} bound)", values.len()))?;
                    used[n - 1] = true;
                    out.push_str(&literal(value, backend)?);
                    continue;
                }
            }
            None => {}
        }
        out.push(c);
    }
    if let Some(i) = used.iter().position(|u| !u) {
        return Err(format!("${} is bound but never used", i + 1));
    }
    Ok(out)
}

/// A value as the driver binds it: SQLite's own text or number; on PostgreSQL a literal cast
/// to the parameter type sqlx declares.
fn literal(value: &Value, backend: DbBackend) -> Result<String, String> {
    let (pg_type, text) = match value {
        Value::Bool(b) => (
            "BOOLEAN",
            b.map(|b| match backend {
                DbBackend::Postgres => b.to_string(),
                _ => i32::from(b).to_string(),
            }),
        ),
        Value::SmallInt(i) => ("SMALLINT", i.map(|i| i.to_string())),
        Value::Int(i) => ("INTEGER", i.map(|i| i.to_string())),
        Value::BigInt(i) => ("BIGINT", i.map(|i| i.to_string())),
        Value::Double(x) => ("DOUBLE PRECISION", x.map(|x| format!("{x:?}"))),
        Value::String(s) => ("TEXT", s.as_deref().map(quoted)),
        Value::ChronoDate(d) => ("DATE", d.map(|d| quoted(&d.format("%F").to_string()))),
        Value::ChronoDateTimeUtc(t) => (
            "TIMESTAMPTZ",
            t.map(|t| quoted(&t.to_rfc3339_opts(SecondsFormat::AutoSi, false))),
        ),
        other => return Err(format!("no literal for {other:?}")),
    };
    let text = text.unwrap_or_else(|| "NULL".into());
    Ok(match backend {
        DbBackend::Postgres => format!("CAST({text} AS {pg_type})"),
        _ => text,
    })
}

/// A string literal: quotes doubled, nothing else escaped (standard SQL, and PostgreSQL with
/// `standard_conforming_strings`, its default).
fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_replaced_by_number_outside_quotes() {
        let values = [Value::from(66_i32), Value::from("l'an")];
        let sql = "SELECT json_extract(x, '$.a') WHERE u = $1 AND n = $2 OR u = $1";
        assert_eq!(
            inline(sql, &values, DbBackend::Sqlite).ok().as_deref(),
            Some("SELECT json_extract(x, '$.a') WHERE u = 66 AND n = 'l''an' OR u = 66")
        );
        assert_eq!(
            inline("WHERE n = $2", &values, DbBackend::Postgres).err(),
            Some("$1 is bound but never used".to_string())
        );
        assert!(inline("$3", &values, DbBackend::Sqlite).is_err());
    }

    #[test]
    fn dates_and_instants_are_spelt_as_the_driver_binds_them() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default();
        let end = ocop_core::clock::start_of_vietnam_day(day);
        let sqlite = [Value::from(day), Value::from(end)].map(|v| literal(&v, DbBackend::Sqlite));
        assert_eq!(
            sqlite,
            [
                Ok("'2026-12-07'".to_string()),
                Ok("'2026-12-06T17:00:00+00:00'".to_string())
            ]
        );
        assert_eq!(
            literal(&Value::from(day), DbBackend::Postgres),
            Ok("CAST('2026-12-07' AS DATE)".to_string())
        );
    }
}
