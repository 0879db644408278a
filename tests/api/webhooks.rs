//! Webhooks end to end: an API key's holder registers an endpoint; a receiver inside the test
//! (a bare HTTP server on 127.0.0.1) checks every signature as the Standard Webhooks
//! specification publishes it (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, the very
//! function whose output the unit tests match against the spec's example vector) and records
//! what came. Issuing, revoking and the expiry of a certificate arrive with the entry's version;
//! a failing receiver is retried on the schedule (the clock moved by a process on a later day);
//! a 410 disables the endpoint; a redirect is not followed; a private address is refused unless
//! allowed; two processes on one database never send one message twice; a redelivery replays
//! with new ids; a rotated secret signs twice for a day.

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use uuid::Uuid;

use crate::certificates::{certify, revoke};
use crate::evaluations::{Cast, cast, json_of};
use crate::helpers::{TestApp, User, spawn_app, spawn_app_with, test_day};

/// One request the receiver got.
#[derive(Debug, Clone)]
struct Received {
    path: String,
    id: String,
    timestamp: i64,
    signature: String,
    body: String,
}

impl Received {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("json body")
    }
}

/// The `Retry-After` a receiver answering 429 sends.
const THROTTLED_SECONDS: i64 = 120;

/// A webhook receiver answering `status` (a 3xx points at `/elsewhere` on itself, a 429 asks to
/// wait [`THROTTLED_SECONDS`]).
#[derive(Clone)]
struct Receiver {
    url: String,
    status: Arc<AtomicU16>,
    got: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    async fn start(status: u16) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let receiver = Receiver {
            url: format!("http://127.0.0.1:{port}/hooks"),
            status: Arc::new(AtomicU16::new(status)),
            got: Arc::new(Mutex::new(Vec::new())),
        };
        let shared = receiver.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(shared.clone().serve(socket, port));
            }
        });
        receiver
    }

    async fn serve(self, mut socket: tokio::net::TcpStream, port: u16) {
        let mut data = Vec::new();
        let mut chunk = [0u8; 8192];
        let head_end = loop {
            let Ok(n) = socket.read(&mut chunk).await else {
                return;
            };
            if n == 0 {
                return;
            }
            data.extend_from_slice(&chunk[..n]);
            if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
        };
        let head = String::from_utf8_lossy(&data[..head_end]).to_string();
        let header = |name: &str| {
            head.lines()
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.trim()
                        .eq_ignore_ascii_case(name)
                        .then(|| v.trim().to_string())
                })
                .unwrap_or_default()
        };
        let length: usize = header("content-length").parse().unwrap_or(0);
        while data.len() < head_end + length {
            let Ok(n) = socket.read(&mut chunk).await else {
                return;
            };
            if n == 0 {
                break;
            }
            data.extend_from_slice(&chunk[..n]);
        }
        let body = String::from_utf8_lossy(&data[head_end..]).to_string();
        let path = head
            .split_whitespace()
            .nth(1)
            .unwrap_or_default()
            .to_string();
        self.got.lock().expect("lock").push(Received {
            path,
            id: header("webhook-id"),
            timestamp: header("webhook-timestamp").parse().unwrap_or(0),
            signature: header("webhook-signature"),
            body,
        });
        let status = self.status.load(Ordering::SeqCst);
        let extra = if (300..400).contains(&status) {
            format!("Location: http://127.0.0.1:{port}/elsewhere\r\n")
        } else if status == 429 {
            format!("Retry-After: {THROTTLED_SECONDS}\r\n")
        } else {
            String::new()
        };
        let reply =
            format!("HTTP/1.1 {status} X\r\n{extra}Content-Length: 0\r\nConnection: close\r\n\r\n");
        let _ = socket.write_all(reply.as_bytes()).await;
        let _ = socket.shutdown().await;
    }

    fn received(&self) -> Vec<Received> {
        self.got.lock().expect("lock").clone()
    }

    /// Waits for a message of `event_type` about `product` (and checks its signature).
    async fn message(&self, secret: &str, event_type: &str, product: &str) -> Received {
        for _ in 0..200 {
            let found = self.received().into_iter().find(|r| {
                let v = r.json();
                v["type"] == event_type && v["data"]["id"] == product
            });
            if let Some(found) = found {
                assert!(
                    verified(&found, secret),
                    "signature of {found:?} does not verify"
                );
                return found;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no {event_type} for {product}: {:?}", self.received());
    }
}

/// The receiver's check, as the specification publishes it.
fn verified(r: &Received, secret: &str) -> bool {
    ocop_catalogue::verify(&r.id, r.timestamp, &r.body, secret, &r.signature)
}

/// An API key of a platform (the admin issues it): the key with its secret.
async fn issue_key(app: &TestApp, admin: &User, organisation: &str) -> Value {
    let res = app
        .post(
            admin,
            "/api/v1/api-keys",
            json!({"name": "webhooks", "organisation": organisation}),
        )
        .await;
    json_of(res, StatusCode::CREATED, "api key").await
}

/// An API key's secret for `X-API-Key`.
async fn api_key(app: &TestApp, admin: &User, organisation: &str) -> String {
    issue_key(app, admin, organisation).await["secret"]
        .as_str()
        .expect("secret")
        .to_string()
}

async fn keyed(
    app: &TestApp,
    key: &str,
    method: Method,
    path: &str,
    version: Option<i64>,
    body: Option<Value>,
) -> reqwest::Response {
    let mut req = app
        .client
        .request(method, app.url(path))
        .header("X-API-Key", key);
    if let Some(version) = version {
        req = req.header("If-Match", format!("\"{version}\""));
    }
    if let Some(body) = body {
        req = req.json(&body);
    }
    req.send().await.expect("request")
}

/// Registers `url` for `types`: the endpoint with its secret.
async fn endpoint(app: &TestApp, key: &str, url: &str, types: &[&str]) -> Value {
    let res = keyed(
        app,
        key,
        Method::POST,
        "/api/v1/webhooks/endpoints",
        None,
        Some(json!({"url": url, "event_types": types})),
    )
    .await;
    json_of(res, StatusCode::CREATED, "endpoint").await
}

fn id_of(v: &Value) -> String {
    v["id"].as_str().expect("id").to_string()
}

/// The delivery log once `done` holds for it.
async fn log_until(
    app: &TestApp,
    key: &str,
    endpoint_id: &str,
    done: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let path = format!("/api/v1/webhooks/endpoints/{endpoint_id}/deliveries");
    let mut last = Vec::new();
    for _ in 0..300 {
        let res = keyed(app, key, Method::GET, &path, None, None).await;
        last = json_of(res, StatusCode::OK, "deliveries")
            .await
            .as_array()
            .expect("array")
            .clone();
        if done(&last) {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("delivery log never got there: {last:#?}");
}

async fn certified(app: &TestApp, cast: &Cast) -> Value {
    let today = test_day();
    let issued = (today - chrono::Duration::days(10)).to_string();
    certify(
        app,
        cast,
        today.year() - 1,
        "first_rating",
        4,
        "12/QĐ-UBND",
        &issued,
    )
    .await
}

/// Whether a message's attempts number `n`, each in the log (its state and its attempt row are
/// two writes).
fn tried(message: &Value, n: usize) -> bool {
    message["attempts"] == n && message["attempt_log"].as_array().map(Vec::len) == Some(n)
}

fn instant(v: &Value) -> DateTime<Utc> {
    v.as_str().expect("instant").parse().expect("rfc 3339")
}

#[tokio::test]
async fn issuing_and_revoking_are_delivered_signed_with_the_entry_version_to_its_owner_only() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let key = api_key(&app, &admin, "Sàn Ví Dụ").await;
    let other = api_key(&app, &admin, "Sàn Khác").await;
    let receiver = Receiver::start(200).await;
    let created = endpoint(
        &app,
        &key,
        &receiver.url,
        &["certificate.revoked", "certificate.issued"],
    )
    .await;
    let secret = created["secret"].as_str().expect("secret").to_string();
    assert!(secret.starts_with("whsec_"), "{secret}");
    assert_eq!(
        created["event_types"],
        json!(["certificate.issued", "certificate.revoked"])
    );
    let path = format!("/api/v1/webhooks/endpoints/{}", id_of(&created));
    let read = keyed(&app, &key, Method::GET, &path, None, None).await;
    let read = json_of(read, StatusCode::OK, "endpoint").await;
    assert!(read.get("secret").is_none(), "{read}");
    // Another key neither sees nor touches it.
    let theirs = keyed(&app, &other, Method::GET, &path, None, None).await;
    assert_eq!(theirs.status(), StatusCode::NOT_FOUND);
    let theirs = keyed(&app, &other, Method::DELETE, &path, None, None).await;
    assert_eq!(theirs.status(), StatusCode::NOT_FOUND);
    let listed = keyed(
        &app,
        &other,
        Method::GET,
        "/api/v1/webhooks/endpoints",
        None,
        None,
    )
    .await;
    assert_eq!(json_of(listed, StatusCode::OK, "list").await, json!([]));
    let no_key = app
        .client
        .get(app.url("/api/v1/webhooks/endpoints"))
        .send()
        .await
        .expect("request");
    assert_eq!(no_key.status(), StatusCode::UNAUTHORIZED);
    // The audit trail never holds the secret.
    let trail = format!(
        "/api/v1/audit/trail?entity_id={}&per_page=100",
        id_of(&created)
    );
    let audit = app.get(&admin, &trail).await;
    let audit = json_of(audit, StatusCode::OK, "audit").await;
    assert!(
        !audit["items"].as_array().expect("items").is_empty(),
        "{audit}"
    );
    assert!(!audit.to_string().contains(&secret), "{audit}");

    let cast = cast(&app).await;
    let certificate = certified(&app, &cast).await;
    let product = certificate["product_id"]
        .as_str()
        .expect("product")
        .to_string();
    let issued = receiver
        .message(&secret, "certificate.issued", &product)
        .await;
    let body = issued.json();
    let issued_version = body["data"]["version"].as_i64().expect("version");
    assert!(issued_version >= 1, "{body}");
    assert_eq!(body["data"]["item"]["version"], issued_version, "{body}");
    assert_eq!(
        body["data"]["item"]["certificate"]["verification_code"],
        certificate["verification_code"]
    );
    assert!(
        body["data"]["item"]["certificate"]["verification_url"]
            .as_str()
            .is_some_and(|u| u.starts_with("http")),
        "{body}"
    );
    assert!(body["data"]["cursor"].is_string() && body["timestamp"].is_string());

    revoke(&app, &cast, &certificate, test_day()).await;
    let revoked = receiver
        .message(&secret, "certificate.revoked", &product)
        .await;
    let body = revoked.json();
    assert!(
        body["data"]["version"].as_i64().expect("version") > issued_version,
        "{body}"
    );
    assert!(body["data"]["item"].is_null(), "{body}");
    assert_ne!(issued.id, revoked.id);

    // The log, newest first, with the attempts.
    let log = log_until(&app, &key, &id_of(&created), |log| {
        log.len() >= 2 && log.iter().all(|d| d["state"] == "delivered" && tried(d, 1))
    })
    .await;
    assert_eq!(log[0]["event_type"], "certificate.revoked");
    assert_eq!(log[0]["id"], revoked.id.as_str());
    assert_eq!(log[0]["attempt_log"][0]["status"], 200);
    assert_eq!(log[0]["payload"], revoked.json());

    // Each message went once.
    let mut ids: Vec<String> = receiver.received().into_iter().map(|r| r.id).collect();
    let all = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all);
}

#[tokio::test]
async fn an_expiry_is_delivered_by_a_process_whose_clock_reached_it() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let key = api_key(&app, &admin, "Sàn Ví Dụ").await;
    let receiver = Receiver::start(200).await;
    let created = endpoint(&app, &key, &receiver.url, &["certificate.expired"]).await;
    let secret = created["secret"].as_str().expect("secret").to_string();
    let cast = cast(&app).await;
    let certificate = certified(&app, &cast).await;
    let product = certificate["product_id"]
        .as_str()
        .expect("product")
        .to_string();

    let expires: NaiveDate = certificate["extension_limit"]
        .as_str()
        .expect("limit")
        .parse()
        .expect("date");
    let later = app.on_day(expires + chrono::Duration::days(1)).await;
    let expired = receiver
        .message(&secret, "certificate.expired", &product)
        .await;
    let body = expired.json();
    assert!(body["data"]["item"].is_null(), "{body}");
    assert!(
        body["data"]["version"].as_i64().expect("version") >= 2,
        "{body}"
    );
    // Only the subscribed type came.
    assert!(
        receiver
            .received()
            .iter()
            .all(|r| r.json()["type"] == "certificate.expired")
    );
    drop(later);
}

