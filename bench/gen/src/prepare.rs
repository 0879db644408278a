//! Opens the database and prepares it as the API's start-up does
//! (`ocop_api::startup::prepare_database`: migrations, then the reference units, classification
//! and criteria), without depending on the API crate.

use ocop_core::Clock;
use ocop_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::SqliteJournalMode;
use sea_orm::{ConnectOptions, Database, DatabaseConnection};

pub async fn open(url: &str, clock: Clock) -> Result<DatabaseConnection, String> {
    let mut options = ConnectOptions::new(url.to_string());
    // One connection: the load is one transaction, and SQLite takes one writer anyway.
    options.sqlx_logging(false).max_connections(1);
    if url.starts_with("sqlite") {
        options.map_sqlx_sqlite_opts(|o| o.journal_mode(SqliteJournalMode::Wal));
    }
    let db = Database::connect(options)
        .await
        .map_err(|e| format!("database: {e}"))?;
    Migrator::up(&db, None)
        .await
        .map_err(|e| format!("migrations: {e}"))?;
    let err = |e: ocop_core::DomainError| e.to_string();
    ocop_core::store::units::load_reference_data(&db, clock.now())
        .await
        .map_err(err)?;
    ocop_products::store::classification::load_reference_data(&db, clock.now())
        .await
        .map_err(err)?;
    ocop_evaluations::service::criteria::load_reference_data(&db, clock.now())
        .await
        .map_err(err)?;
    Ok(db)
}
