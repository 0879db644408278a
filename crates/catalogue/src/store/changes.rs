//! The changes feed: the catalogue's events in the outbox after a position, merged with the
//! lapses the passing of time brought (`catalogue_item.lapses_by_time_on`), in one order.
//!
//! Two statements a page: the outbox events of entity `catalogue_item` after the cursor's
//! position (the outbox's positions follow commit order, so a reader never sees position n + 1
//! before n and paging under concurrent writers skips nothing), each with its entry as it stands
//! now; and the entries whose lapse day passed after the cursor's lapse key, up to today. The two
//! are merged by instant (an event's `at`, a lapse's first instant of its day in Vietnam; the
//! event first on a tie). Every change carries the entry as it stands at `now` (or none when it
//! is out of force), so a mirror that applies the changes in order converges to the live feed
//! whatever it read before.
//!
//! A lapse counts here only when it comes by time: when the entry's last write happened before
//! the lapse day (the projection then stores the day in `lapses_by_time_on`, indexed with the
//! product id, so this walk is an index range). A write that itself took the entry out (a revocation dated today or earlier, a
//! certificate issued already expired) is announced by its own event, at its own position, and
//! is not told twice.

use chrono::{DateTime, Months, NaiveDate, Utc};
use ocop_core::DomainResult;
use ocop_core::clock::{start_of_vietnam_day, vietnam_day};
use sea_orm::{ConnectionTrait, DbBackend, QueryResult, Statement};
use uuid::Uuid;

use super::item_row::{ITEM_COLUMNS, ItemRow, item_from_row};
use crate::events::{ENTITY, kind_of};
use crate::{CatalogueItem, ChangeKind, ChangesCursor};

/// How long a cursor is served: longer than a certificate's life (36 months), so a platform that
/// polls at all never needs to start over.
pub const CURSOR_LIFE_MONTHS: u32 = 48;

/// One change as the store reads it; the api makes the item's URLs absolute.
#[derive(Debug, Clone)]
pub struct ChangeRecord {
    /// The cursor just after this change.
    pub cursor: ChangesCursor,
    /// What the change is, whichever cursor it was read from.
    pub identity: ChangeIdentity,
    pub kind: ChangeKind,
    pub product_id: Uuid,
    pub version: i32,
    pub at: DateTime<Utc>,
    /// The entry as it stands at `now` when it is in force, else `None`.
    pub item: Option<CatalogueItem>,
}

/// A change's own identity: its outbox position, or the lapse day and product of a lapse by
/// time. Unlike the cursor after it (which also carries where the reader stood in the other
/// source), it is the same from wherever the change is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeIdentity {
    Event(i64),
    Lapse(NaiveDate, Uuid),
}

impl ChangeIdentity {
    /// A stable text for the identity (message ids are derived from it).
    pub fn key(self) -> String {
        match self {
            Self::Event(position) => format!("event.{position}"),
            Self::Lapse(day, product) => format!("lapse.{day}.{}", product.simple()),
        }
    }
}

/// Why a cursor is no longer served (the api answers 410 with a link to the snapshot).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gone {
    /// Past the outbox's head: not a cursor this database gave.
    BeyondHead,
    /// Its lapse day is after today.
    FutureLapseDay,
    /// Its position and its lapse key are both older than [`CURSOR_LIFE_MONTHS`].
    TooOld,
}

impl Gone {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BeyondHead => "beyond_head",
            Self::FutureLapseDay => "future_lapse_day",
            Self::TooOld => "too_old",
        }
    }
}

/// Lapse keys start here: no entry lapsed before it. (`ChangesCursor::start()` says
/// `NaiveDate::MIN`, which neither PostgreSQL's dates hold nor the cursor's text form reads back.)
fn lapse_floor() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// Before everything, in a form that encodes and reads back.
pub fn start() -> ChangesCursor {
    normalized(ChangesCursor::start())
}

/// The same position with a lapse key no earlier than [`lapse_floor`].
fn normalized(cursor: ChangesCursor) -> ChangesCursor {
    if cursor.lapse_day < lapse_floor() {
        ChangesCursor {
            lapse_day: lapse_floor(),
            lapse_id: Uuid::nil(),
            ..cursor
        }
    } else {
        cursor
    }
}