#[tokio::test]
async fn a_failing_receiver_is_retried_on_the_schedule_and_a_410_disables_the_endpoint() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let key = api_key(&app, &admin, "Sàn Ví Dụ").await;
    let receiver = Receiver::start(500).await;
    let created = endpoint(&app, &key, &receiver.url, &["certificate.issued"]).await;
    let endpoint_id = id_of(&created);
    let cast = cast(&app).await;
    certified(&app, &cast).await;

    // At once, then 5 s later (with its jitter).
    let log = log_until(&app, &key, &endpoint_id, |log| {
        log.first().is_some_and(|d| tried(d, 2))
    })
    .await;
    let message = &log[0];
    let id: Uuid = message["id"].as_str().expect("id").parse().expect("uuid");
    let check_schedule = |message: &Value| {
        let attempts = message["attempt_log"].as_array().expect("attempts");
        let made = i32::try_from(attempts.len()).expect("count");
        assert_eq!(message["state"], "pending");
        assert!(attempts.iter().all(|a| a["status"] == 500), "{message}");
        let last = instant(&attempts[attempts.len() - 1]["at"]);
        let delay = ocop_catalogue::retry_delay(made, id).expect("a retry is due");
        assert_eq!(
            instant(&message["next_attempt_at"]),
            last + delay,
            "{message}"
        );
        for (n, pair) in attempts.windows(2).enumerate() {
            let waited = instant(&pair[1]["at"]) - instant(&pair[0]["at"]);
            let planned =
                ocop_catalogue::retry_delay(i32::try_from(n).expect("n") + 1, id).expect("delay");
            assert!(waited >= planned, "attempt {}: {waited} < {planned}", n + 2);
        }
    };
    check_schedule(message);
    let first_gap =
        instant(&message["attempt_log"][1]["at"]) - instant(&message["attempt_log"][0]["at"]);
    assert!(first_gap >= chrono::Duration::seconds(5), "{first_gap}");
    assert!(first_gap < chrono::Duration::seconds(9), "{first_gap}");

    // Two days on, the 5-minute retry is long due: a process on that day makes it.
    let later = app.on_day(test_day() + chrono::Duration::days(2)).await;
    let log = log_until(&later, &key, &endpoint_id, |log| {
        log.first().is_some_and(|d| tried(d, 3))
    })
    .await;
    check_schedule(&log[0]);
    let signed: Vec<Received> = receiver.received();
    assert!(signed.len() >= 3);
    assert!(
        signed.iter().all(|r| r.id == id.to_string()),
        "one message id on every retry"
    );

    // The receiver says it is gone: the endpoint is disabled, the message cancelled.
    receiver.status.store(410, Ordering::SeqCst);
    let last = app.on_day(test_day() + chrono::Duration::days(4)).await;
    let log = log_until(&last, &key, &endpoint_id, |log| {
        log.first().is_some_and(|d| d["state"] == "cancelled")
    })
    .await;
    assert_eq!(log[0]["last_status"], 410);
    let path = format!("/api/v1/webhooks/endpoints/{endpoint_id}");
    let mut read = Value::Null;
    for _ in 0..100 {
        let res = keyed(&last, &key, Method::GET, &path, None, None).await;
        read = json_of(res, StatusCode::OK, "endpoint").await;
        if read["enabled"] == false {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(read["enabled"], false, "{read}");
    assert!(
        read["disabled_reason"]
            .as_str()
            .is_some_and(|r| r.contains("410"))
    );
    drop((later, last));
}

#[tokio::test]
async fn a_throttled_receiver_is_not_retried_before_its_retry_after() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let key = api_key(&app, &admin, "Sàn Ví Dụ").await;
    let receiver = Receiver::start(429).await;
    let endpoint_id = id_of(&endpoint(&app, &key, &receiver.url, &["certificate.issued"]).await);
    let cast = cast(&app).await;
    certified(&app, &cast).await;
    let log = log_until(&app, &key, &endpoint_id, |log| {
        log.first().is_some_and(|d| tried(d, 1))
    })
    .await;
    let message = &log[0];
    assert_eq!(message["state"], "pending", "{message}");
    assert_eq!(message["last_status"], 429);
    // The schedule's second attempt is 5 s on; the receiver asked for 120.
    let tried_at = instant(&message["attempt_log"][0]["at"]);
    assert_eq!(
        instant(&message["next_attempt_at"]) - tried_at,
        chrono::Duration::seconds(THROTTLED_SECONDS),
        "{message}"
    );
}

