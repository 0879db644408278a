//! Building and running the server: database, migrations, reference data, the first admin,
//! demo data, then the HTTP app. Tests build it on port 0 against their own database.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, Logger, from_fn};
use actix_web::{App, HttpServer, web};
use ocop_core::Clock;
use ocop_core::service::users;
use ocop_core::store::blobs::BlobDir;
use ocop_core::store::{server_keys, units};
use ocop_migrations::{Migrator, MigratorTrait};
use ocop_products::store::classification;
use sea_orm::sqlx::sqlite::SqliteJournalMode;
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::{Passwords, Tokens, random_token};
use crate::error::{localize, request_id};
use crate::state::AppState;
use crate::{Settings, demo, openapi, routes, spa};

/// The bytes of feed pages a process keeps to serve again (a page of 50 is ~60 KB).
const FEED_PAGES_BUDGET: usize = 32 << 20;
/// How long a process trusts the catalogue's last change it read, towards other processes'
/// commits (its own are seen at once): far under the feed's `max-age=60`. Zero with a read
/// replica.
const LAST_CHANGE_HOLD: std::time::Duration = std::time::Duration::from_secs(1);

pub struct Application {
    port: u16,
    server: Server,
    pub db: DatabaseConnection,
}

impl Application {
    pub async fn build(settings: Settings) -> Result<Self, String> {
        let clock = settings.clock;
        if let Some(day) = clock.fixed_day() {
            log::info!("OCOP_TODAY: the clock is fixed on {day}");
        }
        // Before any change: the catalogue is kept in the transaction of every change.
        ocop_core::store::projection::install(
            vec![ocop_catalogue::store::projection::projection()],
        );
        let Databases { reader, writer } =
            connect(&settings.database_url, settings.db_connections).await?;
        let public_db = match &settings.read_database_url {
            Some(url) => connect(url, settings.db_connections).await?.reader,
            None => reader.clone(),
        };
        // Start-up writes (migrations, reference data, the first admin, the demo) go through the
        // writer like every other change.
        let db = writer.clone();
        prepare_database(&db, clock).await?;
        ocop_catalogue::store::projection::rebuild_all(&db, clock)
            .await
            .map_err(|e| format!("catalogue: {e}"))?;

        let passwords = Passwords::new(4)?;
        if let (Some(email), Some(password)) = (&settings.admin_email, &settings.admin_password) {
            bootstrap_admin(&db, clock, &passwords, email, password).await?;
        }
        if settings.demo {
            demo::seed(&db, clock, &passwords)
                .await
                .map_err(|e| format!("demo data: {e}"))?;
        }

        let secret = match &settings.jwt_secret {
            Some(secret) => secret.clone(),
            None => {
                let candidate = random_token().map_err(|e| e.to_string())?;
                let key = server_keys::shared_key(&db, "jwt_signing", candidate, clock.now())
                    .await
                    .map_err(|e| format!("signing key: {e}"))?;
                log::info!(
                    "OCOP_JWT_SECRET is not set: tokens are signed with the key kept in the database"
                );
                key
            }
        };
        std::fs::create_dir_all(&settings.upload_dir).map_err(|e| format!("upload dir: {e}"))?;
        let state = web::Data::new(AppState {
            db: reader,
            writer,
            public_db,
            subtrees: units::SubtreeCache::default(),
            clock,
            public_url: settings.public_url.clone(),
            tokens: Tokens::new(secret.as_bytes()),
            passwords,
            files: BlobDir(settings.upload_dir.clone()),
            webhook_allow_private: settings.webhook_allow_private,
            rate_limits: crate::rate_limit::RateLimits::new(settings.public_rate),
            snapshot_streams: Arc::new(tokio::sync::Semaphore::new(
                crate::routes::public::snapshots::STREAMS_AT_ONCE,
            )),
            feed_pages: crate::public_cache::PageCache::new(FEED_PAGES_BUDGET),
            // Not with a read replica: what it read there may predate this process's own
            // commits (the replica's lag), and holding it would add a second to that lag.
            catalogue_last_change: ocop_catalogue::store::last_change::LastChange::new(
                if settings.read_database_url.is_some() {
                    std::time::Duration::ZERO
                } else {
                    LAST_CHANGE_HOLD
                },
            ),
        });

        if settings.deliver_webhooks {
            crate::webhook_worker::start(&state);
        }
        let listener = TcpListener::bind((settings.host.as_str(), settings.port))
            .map_err(|e| format!("bind: {e}"))?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let spa_dir = Arc::new(settings.spa_dir.clone());
        let mut server = HttpServer::new(move || {
            let (app, api) = App::new()
                .into_utoipa_app()
                .openapi(openapi::ApiDoc::openapi())
                .app_data(state.clone())
                .app_data(crate::extract::path_config())
                .configure(routes::configure)
                .split_for_parts();
            let api = openapi::finish(api);
            app.wrap(from_fn(crate::rate_limit::rate_limit))
                .wrap(from_fn(localize))
                .wrap(from_fn(crate::security_headers::security_headers))
                .wrap(from_fn(request_id))
                .wrap(Compress::default())
                // Path only: query strings and headers (tokens) never reach the log.
                .wrap(Logger::new("%a %m %U %s %Dms rid=%{x-request-id}o").exclude("/health"))
                .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", api))
                .service(web::redirect("/api/docs", "/api/docs/"))
                .configure(crate::pages::configure)
                .configure(|cfg| spa::configure(cfg, spa_dir.as_ref()))
        })
        .listen(listener)
        .map_err(|e| format!("listen: {e}"))?
        .shutdown_timeout(10);
        if let Some(workers) = settings.workers {
            server = server.workers(workers);
        }
        Ok(Self {
            port,
            server: server.run(),
            db,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Runs until SIGINT/SIGTERM; in-flight requests get up to 10 s to finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// The database as the handlers see it: `reader` for reads, `writer` for every change.
///
/// On PostgreSQL both are the same pool. SQLite allows one writer at a time, and a transaction
/// that starts reading and then writes fails at once ("database is locked") when another
/// connection wrote meanwhile, whatever the busy timeout. So on SQLite every change goes through
/// a pool of exactly one connection, which queues writers in the process, and the readers (WAL
/// journal) never wait for it.
#[derive(Clone)]
pub struct Databases {
    pub reader: DatabaseConnection,
    pub writer: DatabaseConnection,
}

/// How long an SQLite statement waits for a lock held by another process (a backup, a second
/// server on the same file) before it gives up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(30);
/// How much of an SQLite file is read through a memory map (the rest through `read`).
const SQLITE_MMAP_BYTES: u64 = 1 << 30;
const IDLE_BEFORE_PING: Duration = Duration::from_secs(30);

pub async fn connect(url: &str, readers: Option<u32>) -> Result<Databases, String> {
    let open = |max: u32| {
        let mut options = ConnectOptions::new(url.to_string());
        // A ping on every acquire doubles the round trips of a one-statement read (on SQLite a
        // trip to the connection's thread); only a connection idle long enough to have been
        // dropped by the server or a firewall needs one.
        options
            .sqlx_logging(false)
            .max_connections(max)
            .test_before_acquire_if_idle_for(IDLE_BEFORE_PING);
        if is_sqlite(url) {
            options.map_sqlx_sqlite_opts(|o| {
                // Reads of a large file through a memory map skip a system call per page
                // (reports over 100,000 products spent a third of their time in them); the
                // pages are the OS's file cache, shared by every connection, not the heap.
                o.journal_mode(SqliteJournalMode::Wal)
                    .busy_timeout(SQLITE_BUSY_TIMEOUT)
                    .pragma("mmap_size", SQLITE_MMAP_BYTES.to_string())
            });
        }
        async move {
            Database::connect(options)
                .await
                .map_err(|e| format!("database: {e}"))
        }
    };
    if !is_sqlite(url) {
        let pool = open(readers.unwrap_or(10)).await?;
        return Ok(Databases {
            reader: pool.clone(),
            writer: pool,
        });
    }
    // The writer first: it creates the file and switches it to WAL before readers open it.
    let writer = open(1).await?;
    // An in-memory database exists once per connection, so it cannot be split.
    if url.contains(":memory:") || url.contains("mode=memory") {
        return Ok(Databases {
            reader: writer.clone(),
            writer,
        });
    }
    // SQLite runs each connection on a thread of its own: beyond a couple per core they only
    // contend for the library's locks.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let default = u32::try_from(cores * 2).unwrap_or(8);
    let reader = open(readers.unwrap_or(default)).await?;
    Ok(Databases { reader, writer })
}

fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite")
}

/// Migrates and loads the reference data (units, classification, criteria) when missing.
pub async fn prepare_database(db: &DatabaseConnection, clock: Clock) -> Result<(), String> {
    Migrator::up(db, None)
        .await
        .map_err(|e| format!("migrations: {e}"))?;
    let sealed = ocop_core::store::change::seal_unsealed(db)
        .await
        .map_err(|e| e.to_string())?;
    if sealed > 0 {
        log::info!("sealed {sealed} audit rows written before the hash chain");
    }
    if units::load_reference_data(db, clock.now())
        .await
        .map_err(|e| e.to_string())?
    {
        log::info!("loaded administrative units");
    }
    classification::load_reference_data(db, clock.now())
        .await
        .map_err(|e| e.to_string())?;
    ocop_evaluations::service::criteria::load_reference_data(db, clock.now())
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

async fn bootstrap_admin(
    db: &DatabaseConnection,
    clock: Clock,
    passwords: &Passwords,
    email: &str,
    password: &str,
) -> Result<(), String> {
    if password.chars().count() < 12 {
        return Err("OCOP_ADMIN_PASSWORD must be at least 12 characters".into());
    }
    let province = units::find_by_code_on(db, demo::PROVINCE_CODE, clock.today())
        .await
        .map_err(|e| e.to_string())?;
    let hash = passwords.hash(password.to_string()).await?;
    if users::ensure_admin(
        db,
        email,
        "Quản trị hệ thống",
        hash,
        ocop_core::UnitId(province.id),
        clock.now(),
    )
    .await
    .map_err(|e| e.to_string())?
    {
        log::info!("created the first system admin {email}");
    }
    Ok(())
}
