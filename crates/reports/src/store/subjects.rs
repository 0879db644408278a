//! `subjects`: subjects by commune and kind.

use ocop_subjects::{SubjectKind, SubjectStatus};
use sea_orm::{DbBackend, Statement};

use super::sql::{Sql, end_of, extension_floor, first_of_year, unit};
use super::{Context, Report, Rows};
use crate::model::{Column, ColumnKind as K, ReportSpec};

pub const REPORT: Report = Report {
    spec: ReportSpec {
        name: "subjects",
        title_vi: "Chủ thể OCOP theo xã và loại hình",
        title_en: "Subjects by commune and kind",
        description: "One row per commune × kind of subject, over the subjects of the unit asked \
            registered by the end of `as_of` (Vietnam time). A subject counts under the commune in \
            force on `as_of` that its unit lies in. `active` and `women_led` are read as the \
            records stand now (neither is dated); `certified` counts the subjects with at least \
            one product whose certificate is in force on `as_of`.",
        takes_year: false,
        columns: COLUMNS,
    },
    rows: Rows::Sql(statement),
};

const COLUMNS: &[Column] = &[
    Column::new(
        "unit_code",
        K::Text,
        "Mã xã",
        "Commune code",
        "The commune's official code.",
    ),
    Column::new("unit_name", K::Text, "Xã", "Commune", "The commune."),
    Column::new(
        "kind",
        K::Text,
        "Mã loại hình",
        "Kind",
        "The kind of subject (Decision 26/2026, Art. 2), e.g. `cooperative`.",
    ),
    Column::new(
        "kind_name",
        K::Text,
        "Loại hình",
        "Kind name",
        "The kind's Vietnamese name.",
    ),
    Column::new(
        "subjects",
        K::Integer,
        "Số chủ thể",
        "Subjects",
        "Subjects registered by `as_of`.",
    ),
    Column::new(
        "active",
        K::Integer,
        "Đang hoạt động",
        "Active",
        "Of them, those active now.",
    ),
    Column::new(
        "women_led",
        K::Integer,
        "Do phụ nữ làm chủ",
        "Women-led",
        "Of them, those led by a woman.",
    ),
    Column::new(
        "registered_in_year",
        K::Integer,
        "Đăng ký trong năm",
        "Registered this year",
        "Of them, those registered from 1 January of `as_of`'s year.",
    ),
    Column::new(
        "certified",
        K::Integer,
        "Có sản phẩm OCOP",
        "With certified products",
        "Of them, those with a product certified (in force) on `as_of`.",
    ),
];

fn statement(backend: DbBackend, ctx: &Context) -> Statement {
    let mut q = Sql::new(backend);
    let area = q.bind(unit(ctx.area));
    let day = q.bind(ctx.as_of);
    let floor = q.bind(extension_floor(ctx.as_of));
    let end = q.bind(end_of(ctx.as_of));
    let year_start = q.bind(ocop_core::clock::start_of_vietnam_day(first_of_year(
        ctx.as_of,
    )));
    let active = q.bind(SubjectStatus::Active.as_str());
    let mut names = String::from("CASE s.kind");
    for kind in SubjectKind::ALL {
        let (code, label) = (q.bind(kind.as_str()), q.bind(kind.label_vi()));
        names.push_str(&format!(" WHEN {code} THEN {label}"));
    }
    names.push_str(" ELSE s.kind END");
    let grp = q.groups(&area, &day);
    let re_rating = q.re_rating_join(&day, &floor);
    let in_force = q.in_force(&day, &floor);
    let in_area = q.in_area("s.unit_id", &area);
    q.statement(format!(
        "WITH {grp},
certified AS (
  SELECT DISTINCT c.subject_id
    FROM certificate c
    JOIN subject s ON s.id = c.subject_id
    {re_rating}
   WHERE {in_area} AND {in_force}
),
placed AS (
  SELECT gu.code AS unit_code, gu.name AS unit_name, s.kind, {names} AS kind_name,
         CASE WHEN s.status = {active} THEN 1 ELSE 0 END AS active,
         CASE WHEN s.women_led THEN 1 ELSE 0 END AS women_led,
         CASE WHEN s.created_at >= {year_start} THEN 1 ELSE 0 END AS registered_in_year,
         CASE WHEN k.subject_id IS NULL THEN 0 ELSE 1 END AS certified
    FROM subject s
    JOIN grp ON grp.unit_id = s.unit_id
    JOIN admin_unit gu ON gu.id = grp.group_id
    LEFT JOIN certified k ON k.subject_id = s.id
   WHERE s.created_at < {end}
)
SELECT unit_code, unit_name, kind, kind_name, CAST(COUNT(*) AS BIGINT),
       CAST(SUM(active) AS BIGINT), CAST(SUM(women_led) AS BIGINT),
       CAST(SUM(registered_in_year) AS BIGINT), CAST(SUM(certified) AS BIGINT)
  FROM placed
 GROUP BY unit_code, unit_name, kind, kind_name
 ORDER BY unit_code, kind"
    ))
}