#[tokio::test]
async fn a_revoked_key_stops_its_webhooks() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let revoked = issue_key(&app, &admin, "Sàn Đã Dừng").await;
    let revoked_secret = revoked["secret"].as_str().expect("secret");
    let kept = api_key(&app, &admin, "Sàn Ví Dụ").await;
    let stopped = Receiver::start(200).await;
    let running = Receiver::start(200).await;
    endpoint(&app, revoked_secret, &stopped.url, &["certificate.issued"]).await;
    let kept_secret = endpoint(&app, &kept, &running.url, &["certificate.issued"]).await["secret"]
        .as_str()
        .expect("secret")
        .to_string();
    let res = app
        .send_if_match(
            &admin,
            Method::POST,
            &format!("/api/v1/api-keys/{}/revoke", id_of(&revoked)),
            revoked["version"].as_i64().expect("version"),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    let cast = cast(&app).await;
    certified(&app, &cast).await;
    // The other key's endpoint hears of it; by then the fan-out and the delivery round that
    // served it have passed over the revoked key's endpoint.
    running
        .message(&kept_secret, "certificate.issued", &cast.product_id)
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(stopped.received().is_empty(), "{:?}", stopped.received());
    // Its owner cannot read the endpoints any more either.
    let res = keyed(
        &app,
        revoked_secret,
        Method::GET,
        "/api/v1/webhooks/endpoints",
        None,
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let key = api_key(&app, &admin, "Sàn Ví Dụ").await;
    let receiver = Receiver::start(307).await;
    let created = endpoint(&app, &key, &receiver.url, &["certificate.issued"]).await;
    let cast = cast(&app).await;
    certified(&app, &cast).await;
    let log = log_until(&app, &key, &id_of(&created), |log| {
        log.first().is_some_and(|d| tried(d, 1))
    })
    .await;
    assert_eq!(log[0]["state"], "pending");
    assert_eq!(log[0]["last_status"], 307);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        receiver.received().iter().all(|r| r.path == "/hooks"),
        "{:?}",
        receiver.received()
    );
}

