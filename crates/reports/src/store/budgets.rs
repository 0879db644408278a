//! `budgets`: plan versus actual by year, unit, phase and funding source, with each year's share
//! of state budget; `budget-activities`: the same money by what it was allocated to.

use ocop_budgets::{EntryKind, FUNDING_SOURCES};
use sea_orm::{DbBackend, Statement};

use super::sql::{Sql, end_of, unit};
use super::{Context, Report, Rows};
use crate::model::{Column, ColumnKind as K, ReportSpec};

pub const REPORT: Report = Report {
    spec: ReportSpec {
        name: "budgets",
        title_vi: "Kinh phí theo nguồn: kế hoạch, phân bổ, giải ngân",
        title_en: "Budgets by source: planned, allocated, disbursed",
        description: "One row per year × unit × phase × funding source, over the budget lines of \
            the unit asked and the units under it, as the books stood at the end of `as_of`. \
            `planned` is each line's amount in force on `as_of` (the last revision dated by then \
            and recorded by its end, else the original estimate); `allocated` sums the \
            allocations made by then; `disbursed` is disbursements minus reversals dated by then. \
            `state_share_of_year` is the state budget's share (central and local) of the year's \
            planned total over the rows of that year: the 30/70-type split of the seeds.",
        takes_year: true,
        columns: COLUMNS,
    },
    rows: Rows::Sql(statement),
};

const COLUMNS: &[Column] = &[
    Column::new("year", K::Integer, "Năm", "Year", "The budget year."),
    Column::new(
        "unit_code",
        K::Text,
        "Mã đơn vị",
        "Unit code",
        "The line's unit.",
    ),
    Column::new("unit_name", K::Text, "Đơn vị", "Unit", "The line's unit."),
    Column::new(
        "phase_name",
        K::Text,
        "Giai đoạn",
        "Phase",
        "The programme phase the lines belong to.",
    )
    .nullable(),
    Column::new(
        "source_code",
        K::Text,
        "Mã nguồn vốn",
        "Source code",
        "A code of `GET /api/v1/budgets/sources`.",
    ),
    Column::new(
        "source_name",
        K::Text,
        "Nguồn vốn",
        "Source",
        "The source's name.",
    ),
    Column::new(
        "category",
        K::Text,
        "Nhóm nguồn",
        "Category",
        "`state_central`, `state_local`, `credit`, `socialised` or `other`.",
    ),
    Column::new(
        "state_budget",
        K::Integer,
        "Ngân sách nhà nước",
        "State budget",
        "1 for central and local state budget, else 0.",
    ),
    Column::new(
        "planned",
        K::Dong,
        "Kế hoạch",
        "Planned",
        "The lines' amounts in force on `as_of`.",
    ),
    Column::new(
        "allocated",
        K::Dong,
        "Đã phân bổ",
        "Allocated",
        "Allocated to plans and activities by `as_of`.",
    ),
    Column::new(
        "disbursed",
        K::Dong,
        "Đã giải ngân",
        "Disbursed",
        "Disbursements minus reversals dated by `as_of`.",
    ),
    Column::new(
        "undisbursed",
        K::Dong,
        "Còn lại chưa giải ngân",
        "Allocated, not disbursed",
        "`allocated - disbursed`.",
    ),
    Column::new(
        "disbursement_rate",
        K::Ratio,
        "Tỷ lệ giải ngân",
        "Disbursement rate",
        "`disbursed / planned`; empty when nothing is planned.",
    )
    .nullable(),
    Column::new(
        "state_share_of_year",
        K::Ratio,
        "Tỷ trọng ngân sách nhà nước trong năm",
        "State budget share of the year",
        "The state budget's planned amount over the year's planned total (every row of the year).",
    )
    .nullable(),
];

/// `CASE l.source_code WHEN … END` giving each source's `field`, bound.
fn by_source(q: &mut Sql, field: impl Fn(&ocop_budgets::FundingSourceDef) -> String) -> String {
    let mut case = String::from("CASE source_code");
    for source in &FUNDING_SOURCES {
        let (code, value) = (q.bind(source.code), q.bind(field(source)));
        case.push_str(&format!(" WHEN {code} THEN {value}"));
    }
    case.push_str(" ELSE source_code END");
    case
}

