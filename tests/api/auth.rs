use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = spawn_app().await;
    assert_eq!(
        app.client
            .get(app.url("/health"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.client
            .get(app.url("/ready"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_bootstrap_admin_logs_in_and_sees_itself() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let me: Value = app.get(&admin, "/api/v1/me").await.json().await.unwrap();
    assert_eq!(me["email"], ADMIN_EMAIL);
    assert_eq!(me["role"], "system_admin");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    let wrong_password = app.login(ADMIN_EMAIL, "not the password").await;
    let unknown_email = app.login("nobody@test.ocop.vn", PASSWORD).await;
    assert_eq!(wrong_password.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown_email.status(), StatusCode::UNAUTHORIZED);
    let a: Value = wrong_password.json().await.unwrap();
    let b: Value = unknown_email.json().await.unwrap();
    assert_eq!(a["type"], b["type"]);
    assert_eq!(a["title"], b["title"]);
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while() {
    let app = spawn_app().await;
    for _ in 0..5 {
        assert_eq!(
            app.login(ADMIN_EMAIL, "wrong password").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let locked = app.login(ADMIN_EMAIL, PASSWORD).await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(locked.headers().get("retry-after").is_some());
}

#[tokio::test]
async fn requests_without_a_valid_token_are_unauthorized() {
    let app = spawn_app().await;
    let none = app
        .client
        .get(app.url("/api/v1/subjects"))
        .send()
        .await
        .unwrap();
    assert_eq!(none.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(none.headers()["content-type"], "application/problem+json");
    let forged = app
        .client
        .get(app.url("/api/v1/subjects"))
        .bearer_auth("eyJhbGciOiJub25lIn0.e30.")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
}

async fn refresh_token_of(res: reqwest::Response) -> String {
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    body["refresh_token"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_refresh_token_works_once_and_its_reuse_ends_the_session() {
    let app = spawn_app().await;
    let first = refresh_token_of(app.login(ADMIN_EMAIL, PASSWORD).await).await;
    let second = refresh_token_of(app.session("refresh", &first).await).await;
    assert_ne!(first, second);
    let third = refresh_token_of(app.session("refresh", &second).await).await;

    // The first token again, after its successor was used: someone else holds it.
    let reuse = app.session("refresh", &first).await;
    assert_eq!(reuse.status(), StatusCode::UNAUTHORIZED);
    // The reuse revoked the whole family, including the token issued after it.
    let after = app.session("refresh", &third).await;
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn two_tabs_refreshing_the_same_token_at_once_both_stay_signed_in() {
    let app = spawn_busy_app().await;
    let first = refresh_token_of(app.login(ADMIN_EMAIL, PASSWORD).await).await;
    let (a, b) = tokio::join!(
        app.session("refresh", &first),
        app.session("refresh", &first)
    );
    let (a, b) = (refresh_token_of(a).await, refresh_token_of(b).await);
    assert_eq!(a, b, "both tabs hold the one successor");
    // The successor works, once, like any refresh token.
    let next = refresh_token_of(app.session("refresh", &a).await).await;
    assert_ne!(next, a);
}

#[tokio::test]
async fn a_spent_token_presented_after_the_grace_period_ends_the_session() {
    let app = spawn_app().await;
    let first = refresh_token_of(app.login(ADMIN_EMAIL, PASSWORD).await).await;
    let second = refresh_token_of(app.session("refresh", &first).await).await;
    // Past the 10 seconds in which a duplicate refresh is taken for the same client.
    tokio::time::sleep(std::time::Duration::from_secs(11)).await;
    let late = app.session("refresh", &first).await;
    assert_eq!(late.status(), StatusCode::UNAUTHORIZED);
    let after = app.session("refresh", &second).await;
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn processes_without_a_configured_secret_share_one_key_kept_in_the_database() {
    let (first, second) = spawn_two_processes_without_a_secret().await;
    let admin = first.admin().await;
    let me = second.get(&admin, "/api/v1/me").await;
    assert_eq!(
        me.status(),
        StatusCode::OK,
        "a token signed by one process is good at the other"
    );
}

#[tokio::test]
async fn logout_revokes_the_refresh_token() {
    let app = spawn_app().await;
    let login: Value = app.login(ADMIN_EMAIL, PASSWORD).await.json().await.unwrap();
    let token = login["refresh_token"].as_str().unwrap();
    let out = app.session("logout", token).await;
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let again = app.session("refresh", token).await;
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_disabled_user_loses_access_at_once() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let viewer = app.user_with_role(&admin, "viewer", COMMUNE_A, None).await;
    assert_eq!(
        app.get(&viewer, "/api/v1/subjects").await.status(),
        StatusCode::OK
    );
    let res = app
        .patch(
            &admin,
            &format!("/api/v1/users/{}", viewer.id),
            1,
            json!({"status": "disabled"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        app.get(&viewer, "/api/v1/subjects").await.status(),
        StatusCode::UNAUTHORIZED
    );
}