#[tokio::test]
async fn private_addresses_are_refused_unless_allowed() {
    let app = spawn_app_with(|s| s.webhook_allow_private = false).await;
    let admin = app.admin().await;
    let key = api_key(&app, &admin, "Sàn Ví Dụ").await;
    let receiver = Receiver::start(200).await;
    // Plain http is refused outright outside tests.
    let res = keyed(
        &app,
        &key,
        Method::POST,
        "/api/v1/webhooks/endpoints",
        None,
        Some(json!({"url": receiver.url, "event_types": ["certificate.issued"]})),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // An https address that is (or resolves to) loopback is accepted, but never reached.
    let port = receiver.url.split(':').nth(2).expect("port");
    let literal = endpoint(
        &app,
        &key,
        &format!("https://127.0.0.1:{port}"),
        &["certificate.issued"],
    )
    .await;
    let named = endpoint(
        &app,
        &key,
        &format!("https://localhost:{port}"),
        &["certificate.issued"],
    )
    .await;
    let cast = cast(&app).await;
    certified(&app, &cast).await;
    for created in [&literal, &named] {
        let log = log_until(&app, &key, &id_of(created), |log| {
            log.first().is_some_and(|d| tried(d, 1))
        })
        .await;
        let attempt = &log[0]["attempt_log"][0];
        assert!(attempt["status"].is_null(), "{attempt}");
        assert!(
            attempt["error"]
                .as_str()
                .is_some_and(|e| e.contains("refused")),
            "{attempt}"
        );
    }
    assert!(receiver.received().is_empty());
}

#[tokio::test]
async fn two_processes_never_send_one_message_twice_and_a_redelivery_replays_with_new_ids() {
    let app = spawn_app().await;
    let second = app.on_day(test_day()).await;
    let admin = app.admin().await;
    let key = api_key(&app, &admin, "Sàn Ví Dụ").await;
    let receiver = Receiver::start(200).await;
    let all = [
        "certificate.issued",
        "certificate.revoked",
        "certificate.expired",
        "certificate.superseded",
        "product.updated",
        "product.deleted",
    ];
    let mut endpoints = Vec::new();
    for _ in 0..4 {
        endpoints.push(endpoint(&app, &key, &receiver.url, &all).await);
    }
    let first_cursor = endpoints[0]["cursor"].as_str().expect("cursor").to_string();
    let cast = cast(&app).await;
    let certificate = certified(&app, &cast).await;
    revoke(&app, &cast, &certificate, test_day()).await;
    let mut expected = 0;
    for created in &endpoints {
        let log = log_until(&second, &key, &id_of(created), |log| {
            log.iter().any(|d| d["event_type"] == "certificate.revoked")
                && log.iter().all(|d| d["state"] == "delivered")
        })
        .await;
        expected += log.len();
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let mut ids: Vec<String> = receiver.received().into_iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), expected, "every message once");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), expected, "no message twice");

    // Replaying from the first cursor queues the same changes again under new ids.
    let replayed = &endpoints[0];
    let before = receiver.received().len();
    let path = format!("/api/v1/webhooks/endpoints/{}/redeliver", id_of(replayed));
    let res = keyed(
        &second,
        &key,
        Method::POST,
        &path,
        None,
        Some(json!({"after": first_cursor})),
    )
    .await;
    json_of(res, StatusCode::OK, "redeliver").await;
    let bad = keyed(
        &second,
        &key,
        Method::POST,
        &path,
        None,
        Some(json!({"after": "garbage"})),
    )
    .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let log = log_until(&app, &key, &id_of(replayed), |log| {
        log.len() >= 4 && log.iter().all(|d| d["state"] == "delivered")
    })
    .await;
    let (new, old) = log.split_at(log.len() / 2);
    for (n, o) in new.iter().zip(old) {
        assert_ne!(n["id"], o["id"]);
    }
    // The same changes (type, entry, version, kind, cursor); the entry they carry is the entry
    // as it stood when each message was queued, which a later change may have moved on.
    let change_of = |d: &Value| {
        let payload: Value = match &d["payload"] {
            Value::String(text) => serde_json::from_str(text).expect("payload json"),
            other => other.clone(),
        };
        let data = &payload["data"];
        format!(
            "{} {} {} {} {}",
            payload["type"], data["id"], data["version"], data["kind"], data["cursor"]
        )
    };
    let mut new_changes: Vec<String> = new.iter().map(change_of).collect();
    let mut old_changes: Vec<String> = old.iter().map(change_of).collect();
    new_changes.sort();
    old_changes.sort();
    assert_eq!(new_changes, old_changes, "the same changes");
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(receiver.received().len(), before + new.len());
}

