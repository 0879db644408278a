//! Snapshots: every entry in force, streamed in product id order, with the changes-feed cursor
//! at which they were read. One statement reads both — the entries and the outbox's head as a
//! column — so they come from one consistent read on both databases (a PostgreSQL statement sees
//! one snapshot; an SQLite statement runs in one read transaction). A platform that loads the
//! snapshot and follows the changes feed from its cursor therefore misses nothing and sees
//! nothing twice: every write after the read has a position after the head, and every lapse it
//! has not seen falls on a day after the snapshot's.
//!
//! The rows are streamed: the catalogue is never held in memory whole.

use std::pin::Pin;

use chrono::{DateTime, Utc};
use futures_util::{Stream, StreamExt};
use ocop_core::clock::vietnam_day;
use ocop_core::{DomainError, DomainResult};
use sea_orm::{ConnectionTrait, Statement, StreamTrait};
use uuid::Uuid;

use super::item_row::{ITEM_COLUMNS, ItemRow, item_from_row};
use crate::{CatalogueItem, ChangesCursor};

/// The entries of a snapshot, in product id order.
pub type Entries<'a> = Pin<Box<dyn Stream<Item = DomainResult<CatalogueItem>> + Send + 'a>>;

/// The catalogue as it stands at `now`, and the changes-feed cursor to follow it from. The
/// statement starts before this returns (it reads the cursor from the first row); the entries
/// follow as the caller pulls them.
pub async fn open<'a, C>(
    db: &'a C,
    now: DateTime<Utc>,
) -> DomainResult<(ChangesCursor, Entries<'a>)>
where
    C: StreamTrait + ConnectionTrait,
{
    let today = vietnam_day(now);
    // From the head's one row, so an empty catalogue still answers with its cursor.
    let sql = format!(
        "SELECT h.outbox_position AS head_position, {ITEM_COLUMNS} \
           FROM change_head h \
           LEFT JOIN catalogue_item ci ON ci.issued_on <= $1 AND ci.lapses_on > $1 \
          WHERE h.id = 1 \
          ORDER BY ci.product_id"
    );
    let statement = Statement::from_sql_and_values(
        ConnectionTrait::get_database_backend(db),
        sql,
        [today.into()],
    );
    let mut rows = Box::pin(db.stream_raw(statement).await?);
    let first = rows
        .next()
        .await
        .transpose()?
        .ok_or_else(|| DomainError::Internal("change_head is missing".into()))?;
    let cursor = ChangesCursor {
        position: first.try_get("", "head_position")?,
        lapse_day: today,
        lapse_id: Uuid::max(),
    };
    let entries = futures_util::stream::once(async move { Ok(first) })
        .chain(rows)
        .filter_map(move |row| {
            let item = row
                .map_err(DomainError::from)
                .and_then(|row| match ItemRow::read(&row)? {
                    Some(row) => item_from_row(&row, today),
                    None => Ok(None),
                })
                .transpose();
            std::future::ready(item)
        });
    Ok((cursor, Box::pin(entries)))
}