/// The lines of the area recorded by the end of `as_of` (of the year asked), with their amount
/// in force that day, and what was allocated from and paid out of each by then: the CTEs both
/// reports read.
fn books(q: &mut Sql, ctx: &Context) -> String {
    let area = q.bind(unit(ctx.area));
    let day = q.bind(ctx.as_of);
    let end = q.bind(end_of(ctx.as_of));
    let reversal = q.bind(EntryKind::Reversal.as_str());
    let year = match ctx.year {
        Some(y) => format!("AND l.year = {}", q.bind(y)),
        None => String::new(),
    };
    let in_area = q.in_area("l.unit_id", &area);
    format!(
        "lines AS (
  SELECT l.id, l.year, l.unit_id, l.phase_id, l.source_code,
         COALESCE((SELECT r.amount FROM budget_line_revision r
                    WHERE r.line_id = l.id AND r.revised_on <= {day} AND r.recorded_at < {end}
                    ORDER BY r.revised_on DESC, r.recorded_at DESC LIMIT 1),
                  l.original) AS planned
    FROM budget_line l
   WHERE {in_area} AND l.created_at < {end} {year}
),
allocs AS (
  SELECT a.id, a.line_id, a.plan_id, a.activity_id, a.amount
    FROM budget_allocation a
    JOIN lines l ON l.id = a.line_id
   WHERE a.allocated_on <= {day} AND a.created_at < {end}
),
paid AS (
  SELECT e.allocation_id,
         SUM(CASE WHEN e.kind = {reversal} THEN -e.amount ELSE e.amount END) AS disbursed
    FROM budget_ledger_entry e
    JOIN allocs a ON a.id = e.allocation_id
   WHERE e.entry_date <= {day} AND e.posted_at < {end}
   GROUP BY e.allocation_id
)"
    )
}

fn statement(backend: DbBackend, ctx: &Context) -> Statement {
    let mut q = Sql::new(backend);
    let books = books(&mut q, ctx);
    let names = by_source(&mut q, |s| s.name_vi.to_string());
    let categories = by_source(&mut q, |s| s.category.as_str().to_string());
    let state: Vec<String> = FUNDING_SOURCES
        .iter()
        .filter(|s| s.category.is_state_budget())
        .map(|s| q.bind(s.code))
        .collect();
    let state = state.join(", ");
    q.statement(format!(
        "WITH {books},
by_line AS (
  SELECT a.line_id, SUM(a.amount) AS allocated, SUM(COALESCE(p.disbursed, 0)) AS disbursed
    FROM allocs a LEFT JOIN paid p ON p.allocation_id = a.id
   GROUP BY a.line_id
),
grouped AS (
  SELECT l.year, u.code AS unit_code, u.name AS unit_name, ph.name AS phase_name, l.source_code,
         CASE WHEN l.source_code IN ({state}) THEN 1 ELSE 0 END AS state_budget,
         SUM(l.planned) AS planned, SUM(COALESCE(b.allocated, 0)) AS allocated,
         SUM(COALESCE(b.disbursed, 0)) AS disbursed
    FROM lines l
    JOIN admin_unit u ON u.id = l.unit_id
    LEFT JOIN programme_phase ph ON ph.id = l.phase_id
    LEFT JOIN by_line b ON b.line_id = l.id
   GROUP BY l.year, l.unit_id, u.code, u.name, l.phase_id, ph.name, l.source_code
)
SELECT CAST(year AS BIGINT) AS year, unit_code, unit_name, phase_name, source_code,
       {names} AS source_name, {categories} AS category,
       CAST(state_budget AS BIGINT) AS state_budget, CAST(planned AS BIGINT) AS planned,
       CAST(allocated AS BIGINT) AS allocated, CAST(disbursed AS BIGINT) AS disbursed,
       CAST(allocated - disbursed AS BIGINT) AS undisbursed,
       CAST(disbursed AS DOUBLE PRECISION) / NULLIF(CAST(planned AS DOUBLE PRECISION), 0)
         AS disbursement_rate,
       CAST(SUM(state_budget * planned) OVER (PARTITION BY year) AS DOUBLE PRECISION)
         / NULLIF(CAST(SUM(planned) OVER (PARTITION BY year) AS DOUBLE PRECISION), 0)
         AS state_share_of_year
  FROM grouped
 ORDER BY year, unit_code, source_code, phase_name IS NULL, phase_name"
    ))
}

