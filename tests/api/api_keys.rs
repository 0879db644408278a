//! API keys and the rate limits of the public paths: a secret is shown once and never again (not
//! in lists, reads or the audit trail), a revoked, rotated-out or expired key is refused at
//! once, callers get their quota with the `RateLimit` headers, 429 past it, and two API
//! processes on one database enforce one quota.

use futures_util::future::join_all;
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{
    COMMUNE_B, TEST_PUBLIC_RATE, TestApp, User, spawn_app, spawn_app_with, test_day,
};

/// A public path every process serves: an unknown code answers 404 once the caller is let
/// through, so any other status tells of the limiter.
const PUBLIC: &str = "/api/v1/public/certificates/UNKNOWN00";

async fn create_key(app: &TestApp, admin: &User, body: Value) -> Value {
    let res = app.post(admin, "/api/v1/api-keys", body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json().await.unwrap()
}

async fn public_call(app: &TestApp, key: Option<&str>) -> Response {
    let mut req = app.client.get(app.url(PUBLIC));
    if let Some(key) = key {
        req = req.header("X-API-Key", key);
    }
    req.send().await.unwrap()
}

fn header(res: &Response, name: &str) -> String {
    res.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_else(|| panic!("no {name} header"))
}

/// `r` and `t` of a `RateLimit` header: what is left and the seconds to the window's end.
fn remaining_and_reset(res: &Response) -> (i64, i64) {
    let value = header(res, "ratelimit");
    let param = |name: &str| {
        value
            .split(';')
            .find_map(|p| p.strip_prefix(&format!("{name}=")))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{name} in {value}"))
    };
    (param("r"), param("t"))
}

/// Waits, if needed, until the current one-minute window has long enough left that a burst of
/// requests lands in one window.
async fn wait_for_fresh_window(app: &TestApp) {
    let (_, reset) = remaining_and_reset(&public_call(app, None).await);
    if reset < 20 {
        tokio::time::sleep(std::time::Duration::from_secs(reset as u64 + 1)).await;
    }
}

#[tokio::test]
async fn a_secret_is_shown_once_and_never_stored_in_lists_reads_or_the_audit_trail() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let created = create_key(
        &app,
        &admin,
        json!({"name": "Đồng bộ danh mục", "organisation": "Sàn Ví Dụ", "quota_per_minute": 100}),
    )
    .await;
    let secret = created["secret"].as_str().unwrap().to_string();
    let id = created["id"].as_str().unwrap().to_string();
    let prefix = created["prefix"].as_str().unwrap();
    assert!(secret.starts_with(&format!("ocop_{prefix}_")), "{secret}");
    assert_eq!(created["state"], "active");
    assert_eq!(created["quota_per_minute"], 100);
    let hash = sha256_hex(&secret);

    let listed = app
        .get(&admin, "/api/v1/api-keys")
        .await
        .text()
        .await
        .unwrap();
    let read = app
        .get(&admin, &format!("/api/v1/api-keys/{id}"))
        .await
        .text()
        .await
        .unwrap();
    for text in [&listed, &read] {
        assert!(text.contains(&id));
        assert!(!text.contains(&secret) && !text.contains(&hash), "{text}");
        assert!(!text.contains("\"secret\""), "{text}");
    }

    // Rotate and revoke, so the trail holds every kind of entry a key gets.
    let rotated: Value = app
        .send_if_match(
            &admin,
            Method::POST,
            &format!("/api/v1/api-keys/{id}/rotate"),
            1,
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let new_secret = rotated["secret"].as_str().unwrap().to_string();
    let revoke = app
        .send_if_match(
            &admin,
            Method::POST,
            &format!("/api/v1/api-keys/{id}/revoke"),
            2,
            None,
        )
        .await;
    assert_eq!(revoke.status(), StatusCode::OK);
    let trail = app
        .get(
            &admin,
            &format!("/api/v1/audit/trail?entity_id={id}&per_page=100"),
        )
        .await
        .text()
        .await
        .unwrap();
    let entries: Value = serde_json::from_str(&trail).unwrap();
    let actions: Vec<&str> = entries["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["api_key.revoke", "api_key.rotate", "api_key.create"]
    );
    for hidden in [&secret, &hash, &new_secret, &sha256_hex(&new_secret)] {
        assert!(
            !trail.contains(hidden.as_str()),
            "the trail shows a secret: {trail}"
        );
    }
}

#[tokio::test]
async fn a_keyed_call_gets_the_keys_quota_and_an_anonymous_one_the_public_rate() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let key = create_key(
        &app,
        &admin,
        json!({"name": "Platform", "organisation": "Sàn", "quota_per_minute": 500}),
    )
    .await;
    let keyed = public_call(&app, key["secret"].as_str()).await;
    assert_eq!(keyed.status(), StatusCode::NOT_FOUND, "let through");
    assert_eq!(header(&keyed, "ratelimit-policy"), "\"minute\";q=500;w=60");
    let (left, reset) = remaining_and_reset(&keyed);
    assert!((0..500).contains(&left) && (1..=60).contains(&reset));

    let anonymous = public_call(&app, None).await;
    assert_eq!(anonymous.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        header(&anonymous, "ratelimit-policy"),
        format!("\"minute\";q={TEST_PUBLIC_RATE};w=60")
    );

    // Private paths carry no rate limit headers.
    let private = app.get(&admin, "/api/v1/api-keys").await;
    assert!(private.headers().get("ratelimit").is_none());
}

