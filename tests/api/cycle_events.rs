//! The events of the OCOP cycle, as the outbox's readers see them: each use case emits its
//! events exactly once, with the entity's version after the change, and a refused one emits none.

use chrono::Datelike;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::change_pipeline::{events_of, names};
use crate::evaluations::*;
use crate::helpers::*;

/// The names of `events`, sorted: one change may emit several, in any order.
fn sorted(events: &[Value]) -> Vec<&str> {
    let mut names = names(events);
    names.sort_unstable();
    names
}

fn the<'a>(events: &'a [Value], name: &str) -> &'a Value {
    events
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {events:?}"))
}

async fn upload_attachment(app: &TestApp, user: &User, cycle_id: &str) -> StatusCode {
    app.client
        .post(app.url(&format!(
            "/api/v1/cycles/{cycle_id}/attachments?kind=test_result"
        )))
        .bearer_auth(&user.token)
        .header("Content-Type", "application/pdf")
        .header("X-File-Name", "phieu-kiem-nghiem.pdf")
        .body(b"%PDF-1.4\n% test result\n".to_vec())
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn every_step_from_idea_to_revocation_emits_its_events_once() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let admin = &cast.admin;
    let year = test_day().year() - 1;

    let mut id = String::new();
    let events = events_of(&app, admin, || async {
        let opened = json_of(
            app.post(
                &cast.producer,
                "/api/v1/cycles",
                json!({"product_id": cast.product_id, "year": year, "entry": "implementation",
                       "dossier_type": "first_rating"}),
            )
            .await,
            StatusCode::CREATED,
            "open",
        )
        .await;
        id = opened["id"].as_str().unwrap().to_string();
    })
    .await;
    assert_eq!(names(&events), ["cycle.opened"]);
    assert_eq!(events[0]["entity_id"], id);
    assert_eq!(events[0]["entity_version"], 1);
    let set_id = cycle(&app, &cast.producer, &id).await["criteria_set_id"]
        .as_i64()
        .unwrap();
    let three = selection_with_stars(&app, &cast.producer, set_id, 3).await;

    let events = events_of(&app, admin, || async {
        let body = json!({"form_01": form_01(), "self_assessment": three, "samples": 5});
        let res = patch_dossier(&app, &cast.producer, &id, body).await;
        assert_eq!(res.status(), StatusCode::OK);
        // The same edit from the version already replaced is refused and emits nothing.
        let stale = app
            .patch(
                &cast.producer,
                &format!("/api/v1/cycles/{id}/dossier"),
                1,
                json!({"samples": 6}),
            )
            .await;
        assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    })
    .await;
    assert_eq!(names(&events), ["cycle.dossier_updated"]);
    assert_eq!(events[0]["entity_version"], 2);

    let events = events_of(&app, admin, || async {
        assert_eq!(
            upload_attachment(&app, &cast.producer, &id).await,
            StatusCode::CREATED
        );
    })
    .await;
    assert_eq!(names(&events), ["cycle.attachment_added"]);

    let events = events_of(&app, admin, || async {
        move_ok(
            &app,
            &cast.producer,
            &id,
            json!({"to": "dossier_submitted"}),
        )
        .await;
        // The commune cannot check a dossier without Mẫu 03: refused, nothing emitted.
        let res = try_move(&app, &cast.commune, &id, json!({"to": "commune_checked"})).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    })
    .await;
    assert_eq!(names(&events), ["cycle.moved"]);
    assert_eq!(events[0]["payload"]["to"], "dossier_submitted");

    let events = events_of(&app, admin, || async {
        let res = patch_dossier(&app, &cast.commune, &id, json!({"form_03": form_03()})).await;
        assert_eq!(res.status(), StatusCode::OK);
        move_ok(&app, &cast.commune, &id, json!({"to": "commune_checked"})).await;
    })
    .await;
    assert_eq!(names(&events), ["cycle.dossier_updated", "cycle.moved"]);

    let mut round = Value::Null;
    let events = events_of(&app, admin, || async {
        round = round_with_council(&app, &cast, "province").await;
    })
    .await;
    assert_eq!(names(&events), ["round.created", "round.council_set"]);
    let round_id = round["id"].as_str().unwrap().to_string();
    assert_eq!(events[1]["entity_id"], round_id);
    assert_eq!(events[1]["entity_version"], round["version"]);

    let events = events_of(&app, admin, || async {
        add_to_agenda(&app, &cast, &round_id, &id).await;
    })
    .await;
    assert_eq!(sorted(&events), ["cycle.moved", "round.agenda_changed"]);
    assert_eq!(
        the(&events, "cycle.moved")["payload"]["to"],
        "awaiting_council"
    );

    let finding_path = format!("/api/v1/rounds/{round_id}/dossiers/{id}/finding");
    let events = events_of(&app, admin, || async {
        let version = round_version(&app, &cast.chair, &round_id).await;
        let finding = json!({"ground": {"disqualifier": 0}, "note": "Giấy chứng nhận hết hạn"});
        let res = app
            .send_if_match(
                &cast.chair,
                Method::PUT,
                &finding_path,
                version,
                Some(finding),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    })
    .await;
    assert_eq!(names(&events), ["finding.recorded"]);
    let events = events_of(&app, admin, || async {
        let version = round_version(&app, &cast.chair, &round_id).await;
        let res = app
            .send_if_match(&cast.chair, Method::DELETE, &finding_path, version, None)
            .await;
        assert!(res.status().is_success(), "{}", res.status());
    })
    .await;
    assert_eq!(names(&events), ["finding.withdrawn"]);

    let events = events_of(&app, admin, || async {
        let res = save_sheet(&app, &cast.member, &round_id, &id, &three, false).await;
        assert_eq!(res.status(), StatusCode::OK);
    })
    .await;
    assert_eq!(names(&events), ["sheet.saved"]);
    assert_eq!(events[0]["entity_version"], 1);

    let events = events_of(&app, admin, || async {
        score_and_close(&app, &cast, &round_id, &id, &three).await;
    })
    .await;
    assert_eq!(
        sorted(&events),
        [
            "cycle.moved",
            "round.closed",
            "sheet.saved",
            "sheet.saved",
            "sheet.saved"
        ]
    );
    assert_eq!(the(&events, "cycle.moved")["payload"]["to"], "scored");
    assert_eq!(the(&events, "round.closed")["entity_id"], round_id);

    let events = events_of(&app, admin, || async {
        move_ok(&app, &cast.chair, &id, json!({"to": "result_decided"})).await;
    })
    .await;
    assert_eq!(names(&events), ["cycle.moved"]);

    let mut recognised = Value::Null;
    let events = events_of(&app, admin, || async {
        let decided_on = test_day().to_string();
        recognised = move_ok(
            &app,
            &cast.province,
            &id,
            json!({"to": "recognised", "decision": decision("10/QĐ-UBND", &decided_on)}),
        )
        .await;
    })
    .await;
    // The catalogue announces its new entry in the same change.
    assert_eq!(
        sorted(&events),
        ["catalogue.created", "certificate.issued", "cycle.moved"]
    );
    let issued = the(&events, "certificate.issued");
    let certificate_id = recognised["certificate_id"].as_str().unwrap().to_string();
    assert_eq!(issued["entity_id"], certificate_id);
    assert_eq!(issued["entity_version"], 1);
    assert_eq!(issued["payload"]["stars"], 3);
    assert_eq!(issued["payload"]["product_id"], cast.product_id);

    let events = events_of(&app, admin, || async {
        let revoke = json!({"ground": "mark_misuse",
                            "decision": decision("5/QĐ-UBND", &test_day().to_string())});
        let path = format!("/api/v1/certificates/{certificate_id}/revoke");
        let res = app
            .send_if_match(&cast.province, Method::POST, &path, 1, Some(revoke.clone()))
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        // Revoking twice is refused and emits nothing.
        let res = app
            .send_if_match(&cast.province, Method::POST, &path, 2, Some(revoke))
            .await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
    })
    .await;
    assert_eq!(names(&events), ["certificate.revoked", "catalogue.revoked"]);
    assert_eq!(events[0]["entity_id"], certificate_id);
    assert_eq!(events[0]["entity_version"], 2);
    assert_eq!(events[1]["entity_id"], cast.product_id);
}

#[tokio::test]
async fn a_later_certificate_emits_superseded_for_the_earlier_one() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let year = test_day().year();
    let mut certificates = Vec::new();
    let mut last_events = Vec::new();
    for (year, dossier_type, stars, number) in [
        (year - 1, "first_rating", 3, "10/QĐ-UBND"),
        (year, "upgrade", 4, "11/QĐ-UBND"),
    ] {
        let id = checked_dossier(&app, &cast, year, dossier_type, Some(stars)).await;
        let round = round_with_council(&app, &cast, "province").await;
        let round_id = round["id"].as_str().unwrap();
        add_to_agenda(&app, &cast, round_id, &id).await;
        let set_id = cycle(&app, &cast.producer, &id).await["criteria_set_id"]
            .as_i64()
            .unwrap();
        let choices = selection_with_stars(&app, &cast.producer, set_id, stars).await;
        score_and_close(&app, &cast, round_id, &id, &choices).await;
        move_ok(&app, &cast.chair, &id, json!({"to": "result_decided"})).await;
        let mut recognised = Value::Null;
        last_events = events_of(&app, &cast.admin, || async {
            recognised = move_ok(
                &app,
                &cast.province,
                &id,
                json!({"to": "recognised",
                       "decision": decision(number, &test_day().to_string())}),
            )
            .await;
        })
        .await;
        certificates.push(recognised["certificate_id"].as_str().unwrap().to_string());
    }
    assert_eq!(
        sorted(&last_events),
        [
            "catalogue.superseded",
            "certificate.issued",
            "certificate.superseded",
            "cycle.moved"
        ]
    );
    let superseded = the(&last_events, "certificate.superseded");
    assert_eq!(superseded["entity_id"], certificates[0]);
    assert_eq!(superseded["entity_version"], 2);
    assert_eq!(
        the(&last_events, "certificate.issued")["entity_id"],
        certificates[1]
    );
}

