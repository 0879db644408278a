//! The demo province as `cargo run -p xtask -- demo` seeds it: every step made through the real
//! use cases, so what the demo shows is what the rules allow.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::helpers::*;

async fn all(app: &TestApp, user: &User, path: &str) -> Vec<Value> {
    let page: Value = app.get(user, path).await.json().await.expect("json");
    page["items"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn the_demo_shows_a_finished_round_certificates_in_their_states_and_every_early_step() {
    let app = spawn_demo_app().await;
    let res = app.login("tinh@demo.ocop.vn", "ocop-demo-2026").await;
    let body: Value = res.json().await.expect("json");
    let province = User {
        token: body["access_token"].as_str().expect("token").into(),
        id: body["user"]["id"].as_str().expect("id").into(),
        email: "tinh@demo.ocop.vn".into(),
    };

    let certificates = all(&app, &province, "/api/v1/certificates?per_page=100").await;
    let states: BTreeSet<&str> = certificates
        .iter()
        .map(|c| c["state"].as_str().expect("state"))
        .collect();
    for state in [
        "valid",
        "re_rating_due",
        "expiring",
        "expired",
        "revoked",
        "superseded",
    ] {
        assert!(states.contains(state), "no {state} certificate: {states:?}");
    }
    let stars: BTreeSet<i64> = certificates
        .iter()
        .filter_map(|c| c["stars"].as_i64())
        .collect();
    assert!(stars.contains(&3) && stars.contains(&4), "{stars:?}");

    let cycles = all(&app, &province, "/api/v1/cycles?per_page=100").await;
    let cycle_states: BTreeSet<&str> = cycles
        .iter()
        .map(|c| c["state"].as_str().expect("state"))
        .collect();
    for state in [
        "idea_registered",
        "idea_returned",
        "idea_accepted",
        "plan_submitted",
        "plan_approved",
        "implementation",
        "dossier_submitted",
        "dossier_returned_for_completion",
        "dossier_resubmitted",
        "commune_checked",
        "awaiting_council",
        "recognised",
        "not_recognised",
        "potential_five_stars",
    ] {
        assert!(
            cycle_states.contains(state),
            "no cycle in {state}: {cycle_states:?}"
        );
    }

    let rounds: Value = app
        .get(&province, "/api/v1/rounds")
        .await
        .json()
        .await
        .expect("json");
    let closed: Vec<&Value> = rounds
        .as_array()
        .expect("rounds")
        .iter()
        .filter(|r| r["closed_at"].is_string())
        .collect();
    assert!(
        closed.iter().any(|r| r["agenda"]
            .as_array()
            .is_some_and(|a| a.iter().all(|i| i["result"]["stars"].is_number()))),
        "a finished round with a frozen result on every dossier"
    );
}