#[tokio::test]
async fn unknown_revoked_rotated_out_and_expired_keys_are_refused_never_served_anonymously() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    // Another process on the same database: it must see revocations at once too.
    let other = app.on_day(test_day()).await;

    let malformed = public_call(&app, Some("not-a-key")).await;
    assert_eq!(malformed.status(), StatusCode::UNAUTHORIZED);
    assert!(header(&malformed, "content-type").starts_with("application/problem+json"));
    assert!(malformed.headers().get("ratelimit").is_some());
    let unknown = format!("ocop_AAAAAAAA_{}", "B".repeat(32));
    assert_eq!(
        public_call(&app, Some(&unknown)).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // Revoked: refused by both processes from the next request on.
    let key = create_key(&app, &admin, json!({"name": "A", "organisation": "Sàn"})).await;
    let secret = key["secret"].as_str().unwrap();
    let id = key["id"].as_str().unwrap();
    assert_eq!(
        public_call(&other, Some(secret)).await.status(),
        StatusCode::NOT_FOUND
    );
    let revoked = app
        .send_if_match(
            &admin,
            Method::POST,
            &format!("/api/v1/api-keys/{id}/revoke"),
            1,
            None,
        )
        .await;
    assert_eq!(revoked.status(), StatusCode::OK);
    let revoked: Value = revoked.json().await.unwrap();
    assert_eq!(revoked["state"], "revoked");
    assert_eq!(revoked["version"], 2);
    for process in [&app, &other] {
        assert_eq!(
            public_call(process, Some(secret)).await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    // A revoked key cannot be revoked or rotated again.
    let again = app
        .send_if_match(
            &admin,
            Method::POST,
            &format!("/api/v1/api-keys/{id}/rotate"),
            2,
            None,
        )
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);

    // Rotated: the old secret is refused at once, the new one works; a stale If-Match is 412.
    let key = create_key(&app, &admin, json!({"name": "B", "organisation": "Sàn"})).await;
    let (old, id) = (key["secret"].as_str().unwrap(), key["id"].as_str().unwrap());
    let stale = app
        .send_if_match(
            &admin,
            Method::POST,
            &format!("/api/v1/api-keys/{id}/rotate"),
            7,
            None,
        )
        .await;
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    let rotated = app
        .send_if_match(
            &admin,
            Method::POST,
            &format!("/api/v1/api-keys/{id}/rotate"),
            1,
            None,
        )
        .await;
    assert_eq!(rotated.status(), StatusCode::OK);
    assert_eq!(header(&rotated, "etag"), "\"2\"");
    let rotated: Value = rotated.json().await.unwrap();
    let new = rotated["secret"].as_str().unwrap();
    assert_ne!(new, old);
    assert!(rotated["rotated_at"].is_string());
    for process in [&app, &other] {
        assert_eq!(
            public_call(process, Some(old)).await.status(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            public_call(process, Some(new)).await.status(),
            StatusCode::NOT_FOUND
        );
    }

    // Expired: works until its instant, refused by a process on a later day.
    let past = app
        .post(
            &admin,
            "/api/v1/api-keys",
            json!({"name": "C", "organisation": "Sàn", "expires_at": "2027-03-01T00:00:00Z"}),
        )
        .await;
    assert_eq!(past.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let key = create_key(
        &app,
        &admin,
        json!({"name": "C", "organisation": "Sàn", "expires_at": "2027-03-11T00:00:00Z"}),
    )
    .await;
    let secret = key["secret"].as_str().unwrap();
    assert_eq!(
        public_call(&app, Some(secret)).await.status(),
        StatusCode::NOT_FOUND
    );
    let later = app.on_day(test_day() + chrono::Days::new(2)).await;
    assert_eq!(
        public_call(&later, Some(secret)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    // A token of two days ago has expired on the later process: sign in there.
    let admin = later.admin().await;
    let read: Value = later
        .get(
            &admin,
            &format!("/api/v1/api-keys/{}", key["id"].as_str().unwrap()),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(read["state"], "expired");
}

#[tokio::test]
async fn past_the_anonymous_limit_the_answer_is_429_with_retry_after_and_the_headers() {
    let app = spawn_app_with(|s| s.public_rate = 3).await;
    wait_for_fresh_window(&app).await;
    // The wait above may have used one of the window's three requests: count down from there.
    let first = public_call(&app, None).await;
    assert_eq!(first.status(), StatusCode::NOT_FOUND);
    assert_eq!(header(&first, "ratelimit-policy"), "\"minute\";q=3;w=60");
    let mut lefts = vec![remaining_and_reset(&first).0];
    assert!(lefts[0] >= 1, "{lefts:?}");
    while lefts.last() != Some(&0) {
        let res = public_call(&app, None).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        lefts.push(remaining_and_reset(&res).0);
    }
    let expected: Vec<i64> = (0..=lefts[0]).rev().collect();
    assert_eq!(lefts, expected);
    let refused = public_call(&app, None).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(header(&refused, "content-type").starts_with("application/problem+json"));
    let retry: i64 = header(&refused, "retry-after").parse().unwrap();
    let (left, reset) = remaining_and_reset(&refused);
    assert_eq!(left, 0);
    assert!(
        (1..=60).contains(&retry) && retry == reset,
        "{retry} {reset}"
    );
    let problem: Value = refused.json().await.unwrap();
    assert_eq!(problem["status"], 429);
    // A key is a caller of its own: the address's limit does not touch it.
    let admin = app.admin().await;
    let key = create_key(&app, &admin, json!({"name": "K", "organisation": "Sàn"})).await;
    assert_eq!(
        public_call(&app, key["secret"].as_str()).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn only_a_system_admin_manages_keys() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let officer = app
        .user_with_role(&admin, "commune_officer", COMMUNE_B, None)
        .await;
    let res = app
        .post(
            &officer,
            "/api/v1/api-keys",
            json!({"name": "X", "organisation": "Y"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&officer, "/api/v1/api-keys").await.status(),
        StatusCode::FORBIDDEN
    );
    // Unknown fields are refused: a client cannot choose its own secret.
    let res = app
        .post(
            &admin,
            "/api/v1/api-keys",
            json!({"name": "X", "organisation": "Y", "secret": "ocop_x"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn two_api_processes_on_one_database_share_one_quota() {
    const QUOTA: usize = 12;
    let first = spawn_app().await;
    let second = first.on_day(test_day()).await;
    let admin = first.admin().await;
    let key = create_key(
        &first,
        &admin,
        json!({"name": "Shared", "organisation": "Sàn", "quota_per_minute": QUOTA}),
    )
    .await;
    let secret = key["secret"].as_str().unwrap();
    wait_for_fresh_window(&first).await;
    let calls = (0..3 * QUOTA).map(|i| {
        let process = if i % 2 == 0 { &first } else { &second };
        public_call(process, Some(secret))
    });
    let statuses: Vec<StatusCode> = join_all(calls).await.iter().map(|r| r.status()).collect();
    let served = statuses
        .iter()
        .filter(|s| **s == StatusCode::NOT_FOUND)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((served, refused), (QUOTA, 2 * QUOTA), "{statuses:?}");
}

/// A large quota is served from leases (a few requests counted at once): never more than the
/// quota in total, and at most a lease's remainder less per process.
#[tokio::test]
async fn leased_quotas_never_serve_more_than_the_limit_across_processes() {
    const QUOTA: usize = 300; // leases of 3
    let first = spawn_app().await;
    let second = first.on_day(test_day()).await;
    let admin = first.admin().await;
    let key = create_key(
        &first,
        &admin,
        json!({"name": "Big", "organisation": "Sàn", "quota_per_minute": QUOTA}),
    )
    .await;
    let secret = key["secret"].as_str().unwrap();
    wait_for_fresh_window(&first).await;
    let calls = (0..QUOTA + 60).map(|i| {
        let process = if i % 2 == 0 { &first } else { &second };
        public_call(process, Some(secret))
    });
    let statuses: Vec<StatusCode> = join_all(calls).await.iter().map(|r| r.status()).collect();
    let served = statuses
        .iter()
        .filter(|s| **s == StatusCode::NOT_FOUND)
        .count();
    assert!(served <= QUOTA, "served {served} of {QUOTA}");
    assert!(
        served >= QUOTA - 10,
        "served only {served} of {QUOTA}: {statuses:?}"
    );
    assert_eq!(
        served
            + statuses
                .iter()
                .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
                .count(),
        QUOTA + 60
    );
}

/// The stored form of a secret (SHA-256, lowercase hex), to look for it in answers.
fn sha256_hex(text: &str) -> String {
    ocop_catalogue::hash_secret(text)
}