/// `catalogue_item` joined to an outbox event by the event's `entity_id` (uuid text): a uuid on
/// PostgreSQL, 16 bytes on SQLite.
fn event_entry_key(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => "CAST(o.entity_id AS uuid)",
        _ => "unhex(replace(o.entity_id, '-', ''))",
    }
}

/// Up to `limit` changes after `cursor`, as of the instant `now` (lapses up to `now`'s day in
/// Vietnam count).
pub async fn after<C: ConnectionTrait>(
    db: &C,
    cursor: ChangesCursor,
    limit: u64,
    now: DateTime<Utc>,
) -> DomainResult<Vec<ChangeRecord>> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    let today = vietnam_day(now);
    let cursor = normalized(cursor);
    let events = events_after(db, cursor.position, limit).await?;
    let lapses = lapses_after(db, cursor, today, limit).await?;
    let mut records = Vec::with_capacity(events.len().min(usize::try_from(limit).unwrap_or(0)));
    let mut at = cursor;
    let (mut events, mut lapses) = (events.into_iter().peekable(), lapses.into_iter().peekable());
    while (records.len() as u64) < limit {
        let event_first = match (events.peek(), lapses.peek()) {
            (Some(event), Some(lapse)) => {
                event.at <= start_of_vietnam_day(lapse.lapses_by_time_on.unwrap_or(lapse.lapses_on))
            }
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let record = if event_first {
            let Some(event) = events.next() else { break };
            at.position = event.position;
            ChangeRecord {
                cursor: at,
                identity: ChangeIdentity::Event(event.position),
                kind: event.kind,
                product_id: event.product_id,
                version: event.version,
                at: event.at,
                item: match &event.entry {
                    Some(row) => item_from_row(row, today)?,
                    None => None,
                },
            }
        } else {
            let Some(row) = lapses.next() else { break };
            // The key the walk is ordered by (always `lapses_on` for the rows it returns).
            let day = row.lapses_by_time_on.unwrap_or(row.lapses_on);
            at.lapse_day = day;
            at.lapse_id = row.product_id;
            ChangeRecord {
                cursor: at,
                identity: ChangeIdentity::Lapse(day, row.product_id),
                kind: ChangeKind::parse(&row.lapse_kind).unwrap_or(ChangeKind::Expired),
                product_id: row.product_id,
                version: row.seen_version(today),
                at: start_of_vietnam_day(row.lapses_on),
                item: item_from_row(&row, today)?,
            }
        };
        records.push(record);
    }
    Ok(records)
}

/// Where a reader resumes after a page of `records` read from `cursor` with `limit` at `now`.
/// A short page means both sources were read to their end, so the lapse key moves up to the
/// end of today: the next poll does not walk again the lapses that writes announced (a feed
/// followed from the start would otherwise re-read every lapsed entry on each poll).
pub fn resume_after(
    cursor: ChangesCursor,
    records: &[ChangeRecord],
    limit: u64,
    now: DateTime<Utc>,
) -> ChangesCursor {
    let mut next = records.last().map_or(cursor, |r| r.cursor);
    let today = vietnam_day(now);
    if (records.len() as u64) < limit && next.lapse_day < today {
        next.lapse_day = today;
        next.lapse_id = Uuid::max();
    }
    next
}

/// One catalogue event with its entry as stored now.
struct EventRow {
    position: i64,
    kind: ChangeKind,
    product_id: Uuid,
    version: i32,
    at: DateTime<Utc>,
    entry: Option<ItemRow>,
}

