//! What a certificate's readers are told beyond its state: the product set by name (the print
//! names it, not its code), and on the public verification of a withdrawn certificate, when and
//! why it was revoked, or which certificate replaced it.

use chrono::{Datelike, Duration, NaiveDate};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::evaluations::{
    Cast, add_to_agenda, cast, checked_dossier, cycle, decision, json_of, move_ok,
    round_with_council, score_and_close, selection_with_stars,
};
use crate::helpers::*;

/// Revokes `certificate` (as its province's officer, for misuse of the mark) by a decision of
/// `on`, at its current version.
pub async fn revoke(app: &TestApp, cast: &Cast, certificate: &Value, on: NaiveDate) {
    let id = certificate["id"].as_str().expect("certificate id");
    let current = json_of(
        app.get(&cast.province, &format!("/api/v1/certificates/{id}"))
            .await,
        StatusCode::OK,
        "certificate",
    )
    .await;
    json_of(
        app.send_if_match(
            &cast.province,
            Method::POST,
            &format!("/api/v1/certificates/{id}/revoke"),
            current["version"].as_i64().expect("version"),
            Some(json!({"ground": "mark_misuse",
                        "decision": decision("99/QĐ-UBND", &on.to_string())})),
        )
        .await,
        StatusCode::OK,
        "revoke",
    )
    .await;
}

/// A dossier of `dossier_type` scored `stars` by a province council and recognised by decision
/// `number` of `decided_on`: the certificate as its officer reads it.
pub(crate) async fn certify(
    app: &TestApp,
    cast: &Cast,
    year: i32,
    dossier_type: &str,
    stars: i64,
    number: &str,
    decided_on: &str,
) -> Value {
    let id = checked_dossier(app, cast, year, dossier_type, Some(stars)).await;
    let round = round_with_council(app, cast, "province").await;
    let round_id = round["id"].as_str().expect("round id");
    add_to_agenda(app, cast, round_id, &id).await;
    let set_id = cycle(app, &cast.producer, &id).await["criteria_set_id"]
        .as_i64()
        .expect("criteria set");
    let choices = selection_with_stars(app, &cast.producer, set_id, stars).await;
    score_and_close(app, cast, round_id, &id, &choices).await;
    move_ok(app, &cast.chair, &id, json!({"to": "result_decided"})).await;
    let recognised = move_ok(
        app,
        &cast.province,
        &id,
        json!({"to": "recognised", "decision": decision(number, decided_on)}),
    )
    .await;
    let cert_id = recognised["certificate_id"].as_str().expect("certificate");
    json_of(
        app.get(&cast.province, &format!("/api/v1/certificates/{cert_id}"))
            .await,
        StatusCode::OK,
        "certificate",
    )
    .await
}

async fn public(app: &TestApp, code: &str) -> Value {
    json_of(
        app.client
            .get(app.url(&format!("/api/v1/public/certificates/{code}")))
            .send()
            .await
            .expect("public verification"),
        StatusCode::OK,
        "public verification",
    )
    .await
}

#[tokio::test]
async fn the_public_check_names_the_revocation_and_the_successor_and_the_set_by_name() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let today = test_day();
    let year = today.year();
    let earlier = (today - Duration::days(10)).to_string();
    let first = certify(
        &app,
        &cast,
        year - 1,
        "first_rating",
        3,
        "10/QĐ-UBND",
        &earlier,
    )
    .await;
    let first_code = first["verification_code"].as_str().expect("code");

    // The set by the name the instrument prints, beside its code.
    let set_name = first["product_set_name"].as_str().expect("set name");
    assert!(!set_name.is_empty(), "{first}");
    assert_ne!(first["product_set_name"], first["product_set"]);
    let seen = public(&app, first_code).await;
    assert_eq!(seen["product_set_name"], set_name);
    // The dossier names its set the same way, from the same sheet.
    let dossier = cycle(
        &app,
        &cast.producer,
        first["cycle_id"].as_str().expect("cycle id"),
    )
    .await;
    assert_eq!(dossier["product_set_name"], set_name);
    assert_eq!(dossier["product_set"], first["product_set"]);
    assert_eq!(seen["state"], "valid");
    for absent in [
        "revoked_on",
        "revocation_ground",
        "superseded_on",
        "successor_code",
    ] {
        assert!(seen[absent].is_null(), "{absent}: {seen}");
    }

    // An upgrade replaces it: the old code leads on to the new certificate.
    let second = certify(
        &app,
        &cast,
        year,
        "upgrade",
        4,
        "11/QĐ-UBND",
        &today.to_string(),
    )
    .await;
    let second_code = second["verification_code"].as_str().expect("code");
    let seen = public(&app, first_code).await;
    assert_eq!(seen["state"], "superseded");
    assert_eq!(seen["valid"], false);
    assert_eq!(seen["superseded_on"], today.to_string());
    assert_eq!(seen["successor_code"], second_code);
    assert!(seen["revoked_on"].is_null(), "{seen}");

    // A re-check costs no body while nothing changed: the ETag comes back as 304.
    let check = |etag: Option<String>| {
        let mut request = app
            .client
            .get(app.url(&format!("/api/v1/public/certificates/{second_code}")));
        if let Some(etag) = etag {
            request = request.header("If-None-Match", etag);
        }
        request.send()
    };
    let first_check = check(None).await.expect("check");
    assert_eq!(first_check.status(), StatusCode::OK);
    assert_eq!(first_check.headers()["cache-control"], "public, no-cache");
    let etag = first_check.headers()["etag"]
        .to_str()
        .expect("etag")
        .to_string();
    let again = check(Some(etag.clone())).await.expect("check");
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers()["etag"], etag.as_str());

    // A revocation is public with its date and ground; the decision's signer is not.
    let path = format!(
        "/api/v1/certificates/{}/revoke",
        second["id"].as_str().expect("id")
    );
    json_of(
        app.send_if_match(
            &cast.province,
            Method::POST,
            &path,
            second["version"].as_i64().expect("version"),
            Some(json!({"ground": "mark_misuse",
                        "decision": decision("12/QĐ-UBND", &today.to_string())})),
        )
        .await,
        StatusCode::OK,
        "revoke",
    )
    .await;
    // The ETag held before the revocation no longer matches: the shopper reads "revoked" at once.
    let after = check(Some(etag.clone())).await.expect("check");
    assert_eq!(after.status(), StatusCode::OK);
    assert_ne!(after.headers()["etag"], etag.as_str());
    let seen = public(&app, second_code).await;
    assert_eq!(seen["state"], "revoked");
    assert_eq!(seen["valid"], false);
    assert_eq!(seen["revoked_on"], today.to_string());
    assert_eq!(seen["revocation_ground"], "mark_misuse");
    assert!(seen["successor_code"].is_null(), "{seen}");
    assert!(seen.get("decision_signer").is_none(), "{seen}");
    assert!(seen.get("revocation").is_none(), "{seen}");
}
