//! The application state every handler shares. Its own module so that routes and extractors
//! depend on it without depending on `startup`, which builds it and depends on the routes.

use ocop_core::Clock;
use ocop_core::store::blobs::BlobDir;
use ocop_core::store::units;
use sea_orm::DatabaseConnection;

use crate::auth::{Passwords, Tokens};
use crate::settings::PublicUrl;

/// What every handler shares. All of it is either immutable or lives in the database.
pub struct AppState {
    /// Reads. Changes go through `writer` (see [`crate::startup::Databases`]).
    pub db: DatabaseConnection,
    pub writer: DatabaseConnection,
    /// The public reads (feed, one product, verification, snapshots): a read replica when
    /// `OCOP_READ_DATABASE_URL` names one, else the same pool as `db`.
    pub public_db: DatabaseConnection,
    /// Each unit's subtree, for the callers' scopes.
    pub subtrees: units::SubtreeCache,
    /// The only source of the date and time (`OCOP_TODAY` fixes the day).
    pub clock: Clock,
    /// Where the public reaches the platform (`OCOP_PUBLIC_URL`), for verification addresses.
    pub public_url: PublicUrl,
    pub tokens: Tokens,
    pub passwords: Passwords,
    pub files: BlobDir,
    /// Whether webhook endpoints may point at private and loopback addresses.
    pub webhook_allow_private: bool,
    /// The quotas of the public paths (see [`crate::rate_limit`]).
    pub rate_limits: crate::rate_limit::RateLimits,
    /// Snapshots streaming at once: each holds a pooled connection for as long as its client
    /// reads, so a few slow downloads must not take the pool from every other public read.
    pub snapshot_streams: std::sync::Arc<tokio::sync::Semaphore>,
    /// Feed pages this process served, by their ETag (see [`crate::public_cache::PageCache`]).
    pub feed_pages: crate::public_cache::PageCache,
    /// The catalogue's last change, the feed's ETag input, kept for a moment (see
    /// [`ocop_catalogue::store::last_change`]).
    pub catalogue_last_change: ocop_catalogue::store::last_change::LastChange,
}
