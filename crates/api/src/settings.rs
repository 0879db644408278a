//! Typed settings: defaults here, the environment wins. Every key is documented in `.env.example`.

use std::path::PathBuf;

/// Everything the server reads from its environment.
#[derive(Clone)]
pub struct Settings {
    /// `OCOP_HOST` (default 127.0.0.1).
    pub host: String,
    /// `OCOP_PORT` (default 8080); 0 picks a free port (tests).
    pub port: u16,
    /// `DATABASE_URL`; default an SQLite file `ocop.db` in the working directory.
    pub database_url: String,
    /// `OCOP_PUBLIC_URL`: where the public reaches the platform (`https://ocop.example.gov.vn`),
    /// printed in certificates' verification addresses and QR codes. Never taken from a request:
    /// its `Host` and forwarding headers are the client's to choose. Default: the listen address.
    pub public_url: PublicUrl,
    /// `OCOP_JWT_SECRET`: at least 32 bytes. Without it the first process draws a random key and
    /// keeps it in the database, where every other process (and every restart) finds it.
    pub jwt_secret: Option<String>,
    /// `OCOP_ADMIN_EMAIL` / `OCOP_ADMIN_PASSWORD`: the first system admin, created when none exists.
    pub admin_email: Option<String>,
    pub admin_password: Option<String>,
    /// `OCOP_UPLOAD_DIR` (default `uploads`).
    pub upload_dir: PathBuf,
    /// `OCOP_SPA_DIR` (default `frontend/dist`): the built SPA.
    pub spa_dir: PathBuf,
    /// `OCOP_WORKERS` (default: one per core).
    pub workers: Option<usize>,
    /// `OCOP_DB_CONNECTIONS`: connections for reads (default 10 on PostgreSQL; on SQLite, where
    /// each connection is a thread, two per core). Changes always use one more (SQLite) or
    /// share the pool (PostgreSQL).
    pub db_connections: Option<u32>,
    /// Seed the demo province (`serve --demo`).
    pub demo: bool,
    /// `OCOP_TODAY=YYYY-MM-DD`: fixes the day in Vietnam for demos, trials and training (and
    /// tests); unset, the real day.
    pub clock: ocop_core::Clock,
    /// `OCOP_READ_DATABASE_URL`: a PostgreSQL read replica for the public reads (feed, one
    /// product, verification, snapshots); unset, the primary. Writes, quotas, the outbox and the
    /// changes feed always use the primary.
    pub read_database_url: Option<String>,
    /// `OCOP_WEBHOOK_ALLOW_PRIVATE=1`: lets webhook endpoints point at private and loopback
    /// addresses (tests and closed networks only; refused by default).
    pub webhook_allow_private: bool,
    /// `OCOP_WEBHOOKS=0` stops this process from delivering webhooks (another one does).
    pub deliver_webhooks: bool,
    /// `OCOP_PUBLIC_RATE` (default 60): requests per minute on the public paths for a caller
    /// without an API key, per address, shared by every process. Keyed callers get their key's.
    pub public_rate: u32,
}

impl std::fmt::Debug for Settings {
    // Secrets stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("database", &redact_url(&self.database_url))
            .field("public_url", &self.public_url.as_str())
            .field("admin_email", &self.admin_email)
            .field("upload_dir", &self.upload_dir)
            .field("spa_dir", &self.spa_dir)
            .field("demo", &self.demo)
            .field("today", &self.clock.fixed_day())
            .field(
                "read_database",
                &self.read_database_url.as_deref().map(redact_url),
            )
            .field("webhook_allow_private", &self.webhook_allow_private)
            .field("deliver_webhooks", &self.deliver_webhooks)
            .field("public_rate", &self.public_rate)
            .finish_non_exhaustive()
    }
}

fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://***{}", &url[..scheme], &url[at..])
        }
        _ => url.to_string(),
    }
}

