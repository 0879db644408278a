//! Opaque cursors. A client passes them back unchanged; their content is ours to change (the `v1`
//! tag says which shape), so they are base64url text rather than documented fields.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDate;
use uuid::Uuid;

/// Where a feed page ends: the last product id served (the feed is ordered by id, which never
/// changes, so paging over a catalogue that changes underneath serves every entry present
/// throughout exactly once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedCursor {
    pub after: Uuid,
}

impl FeedCursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("f1.{}", self.after.simple()))
    }

    pub fn decode(text: &str) -> Option<Self> {
        let raw = URL_SAFE_NO_PAD.decode(text.trim()).ok()?;
        let raw = String::from_utf8(raw).ok()?;
        let id = raw.strip_prefix("f1.")?;
        Some(Self {
            after: Uuid::parse_str(id).ok()?,
        })
    }
}

/// A position in the changes feed: the catalogue's events in the outbox up to `position`, and
/// the lapses brought by time up to (`lapse_day`, `lapse_id`) in (day, product id) order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangesCursor {
    pub position: i64,
    pub lapse_day: NaiveDate,
    pub lapse_id: Uuid,
}

impl ChangesCursor {
    /// Before everything: no event, and no lapse (the catalogue has none before 1970; a date
    /// every database binds and `%Y%m%d` writes back).
    pub fn start() -> Self {
        Self {
            position: 0,
            lapse_day: NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default(),
            lapse_id: Uuid::nil(),
        }
    }

    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!(
            "c1.{}.{}.{}",
            self.position,
            self.lapse_day.format("%Y%m%d"),
            self.lapse_id.simple()
        ))
    }

    pub fn decode(text: &str) -> Option<Self> {
        let raw = URL_SAFE_NO_PAD.decode(text.trim()).ok()?;
        let raw = String::from_utf8(raw).ok()?;
        let mut parts = raw.strip_prefix("c1.")?.split('.');
        let position = parts.next()?.parse().ok()?;
        let lapse_day = NaiveDate::parse_from_str(parts.next()?, "%Y%m%d").ok()?;
        let lapse_id = Uuid::parse_str(parts.next()?).ok()?;
        if parts.next().is_some() || position < 0 {
            return None;
        }
        Some(Self {
            position,
            lapse_day,
            lapse_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_read_back_and_garbage_does_not() {
        let feed = FeedCursor {
            after: Uuid::from_u128(42),
        };
        assert_eq!(FeedCursor::decode(&feed.encode()), Some(feed));
        let changes = ChangesCursor {
            position: 17,
            lapse_day: NaiveDate::from_ymd_opt(2027, 3, 10).unwrap_or_default(),
            lapse_id: Uuid::from_u128(7),
        };
        assert_eq!(ChangesCursor::decode(&changes.encode()), Some(changes));
        assert_eq!(
            ChangesCursor::decode(&ChangesCursor::start().encode()),
            Some(ChangesCursor::start())
        );
        for junk in ["", "abc", "YzEuLTEuMjAyNzAzMTAuMA", &feed.encode()] {
            assert_eq!(ChangesCursor::decode(junk), None, "{junk}");
        }
        assert_eq!(FeedCursor::decode(&changes.encode()), None);
    }
}
