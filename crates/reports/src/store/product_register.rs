//! `product-register`: the register of products (danh mục sản phẩm), one row per product with
//! the certificate it holds in force — the list a province publishes and sends up.

use sea_orm::{DbBackend, Statement};

use super::sql::{Sql, end_of, extension_floor, unit};
use super::{Context, Report, Rows};
use crate::model::{Column, ColumnKind as K, ReportSpec};

pub const REPORT: Report = Report {
    spec: ReportSpec {
        name: "product-register",
        title_vi: "Danh mục sản phẩm và giấy chứng nhận OCOP còn hiệu lực",
        title_en: "The register of products, with the OCOP certificate each holds in force",
        description: "One row per product registered by the end of `as_of` whose subject lies \
            in the unit asked, ordered by the subject's unit, the subject and the product. The \
            unit is the subject's own. The certificate columns are those of the certificate in \
            force on `as_of` (not revoked, not superseded, not expired or extended by a pending \
            re-rating; the one issued last when a revocation still to come leaves two in force), \
            empty when the product holds none.",
        takes_year: false,
        columns: COLUMNS,
    },
    rows: Rows::Sql(statement),
};

const COLUMNS: &[Column] = &[
    Column::new(
        "unit_code",
        K::Text,
        "Mã đơn vị hành chính",
        "Unit code",
        "The official code of the subject's unit.",
    ),
    Column::new(
        "unit_name",
        K::Text,
        "Đơn vị hành chính",
        "Unit",
        "The subject's unit.",
    ),
    Column::new(
        "subject_name",
        K::Text,
        "Chủ thể",
        "Subject",
        "The subject that makes the product.",
    ),
    Column::new(
        "product_name",
        K::Text,
        "Sản phẩm",
        "Product",
        "The product.",
    ),
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
        "The stars of the certificate in force (3–5).",
    )
    .nullable(),
    Column::new(
        "certificate_number",
        K::Text,
        "Số giấy chứng nhận",
        "Certificate number",
        "The certificate in force.",
    )
    .nullable(),
    Column::new(
        "issued_on",
        K::Date,
        "Ngày cấp",
        "Issued on",
        "The day the certificate in force was issued.",
    )
    .nullable(),
    Column::new(
        "expires_on",
        K::Date,
        "Ngày hết hạn",
        "Expires on",
        "The last day of the certificate's validity (36 months), before any extension.",
    )
    .nullable(),
];

fn statement(backend: DbBackend, ctx: &Context) -> Statement {
    let mut q = Sql::new(backend);
    let area = q.bind(unit(ctx.area));
    let day = q.bind(ctx.as_of);
    let floor = q.bind(extension_floor(ctx.as_of));
    let end = q.bind(end_of(ctx.as_of));
    let re_rating = q.re_rating_join(&day, &floor);
    let in_force = q.in_force(&day, &floor);
    let in_area = q.in_area("s.unit_id", &area);
    q.statement(format!(
        "WITH held AS MATERIALIZED (
  SELECT product_id, stars, number, issued_on, expires_on
    FROM (SELECT c.product_id, c.stars, c.number, c.issued_on, c.expires_on,
                 ROW_NUMBER() OVER (PARTITION BY c.product_id
                                    ORDER BY c.issued_on DESC, c.id DESC) AS nth
            FROM certificate c
            JOIN subject s ON s.id = c.subject_id
            {re_rating}
           WHERE {in_area} AND {in_force}) x
   WHERE nth = 1
)
SELECT u.code, u.name, s.name, p.name, ps.code, ps.name, CAST(h.stars AS BIGINT), h.number,
       h.issued_on, h.expires_on
  FROM product p
  JOIN subject s ON s.id = p.subject_id
  JOIN admin_unit u ON u.id = s.unit_id
  JOIN product_category ps ON ps.id = p.category_id
  LEFT JOIN held h ON h.product_id = p.id
 WHERE {in_area} AND p.created_at < {end}
 ORDER BY u.code, u.id, s.name, s.id, p.name, p.id"
    ))
}