#[tokio::test]
async fn a_recusal_emits_its_event() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let id = checked_dossier(&app, &cast, test_day().year(), "first_rating", Some(3)).await;
    let round = round_with_council(&app, &cast, "province").await;
    let round_id = round["id"].as_str().unwrap();
    add_to_agenda(&app, &cast, round_id, &id).await;
    let events = events_of(&app, &cast.admin, || async {
        let version = round_version(&app, &cast.member, round_id).await;
        let res = app
            .send_if_match(
                &cast.member,
                Method::POST,
                &format!("/api/v1/rounds/{round_id}/dossiers/{id}/recusal"),
                version,
                Some(json!({"reason": "Người thân là thành viên hợp tác xã"})),
            )
            .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    })
    .await;
    assert_eq!(names(&events), ["sheet.recused"]);
}

#[tokio::test]
async fn criteria_imports_emit_their_events_and_a_refused_import_none() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let instrument = json!({
        "code": "98/2027/QĐ-TTg", "name": "Thử", "effective_from": "2027-01-01", "effective_to": null,
        "part_maxima": {"A": 40, "B": 25, "C": 35},
        "recognition": [{"level": "province", "stars": [3, 4]}, {"level": "central", "stars": [5]}],
        "certificate_months": 36
    });
    let events = events_of(&app, &admin, || async {
        let mut broken = instrument.clone();
        broken["part_maxima"]["A"] = json!(50);
        let res = app
            .post(&admin, "/api/v1/criteria/instruments", broken)
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let res = app
            .post(&admin, "/api/v1/criteria/instruments", instrument)
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    })
    .await;
    assert_eq!(names(&events), ["criteria.instrument_imported"]);

    let sets: Value = app
        .get(&admin, "/api/v1/criteria/sets?product_set=I.6&latest=true")
        .await
        .json()
        .await
        .unwrap();
    let set_id = sets[0]["id"].as_i64().unwrap();
    let sheet = sheet_of(&app, &admin, set_id).await;
    let events = events_of(&app, &admin, || async {
        let res = app.post(&admin, "/api/v1/criteria/sets", sheet).await;
        assert_eq!(res.status(), StatusCode::CREATED);
    })
    .await;
    assert_eq!(names(&events), ["criteria.sheet_imported"]);
    assert_eq!(events[0]["entity_version"], 2);
}

