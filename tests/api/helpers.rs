//! `spawn_app()`: the real server on a random port against a fresh database — a new SQLite
//! file, or a new PostgreSQL database when `DATABASE_URL` points at a server (created here and
//! dropped when the test ends).

use std::path::PathBuf;

use ocop_api::{Application, Settings};
use reqwest::{Method, Response, StatusCode};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

use crate::client::CheckedClient;

pub const ADMIN_EMAIL: &str = "admin@test.ocop.vn";
/// The day every test app lives on unless a test picks another: tests never read the real day,
/// so none passes or fails because of the day it runs. A Wednesday, in the second provincial
/// round's filing season of 2027.
pub const TEST_DAY: (i32, u32, u32) = (2027, 3, 10);

pub fn test_day() -> chrono::NaiveDate {
    let (y, m, d) = TEST_DAY;
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
}
pub const PASSWORD: &str = "a long test password";
/// The anonymous public rate of test apps (`OCOP_PUBLIC_RATE`).
pub const TEST_PUBLIC_RATE: u32 = 100_000;

/// Where the test platform says the public reaches it (`OCOP_PUBLIC_URL`).
pub const PUBLIC_URL: &str = "https://ocop.test.example";

pub struct TestApp {
    pub address: String,
    /// Checks every response against `openapi/openapi.json` (see `crate::contract`).
    pub client: CheckedClient,
    /// The test's own database, for the few tests that act behind the server's back.
    pub database_url: String,
    _dir: tempfile::TempDir,
    _db: DbGuard,
}

/// Drops the test's PostgreSQL database when the test ends.
struct DbGuard(Option<(String, String)>);

impl Drop for DbGuard {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.0.take() {
            // Drop runs outside any runtime it could borrow, so it brings its own.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .ok()?;
                rt.block_on(async {
                    let db = Database::connect(&admin_url).await.ok()?;
                    db.execute_unprepared(&format!(
                        "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                    ))
                    .await
                    .ok()
                })
            })
            .join();
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with_spa(None).await
}

/// `spawn_app()`, serving the SPA from `spa_dir` (the browser test uses the built
/// `frontend/dist`); `None` points it at an empty temp folder.
pub async fn spawn_app_with_spa(spa_dir: Option<PathBuf>) -> TestApp {
    spawn(spa_dir, false, test_day(), 1).await
}

/// `spawn_app()` with four HTTP workers, for requests that must really run at once.
pub async fn spawn_busy_app() -> TestApp {
    spawn(None, false, test_day(), 4).await
}

/// An app seeded with the demo province on `day`, as `OCOP_TODAY=day cargo run -p xtask -- demo`
/// serves it.
pub async fn spawn_demo_app_on(day: chrono::NaiveDate) -> TestApp {
    spawn(None, true, day, 1).await
}

async fn spawn(
    spa_dir: Option<PathBuf>,
    demo: bool,
    today: chrono::NaiveDate,
    workers: usize,
) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let (database_url, guard) = test_database(&dir).await;
    let mut settings = settings(&dir, database_url, today, workers);
    settings.demo = demo;
    if let Some(spa_dir) = spa_dir {
        settings.spa_dir = spa_dir;
    }
    start(settings, dir, guard).await
}

/// Two API processes on one database, as behind a load balancer, neither given
/// `OCOP_JWT_SECRET`.
pub async fn spawn_two_processes_without_a_secret() -> (TestApp, TestApp) {
    let dir = tempfile::tempdir().expect("temp dir");
    let other_dir = tempfile::tempdir().expect("temp dir");
    let (database_url, guard) = test_database(&dir).await;
    let mut first = settings(&dir, database_url.clone(), test_day(), 1);
    first.jwt_secret = None;
    let mut second = settings(&other_dir, database_url, test_day(), 1);
    second.jwt_secret = None;
    let first = start(first, dir, guard).await;
    let second = start(second, other_dir, DbGuard(None)).await;
    (first, second)
}

impl TestApp {
    /// Another API process on this app's database whose clock stands on `day`: how a test moves
    /// the clock (a process's clock is fixed for its life, as `OCOP_TODAY` fixes it). The first
    /// app keeps the database; this one never drops it.
    pub async fn on_day(&self, day: chrono::NaiveDate) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let settings = settings(&dir, self.database_url.clone(), day, 1);
        start(settings, dir, DbGuard(None)).await
    }

    /// `on_day(day)` with its settings changed first by `change`.
    pub async fn on_day_with(
        &self,
        day: chrono::NaiveDate,
        change: impl FnOnce(&mut Settings),
    ) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut settings = settings(&dir, self.database_url.clone(), day, 1);
        change(&mut settings);
        start(settings, dir, DbGuard(None)).await
    }
}

