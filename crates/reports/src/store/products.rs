//! `products`: products and certificates by year, commune, product set, sector and stars.

use ocop_products::CategoryLevel;
use sea_orm::{DbBackend, Statement};

use super::sql::{Sql, extension_floor, unit};
use super::{Context, Report, Rows};
use crate::model::{Column, ColumnKind as K, ReportSpec};

pub const REPORT: Report = Report {
    spec: ReportSpec {
        name: "products",
        title_vi: "Sản phẩm và giấy chứng nhận OCOP theo năm, xã, bộ sản phẩm và hạng sao",
        title_en: "Products and certificates by year, commune, product set, sector and stars",
        description: "One row per year of issue × commune × product set × stars, over the \
            certificates issued up to `as_of` (in `year` only, when given) to subjects of the \
            unit asked. A record counts under the commune in force on `as_of` that its subject's \
            unit lies in (the unit itself when it lies in no commune). `in_force` says how many \
            of them are still in force on `as_of` (not revoked, not superseded, not expired or \
            extended by a pending re-rating), `revoked` how many were revoked by then.",
        takes_year: true,
        columns: COLUMNS,
    },
    rows: Rows::Sql(statement),
};

const COLUMNS: &[Column] = &[
    Column::new(
        "year",
        K::Integer,
        "Năm",
        "Year",
        "The year the certificates were issued.",
    ),
    Column::new(
        "unit_code",
        K::Text,
        "Mã xã",
        "Commune code",
        "The commune's official code.",
    ),
    Column::new("unit_name", K::Text, "Xã", "Commune", "The commune."),
    Column::new(
        "sector_code",
        K::Text,
        "Mã ngành",
        "Sector code",
        "The product set's sector (I–VI).",
    )
    .nullable(),
    Column::new(
        "sector_name",
        K::Text,
        "Ngành",
        "Sector",
        "The sector's name.",
    )
    .nullable(),
    Column::new(
        "product_set_code",
        K::Text,
        "Mã bộ sản phẩm",
        "Product set code",
        "The product set (e.g. I.6).",
    ),
    Column::new(
        "product_set_name",
        K::Text,
        "Bộ sản phẩm",
        "Product set",
        "The product set's name.",
    ),
    Column::new(
        "stars",
        K::Integer,
        "Hạng sao",
        "Stars",
        "The stars the certificates carry (3–5).",
    ),
    Column::new(
        "certificates",
        K::Integer,
        "Giấy chứng nhận đã cấp",
        "Certificates issued",
        "Certificates issued that year up to `as_of`.",
    ),
    Column::new(
        "products",
        K::Integer,
        "Sản phẩm được công nhận",
        "Products certified",
        "Distinct products those certificates recognise.",
    ),
    Column::new(
        "in_force",
        K::Integer,
        "Còn hiệu lực",
        "In force",
        "Of those certificates, the ones in force on `as_of`.",
    ),
    Column::new(
        "revoked",
        K::Integer,
        "Đã thu hồi",
        "Revoked",
        "Of those certificates, the ones revoked by `as_of`.",
    ),
];

fn statement(backend: DbBackend, ctx: &Context) -> Statement {
    let mut q = Sql::new(backend);
    let area = q.bind(unit(ctx.area));
    let day = q.bind(ctx.as_of);
    let floor = q.bind(extension_floor(ctx.as_of));
    let from = q.bind(match ctx.year {
        Some(year) => chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(ctx.as_of),
        None => super::sql::EARLIEST,
    });
    let until = q.bind(match ctx.year {
        Some(year) => chrono::NaiveDate::from_ymd_opt(year, 12, 31)
            .unwrap_or(ctx.as_of)
            .min(ctx.as_of),
        None => ctx.as_of,
    });
    let sector = CategoryLevel::Sector.as_str();
    let grp = q.groups(&area, &day);
    let re_rating = q.re_rating_join(&day, &floor);
    let in_force = q.in_force(&day, &floor);
    let year = q.year_of("c.issued_on");
    let in_area = q.in_area("s.unit_id", &area);
    q.statement(format!(
        "WITH {grp},
certs AS (
  SELECT {year} AS year, c.product_id, c.stars, s.unit_id, p.category_id,
         CASE WHEN {in_force} THEN 1 ELSE 0 END AS in_force,
         CASE WHEN c.revoked_on IS NOT NULL AND c.revoked_on <= {day} THEN 1 ELSE 0 END AS revoked
    FROM certificate c
    JOIN subject s ON s.id = c.subject_id
    JOIN product p ON p.id = c.product_id
    {re_rating}
   WHERE {in_area} AND c.issued_on >= {from} AND c.issued_on <= {until}
),
agg AS (
  SELECT x.year, grp.group_id, x.category_id, x.stars, COUNT(*) AS certificates,
         COUNT(DISTINCT x.product_id) AS products, SUM(x.in_force) AS in_force,
         SUM(x.revoked) AS revoked
    FROM certs x
    JOIN grp ON grp.unit_id = x.unit_id
   GROUP BY x.year, grp.group_id, x.category_id, x.stars
)
SELECT CAST(a.year AS BIGINT), gu.code, gu.name,
       CASE WHEN p1.level = '{sector}' THEN p1.code ELSE p2.code END,
       CASE WHEN p1.level = '{sector}' THEN p1.name ELSE p2.name END,
       ps.code, ps.name, CAST(a.stars AS BIGINT),
       CAST(a.certificates AS BIGINT), CAST(a.products AS BIGINT),
       CAST(a.in_force AS BIGINT), CAST(a.revoked AS BIGINT)
  FROM agg a
  JOIN admin_unit gu ON gu.id = a.group_id
  JOIN product_category ps ON ps.id = a.category_id
  LEFT JOIN product_category p1 ON p1.id = ps.parent_id
  LEFT JOIN product_category p2 ON p2.id = p1.parent_id
 ORDER BY 1, 2, a.group_id, 6, a.category_id, 8"
    ))
}
