//! `council-results`: what each round's council gave the dossiers of the area.

use ocop_evaluations::RecognitionLevel;
use sea_orm::{DbBackend, Statement};

use super::sql::{Sql, end_of, unit};
use super::{Context, Report, Rows};
use crate::model::{Column, ColumnKind as K, ReportSpec};

pub const REPORT: Report = Report {
    spec: ReportSpec {
        name: "council-results",
        title_vi: "Kết quả đánh giá, phân hạng của hội đồng theo đợt",
        title_en: "Council results by round",
        description: "One row per evaluation round opened by `as_of` (of `year` only, when \
            given) with a dossier of the unit's subjects on its agenda; only those dossiers \
            count. A council's result is frozen when its chair closes the round: the results of \
            rounds closed by the end of `as_of` count, those of rounds still open then do not. \
            A ministry (central) round reads the central result. `certified` counts the \
            certificates issued by `as_of` at the round's level on those dossiers.",
        takes_year: true,
        columns: COLUMNS,
    },
    rows: Rows::Sql(statement),
};

const COLUMNS: &[Column] = &[
    Column::new("year", K::Integer, "Năm", "Year", "The round's year."),
    Column::new(
        "round_name",
        K::Text,
        "Đợt đánh giá",
        "Round",
        "The round's name.",
    ),
    Column::new(
        "level",
        K::Text,
        "Cấp",
        "Level",
        "`province`, `central` (the ministry) or `district` (before July 2025).",
    ),
    Column::new(
        "opened_on",
        K::Date,
        "Ngày mở",
        "Opened on",
        "The day the round opened.",
    ),
    Column::new(
        "dossiers",
        K::Integer,
        "Hồ sơ",
        "Dossiers",
        "Dossiers of the unit on the round's agenda.",
    ),
    Column::new(
        "scored",
        K::Integer,
        "Đã có kết quả",
        "With a result",
        "Of them, those with the council's result by `as_of`.",
    ),
    Column::new(
        "average_score",
        K::Number,
        "Điểm trung bình",
        "Average score",
        "The average of those results' scores (each the average of the members' totals).",
    )
    .nullable(),
    Column::new(
        "stars_5",
        K::Integer,
        "5 sao",
        "5 stars",
        "Results of 5 stars.",
    ),
    Column::new(
        "stars_4",
        K::Integer,
        "4 sao",
        "4 stars",
        "Results of 4 stars.",
    ),
    Column::new(
        "stars_3",
        K::Integer,
        "3 sao",
        "3 stars",
        "Results of 3 stars.",
    ),
    Column::new(
        "below_3",
        K::Integer,
        "Dưới 3 sao",
        "Below 3 stars",
        "Results of 1 or 2 stars (not recognised).",
    ),
    Column::new(
        "not_rated",
        K::Integer,
        "Không xếp hạng",
        "Not rated",
        "Results without a rank (a stop, an elimination or a finding).",
    ),
    Column::new(
        "certified",
        K::Integer,
        "Được cấp giấy chứng nhận",
        "Certified",
        "Certificates issued at the round's level by `as_of` on those dossiers.",
    ),
];

/// A round's dossiers are the cycles it examined: a central round's by `central_round_id`, any
/// other's by `round_id`. Two joins, one on each indexed column: one join on either column
/// (`OR`) reads every cycle of the area once per round. Each branch reads its result's figures
/// from the columns written with it (stars, average in hundredths), not from its JSON: reading
/// 50,000 documents was most of the report's time. The average is the exact sum of the
/// hundredths over their count: the same figure on both databases, whatever order they add in.
fn statement(backend: DbBackend, ctx: &Context) -> Statement {
    let mut q = Sql::new(backend);
    let area = q.bind(unit(ctx.area));
    let day = q.bind(ctx.as_of);
    let end = q.bind(end_of(ctx.as_of));
    let central = q.bind(RecognitionLevel::Central.as_str());
    let of_year = match ctx.year {
        Some(year) => format!("AND r.year = {}", q.bind(year)),
        None => String::new(),
    };
    let in_area = q.in_area("s.unit_id", &area);
    let closed = format!("r.closed_at IS NOT NULL AND r.closed_at < {end}");
    let branch = |result: &str, round: &str, level: &str| {
        format!(
            "SELECT r.id AS round_id, cy.id AS cycle_id,
         CASE WHEN {closed} AND cy.{result}_result IS NOT NULL THEN 1 END AS result,
         CASE WHEN {closed} THEN CAST(cy.{result}_stars AS BIGINT) END AS stars,
         CASE WHEN {closed} THEN cy.{result}_average_hundredths END AS hundredths
    FROM evaluation_round r
    JOIN evaluation_cycle cy ON cy.{round} = r.id
    JOIN subject s ON s.id = cy.subject_id
   WHERE r.level {level} {central} AND {in_area} AND r.opened_on <= {day} {of_year}"
        )
    };
    let council = branch("council", "round_id", "<>");
    let central_branch = branch("central", "central_round_id", "=");
    q.statement(format!(
        "WITH results AS (
  {council}
  UNION ALL
  {central_branch}
)
SELECT CAST(r.year AS BIGINT), r.name, r.level, r.opened_on,
       CAST(COUNT(*) AS BIGINT),
       CAST(COUNT(x.result) AS BIGINT),
       CAST(SUM(x.hundredths) AS DOUBLE PRECISION) / NULLIF(COUNT(x.hundredths), 0) / 100.0,
       CAST(SUM(CASE WHEN x.stars = 5 THEN 1 ELSE 0 END) AS BIGINT),
       CAST(SUM(CASE WHEN x.stars = 4 THEN 1 ELSE 0 END) AS BIGINT),
       CAST(SUM(CASE WHEN x.stars = 3 THEN 1 ELSE 0 END) AS BIGINT),
       CAST(SUM(CASE WHEN x.stars IN (1, 2) THEN 1 ELSE 0 END) AS BIGINT),
       CAST(SUM(CASE WHEN x.stars = 0 THEN 1 ELSE 0 END) AS BIGINT),
       CAST(COUNT(c.id) AS BIGINT)
  FROM results x
  JOIN evaluation_round r ON r.id = x.round_id
  LEFT JOIN certificate c
    ON c.cycle_id = x.cycle_id AND c.issuing_level = r.level AND c.issued_on <= {day}
 GROUP BY r.id, r.year, r.name, r.level, r.opened_on
 ORDER BY r.opened_on, r.name, r.id"
    ))
}