#[tokio::test]
async fn a_rotated_secret_signs_beside_the_old_one() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let key = api_key(&app, &admin, "Sàn Ví Dụ").await;
    let receiver = Receiver::start(200).await;
    let created = endpoint(&app, &key, &receiver.url, &["certificate.issued"]).await;
    let old = created["secret"].as_str().expect("secret").to_string();
    let path = format!(
        "/api/v1/webhooks/endpoints/{}/rotate-secret",
        id_of(&created)
    );
    let res = keyed(&app, &key, Method::POST, &path, None, None).await;
    let rotated = json_of(res, StatusCode::OK, "rotate").await;
    let new = rotated["secret"].as_str().expect("secret").to_string();
    assert_ne!(new, old);
    assert!(rotated["previous_secret_until"].is_string());

    // A change of the endpoint needs its version.
    let path = format!("/api/v1/webhooks/endpoints/{}", id_of(&created));
    let stale = keyed(
        &app,
        &key,
        Method::PATCH,
        &path,
        Some(1),
        Some(json!({"enabled": true})),
    )
    .await;
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    let version = rotated["version"].as_i64().expect("version");
    let disabled = keyed(
        &app,
        &key,
        Method::PATCH,
        &path,
        Some(version),
        Some(json!({"enabled": false})),
    )
    .await;
    let disabled = json_of(disabled, StatusCode::OK, "disable").await;
    assert_eq!(disabled["enabled"], false);

    // A disabled endpoint is sent nothing; enabled again, it gets what it missed.
    let cast = cast(&app).await;
    let certificate = certified(&app, &cast).await;
    let product = certificate["product_id"].as_str().expect("product");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(receiver.received().is_empty(), "{:?}", receiver.received());
    let enabled = keyed(
        &app,
        &key,
        Method::PATCH,
        &path,
        Some(version + 1),
        Some(json!({"enabled": true})),
    )
    .await;
    let enabled = json_of(enabled, StatusCode::OK, "enable").await;
    assert!(enabled["disabled_reason"].is_null(), "{enabled}");
    let message = receiver.message(&new, "certificate.issued", product).await;
    assert_eq!(
        message.signature.split(' ').count(),
        2,
        "{}",
        message.signature
    );
    assert!(verified(&message, &old));
    assert!(verified(&message, &new));

    let res = keyed(&app, &key, Method::DELETE, &path, None, None).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = keyed(&app, &key, Method::GET, &path, None, None).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}
