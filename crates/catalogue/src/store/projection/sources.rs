//! What an entry is made of, read in batches for all the products a change touches: one
//! statement for the products with their producer, classification and current certificate, one
//! for the images, one for the listings, one for the points of sale, one for the origin units
//! (as they stand today, with the pre-2025 units they took over). Never one per product.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use ocop_core::DomainResult;
use ocop_evaluations::DossierType;
use sea_orm::{ConnectionTrait, FromQueryResult, Statement, Value};
use uuid::Uuid;

use super::triggers::in_list;
use crate::{Coded, FormerUnit, ItemListing, ItemPointOfSale};

/// `$1` the re-rating dossier type; the product ids from `$2`. The current certificate is the
/// latest issued (by issue day, then id); the re-rating facts are those
/// `ocop_evaluations::store::public` reads: the product's first re-rating filed after it.
const PRODUCTS: &str = r#"
SELECT p.id AS product_id, p.subject_id, p.name, p.description, p.price_min, p.price_max,
       p.gtin, p.origin_unit_id,
       s.name AS subject_name, s.kind AS subject_kind,
       ps.code AS set_code, ps.name AS set_name,
       CASE WHEN ps.level = 'sector' THEN ps.code
            WHEN g1.level = 'sector' THEN g1.code ELSE g2.code END AS sector_code,
       CASE WHEN ps.level = 'sector' THEN ps.name
            WHEN g1.level = 'sector' THEN g1.name ELSE g2.name END AS sector_name,
       c.id AS certificate_id, c.number, c.verification_code, c.stars, c.issuing_body,
       c.issued_on, c.expires_on, c.revoked_on, c.superseded_on,
       r.submitted_on AS re_rating_filed_on, r.decided_on AS re_rating_decided_on
  FROM product p
  JOIN subject s ON s.id = p.subject_id
  JOIN product_category ps ON ps.id = p.category_id
  LEFT JOIN product_category g1 ON g1.id = ps.parent_id
  LEFT JOIN product_category g2 ON g2.id = g1.parent_id
  JOIN certificate c ON c.id = (
       SELECT x.id FROM certificate x WHERE x.product_id = p.id
        ORDER BY x.issued_on DESC, x.id DESC LIMIT 1)
  LEFT JOIN evaluation_cycle r ON r.id = (
       SELECT f.id FROM evaluation_cycle f
        WHERE f.product_id = p.id AND f.dossier_type = $1 AND f.submitted_on > c.issued_on
        ORDER BY f.submitted_on LIMIT 1)
 WHERE p.id IN ({ids})
"#;

/// A product with a certificate, and what its entry shows of it.
#[derive(Debug, Clone, FromQueryResult)]
pub(crate) struct ProductRow {
    pub product_id: Uuid,
    pub subject_id: Uuid,
    pub name: String,
    pub description: String,
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    pub gtin: Option<String>,
    pub origin_unit_id: i32,
    pub subject_name: String,
    pub subject_kind: String,
    pub set_code: String,
    pub set_name: String,
    pub sector_code: Option<String>,
    pub sector_name: Option<String>,
    pub certificate_id: Uuid,
    pub number: String,
    pub verification_code: String,
    pub stars: i32,
    pub issuing_body: String,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub revoked_on: Option<NaiveDate>,
    pub superseded_on: Option<NaiveDate>,
    pub re_rating_filed_on: Option<NaiveDate>,
    pub re_rating_decided_on: Option<NaiveDate>,
}

/// Everything the entries of a batch of products are built from.
#[derive(Debug, Default)]
pub(crate) struct Sources {
    pub products: Vec<ProductRow>,
    /// Image ids per product, in upload order.
    pub images: HashMap<Uuid, Vec<Uuid>>,
    pub listings: HashMap<Uuid, Vec<ItemListing>>,
    pub points: HashMap<Uuid, Vec<ItemPointOfSale>>,
    /// Per origin unit id.
    pub origins: HashMap<i32, OriginUnits>,
}

/// An origin unit as it stands on the day of the write.
#[derive(Debug, Clone, Default)]
pub(crate) struct OriginUnits {
    pub commune: Option<Coded>,
    pub province: Option<Coded>,
    /// The unit itself, when it resolves to no commune in force.
    pub own: Option<Coded>,
    pub former: Vec<FormerUnit>,
}

fn values_of(ids: &[Uuid]) -> impl Iterator<Item = Value> + '_ {
    ids.iter().map(|id| Value::from(*id))
}