/// `spawn_app()` with its settings changed first by `change` (e.g. a tiny public rate limit).
pub async fn spawn_app_with(change: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let (database_url, guard) = test_database(&dir).await;
    let mut settings = settings(&dir, database_url, test_day(), 1);
    change(&mut settings);
    start(settings, dir, guard).await
}

/// A database of the test's own: a PostgreSQL database created for it when `DATABASE_URL`
/// points at a server (dropped by the guard), else an SQLite file in `dir`.
async fn test_database(dir: &tempfile::TempDir) -> (String, DbGuard) {
    match std::env::var("DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => {
            let name = format!("ocop_test_{}", uuid::Uuid::new_v4().simple());
            let admin = Database::connect(&url)
                .await
                .expect("connect to DATABASE_URL");
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create test database");
            let base = url
                .rsplit_once('/')
                .map(|(base, _)| base.to_string())
                .expect("database url has a path");
            (format!("{base}/{name}"), DbGuard(Some((url, name))))
        }
        _ => (
            format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display()),
            DbGuard(None),
        ),
    }
}

fn settings(
    dir: &tempfile::TempDir,
    database_url: String,
    today: chrono::NaiveDate,
    workers: usize,
) -> Settings {
    Settings {
        host: "127.0.0.1".into(),
        port: 0,
        database_url,
        public_url: ocop_api::settings::PublicUrl::parse(PUBLIC_URL).expect("public url"),
        jwt_secret: Some("test secret that is long enough for HS256!".into()),
        admin_email: Some(ADMIN_EMAIL.into()),
        admin_password: Some(PASSWORD.into()),
        upload_dir: dir.path().join("uploads"),
        spa_dir: dir.path().join("spa"),
        workers: Some(workers),
        db_connections: None,
        demo: false,
        clock: ocop_core::Clock::fixed_on(today),
        read_database_url: None,
        webhook_allow_private: true,
        deliver_webhooks: true,
        // High enough that no test meets it by accident; the rate-limit tests set their own.
        public_rate: TEST_PUBLIC_RATE,
    }
}

async fn start(settings: Settings, dir: tempfile::TempDir, guard: DbGuard) -> TestApp {
    let database_url = settings.database_url.clone();
    let app = Application::build(settings).await.expect("build app");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: CheckedClient::new(),
        database_url,
        _dir: dir,
        _db: guard,
    }
}

