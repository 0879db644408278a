//! `pipeline`: the cycle's dossiers in each state, and how long they stayed in each, from the
//! dossiers' history (`cycle_event`).

use ocop_evaluations::CycleState;
use sea_orm::{DbBackend, Statement};

use super::sql::{Sql, end_of, unit};
use super::{Context, Report, Rows};
use crate::model::{Column, ColumnKind as K, ReportSpec};

pub const REPORT: Report = Report {
    spec: ReportSpec {
        name: "pipeline",
        title_vi: "Tiến trình chu trình OCOP: hồ sơ theo bước và thời gian mỗi bước",
        title_en: "The cycle pipeline: dossiers per state and how long each step took",
        description: "One row per cycle year × commune × state, over the cycles of the unit's \
            subjects (of `year` only, when given), read from the dossiers' history as it stood \
            at the end of `as_of`. A stay in a state starts with the move into it and ends with \
            the next move of the same dossier. `dossiers` are the dossiers whose last move by \
            then led into the state; `entered` counts the moves into it (a dossier returned for \
            completion enters a state again); the days are those of the stays ended by then, \
            counted from instant to instant.",
        takes_year: true,
        columns: COLUMNS,
    },
    rows: Rows::Sql(statement),
};

const COLUMNS: &[Column] = &[
    Column::new(
        "year",
        K::Integer,
        "Năm chu trình",
        "Cycle year",
        "The year of the cycle.",
    ),
    Column::new(
        "unit_code",
        K::Text,
        "Mã xã",
        "Commune code",
        "The commune's official code.",
    ),
    Column::new(
        "unit_name",
        K::Text,
        "Xã",
        "Commune",
        "The commune of the dossier's subject.",
    ),
    Column::new(
        "state",
        K::Text,
        "Bước",
        "State",
        "The state of the cycle, e.g. `commune_checked`.",
    ),
    Column::new(
        "step",
        K::Integer,
        "Thứ tự bước",
        "Step",
        "The state's place in the cycle (1 = idea registered).",
    ),
    Column::new(
        "dossiers",
        K::Integer,
        "Hồ sơ đang ở bước",
        "Dossiers in the state",
        "Dossiers standing in the state on `as_of`.",
    ),
    Column::new(
        "entered",
        K::Integer,
        "Lượt vào bước",
        "Times entered",
        "Moves into the state by `as_of`.",
    ),
    Column::new(
        "completed",
        K::Integer,
        "Lượt đã qua bước",
        "Stays ended",
        "Stays in the state that ended by `as_of`.",
    ),
    Column::new(
        "average_days",
        K::Number,
        "Số ngày trung bình",
        "Average days",
        "The average length of those stays, in days.",
    )
    .nullable(),
    Column::new(
        "median_days",
        K::Number,
        "Số ngày trung vị",
        "Median days",
        "Their median length, in days.",
    )
    .nullable(),
    Column::new(
        "longest_days",
        K::Number,
        "Số ngày dài nhất",
        "Longest days",
        "The longest of them, in days.",
    )
    .nullable(),
];

fn statement(backend: DbBackend, ctx: &Context) -> Statement {
    let mut q = Sql::new(backend);
    let area = q.bind(unit(ctx.area));
    let day = q.bind(ctx.as_of);
    let end = q.bind(end_of(ctx.as_of));
    let of_year = match ctx.year {
        Some(year) => format!("WHERE cy.year = {}", q.bind(year)),
        None => String::new(),
    };
    let mut step = String::from("CASE n.state");
    for (i, state) in CycleState::ALL.into_iter().enumerate() {
        step.push_str(&format!(" WHEN {} THEN {}", q.bind(state.as_str()), i + 1));
    }
    step.push_str(" END");
    let grp = q.groups(&area, &day);
    let days = q.days_between("e.at", "e.from_state_since");
    // `grp` holds the area's units only, so joining it keeps to the area; a cycle under two
    // communes (a split) counts under both. Every move is a whole stay (it records when the
    // stay it ends began), so the moves are read once and never paired with each other: a move
    // counts as an entry into `to_state` and, but for the first, as a stay ended in
    // `from_state`. Where a dossier stands is its last move by then, one index read per cycle
    // (a cycle with no move by then stands nowhere: its NULL group matches no entry, and is not
    // filtered out, as PostgreSQL would run the read a second time for the filter).
    q.statement(format!(
        "WITH {grp},
cycles AS (
  SELECT cy.id, cy.year, grp.group_id
    FROM evaluation_cycle cy
    JOIN subject s ON s.id = cy.subject_id
    JOIN grp ON grp.unit_id = s.unit_id
   {of_year}
),
moves AS (
  SELECT c.year, c.group_id, e.from_state, e.to_state,
         CASE WHEN e.from_state_since IS NULL THEN NULL ELSE {days} END AS days
    FROM cycles c
    JOIN cycle_event e ON e.cycle_id = c.id
   WHERE e.at < {end}
),
entered AS (
  SELECT year, group_id, to_state AS state, COUNT(*) AS entered
    FROM moves
   GROUP BY year, group_id, to_state
),
ranked AS (
  SELECT year, group_id, from_state AS state, days,
         ROW_NUMBER() OVER (PARTITION BY year, group_id, from_state ORDER BY days) AS rn,
         COUNT(*) OVER (PARTITION BY year, group_id, from_state) AS n
    FROM moves
   WHERE days IS NOT NULL
),
ended AS (
  SELECT year, group_id, state, COUNT(*) AS completed, AVG(days) AS average_days,
         AVG(CASE WHEN rn = (n + 1) / 2 OR rn = (n + 2) / 2 THEN days END) AS median_days,
         MAX(days) AS longest_days
    FROM ranked
   GROUP BY year, group_id, state
),
standing AS (
  SELECT year, group_id, state, COUNT(*) AS dossiers
    FROM (SELECT c.year, c.group_id,
                 (SELECT e.to_state FROM cycle_event e
                   WHERE e.cycle_id = c.id AND e.at < {end}
                   ORDER BY e.at DESC, e.id DESC LIMIT 1) AS state
            FROM cycles c) x
   GROUP BY year, group_id, state
)
SELECT CAST(n.year AS BIGINT), gu.code, gu.name, n.state, CAST({step} AS BIGINT),
       CAST(COALESCE(d.dossiers, 0) AS BIGINT),
       CAST(n.entered AS BIGINT),
       CAST(COALESCE(x.completed, 0) AS BIGINT),
       CAST(x.average_days AS DOUBLE PRECISION),
       CAST(x.median_days AS DOUBLE PRECISION),
       CAST(x.longest_days AS DOUBLE PRECISION)
  FROM entered n
  JOIN admin_unit gu ON gu.id = n.group_id
  LEFT JOIN ended x ON x.year = n.year AND x.group_id = n.group_id AND x.state = n.state
  LEFT JOIN standing d ON d.year = n.year AND d.group_id = n.group_id AND d.state = n.state
 ORDER BY 1, 2, 5"
    ))
}
