//! The criteria library: legal data loaded at start, immutable, imported whole or not at all.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

async fn coffee_sheet(app: &TestApp, user: &User) -> (i64, Value) {
    let sets: Value = app
        .get(user, "/api/v1/criteria/sets?product_set=I.6&latest=true")
        .await
        .json()
        .await
        .unwrap();
    let id = sets[0]["id"].as_i64().unwrap();
    let set: Value = app
        .get(user, &format!("/api/v1/criteria/sets/{id}"))
        .await
        .json()
        .await
        .unwrap();
    (id, set["sheet"].clone())
}

#[tokio::test]
async fn the_26_sheets_of_decision_26_2026_are_loaded_under_the_instrument_in_force() {
    let app = spawn_app().await;
    let viewer = app
        .user_with_role(&app.admin().await, "viewer", COMMUNE_A, None)
        .await;
    let instruments: Value = app
        .get(&viewer, "/api/v1/criteria/instruments")
        .await
        .json()
        .await
        .unwrap();
    let in_force: Vec<&Value> = instruments
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["in_force"] == true)
        .collect();
    assert_eq!(in_force.len(), 1);
    assert_eq!(in_force[0]["document"]["code"], "26/2026/QĐ-TTg");
    assert_eq!(in_force[0]["sheet_count"], 26);
    assert!(
        instruments
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["document"]["code"] == "1048/QĐ-TTg")
    );

    let sets: Value = app
        .get(&viewer, "/api/v1/criteria/sets?instrument=26/2026/QĐ-TTg")
        .await
        .json()
        .await
        .unwrap();
    let sets = sets.as_array().unwrap();
    // The 26 sheets as published, and I.5.a's corrected version 2 (6.1.1 printed 11 for 1).
    let published: Vec<&Value> = sets.iter().filter(|s| s["version"] == 1).collect();
    assert_eq!(published.len(), 26);
    let later: Vec<(&str, i64)> = sets
        .iter()
        .filter(|s| s["version"] != 1)
        .map(|s| {
            (
                s["product_set"].as_str().unwrap(),
                s["version"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(later, [("I.5.a", 2)]);
    assert_eq!(
        published
            .iter()
            .map(|s| s["option_count"].as_i64().unwrap())
            .sum::<i64>(),
        2535
    );
    let (_, sheet) = coffee_sheet(&app, &viewer).await;
    assert_eq!(sheet["total_points"], 100);
}

#[tokio::test]
async fn scoring_best_options_gives_five_stars_and_worst_options_list_the_unmet_minimums() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (id, sheet) = coffee_sheet(&app, &admin).await;
    let best = choices_by(&sheet, Pick::Best);
    let worst = choices_by(&sheet, Pick::Worst);
    let top: Value = app
        .post(
            &admin,
            &format!("/api/v1/criteria/sets/{id}/evaluate"),
            json!({"choices": best}),
        )
        .await
        .json()
        .await
        .unwrap();
    // 2.4 (bilingual labels) is printed with a 1-point maximum but no options; none are invented.
    assert_eq!(top["score"]["total"], 99);
    assert_eq!(
        top["unanswered"],
        json!([]),
        "a criterion without options cannot be left unanswered"
    );
    assert_eq!(top["stars"]["stars"], 5);

    let res = app
        .post(
            &admin,
            &format!("/api/v1/criteria/sets/{id}/evaluate"),
            json!({"choices": worst}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let low: Value = res.json().await.unwrap();
    assert!(low["stars"]["stars"].as_i64().unwrap() <= 2);
    assert!(
        low["advice"]["next_level"]["changes"]
            .as_array()
            .is_some_and(|c| !c.is_empty()),
        "{}",
        low["advice"]
    );

    let bad = app
        .post(
            &admin,
            &format!("/api/v1/criteria/sets/{id}/evaluate"),
            json!({"choices": {"99.9": 0}}),
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn an_inconsistent_sheet_is_refused_whole_and_nothing_is_stored() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_, mut sheet) = coffee_sheet(&app, &admin).await;
    // Part A claims 45 points: its sections still add up to 40, and the parts to 105.
    sheet["parts"][0]["max_points"] = json!(45);
    let res = app.post(&admin, "/api/v1/criteria/sets", sheet).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = res.json().await.unwrap();
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(fields.iter().any(|f| f.starts_with("sheet[")), "{problem}");
    let sets: Value = app
        .get(&admin, "/api/v1/criteria/sets?product_set=I.6")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(sets.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_corrected_sheet_becomes_a_new_version_and_the_old_one_stays_readable() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (old_id, mut sheet) = coffee_sheet(&app, &admin).await;
    sheet["name"] = json!("Sản phẩm cà phê, ca cao (bản đính chính)");
    let res = app.post(&admin, "/api/v1/criteria/sets", sheet).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["version"], 2);
    let old: Value = app
        .get(&admin, &format!("/api/v1/criteria/sets/{old_id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(old["summary"]["version"], 1);
    assert_eq!(old["sheet"]["name"], "Sản phẩm cà phê, ca cao");
    let latest: Value = app
        .get(&admin, "/api/v1/criteria/sets?product_set=I.6&latest=true")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(latest.as_array().unwrap().len(), 1);
    assert_eq!(latest[0]["version"], 2);
}

#[tokio::test]
async fn only_system_admins_import_criteria() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let officer = app
        .user_with_role(&admin, "province_officer", "66", None)
        .await;
    let (_, sheet) = coffee_sheet(&app, &admin).await;
    assert_eq!(
        app.post(&officer, "/api/v1/criteria/sets", sheet)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let instrument = json!({
        "code": "99/2027/QĐ-TTg", "name": "Thử", "effective_from": "2027-01-01", "effective_to": null,
        "part_maxima": {"A": 40, "B": 25, "C": 35},
        "recognition": [{"level": "province", "stars": [3, 4]}, {"level": "central", "stars": [5]}],
        "certificate_months": 36
    });
    assert_eq!(
        app.post(&officer, "/api/v1/criteria/instruments", instrument.clone())
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let mut broken = instrument.clone();
    broken["part_maxima"]["A"] = json!(50);
    let res = app
        .post(&admin, "/api/v1/criteria/instruments", broken)
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.post(&admin, "/api/v1/criteria/instruments", instrument.clone())
            .await
            .status(),
        StatusCode::CREATED
    );
    assert_eq!(
        app.post(&admin, "/api/v1/criteria/instruments", instrument)
            .await
            .status(),
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn an_imported_instrument_governs_rounds_and_recognition_from_its_effective_date() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let officer = app
        .user_with_role(&admin, "province_officer", "66", None)
        .await;
    let instrument = json!({
        "code": "99/2030/QĐ-TTg", "name": "Quyết định thử", "effective_from": "2030-01-01",
        "effective_to": null, "part_maxima": {"A": 40, "B": 25, "C": 35},
        "recognition": [{"level": "province", "stars": [3, 4, 5]}], "certificate_months": 36,
        "rounds": [{"level": "province", "forwarded_before": "03-31", "decide_by": "05-31"}]
    });
    let res = app
        .post(&admin, "/api/v1/criteria/instruments", instrument)
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);

    // Before its date, 26/2026 still sets the calendar; from it, the new one does.
    let round = |opened_on: &'static str| {
        let app = &app;
        let officer = &officer;
        async move {
            let res = app
                .post(
                    officer,
                    "/api/v1/rounds",
                    json!({"level": "province", "name": "Đợt thử", "opened_on": opened_on}),
                )
                .await;
            assert_eq!(res.status(), StatusCode::CREATED);
            res.json::<Value>().await.unwrap()
        }
    };
    let before = round("2029-12-01").await;
    assert_eq!(before["instrument"], "26/2026/QĐ-TTg");
    assert_eq!(before["forwarded_before"], "2030-04-30");
    let after = round("2030-01-02").await;
    assert_eq!(after["instrument"], "99/2030/QĐ-TTg");
    assert_eq!(after["forwarded_before"], "2030-03-31");
    assert_eq!(after["decide_before"], "2030-05-31");
    // It sets no central calendar, so no central round can be convened under it.
    let res = app
        .post(
            &officer,
            "/api/v1/rounds",
            json!({"level": "central", "name": "Đợt", "opened_on": "2030-02-01"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
