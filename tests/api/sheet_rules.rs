//! The scoring rules where an independent scorer disagreed, as a client sees them: the
//! corrected tea sheet, stop notes, empty points cells, and the chair's findings.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::evaluations::{add_to_agenda, cast, checked_dossier, json_of, round_with_council};
use crate::helpers::*;

/// The latest stored sheet of a set: its summary and body.
async fn latest(app: &TestApp, user: &User, set: &str) -> (Value, Value) {
    let sets: Value = app
        .get(user, &format!("/api/v1/criteria/sets?product_set={set}"))
        .await
        .json()
        .await
        .unwrap();
    let newest = sets
        .as_array()
        .unwrap()
        .iter()
        .max_by_key(|s| s["version"].as_i64())
        .unwrap()
        .clone();
    let id = newest["id"].as_i64().unwrap();
    let set: Value = app
        .get(user, &format!("/api/v1/criteria/sets/{id}"))
        .await
        .json()
        .await
        .unwrap();
    (newest, set["sheet"].clone())
}

/// Every leaf at its last best option (first alternative of a choose-one), then `changes`.
fn best_but(sheet: &Value, changes: &[(&str, u32)]) -> Value {
    fn walk(node: &Value, out: &mut serde_json::Map<String, Value>) {
        let children = node["criteria"]
            .as_array()
            .or(node["children"].as_array())
            .cloned()
            .unwrap_or_default();
        if children.is_empty() {
            let max = node["max_points"].as_u64().unwrap();
            let best = node["options"]
                .as_array()
                .unwrap()
                .iter()
                .enumerate()
                .filter_map(|(i, o)| Some((o["points"].as_u64()?.min(max), i)))
                .max();
            if let Some((_, i)) = best {
                out.insert(node["code"].as_str().unwrap().into(), json!(i));
            }
            return;
        }
        let choose_one = node["children_mode"] == "choose_one";
        for (i, child) in children.iter().enumerate() {
            if choose_one && i > 0 {
                continue;
            }
            walk(child, out);
        }
    }
    let mut out = serde_json::Map::new();
    for part in sheet["parts"].as_array().unwrap() {
        for section in part["sections"].as_array().unwrap() {
            walk(section, &mut out);
        }
    }
    for (code, option) in changes {
        out.insert(code.to_string(), json!(option));
    }
    Value::Object(out)
}

async fn evaluate(app: &TestApp, user: &User, set_id: i64, choices: Value) -> reqwest::Response {
    app.post(
        user,
        &format!("/api/v1/criteria/sets/{set_id}/evaluate"),
        json!({ "choices": choices }),
    )
    .await
}

#[tokio::test]
async fn the_corrected_tea_sheet_is_a_new_version_and_scores_the_typo_as_one_point() {
    let app = spawn_app().await;
    let viewer = app
        .user_with_role(&app.admin().await, "viewer", COMMUNE_A, None)
        .await;
    let (summary, sheet) = latest(&app, &viewer, "I.5.a").await;
    assert_eq!(summary["version"], 2);
    assert_eq!(sheet["corrections"][0]["criterion_code"], "6.1.1");
    let choices = best_but(&sheet, &[("6.1.1", 1)]);
    let out = json_of(
        evaluate(
            &app,
            &viewer,
            summary["id"].as_i64().unwrap(),
            choices.clone(),
        )
        .await,
        StatusCode::OK,
        "evaluate v2",
    )
    .await;
    assert_eq!(
        (
            out["score"]["total"].as_i64(),
            out["stars"]["stars"].as_i64()
        ),
        (Some(98), Some(3))
    );

    // Version 1 stays as published (11 printed, capped to 2), and the capped tie no longer
    // passes for the 4★ minimum.
    let sets: Value = app
        .get(&viewer, "/api/v1/criteria/sets?product_set=I.5.a")
        .await
        .json()
        .await
        .unwrap();
    let v1 = sets
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["version"] == 1)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let out = json_of(
        evaluate(&app, &viewer, v1, choices).await,
        StatusCode::OK,
        "evaluate v1",
    )
    .await;
    assert_eq!(
        (
            out["score"]["total"].as_i64(),
            out["stars"]["stars"].as_i64()
        ),
        (Some(99), Some(3))
    );
    assert_eq!(out["stars"]["unmet"][0]["criterion_code"], "6.1.1");
}

