//! Building a report's statement: values are always bound (`$n`, numbered as they are bound),
//! and the few expressions SQLite and PostgreSQL spell differently (a date's year, days between
//! two instants, days before a date) come from one place, so every report is the same
//! statement on both databases but for those spellings. The fragments the reports share — the
//! caller's area, the commune a record counts under, whether a certificate is in force — are
//! here too, written once.

use chrono::{DateTime, Days, NaiveDate, Utc};
use ocop_core::UnitId;
use ocop_core::units::UnitLevel;
use ocop_evaluations::DossierType;
use ocop_evaluations::model::certificates::{EXTENSION_MAX_DAYS, RE_RATING_OPENS_DAYS_BEFORE};
use sea_orm::{DbBackend, Statement, Value};

/// A statement being written, with its bound values.
pub struct Sql {
    backend: DbBackend,
    values: Vec<Value>,
}

impl Sql {
    pub fn new(backend: DbBackend) -> Self {
        Self {
            backend,
            values: Vec::new(),
        }
    }

    /// Binds a value and gives its placeholder. Bind a value used twice once and reuse it.
    pub fn bind(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        format!("${}", self.values.len())
    }

    /// The statement, from the text written with this builder's placeholders.
    pub fn statement(self, text: String) -> Statement {
        Statement::from_sql_and_values(self.backend, text, self.values)
    }

    /// The calendar year of a date, as an integer.
    pub fn year_of(&self, date: &str) -> String {
        match self.backend {
            DbBackend::Postgres => format!("CAST(EXTRACT(YEAR FROM {date}) AS BIGINT)"),
            _ => format!("CAST(strftime('%Y', {date}) AS BIGINT)"),
        }
    }

    /// Days (with their fraction) from the instant `earlier` to the instant `later`.
    pub fn days_between(&self, later: &str, earlier: &str) -> String {
        match self.backend {
            DbBackend::Postgres => format!(
                "CAST(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0 AS DOUBLE PRECISION)"
            ),
            _ => format!("(julianday({later}) - julianday({earlier}))"),
        }
    }

    /// The day `days` days before the date `date`.
    pub fn days_before(&self, date: &str, days: u64) -> String {
        match self.backend {
            DbBackend::Postgres => format!("({date} - {days})"),
            _ => format!("date({date}, '-{days} days')"),
        }
    }

    /// `column IN (the area's units)`: the area and everything under it, historical units
    /// included (the unit closure).
    pub fn in_area(&self, column: &str, area: &str) -> String {
        format!(
            "{column} IN (SELECT a.descendant_id FROM admin_unit_closure a WHERE a.ancestor_id = {area})"
        )
    }

    /// `grp(unit_id, group_id)`: for every unit of the area, the commune in force on `day`
    /// (inside the area) that it lies in, or the unit itself when it lies in none (the
    /// province, an abolished district). A commune split in 2025 between two new ones lies in
    /// both, so its records count in both rows, as plan progress counts them.
    pub fn groups(&self, area: &str, day: &str) -> String {
        let commune = UnitLevel::Commune.as_str();
        format!(
            "grp AS MATERIALIZED (
  SELECT d.descendant_id AS unit_id, COALESCE(g.ancestor_id, d.descendant_id) AS group_id
    FROM admin_unit_closure d
    LEFT JOIN admin_unit_closure g ON g.descendant_id = d.descendant_id
     AND g.ancestor_id IN ({communes})
   WHERE d.ancestor_id = {area})",
            communes = self.communes(area, day, commune),
        )
    }

    /// The ids of the communes in force on `day` in the area.
    fn communes(&self, area: &str, day: &str, commune: &str) -> String {
        format!(
            "SELECT cu.id FROM admin_unit cu \
               JOIN admin_unit_closure ca ON ca.descendant_id = cu.id AND ca.ancestor_id = {area} \
              WHERE cu.level = '{commune}' \
                AND (cu.valid_from IS NULL OR cu.valid_from <= {day}) \
                AND (cu.valid_to IS NULL OR cu.valid_to >= {day})"
        )
    }

    /// `communes(id, code, name)`: the communes in force on `day` in the area.
    pub fn communes_cte(&self, area: &str, day: &str) -> String {
        let commune = UnitLevel::Commune.as_str();
        format!(
            "communes AS (SELECT u.id, u.code, u.name FROM admin_unit u WHERE u.id IN ({}))",
            self.communes(area, day, commune)
        )
    }

    /// Joins `r`, the re-rating dossier of certificate `c`'s product first filed after `c` was
    /// issued (what extends a certificate past its expiry). Only a certificate expired by `day`
    /// but not before `extension_floor` can be extended then, so only those look it up: the
    /// lookup is a subquery per certificate, and most are not expired. The test sits inside the
    /// key (`CASE`), not beside it: SQLite computes a join's key before its other terms, so
    /// beside it every certificate ran the subquery (165 ms of 570 over 50,000 certificates).
    pub fn re_rating_join(&mut self, day: &str, extension_floor: &str) -> String {
        let re_rating = self.bind(DossierType::ReRating.as_str());
        format!(
            "LEFT JOIN evaluation_cycle r ON r.id = CASE \
               WHEN c.expires_on < {day} AND c.expires_on >= {extension_floor} THEN (\
               SELECT f.id FROM evaluation_cycle f \
                WHERE f.product_id = c.product_id AND f.dossier_type = {re_rating} \
                  AND f.submitted_on > c.issued_on \
                ORDER BY f.submitted_on LIMIT 1) END"
        )
    }

    /// Whether certificate `c` (with `r` from [`Self::re_rating_join`]) is in force on `day`:
    /// [`ocop_evaluations::state_on`] in SQL. Issued by then, neither revoked nor superseded by
    /// then, and either not expired or extended: a re-rating filed by then, in its window or late
    /// but before expiry, not decided by then, within the extension's limit.
    /// `extension_floor` is the day [`EXTENSION_MAX_DAYS`] before `day` (see [`extension_floor`]).
    pub fn in_force(&self, day: &str, extension_floor: &str) -> String {
        let window_opens = self.days_before("c.expires_on", RE_RATING_OPENS_DAYS_BEFORE);
        format!(
            "(c.issued_on <= {day} \
              AND (c.revoked_on IS NULL OR c.revoked_on > {day}) \
              AND (c.superseded_on IS NULL OR c.superseded_on > {day}) \
              AND (c.expires_on >= {day} \
                   OR (c.expires_on >= {extension_floor} \
                       AND r.submitted_on IS NOT NULL AND r.submitted_on <= {day} \
                       AND r.submitted_on >= {window_opens} AND r.submitted_on <= c.expires_on \
                       AND (r.decided_on IS NULL OR r.decided_on > {day}))))"
        )
    }
}

/// A day before any record: the lower bound of "every year" (PostgreSQL's dates start in
/// 4713 BC, so not `NaiveDate::MIN`).
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

/// The earliest expiry a certificate extended on `day` can have.
pub fn extension_floor(day: NaiveDate) -> NaiveDate {
    day.checked_sub_days(Days::new(EXTENSION_MAX_DAYS))
        .unwrap_or(NaiveDate::MIN)
}

/// The instant `day` ends in Vietnam (exclusive): what "recorded by the end of the day" is
/// compared with.
pub fn end_of(day: NaiveDate) -> DateTime<Utc> {
    ocop_core::clock::start_of_vietnam_day(day.succ_opt().unwrap_or(day))
}

/// The first day of `day`'s year.
pub fn first_of_year(day: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day)
}

/// A unit id as a value to bind.
pub fn unit(id: UnitId) -> Value {
    id.0.into()
}