async fn rows<C: ConnectionTrait>(
    db: &C,
    sql: String,
    values: Vec<Value>,
) -> DomainResult<Vec<sea_orm::QueryResult>> {
    let statement = Statement::from_sql_and_values(db.get_database_backend(), sql, values);
    Ok(db.query_all_raw(statement).await?)
}

/// Reads the sources of `ids` on `today` (the day the origin units are taken as they stand).
pub(crate) async fn read<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
    today: NaiveDate,
) -> DomainResult<Sources> {
    let mut out = Sources::default();
    if ids.is_empty() {
        return Ok(out);
    }
    let mut values = vec![Value::from(DossierType::ReRating.as_str())];
    values.extend(values_of(ids));
    let sql = PRODUCTS.replace("{ids}", &in_list(2, ids.len()));
    out.products = ProductRow::find_by_statement(Statement::from_sql_and_values(
        db.get_database_backend(),
        sql,
        values,
    ))
    .all(db)
    .await?;
    let certified: Vec<Uuid> = out.products.iter().map(|p| p.product_id).collect();
    if certified.is_empty() {
        return Ok(out);
    }
    out.images = images(db, &certified).await?;
    out.listings = listings(db, &certified).await?;
    out.points = points(db, &certified).await?;
    let units: BTreeSet<i32> = out.products.iter().map(|p| p.origin_unit_id).collect();
    out.origins = origins(db, &units.into_iter().collect::<Vec<_>>(), today).await?;
    Ok(out)
}

async fn images<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> DomainResult<HashMap<Uuid, Vec<Uuid>>> {
    let sql = format!(
        "SELECT product_id, id FROM product_image WHERE product_id IN ({}) \
         ORDER BY product_id, created_at, id",
        in_list(1, ids.len())
    );
    let mut out: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for row in rows(db, sql, values_of(ids).collect()).await? {
        out.entry(row.try_get("", "product_id")?)
            .or_default()
            .push(row.try_get("", "id")?);
    }
    Ok(out)
}

async fn listings<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> DomainResult<HashMap<Uuid, Vec<ItemListing>>> {
    let sql = format!(
        "SELECT product_id, platform, url, since, until FROM ecommerce_listing \
         WHERE product_id IN ({}) ORDER BY product_id, since, id",
        in_list(1, ids.len())
    );
    let mut out: HashMap<Uuid, Vec<ItemListing>> = HashMap::new();
    for row in rows(db, sql, values_of(ids).collect()).await? {
        out.entry(row.try_get("", "product_id")?)
            .or_default()
            .push(ItemListing {
                platform: row.try_get("", "platform")?,
                url: row.try_get("", "url")?,
                since: row.try_get("", "since")?,
                until: row.try_get("", "until")?,
            });
    }
    Ok(out)
}

/// The points of sale where the product is on sale: its sale not ended, the point not closed.
async fn points<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> DomainResult<HashMap<Uuid, Vec<ItemPointOfSale>>> {
    let sql = format!(
        "SELECT pp.product_id, s.name, s.kind, s.address, s.latitude, s.longitude, \
                u.code AS unit_code, u.name AS unit_name \
           FROM point_of_sale_product pp \
           JOIN point_of_sale s ON s.id = pp.point_of_sale_id \
           LEFT JOIN admin_unit u ON u.id = s.unit_id \
          WHERE pp.product_id IN ({}) AND pp.until IS NULL AND s.closed_on IS NULL \
          ORDER BY pp.product_id, s.name, s.id",
        in_list(1, ids.len())
    );
    let mut out: HashMap<Uuid, Vec<ItemPointOfSale>> = HashMap::new();
    for row in rows(db, sql, values_of(ids).collect()).await? {
        let code: Option<String> = row.try_get("", "unit_code")?;
        let name: Option<String> = row.try_get("", "unit_name")?;
        let address: String = row.try_get("", "address")?;
        out.entry(row.try_get("", "product_id")?)
            .or_default()
            .push(ItemPointOfSale {
                name: row.try_get("", "name")?,
                kind: row.try_get("", "kind")?,
                address: Some(address).filter(|a| !a.trim().is_empty()),
                commune: code.zip(name).map(|(code, name)| Coded { code, name }),
                latitude: row.try_get("", "latitude")?,
                longitude: row.try_get("", "longitude")?,
            });
    }
    Ok(out)
}