#[tokio::test]
async fn a_stop_note_leaves_the_evaluation_not_rated_and_the_advice_lifts_it() {
    let app = spawn_app().await;
    let viewer = app
        .user_with_role(&app.admin().await, "viewer", COMMUNE_A, None)
        .await;
    let (summary, sheet) = latest(&app, &viewer, "II.2.a").await;
    let out = json_of(
        evaluate(
            &app,
            &viewer,
            summary["id"].as_i64().unwrap(),
            best_but(&sheet, &[("6.1", 0)]),
        )
        .await,
        StatusCode::OK,
        "evaluate",
    )
    .await;
    assert_eq!(out["stars"]["stars"], 0);
    let reason = &out["stars"]["not_rated"];
    assert_eq!(reason["kind"], "stopped");
    assert_eq!(reason["criterion_code"], "6.4");
    assert!(
        reason["rule"]
            .as_str()
            .unwrap()
            .contains("không đánh giá các bước tiếp theo")
    );
    let change = &out["advice"]["next_level"]["changes"][0];
    assert_eq!(
        (
            change["criterion_code"].as_str(),
            change["lifts_stop"].as_bool()
        ),
        (Some("6.1"), Some(true))
    );
}

#[tokio::test]
async fn an_empty_points_cell_on_the_lowest_option_is_accepted_as_zero() {
    let app = spawn_app().await;
    let viewer = app
        .user_with_role(&app.admin().await, "viewer", COMMUNE_A, None)
        .await;
    let (summary, sheet) = latest(&app, &viewer, "I.2.b").await;
    let out = json_of(
        evaluate(
            &app,
            &viewer,
            summary["id"].as_i64().unwrap(),
            best_but(&sheet, &[("1.2", 0)]),
        )
        .await,
        StatusCode::OK,
        "evaluate",
    )
    .await;
    assert_eq!(out["score"]["criteria"]["1.2"], 0);
    assert_eq!(out["unanswered"], json!([]));
}

#[tokio::test]
async fn the_chair_records_a_disqualifier_and_the_dossier_closes_not_rated() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let cycle_id = checked_dossier(&app, &cast, 2026, "first_rating", Some(4)).await;
    let round = round_with_council(&app, &cast, "province").await;
    let round_id = round["id"].as_str().unwrap().to_string();
    let round = add_to_agenda(&app, &cast, &round_id, &cycle_id).await;
    let path = format!("/api/v1/rounds/{round_id}/dossiers/{cycle_id}/finding");
    let version = round["version"].as_i64().unwrap();
    let finding = json!({"ground": {"disqualifier": 0}, "note": "Giấy chứng nhận ATTP đã hết hạn"});

    // Only the chair records it, a ground the sheet prints, at the version read.
    let res = app
        .send_if_match(
            &cast.member,
            Method::PUT,
            &path,
            version,
            Some(finding.clone()),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app
        .send_if_match(
            &cast.chair,
            Method::PUT,
            &path,
            version,
            Some(json!({"ground": {"disqualifier": 9}, "note": "không có"})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = res.json().await.unwrap();
    assert!(body.to_string().contains("ground.disqualifier"), "{body}");
    let recorded = json_of(
        app.send_if_match(
            &cast.chair,
            Method::PUT,
            &path,
            version,
            Some(finding.clone()),
        )
        .await,
        StatusCode::OK,
        "record finding",
    )
    .await;
    let item = &recorded["agenda"][0];
    assert_eq!(item["finding"]["reason"]["kind"], "eliminated");
    assert!(
        item["finding"]["reason"]["rule"]
            .as_str()
            .unwrap()
            .starts_with("Hồ sơ bị loại khi")
    );
    let stale = app
        .send_if_match(&cast.chair, Method::PUT, &path, version, Some(finding))
        .await;
    assert!(stale.status().is_client_error(), "{}", stale.status());

    // No sheet is needed: the round closes and the dossier is not rated.
    let closed = json_of(
        app.send_if_match(
            &cast.chair,
            Method::POST,
            &format!("/api/v1/rounds/{round_id}/close"),
            recorded["version"].as_i64().unwrap(),
            None,
        )
        .await,
        StatusCode::OK,
        "close",
    )
    .await;
    let result = &closed["agenda"][0]["result"];
    assert_eq!(result["stars"], 0);
    assert_eq!(result["not_rated"]["kind"], "eliminated");
    assert_eq!(
        result["not_rated"]["note"],
        "Giấy chứng nhận ATTP đã hết hạn"
    );
    let cycle: Value = app
        .get(&cast.province, &format!("/api/v1/cycles/{cycle_id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cycle["state"], "scored");
    assert_eq!(
        cycle["council"]["result"]["not_rated"]["kind"],
        "eliminated"
    );
}