pub const ACTIVITIES_REPORT: Report = Report {
    spec: ReportSpec {
        name: "budget-activities",
        title_vi: "Kinh phí theo kế hoạch và nhiệm vụ",
        title_en: "Budgets by plan and activity",
        description: "One row per plan or activity money was allocated to × funding source, over \
            the budget lines of the unit asked and the units under it, as the books stood at the \
            end of `as_of`. An allocation to a plan as a whole has no activity.",
        takes_year: true,
        columns: ACTIVITY_COLUMNS,
    },
    rows: Rows::Sql(activities_statement),
};

const ACTIVITY_COLUMNS: &[Column] = &[
    Column::new("year", K::Integer, "Năm", "Year", "The budget year."),
    Column::new(
        "unit_code",
        K::Text,
        "Mã đơn vị",
        "Unit code",
        "The plan's unit.",
    ),
    Column::new("unit_name", K::Text, "Đơn vị", "Unit", "The plan's unit."),
    Column::new(
        "plan_title",
        K::Text,
        "Kế hoạch",
        "Plan",
        "The plan allocated to.",
    ),
    Column::new(
        "activity_title",
        K::Text,
        "Nhiệm vụ",
        "Activity",
        "The activity allocated to; empty for the plan as a whole.",
    )
    .nullable(),
    Column::new(
        "activity_kind",
        K::Text,
        "Loại nhiệm vụ",
        "Activity kind",
        "e.g. `training`, `fair`.",
    )
    .nullable(),
    Column::new(
        "source_code",
        K::Text,
        "Mã nguồn vốn",
        "Source code",
        "A code of `GET /api/v1/budgets/sources`.",
    ),
    Column::new(
        "allocated",
        K::Dong,
        "Đã phân bổ",
        "Allocated",
        "Allocated by `as_of`.",
    ),
    Column::new(
        "disbursed",
        K::Dong,
        "Đã giải ngân",
        "Disbursed",
        "Disbursements minus reversals dated by `as_of`.",
    ),
    Column::new(
        "disbursement_rate",
        K::Ratio,
        "Tỷ lệ giải ngân",
        "Disbursement rate",
        "`disbursed / allocated`.",
    )
    .nullable(),
];

/// Grouped by the plan's and activity's ids, so that plans of one title in two communes stay
/// two rows; ordered so the plan as a whole comes before its activities on both databases
/// (NULLs sort first on SQLite, last on PostgreSQL).
fn activities_statement(backend: DbBackend, ctx: &Context) -> Statement {
    let mut q = Sql::new(backend);
    let books = books(&mut q, ctx);
    q.statement(format!(
        "WITH {books},
grouped AS (
  SELECT l.year, p.unit_id, a.plan_id, a.activity_id, l.source_code,
         SUM(a.amount) AS allocated, SUM(COALESCE(d.disbursed, 0)) AS disbursed
    FROM allocs a
    JOIN lines l ON l.id = a.line_id
    LEFT JOIN paid d ON d.allocation_id = a.id
    JOIN annual_plan p ON p.id = a.plan_id
   GROUP BY l.year, p.unit_id, a.plan_id, a.activity_id, l.source_code
)
SELECT CAST(g.year AS BIGINT) AS year, u.code AS unit_code, u.name AS unit_name,
       p.title AS plan_title, act.title AS activity_title, act.kind AS activity_kind,
       g.source_code, CAST(g.allocated AS BIGINT) AS allocated,
       CAST(g.disbursed AS BIGINT) AS disbursed,
       CAST(g.disbursed AS DOUBLE PRECISION) / NULLIF(CAST(g.allocated AS DOUBLE PRECISION), 0)
         AS disbursement_rate
  FROM grouped g
  JOIN admin_unit u ON u.id = g.unit_id
  JOIN annual_plan p ON p.id = g.plan_id
  LEFT JOIN plan_activity act ON act.id = g.activity_id
 ORDER BY g.year, u.code, p.title, g.plan_id, g.activity_id IS NOT NULL, act.title,
          g.activity_id, g.source_code"
    ))
}