#[tokio::test]
async fn the_ministrys_round_announces_the_candidates_it_takes_and_the_results_it_freezes() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let id = checked_dossier(&app, &cast, test_day().year(), "first_rating", None).await;
    let round = round_with_council(&app, &cast, "province").await;
    let round_id = round["id"].as_str().unwrap();
    add_to_agenda(&app, &cast, round_id, &id).await;
    let set_id = cycle(&app, &cast.producer, &id).await["criteria_set_id"]
        .as_i64()
        .unwrap();
    let best = best_selection(&app, &cast.producer, set_id).await;
    score_and_close(&app, &cast, round_id, &id, &best).await;
    move_ok(&app, &cast.chair, &id, json!({"to": "result_decided"})).await;
    move_ok(
        &app,
        &cast.province,
        &id,
        json!({"to": "potential_five_stars"}),
    )
    .await;

    let central = round_with_council(&app, &cast, "central").await;
    let central_id = central["id"].as_str().unwrap();
    let events = events_of(&app, &cast.admin, || async {
        add_to_agenda(&app, &cast, central_id, &id).await;
    })
    .await;
    assert_eq!(
        sorted(&events),
        ["cycle.central_round_set", "round.agenda_changed"]
    );
    let taken = the(&events, "cycle.central_round_set");
    assert_eq!(taken["entity_id"], id);
    assert_eq!(
        taken["entity_version"],
        cycle(&app, &cast.producer, &id).await["version"]
    );

    let events = events_of(&app, &cast.admin, || async {
        score_and_close(&app, &cast, central_id, &id, &best).await;
    })
    .await;
    assert_eq!(
        sorted(&events),
        [
            "cycle.central_result_recorded",
            "round.closed",
            "sheet.saved",
            "sheet.saved",
            "sheet.saved"
        ]
    );
    let frozen = the(&events, "cycle.central_result_recorded");
    assert_eq!(frozen["payload"]["result"]["result"]["stars"], 5);
    assert_eq!(frozen["payload"]["round_id"], central_id);
    assert_eq!(
        frozen["entity_version"],
        cycle(&app, &cast.producer, &id).await["version"]
    );
}
