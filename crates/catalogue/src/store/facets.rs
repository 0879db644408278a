//! The feed's filter choices on a day: one statement grouping the entries in force by product
//! set, sector and province, with each code's name. Public read: codes, names and counts only.

use chrono::NaiveDate;
use ocop_core::DomainResult;
use sea_orm::{ConnectionTrait, Statement};

use crate::{CatalogueFacets, FacetCount};

/// `$1` the day. Names come from the classification version and the province in force that day;
/// grouping first keeps the name lookups to one per code.
const FACETS: &str = r#"
SELECT 'product_set' AS facet, g.code, g.entries,
       (SELECT pc.name FROM product_category pc
          JOIN classification_version cv ON cv.id = pc.version_id
         WHERE pc.code = g.code AND cv.effective_from <= $1
         ORDER BY cv.effective_from DESC LIMIT 1) AS name
  FROM (SELECT ci.product_set AS code, COUNT(*) AS entries FROM catalogue_item ci
         WHERE ci.issued_on <= $1 AND ci.lapses_on > $1 GROUP BY ci.product_set) g
UNION ALL
SELECT 'sector', g.code, g.entries,
       (SELECT pc.name FROM product_category pc
          JOIN classification_version cv ON cv.id = pc.version_id
         WHERE pc.code = g.code AND cv.effective_from <= $1
         ORDER BY cv.effective_from DESC LIMIT 1)
  FROM (SELECT ci.sector AS code, COUNT(*) AS entries FROM catalogue_item ci
         WHERE ci.issued_on <= $1 AND ci.lapses_on > $1 GROUP BY ci.sector) g
UNION ALL
SELECT 'province', g.code, g.entries,
       (SELECT MIN(u.name) FROM admin_unit u
         WHERE u.code = g.code AND u.level = 'province'
           AND (u.valid_from IS NULL OR u.valid_from <= $1)
           AND (u.valid_to IS NULL OR u.valid_to >= $1))
  FROM (SELECT ci.province_code AS code, COUNT(*) AS entries FROM catalogue_item ci
         WHERE ci.issued_on <= $1 AND ci.lapses_on > $1 GROUP BY ci.province_code) g
"#;

/// The product sets, sectors and provinces of the entries in force on `today`, by code.
pub async fn on_day<C: ConnectionTrait>(db: &C, today: NaiveDate) -> DomainResult<CatalogueFacets> {
    let statement =
        Statement::from_sql_and_values(db.get_database_backend(), FACETS, [today.into()]);
    let mut facets = CatalogueFacets::default();
    for row in db.query_all_raw(statement).await? {
        let facet: String = row.try_get("", "facet")?;
        let code: String = row.try_get("", "code")?;
        if code.is_empty() {
            continue;
        }
        let count = FacetCount {
            name: row
                .try_get::<Option<String>>("", "name")?
                .unwrap_or_default(),
            code,
            entries: row.try_get("", "entries")?,
        };
        match facet.as_str() {
            "product_set" => facets.product_sets.push(count),
            "sector" => facets.sectors.push(count),
            _ => facets.provinces.push(count),
        }
    }
    for list in [
        &mut facets.product_sets,
        &mut facets.sectors,
        &mut facets.provinces,
    ] {
        list.sort_by(|a, b| a.code.cmp(&b.code));
    }
    Ok(facets)
}