/// A logged-in user of the test app.
#[derive(Clone)]
pub struct User {
    pub token: String,
    pub id: String,
    pub email: String,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.client
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({"email": email, "password": password}))
            .send()
            .await
            .expect("request")
    }

    pub async fn login_ok(&self, email: &str) -> User {
        let res = self.login(email, PASSWORD).await;
        assert_eq!(res.status(), StatusCode::OK, "login {email}");
        let body: Value = res.json().await.expect("json");
        User {
            token: body["access_token"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            id: body["user"]["id"].as_str().unwrap_or_default().to_string(),
            email: email.to_string(),
        }
    }

    /// Posts a refresh token to `/api/v1/auth/{action}` (`refresh` or `logout`).
    pub async fn session(&self, action: &str, refresh_token: &str) -> Response {
        self.client
            .post(self.url(&format!("/api/v1/auth/{action}")))
            .json(&json!({"refresh_token": refresh_token}))
            .send()
            .await
            .expect("request")
    }

    pub async fn admin(&self) -> User {
        self.login_ok(ADMIN_EMAIL).await
    }

    pub async fn call(
        &self,
        user: &User,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Response {
        let mut req = self
            .client
            .request(method, self.url(path))
            .bearer_auth(&user.token);
        if let Some(body) = body {
            req = req.json(&body);
        }
        req.send().await.expect("request")
    }

    pub async fn get(&self, user: &User, path: &str) -> Response {
        self.call(user, Method::GET, path, None).await
    }

    pub async fn post(&self, user: &User, path: &str, body: Value) -> Response {
        self.call(user, Method::POST, path, Some(body)).await
    }

    pub async fn patch(&self, user: &User, path: &str, version: i64, body: Value) -> Response {
        self.client
            .patch(self.url(path))
            .bearer_auth(&user.token)
            .header("If-Match", format!("\"{version}\""))
            .json(&body)
            .send()
            .await
            .expect("request")
    }

    /// A request with `If-Match: "<version>"`.
    pub async fn send_if_match(
        &self,
        user: &User,
        method: Method,
        path: &str,
        version: i64,
        body: Option<Value>,
    ) -> Response {
        let mut req = self
            .client
            .request(method, self.url(path))
            .bearer_auth(&user.token)
            .header("If-Match", format!("\"{version}\""));
        if let Some(body) = body {
            req = req.json(&body);
        }
        req.send().await.expect("request")
    }

    /// The id of the unit with this code in force today.
    pub async fn unit(&self, user: &User, code: &str) -> i64 {
        let units: Value = self
            .get(user, &format!("/api/v1/units?q={code}"))
            .await
            .json()
            .await
            .expect("json");
        units
            .as_array()
            .and_then(|list| list.iter().find(|u| u["code"] == code))
            .and_then(|u| u["id"].as_i64())
            .unwrap_or_else(|| panic!("unit {code} not found"))
    }

    /// The id of Thành phố Buôn Ma Thuột (643), a district until 30 June 2025: a unit no longer
    /// in force.
    pub async fn abolished_district(&self, admin: &User) -> i64 {
        let units: Value = self
            .get(admin, "/api/v1/units?q=643&history=true")
            .await
            .json()
            .await
            .expect("json");
        units
            .as_array()
            .and_then(|all| all.iter().find(|u| u["code"] == "643"))
            .and_then(|u| u["id"].as_i64())
            .unwrap_or_else(|| panic!("district 643: {units}"))
    }

    /// Creates a user with `role` at the unit with `unit_code`, and logs them in.
    pub async fn user_with_role(
        &self,
        admin: &User,
        role: &str,
        unit_code: &str,
        subject_id: Option<&str>,
    ) -> User {
        let email = format!("{role}.{}@test.ocop.vn", uuid::Uuid::new_v4().simple());
        let unit = self.unit(admin, unit_code).await;
        let res = self
            .post(
                admin,
                "/api/v1/users",
                json!({"email": email, "full_name": "Người Thử", "role": role, "unit_id": unit,
                       "subject_id": subject_id, "password": PASSWORD}),
            )
            .await;
        assert_eq!(
            res.status(),
            StatusCode::CREATED,
            "create {role}: {}",
            res.text().await.unwrap_or_default()
        );
        self.login_ok(&email).await
    }

    pub async fn create_subject(&self, user: &User, unit_code: &str, name: &str) -> Value {
        let unit = self.unit(user, unit_code).await;
        let res = self
            .post(user, "/api/v1/subjects", subject_body(unit, name))
            .await;
        assert_eq!(
            res.status(),
            StatusCode::CREATED,
            "create subject: {}",
            res.text().await.unwrap_or_default()
        );
        res.json().await.expect("json")
    }

    pub async fn create_product(
        &self,
        user: &User,
        subject_id: &str,
        name: &str,
        set: &str,
    ) -> Value {
        let res = self
            .post(
                user,
                "/api/v1/products",
                product_body(subject_id, name, set),
            )
            .await;
        assert_eq!(
            res.status(),
            StatusCode::CREATED,
            "create product: {}",
            res.text().await.unwrap_or_default()
        );
        res.json().await.expect("json")
    }
}

pub fn subject_body(unit: i64, name: &str) -> Value {
    json!({
        "kind": "cooperative", "name": name, "legal_representative": "Nguyễn Thị Hoa",
        "address": "Thôn 3", "unit_id": unit, "phone": "0912345678", "member_count": 12, "women_led": true
    })
}

pub fn product_body(subject_id: &str, name: &str, set: &str) -> Value {
    json!({
        "subject_id": subject_id, "name": name, "product_set": set, "description": "Mô tả",
        "ingredients": "Nguyên liệu địa phương", "packaging": "Túi 500 g",
        "price_min": 100000, "price_max": 200000, "capacity_value": 10, "capacity_unit": "tấn/năm"
    })
}

/// Two communes of the demo province (2025 tree) and one of the old tree's districts.
pub const COMMUNE_A: &str = "24133"; // Phường Buôn Ma Thuột
pub const COMMUNE_B: &str = "22015"; // Phường Tuy Hòa

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Best,
    Worst,
}

/// A full selection on a criteria sheet: on every criterion with scored options, the option
/// with the most (or fewest) points.
pub fn choices_by(sheet: &Value, pick: Pick) -> serde_json::Map<String, Value> {
    fn walk(node: &Value, pick: Pick, out: &mut serde_json::Map<String, Value>) {
        let options = node["options"].as_array().filter(|o| !o.is_empty());
        if let Some(options) = options {
            let scored = options
                .iter()
                .enumerate()
                .filter_map(|(i, o)| o["points"].as_i64().map(|p| (i, p)));
            let chosen = match pick {
                Pick::Best => scored.max_by_key(|(_, p)| *p),
                Pick::Worst => scored.min_by_key(|(_, p)| *p),
            };
            if let Some((index, _)) = chosen {
                out.insert(node["code"].as_str().unwrap().into(), json!(index));
            }
        }
        for child in node["criteria"]
            .as_array()
            .into_iter()
            .chain(node["children"].as_array())
            .flatten()
        {
            walk(child, pick, out);
        }
    }
    let mut out = serde_json::Map::new();
    for part in sheet["parts"].as_array().unwrap() {
        for section in part["sections"].as_array().unwrap() {
            walk(section, pick, &mut out);
        }
    }
    out
}