impl Settings {
    pub fn from_env() -> Result<Self, String> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let port = match var("OCOP_PORT") {
            Some(p) => p
                .parse()
                .map_err(|_| format!("OCOP_PORT must be a port number, got {p:?}"))?,
            None => 8080,
        };
        let workers = match var("OCOP_WORKERS") {
            Some(w) => Some(
                w.parse()
                    .map_err(|_| format!("OCOP_WORKERS must be a number, got {w:?}"))?,
            ),
            None => None,
        };
        let clock = match var("OCOP_TODAY") {
            Some(day) => ocop_core::Clock::fixed_on(
                chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").map_err(|_| {
                    format!("OCOP_TODAY must be a date written YYYY-MM-DD, got {day:?}")
                })?,
            ),
            None => ocop_core::Clock::system(),
        };
        let db_connections = match var("OCOP_DB_CONNECTIONS") {
            Some(n) => Some(n.parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
                format!("OCOP_DB_CONNECTIONS must be a number from 1, got {n:?}")
            })?),
            None => None,
        };
        let public_rate = match var("OCOP_PUBLIC_RATE") {
            Some(n) => n.trim().parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
                format!(
                    "OCOP_PUBLIC_RATE must be a number of requests per minute from 1, got {n:?}"
                )
            })?,
            None => 60,
        };
        let host = var("OCOP_HOST").unwrap_or_else(|| "127.0.0.1".into());
        let public_url = match var("OCOP_PUBLIC_URL") {
            Some(url) => PublicUrl::parse(&url)?,
            None => PublicUrl::from_listen_address(&host, port)?,
        };
        let jwt_secret = var("OCOP_JWT_SECRET");
        if jwt_secret.as_ref().is_some_and(|s| s.len() < 32) {
            return Err("OCOP_JWT_SECRET must be at least 32 bytes".into());
        }
        Ok(Self {
            host,
            port,
            database_url: var("DATABASE_URL").unwrap_or_else(|| "sqlite://ocop.db?mode=rwc".into()),
            public_url,
            jwt_secret,
            admin_email: var("OCOP_ADMIN_EMAIL"),
            admin_password: var("OCOP_ADMIN_PASSWORD"),
            upload_dir: var("OCOP_UPLOAD_DIR")
                .unwrap_or_else(|| "uploads".into())
                .into(),
            spa_dir: var("OCOP_SPA_DIR")
                .unwrap_or_else(|| "frontend/dist".into())
                .into(),
            workers,
            db_connections,
            demo: false,
            clock,
            read_database_url: var("DATABASE_URL").and(var("OCOP_READ_DATABASE_URL")),
            webhook_allow_private: var("OCOP_WEBHOOK_ALLOW_PRIVATE").is_some_and(|v| v == "1"),
            deliver_webhooks: var("OCOP_WEBHOOKS").is_none_or(|v| v != "0"),
            public_rate,
        })
    }
}

/// An `http(s)://host[:port][/path]` address without query, fragment or trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(String);

impl PublicUrl {
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim().trim_end_matches('/');
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"));
        let host = rest.and_then(|r| r.split('/').next()).unwrap_or_default();
        let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~:/[]%".contains(c);
        if host.is_empty()
            || host.starts_with(':')
            || !rest.unwrap_or_default().chars().all(allowed)
        {
            return Err(format!(
                "OCOP_PUBLIC_URL must be an http(s) address such as https://ocop.example.gov.vn, got {text:?}"
            ));
        }
        Ok(Self(text.to_string()))
    }

    /// The default: where the server listens. A wildcard address (`0.0.0.0`, `::`) is no
    /// address anyone can reach, so it needs `OCOP_PUBLIC_URL`.
    pub fn from_listen_address(host: &str, port: u16) -> Result<Self, String> {
        if matches!(host, "0.0.0.0" | "::" | "[::]") {
            return Err(format!(
                "OCOP_HOST={host} listens on every address: set OCOP_PUBLIC_URL to the address \
                 the public reaches (it is printed in certificates' QR codes)"
            ));
        }
        let host = if host.contains(':') && !host.starts_with('[') {
            format!("[{host}]")
        } else {
            host.to_string()
        };
        Self::parse(&format!("http://{host}:{port}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::PublicUrl;

    #[test]
    fn the_default_public_url_is_a_reachable_listen_address() {
        let from = |host: &str| PublicUrl::from_listen_address(host, 8080).map(|u| u.0);
        assert_eq!(from("127.0.0.1").as_deref(), Ok("http://127.0.0.1:8080"));
        assert_eq!(from("::1").as_deref(), Ok("http://[::1]:8080"));
        for wildcard in ["0.0.0.0", "::"] {
            assert!(from(wildcard).is_err(), "{wildcard}");
        }
    }

    #[test]
    fn public_urls_are_plain_http_addresses() {
        let ok = |s: &str| PublicUrl::parse(s).map(|u| u.as_str().to_string());
        assert_eq!(
            ok("https://ocop.daklak.gov.vn/").as_deref(),
            Ok("https://ocop.daklak.gov.vn")
        );
        assert_eq!(
            ok("http://127.0.0.1:8080").as_deref(),
            Ok("http://127.0.0.1:8080")
        );
        assert_eq!(
            ok("https://example.vn/ocop").as_deref(),
            Ok("https://example.vn/ocop")
        );
        for bad in [
            "javascript://x",
            "ocop.vn",
            "https://",
            "https://a b",
            "https://a/?q=1",
            "https://a/#x",
            "https://:80",
        ] {
            assert!(PublicUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
