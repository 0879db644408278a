//! The feed: the entries in force on a day, filtered and paged by product id, each one SQL
//! statement. An entry is in force on day D when `issued_on <= D < lapses_on`; its version as
//! platforms see it is computed from the stored facts on the day of the request, never stored. Public reads: no scope, public fields only.

use chrono::NaiveDate;
use ocop_core::text::{fold, like_contains};
use ocop_core::{DomainError, DomainResult};
use sea_orm::{ConnectionTrait, Statement, Value};
use uuid::Uuid;

use super::item_row::{ITEM_COLUMNS, ItemRow, item_from_row};
use crate::{CatalogueItem, FeedCursor, FeedQuery};

/// The rows' entries on `today` (every row read is in force: the statements say so).
fn items(rows: &[ItemRow], today: NaiveDate) -> DomainResult<Vec<CatalogueItem>> {
    rows.iter()
        .filter_map(|row| item_from_row(row, today).transpose())
        .collect()
}

async fn read<C: ConnectionTrait>(
    db: &C,
    sql: String,
    values: Vec<Value>,
) -> DomainResult<Vec<ItemRow>> {
    let statement = Statement::from_sql_and_values(db.get_database_backend(), sql, values);
    let mut out = Vec::new();
    for row in db.query_all_raw(statement).await? {
        out.extend(ItemRow::read(&row)?);
    }
    Ok(out)
}

/// Words of `q` that filter; more add nothing a platform needs and cost a scan each.
const MAX_WORDS: usize = 8;

/// One page of the feed on `today`: the items and, when there are more, the cursor after the
/// last. The cursor is decoded by the caller (a bad one is the client's error).
pub async fn page<C: ConnectionTrait>(
    db: &C,
    query: &FeedQuery,
    after: Option<FeedCursor>,
    today: NaiveDate,
) -> DomainResult<(Vec<CatalogueItem>, Option<FeedCursor>)> {
    let limit = query.limit();
    let mut sql = format!(
        "SELECT {ITEM_COLUMNS} FROM catalogue_item ci WHERE ci.issued_on <= $1 AND ci.lapses_on > $1"
    );
    let mut values: Vec<Value> = vec![today.into()];
    let mut filter = |sql_part: &str, value: Value| {
        values.push(value);
        sql.push_str(&sql_part.replace('?', &format!("${}", values.len())));
    };
    if let Some(set) = &query.product_set {
        filter(" AND ci.product_set = ?", set.trim().into());
    }
    if let Some(sector) = &query.sector {
        filter(" AND ci.sector = ?", sector.trim().into());
    }
    if let Some(stars) = query.min_stars {
        filter(" AND ci.stars >= ?", i32::from(stars).into());
    }
    if let Some(province) = &query.province {
        filter(" AND ci.province_code = ?", province.trim().into());
    }
    if let Some(commune) = &query.commune {
        filter(" AND ci.commune_code = ?", commune.trim().into());
    }
    // Every word must appear, in any order: "mat ong dak lak" finds "Mật ong hoa Đắk Lắk".
    let words = query.q.as_deref().map(fold).unwrap_or_default();
    for word in words.split(' ').filter(|w| !w.is_empty()).take(MAX_WORDS) {
        filter(
            " AND ci.search_text LIKE ? ESCAPE '\\'",
            like_contains(word).into(),
        );
    }
    if let Some(since) = query.updated_since {
        filter(" AND ci.updated_at >= ?", since.into());
    }
    if let Some(after) = after {
        filter(" AND ci.product_id > ?", after.after.into());
    }
    // One more than asked: whether a next page exists, without a count.
    filter(
        " ORDER BY ci.product_id LIMIT ?",
        i64::try_from(limit + 1).unwrap_or(i64::MAX).into(),
    );
    let mut rows = read(db, sql, values).await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next = more
        .then(|| {
            rows.last().map(|r| FeedCursor {
                after: r.product_id,
            })
        })
        .flatten();
    Ok((items(&rows, today)?, next))
}

/// The entry of `product_id` when it is in the catalogue on `today`.
pub async fn one<C: ConnectionTrait>(
    db: &C,
    product_id: Uuid,
    today: NaiveDate,
) -> DomainResult<CatalogueItem> {
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM catalogue_item ci \
          WHERE ci.product_id = $1 AND ci.issued_on <= $2 AND ci.lapses_on > $2"
    );
    let rows = read(db, sql, vec![product_id.into(), today.into()]).await?;
    items(&rows, today)?
        .pop()
        .ok_or(DomainError::not_found("product"))
}

/// An image of a product that holds or held a certificate (it has an entry, in force or not):
/// its type and the SHA-256 naming its bytes. Images of other products are not public.
pub async fn image<C: ConnectionTrait>(
    db: &C,
    product_id: Uuid,
    image_id: Uuid,
) -> DomainResult<(String, String)> {
    const IMAGE: &str = r#"
SELECT i.content_type, i.sha256
  FROM product_image i
  JOIN catalogue_item ci ON ci.product_id = i.product_id
 WHERE i.id = $1 AND i.product_id = $2
"#;
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        IMAGE,
        [image_id.into(), product_id.into()],
    );
    let row = db
        .query_one_raw(statement)
        .await?
        .ok_or(DomainError::not_found("image"))?;
    Ok((row.try_get("", "content_type")?, row.try_get("", "sha256")?))
}

/// The position of the catalogue's last change (0 before any). Every change of an entry is
/// announced by one `catalogue.*` event, so a page is a function of the request, the day and
/// this position: its ETag can be known before the page is read.
pub async fn last_change<C: ConnectionTrait>(db: &C) -> DomainResult<i64> {
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        "SELECT COALESCE(MAX(position), 0) AS position FROM outbox_event WHERE entity = $1",
        [crate::events::ENTITY.into()],
    );
    let row = db
        .query_one_raw(statement)
        .await?
        .ok_or_else(|| DomainError::Internal("MAX(position) returned no row".into()))?;
    Ok(row.try_get("", "position")?)
}