impl EventRow {
    fn read(res: &QueryResult) -> DomainResult<Self> {
        let name: String = res.try_get("", "name")?;
        let entity_id: String = res.try_get("", "entity_id")?;
        let product_id = Uuid::parse_str(&entity_id).map_err(|e| {
            ocop_core::DomainError::Internal(format!("catalogue event {entity_id:?}: {e}"))
        })?;
        Ok(Self {
            position: res.try_get("", "position")?,
            // Every catalogue event is named after a kind; one that is not still moves the entry.
            kind: kind_of(&name).unwrap_or(ChangeKind::Updated),
            product_id,
            version: res.try_get("", "entity_version")?,
            at: res.try_get("", "at")?,
            entry: ItemRow::read(res)?,
        })
    }
}

async fn events_after<C: ConnectionTrait>(
    db: &C,
    position: i64,
    limit: u64,
) -> DomainResult<Vec<EventRow>> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT o.position, o.name, o.entity_id, o.entity_version, o.at, {ITEM_COLUMNS} \
           FROM outbox_event o \
           LEFT JOIN catalogue_item ci ON ci.product_id = {key} \
          WHERE o.entity = $1 AND o.position > $2 \
          ORDER BY o.position \
          LIMIT $3",
        key = event_entry_key(backend)
    );
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [ENTITY.into(), position.into(), limit.into()],
        ))
        .await?;
    rows.iter().map(EventRow::read).collect()
}

async fn lapses_after<C: ConnectionTrait>(
    db: &C,
    cursor: ChangesCursor,
    today: NaiveDate,
    limit: u64,
) -> DomainResult<Vec<ItemRow>> {
    let (day, id) = (cursor.lapse_day, cursor.lapse_id);
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM catalogue_item ci \
          WHERE (ci.lapses_by_time_on, ci.product_id) > ($1, $2) AND ci.lapses_by_time_on <= $3 \
          ORDER BY ci.lapses_by_time_on, ci.product_id \
          LIMIT $4"
    );
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [day.into(), id.into(), today.into(), limit.into()],
        ))
        .await?;
    let mut lapses = Vec::with_capacity(rows.len());
    for row in &rows {
        if let Some(row) = ItemRow::read(row)? {
            lapses.push(row);
        }
    }
    Ok(lapses)
}

/// The current end of the feed: the outbox's head and every lapse up to today.
pub async fn head<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> DomainResult<ChangesCursor> {
    let (position, _) = head_and_event_at(db, 0).await?;
    Ok(ChangesCursor {
        position,
        lapse_day: vietnam_day(now),
        lapse_id: Uuid::max(),
    })
}

/// Whether `cursor` is still served at `now` (an undecodable one is the caller's to refuse).
pub async fn check<C: ConnectionTrait>(
    db: &C,
    cursor: ChangesCursor,
    now: DateTime<Utc>,
) -> DomainResult<Result<(), Gone>> {
    // A day of grace: another process behind this one's clock may have handed the cursor out
    // just after midnight.
    if cursor.lapse_day > vietnam_day(now) + chrono::Days::new(1) {
        return Ok(Err(Gone::FutureLapseDay));
    }
    let (head, event_at) = head_and_event_at(db, cursor.position).await?;
    if cursor.position > head {
        return Ok(Err(Gone::BeyondHead));
    }
    let oldest = now
        .checked_sub_months(Months::new(CURSOR_LIFE_MONTHS))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    // Old by its event and by its lapse key: a reader that kept polling a quiet catalogue holds
    // an old position but a recent lapse key (a caught-up page resumes at the end of the day).
    if event_at.is_some_and(|at| at < oldest) && cursor.lapse_day < vietnam_day(oldest) {
        return Ok(Err(Gone::TooOld));
    }
    Ok(Ok(()))
}

/// The outbox's head position and the instant of the event at `position` (if any), in one read.
async fn head_and_event_at<C: ConnectionTrait>(
    db: &C,
    position: i64,
) -> DomainResult<(i64, Option<DateTime<Utc>>)> {
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            "SELECT h.outbox_position AS head, \
                    (SELECT o.at FROM outbox_event o WHERE o.position = $1) AS event_at \
               FROM change_head h WHERE h.id = 1",
            [position.into()],
        ))
        .await?
        .ok_or_else(|| ocop_core::DomainError::Internal("change_head is missing".into()))?;
    Ok((row.try_get("", "head")?, row.try_get("", "event_at")?))
}