/// `$1` the day; unit ids from `$2`. Through the closure (parent → child, new unit → the old
/// units it absorbed), a unit's ancestors in force are the commune and province it belongs to
/// today; the commune's descendants no longer in force are the pre-2025 communes it took over,
/// with their district and province.
const ORIGINS: &str = r#"
SELECT o.id AS origin_id, o.code AS own_code, o.name AS own_name,
       c.id AS commune_id, c.code AS commune_code, c.name AS commune_name,
       p.code AS province_code, p.name AS province_name,
       f.code AS former_code, f.name AS former_name,
       d.code AS parent_code, d.name AS parent_name, d.level AS parent_level,
       dp.code AS grand_code, dp.name AS grand_name
  FROM admin_unit o
  LEFT JOIN (SELECT a.descendant_id AS unit_id, u.id, u.code, u.name
               FROM admin_unit_closure a JOIN admin_unit u ON u.id = a.ancestor_id
              WHERE u.level = 'commune'
                AND (u.valid_from IS NULL OR u.valid_from <= $1)
                AND (u.valid_to IS NULL OR u.valid_to >= $1)) c ON c.unit_id = o.id
  LEFT JOIN (SELECT a.descendant_id AS unit_id, u.code, u.name
               FROM admin_unit_closure a JOIN admin_unit u ON u.id = a.ancestor_id
              WHERE u.level = 'province'
                AND (u.valid_from IS NULL OR u.valid_from <= $1)
                AND (u.valid_to IS NULL OR u.valid_to >= $1)) p
         ON p.unit_id = COALESCE(c.id, o.id)
  LEFT JOIN (SELECT a.ancestor_id AS commune_id, u.code, u.name, u.parent_id
               FROM admin_unit_closure a JOIN admin_unit u ON u.id = a.descendant_id
              WHERE u.level = 'commune' AND u.valid_to IS NOT NULL AND u.valid_to < $1) f
         ON f.commune_id = c.id
  LEFT JOIN admin_unit d ON d.id = f.parent_id
  LEFT JOIN admin_unit dp ON dp.id = d.parent_id
 WHERE o.id IN ({ids})
 ORDER BY o.id, c.code, f.code
"#;

async fn origins<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
    today: NaiveDate,
) -> DomainResult<HashMap<i32, OriginUnits>> {
    let mut values = vec![Value::from(today)];
    values.extend(ids.iter().map(|id| Value::from(*id)));
    let sql = ORIGINS.replace("{ids}", &in_list(2, ids.len()));
    let mut out: HashMap<i32, OriginUnits> = HashMap::new();
    // A commune split in 2025 went to two new ones: the first by code is the origin's.
    let mut chosen: HashMap<i32, i32> = HashMap::new();
    for row in rows(db, sql, values).await? {
        let origin: i32 = row.try_get("", "origin_id")?;
        let entry = out.entry(origin).or_default();
        entry.own = Some(Coded {
            code: row.try_get("", "own_code")?,
            name: row.try_get("", "own_name")?,
        });
        let commune_id: Option<i32> = row.try_get("", "commune_id")?;
        if let Some(commune_id) = commune_id {
            if *chosen.entry(origin).or_insert(commune_id) != commune_id {
                continue;
            }
            entry.commune = Some(Coded {
                code: row.try_get("", "commune_code")?,
                name: row.try_get("", "commune_name")?,
            });
        }
        let province_code: Option<String> = row.try_get("", "province_code")?;
        let province_name: Option<String> = row.try_get("", "province_name")?;
        if let Some((code, name)) = province_code.zip(province_name) {
            entry.province = Some(Coded { code, name });
        }
        if let Some(former) = former_of(&row)?
            && !entry.former.contains(&former)
        {
            entry.former.push(former);
        }
    }
    Ok(out)
}

/// The pre-2025 commune on a row, with its district (when it had one) and province.
fn former_of(row: &sea_orm::QueryResult) -> DomainResult<Option<FormerUnit>> {
    let code: Option<String> = row.try_get("", "former_code")?;
    let name: Option<String> = row.try_get("", "former_name")?;
    let Some(commune) = code.zip(name).map(|(code, name)| Coded { code, name }) else {
        return Ok(None);
    };
    let parent = coded(row, "parent_code", "parent_name")?;
    let grand = coded(row, "grand_code", "grand_name")?;
    let parent_level: Option<String> = row.try_get("", "parent_level")?;
    let (district, province) = if parent_level.as_deref() == Some("district") {
        (parent, grand)
    } else {
        (None, parent)
    };
    Ok(province.map(|province| FormerUnit {
        commune,
        district,
        province,
    }))
}

fn coded(row: &sea_orm::QueryResult, code: &str, name: &str) -> DomainResult<Option<Coded>> {
    let code: Option<String> = row.try_get("", code)?;
    let name: Option<String> = row.try_get("", name)?;
    Ok(code.zip(name).map(|(code, name)| Coded { code, name }))
}
