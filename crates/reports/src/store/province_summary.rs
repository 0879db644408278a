//! `province-summary`: the periodic report a province sends up — its figures by commune.

use chrono::{Datelike, Days};
use sea_orm::{DbBackend, Statement};

use super::sql::{Sql, end_of, extension_floor, first_of_year, unit};
use super::{Context, Report, Rows};
use crate::model::{Column, ColumnKind as K, ReportSpec};

/// How far ahead `expiring` looks.
const EXPIRING_WITHIN_DAYS: u64 = 90;

pub const REPORT: Report = Report {
    spec: ReportSpec {
        name: "province-summary",
        title_vi: "Báo cáo định kỳ kết quả thực hiện Chương trình OCOP theo xã",
        title_en: "The periodic programme report by commune",
        description: "One row per commune in force on `as_of` in the unit asked (communes with \
            nothing to report included), with the figures of the subjects, products, dossiers \
            and certificates of the units that lie in it, as they stood at the end of `as_of`. \
            \"This year\" runs from 1 January of `as_of`'s year to `as_of`. Records of the unit \
            asked itself, or of an abolished unit no commune took over, are in no row.",
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
        "subjects",
        K::Integer,
        "Chủ thể",
        "Subjects",
        "Subjects registered by `as_of`.",
    ),
    Column::new(
        "subjects_this_year",
        K::Integer,
        "Chủ thể mới trong năm",
        "New subjects this year",
        "Subjects registered this year.",
    ),
    Column::new(
        "products",
        K::Integer,
        "Sản phẩm",
        "Products",
        "Products registered by `as_of`.",
    ),
    Column::new(
        "dossiers_this_year",
        K::Integer,
        "Hồ sơ chu trình năm",
        "Dossiers this year",
        "Cycles of `as_of`'s year opened by then.",
    ),
    Column::new(
        "recognised_this_year",
        K::Integer,
        "Công nhận trong năm",
        "Recognised this year",
        "Certificates issued this year.",
    ),
    Column::new(
        "certified",
        K::Integer,
        "Sản phẩm OCOP còn hiệu lực",
        "Certified products in force",
        "Products with a certificate in force on `as_of`.",
    ),
    Column::new(
        "certified_3_stars",
        K::Integer,
        "3 sao",
        "3 stars",
        "Of them, rated 3 stars.",
    ),
    Column::new(
        "certified_4_stars",
        K::Integer,
        "4 sao",
        "4 stars",
        "Of them, rated 4 stars.",
    ),
    Column::new(
        "certified_5_stars",
        K::Integer,
        "5 sao",
        "5 stars",
        "Of them, rated 5 stars.",
    ),
    Column::new(
        "expiring_90_days",
        K::Integer,
        "Hết hạn trong 90 ngày",
        "Expiring within 90 days",
        "Certificates in force whose validity ends within 90 days of `as_of` (inclusive).",
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
    let first_day = q.bind(first_of_year(ctx.as_of));
    let year = q.bind(ctx.as_of.year());
    let horizon = q.bind(
        ctx.as_of
            .checked_add_days(Days::new(EXPIRING_WITHIN_DAYS))
            .unwrap_or(ctx.as_of),
    );
    let grp = q.groups(&area, &day);
    let communes = q.communes_cte(&area, &day);
    let re_rating = q.re_rating_join(&day, &floor);
    let in_force = q.in_force(&day, &floor);
    let in_area = q.in_area("s.unit_id", &area);
    q.statement(format!(
        "WITH {grp}, {communes},
subj AS (
  SELECT grp.group_id, COUNT(*) AS subjects,
         SUM(CASE WHEN s.created_at >= {year_start} THEN 1 ELSE 0 END) AS this_year
    FROM subject s JOIN grp ON grp.unit_id = s.unit_id
   WHERE s.created_at < {end}
   GROUP BY grp.group_id
),
prod AS (
  SELECT grp.group_id, COUNT(*) AS products
    FROM product p
    JOIN subject s ON s.id = p.subject_id
    JOIN grp ON grp.unit_id = s.unit_id
   WHERE p.created_at < {end}
   GROUP BY grp.group_id
),
cyc AS (
  SELECT grp.group_id, COUNT(*) AS dossiers
    FROM evaluation_cycle cy
    JOIN subject s ON s.id = cy.subject_id
    JOIN grp ON grp.unit_id = s.unit_id
   WHERE cy.year = {year} AND cy.created_at < {end}
   GROUP BY grp.group_id
),
certs AS (
  SELECT s.unit_id, c.stars, c.issued_on, c.expires_on,
         CASE WHEN {in_force} THEN 1 ELSE 0 END AS in_force
    FROM certificate c
    JOIN subject s ON s.id = c.subject_id
    {re_rating}
   WHERE {in_area} AND c.issued_on <= {day}
),
cert AS (
  SELECT grp.group_id,
         SUM(CASE WHEN x.issued_on >= {first_day} THEN 1 ELSE 0 END) AS recognised,
         SUM(x.in_force) AS certified,
         SUM(CASE WHEN x.in_force = 1 AND x.stars = 3 THEN 1 ELSE 0 END) AS stars_3,
         SUM(CASE WHEN x.in_force = 1 AND x.stars = 4 THEN 1 ELSE 0 END) AS stars_4,
         SUM(CASE WHEN x.in_force = 1 AND x.stars = 5 THEN 1 ELSE 0 END) AS stars_5,
         SUM(CASE WHEN x.in_force = 1 AND x.expires_on >= {day} AND x.expires_on <= {horizon}
                  THEN 1 ELSE 0 END) AS expiring
    FROM certs x JOIN grp ON grp.unit_id = x.unit_id
   GROUP BY grp.group_id
)
SELECT co.code, co.name,
       CAST(COALESCE(subj.subjects, 0) AS BIGINT), CAST(COALESCE(subj.this_year, 0) AS BIGINT),
       CAST(COALESCE(prod.products, 0) AS BIGINT), CAST(COALESCE(cyc.dossiers, 0) AS BIGINT),
       CAST(COALESCE(cert.recognised, 0) AS BIGINT), CAST(COALESCE(cert.certified, 0) AS BIGINT),
       CAST(COALESCE(cert.stars_3, 0) AS BIGINT), CAST(COALESCE(cert.stars_4, 0) AS BIGINT),
       CAST(COALESCE(cert.stars_5, 0) AS BIGINT), CAST(COALESCE(cert.expiring, 0) AS BIGINT)
  FROM communes co
  LEFT JOIN subj ON subj.group_id = co.id
  LEFT JOIN prod ON prod.group_id = co.id
  LEFT JOIN cyc ON cyc.group_id = co.id
  LEFT JOIN cert ON cert.group_id = co.id
 ORDER BY co.code"
    ))
}
