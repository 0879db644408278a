//! The reference data the server loaded at start, read back: the province's communes in force,
//! the product sets of the classification in force with their criteria sheets.

use ocop_evaluations::CriteriaSheet;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement, Value};

/// The demo province (Đắk Lắk, code 66 since 1 July 2025): its whole unit tree.
pub const PROVINCE_CODE: &str = "66";
/// The tourism set takes only tourism subjects; the generator leaves it out.
const TOURISM_PREFIX: &str = "VI.";

pub struct Commune {
    pub id: i32,
    pub name: String,
}

pub struct ProductSet {
    pub category_id: i32,
    pub code: String,
    pub criteria_set_id: i32,
    pub instrument: String,
    pub sheet: CriteriaSheet,
}

pub struct Reference {
    pub province_id: i32,
    pub province_name: String,
    pub communes: Vec<Commune>,
    pub sets: Vec<ProductSet>,
}

const COMMUNES: &str = r#"
SELECT u.id, u.name, p.id AS province_id, p.name AS province_name
  FROM admin_unit p
  JOIN admin_unit_closure c ON c.ancestor_id = p.id
  JOIN admin_unit u ON u.id = c.descendant_id
 WHERE p.code = $1 AND p.level = 'province' AND p.valid_to IS NULL
   AND u.level = 'commune' AND u.valid_to IS NULL
 ORDER BY u.code
"#;

/// Each product set of the newest classification with the newest criteria set for its code.
const SETS: &str = r#"
SELECT pc.id AS category_id, pc.code, cs.id AS criteria_set_id, cs.sheet, i.code AS instrument
  FROM product_category pc
  JOIN classification_version v ON v.id = pc.version_id
  JOIN criteria_set cs ON cs.product_set = pc.code
  JOIN criteria_instrument i ON i.id = cs.instrument_id
 WHERE pc.level = 'product_set'
   AND v.effective_from = (SELECT MAX(effective_from) FROM classification_version)
   AND i.effective_from = (SELECT MAX(effective_from) FROM criteria_instrument j
                            WHERE EXISTS (SELECT 1 FROM criteria_set y WHERE y.instrument_id = j.id))
   AND cs.version = (SELECT MAX(x.version) FROM criteria_set x
                      WHERE x.instrument_id = cs.instrument_id AND x.product_set = cs.product_set)
 ORDER BY pc.code
"#;

pub async fn read(db: &DatabaseConnection) -> Result<Reference, DbErr> {
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            COMMUNES,
            [Value::from(PROVINCE_CODE)],
        ))
        .await?;
    let mut province_id = 0;
    let mut province_name = String::new();
    let mut communes = Vec::with_capacity(rows.len());
    for row in rows {
        province_id = row.try_get("", "province_id")?;
        province_name = row.try_get("", "province_name")?;
        communes.push(Commune {
            id: row.try_get("", "id")?,
            name: row.try_get("", "name")?,
        });
    }
    let mut sets = Vec::new();
    for row in db
        .query_all_raw(Statement::from_string(backend, SETS))
        .await?
    {
        let code: String = row.try_get("", "code")?;
        if code.starts_with(TOURISM_PREFIX) {
            continue;
        }
        let sheet: String = row.try_get("", "sheet")?;
        let sheet = serde_json::from_str(&sheet)
            .map_err(|e| DbErr::Custom(format!("criteria sheet of {code}: {e}")))?;
        sets.push(ProductSet {
            category_id: row.try_get("", "category_id")?,
            code,
            criteria_set_id: row.try_get("", "criteria_set_id")?,
            instrument: row.try_get("", "instrument")?,
            sheet,
        });
    }
    if communes.is_empty() || sets.is_empty() {
        return Err(DbErr::Custom(format!(
            "reference data missing: {} communes of province {PROVINCE_CODE}, {} product sets with criteria",
            communes.len(),
            sets.len()
        )));
    }
    Ok(Reference {
        province_id,
        province_name,
        communes,
        sets,
    })
}
