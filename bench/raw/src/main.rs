//! The reference the benchmark measures the API against: the same two answers, written straight
//! on sqlx with one SQL statement each and nothing else (no ORM, no middleware, no audit).
//!
//! - `GET /api/v1/public/certificates/{code}`: the public certificate check, its state computed
//!   by the same pure rule (`ocop_evaluations::state_on`).
//! - `GET /api/v1/subjects?per_page=20`: a signed-in officer's first page of subjects in their
//!   unit's subtree, with the total: the bearer token checked like the API does, then one
//!   statement that finds the user's unit, takes its subtree from the unit closure and pages.
//!
//! - The public catalogue's feed page and one entry ([`catalogue`]), for `bench/catalogue.sh`.
//!
//! `DATABASE_URL`, `OCOP_JWT_SECRET`, `OCOP_PUBLIC_URL` and `RAW_PORT` configure it;
//! `bench/ratio.sh` and `bench/catalogue.sh` run it.

mod catalogue;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, get, web};
use chrono::{DateTime, NaiveDate, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use ocop_core::Clock;
use ocop_evaluations::{CertificateFacts, PublicCertificate};
use sea_orm::sqlx::{self, PgPool, Row, SqlitePool};
use serde::{Deserialize, Serialize};

const CERTIFICATE: &str = r#"
SELECT c.number, c.stars, c.issuing_body, c.issued_on, c.expires_on, c.revoked_on, c.superseded_on,
       c.revocation_ground, n.verification_code AS successor_code, cs.name AS product_set_name,
       p.name AS product_name, cs.product_set, s.name AS subject_name, u.name AS unit_name,
       r.submitted_on AS filed_on, r.decided_on AS decided_on, p.id AS product_id,
       CASE WHEN u.level = 'province' THEN u.name WHEN u1.level = 'province' THEN u1.name
            ELSE COALESCE(u2.name, '') END AS province_name,
       (SELECT i.id FROM product_image i WHERE i.product_id = p.id
         ORDER BY i.created_at, i.id LIMIT 1) AS first_image_id
  FROM certificate c JOIN product p ON p.id = c.product_id JOIN subject s ON s.id = c.subject_id
  JOIN admin_unit u ON u.id = s.unit_id LEFT JOIN admin_unit u1 ON u1.id = u.parent_id
  LEFT JOIN admin_unit u2 ON u2.id = u1.parent_id JOIN evaluation_cycle cy ON cy.id = c.cycle_id
  JOIN criteria_set cs ON cs.id = cy.criteria_set_id
  LEFT JOIN certificate n ON n.id = c.superseded_by
  LEFT JOIN evaluation_cycle r ON r.id = (SELECT f.id FROM evaluation_cycle f
        WHERE f.product_id = c.product_id AND f.dossier_type = 're_rating'
          AND f.submitted_on > c.issued_on ORDER BY f.submitted_on LIMIT 1)
 WHERE c.verification_code = $1
"#;

const SUBJECTS: &str = r#"
SELECT s.id, s.kind, s.name, s.registration_code, s.legal_representative, s.address, s.unit_id,
       u.name AS unit_name, s.phone, s.email, s.founded_on, s.member_count, s.women_led, s.status,
       s.version, s.created_at, s.updated_at, COUNT(*) OVER () AS total
  FROM subject s JOIN admin_unit u ON u.id = s.unit_id
 WHERE s.unit_id IN (SELECT c.descendant_id FROM admin_unit_closure c
                       JOIN app_user a ON a.unit_id = c.ancestor_id
                      WHERE a.id = $1 AND a.status = 'active')
 ORDER BY s.search_name, s.id
 LIMIT 20
"#;

enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

struct State {
    pool: Pool,
    key: DecodingKey,
    validation: Validation,
    clock: Clock,
    /// Where image and verification URLs point (`OCOP_PUBLIC_URL`, no trailing slash).
    public_url: String,
}

#[derive(Serialize)]
struct SubjectRow {
    id: uuid::Uuid,
    kind: String,
    name: String,
    registration_code: Option<String>,
    legal_representative: String,
    address: String,
    unit_id: i32,
    unit_name: String,
    phone: Option<String>,
    email: Option<String>,
    founded_on: Option<NaiveDate>,
    member_count: Option<i32>,
    women_led: bool,
    status: String,
    version: i32,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

#[derive(Serialize)]
struct SubjectPage {
    items: Vec<SubjectRow>,
    page: u64,
    per_page: u64,
    total: i64,
}

#[derive(Deserialize)]
struct Claims {
    sub: String,
}

/// The same row reading for both drivers.
macro_rules! certificate_from {
    ($row:expr) => {{
        let r = $row;
        let facts = CertificateFacts {
            issued_on: r.try_get("issued_on")?,
            revoked_on: r.try_get("revoked_on")?,
            revocation_ground: None,
            superseded_on: r.try_get("superseded_on")?,
            re_rating_filed_on: r.try_get("filed_on")?,
            re_rating_decided_on: r.try_get("decided_on")?,
        };
        (facts, r)
    }};
}

macro_rules! subject_from {
    ($r:expr) => {{
        let r = $r;
        let total: i64 = r.try_get("total")?;
        let row = SubjectRow {
            id: r.try_get("id")?,
            kind: r.try_get("kind")?,
            name: r.try_get("name")?,
            registration_code: r.try_get("registration_code")?,
            legal_representative: r.try_get("legal_representative")?,
            address: r.try_get("address")?,
            unit_id: r.try_get("unit_id")?,
            unit_name: r.try_get("unit_name")?,
            phone: r.try_get("phone")?,
            email: r.try_get("email")?,
            founded_on: r.try_get("founded_on")?,
            member_count: r.try_get("member_count")?,
            women_led: r.try_get("women_led")?,
            status: r.try_get("status")?,
            version: r.try_get("version")?,
            created_at: r.try_get("created_at")?,
            updated_at: r.try_get("updated_at")?,
        };
        Ok::<_, sqlx::Error>((row, total))
    }};
}

#[get("/api/v1/public/certificates/{code}")]
async fn certificate(state: web::Data<State>, code: web::Path<String>) -> HttpResponse {
    let code = code.trim().to_ascii_uppercase();
    let found: Result<Option<PublicCertificate>, sqlx::Error> = async {
        macro_rules! fetch {
            ($pool:expr) => {{
                let Some(row) = sqlx::query(CERTIFICATE)
                    .bind(&code)
                    .fetch_optional($pool)
                    .await?
                else {
                    return Ok(None);
                };
                let (facts, r) = certificate_from!(&row);
                let state_now = ocop_evaluations::state_on(&facts, state.clock.today());
                let stars: i32 = r.try_get("stars")?;
                let product_id: uuid::Uuid = r.try_get("product_id")?;
                Some(PublicCertificate {
                    number: r.try_get("number")?,
                    product_name: r.try_get("product_name")?,
                    product_set: r.try_get("product_set")?,
                    product_set_name: r.try_get("product_set_name")?,
                    subject_name: r.try_get("subject_name")?,
                    unit_name: r.try_get("unit_name")?,
                    stars: ocop_evaluations::Stars::try_from(stars)
                        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                    issuing_body: r.try_get("issuing_body")?,
                    issued_on: facts.issued_on,
                    expires_on: r.try_get("expires_on")?,
                    valid: state_now.is_valid(),
                    state: state_now,
                    revoked_on: facts.revoked_on,
                    revocation_ground: r
                        .try_get::<Option<String>, _>("revocation_ground")?
                        .and_then(|g| serde_json::from_value(serde_json::Value::String(g)).ok()),
                    superseded_on: facts.superseded_on,
                    successor_code: r.try_get("successor_code")?,
                    product_id: ocop_core::ProductId(product_id),
                    province_name: r.try_get("province_name")?,
                    image_url: r
                        .try_get::<Option<uuid::Uuid>, _>("first_image_id")?
                        .map(|image| {
                            format!(
                                "{}/api/v1/public/products/{product_id}/images/{image}",
                                state.public_url
                            )
                        }),
                })
            }};
        }
        Ok(match &state.pool {
            Pool::Sqlite(pool) => fetch!(pool),
            Pool::Postgres(pool) => fetch!(pool),
        })
    }
    .await;
    match found {
        Ok(Some(out)) => HttpResponse::Ok()
            .insert_header(("cache-control", "public, max-age=300"))
            .json(out),
        Ok(None) => HttpResponse::NotFound().finish(),
        Err(e) => HttpResponse::InternalServerError().body(e.to_string()),
    }
}

#[get("/api/v1/subjects")]
async fn subjects(state: web::Data<State>, req: HttpRequest) -> HttpResponse {
    let token = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let Some(user) = token
        .and_then(|t| jsonwebtoken::decode::<Claims>(t, &state.key, &state.validation).ok())
        .and_then(|d| d.claims.sub.parse::<uuid::Uuid>().ok())
    else {
        return HttpResponse::Unauthorized().finish();
    };
    let page: Result<SubjectPage, sqlx::Error> = async {
        macro_rules! fetch {
            ($pool:expr) => {{
                let rows = sqlx::query(SUBJECTS).bind(user).fetch_all($pool).await?;
                let mut total = 0;
                let mut items = Vec::with_capacity(rows.len());
                for r in &rows {
                    let (row, t) = subject_from!(r)?;
                    total = t;
                    items.push(row);
                }
                SubjectPage {
                    items,
                    page: 1,
                    per_page: 20,
                    total,
                }
            }};
        }
        Ok(match &state.pool {
            Pool::Sqlite(pool) => fetch!(pool),
            Pool::Postgres(pool) => fetch!(pool),
        })
    }
    .await;
    match page {
        Ok(page) => HttpResponse::Ok().json(page),
        Err(e) => HttpResponse::InternalServerError().body(e.to_string()),
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let url = var("DATABASE_URL");
    // The same pool sizes as the API's defaults (`OCOP_DB_CONNECTIONS` overrides both).
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let sized = |default: u32| var("OCOP_DB_CONNECTIONS").parse().unwrap_or(default);
    let pool = if url.starts_with("postgres") {
        Pool::Postgres(
            sqlx::postgres::PgPoolOptions::new()
                .max_connections(sized(10))
                .connect(&url)
                .await
                .map_err(std::io::Error::other)?,
        )
    } else {
        Pool::Sqlite(
            sqlx::sqlite::SqlitePoolOptions::new()
                .max_connections(sized(u32::try_from(cores * 2).unwrap_or(8)))
                .connect(&url)
                .await
                .map_err(std::io::Error::other)?,
        )
    };
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_issuer(&["ocop"]);
    validation.set_audience(&["ocop-api"]);
    let clock = match NaiveDate::parse_from_str(&var("OCOP_TODAY"), "%Y-%m-%d") {
        Ok(day) => Clock::fixed_on(day),
        Err(_) => Clock::system(),
    };
    let state = web::Data::new(State {
        pool,
        key: DecodingKey::from_secret(var("OCOP_JWT_SECRET").as_bytes()),
        validation,
        clock,
        public_url: var("OCOP_PUBLIC_URL").trim_end_matches('/').to_string(),
    });
    let port: u16 = var("RAW_PORT").parse().unwrap_or(18182);
    HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .service(certificate)
            .service(subjects)
            .service(catalogue::page)
            .service(catalogue::one)
    })
    .bind(("127.0.0.1", port))?
    .run()
    .await
}
