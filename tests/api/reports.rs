//! Reports: their figures are what the records say as of the day asked, their CSV and XLSX
//! carry exactly the JSON's rows, and each keeps to the caller's scope.

use chrono::{Datelike, Duration};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::certificates::certify;
use crate::evaluations::{
    Cast, cast, cycle, form_03, json_of, move_ok, patch_dossier, submitted_dossier,
};
use crate::helpers::*;
use crate::report_files::*;

const PROVINCE: &str = "66";
pub(crate) const REPORTS: [&str; 7] = [
    "products",
    "subjects",
    "pipeline",
    "council-results",
    "targets",
    "province-summary",
    "product-register",
];

/// A province plan for the test year with a target of 20 certified products.
async fn province_plan(app: &TestApp, cast: &Cast) {
    let province = app.unit(&cast.admin, PROVINCE).await;
    let year = test_day().year();
    let plan = json_of(
        app.post(
            &cast.province,
            "/api/v1/plans",
            json!({"unit_id": province, "year": year, "title": "Kế hoạch OCOP tỉnh năm 2027"}),
        )
        .await,
        StatusCode::CREATED,
        "create plan",
    )
    .await;
    json_of(
        app.post(
            &cast.province,
            &format!(
                "/api/v1/plans/{}/targets",
                plan["id"].as_str().expect("plan id")
            ),
            json!({"metric": "certified_products", "title": "Sản phẩm OCOP còn hiệu lực",
                   "unit_id": province, "start_year": year, "end_year": year,
                   "direction": "at_least", "target": 20}),
        )
        .await,
        StatusCode::CREATED,
        "create target",
    )
    .await;
}

#[tokio::test]
async fn every_report_reads_the_records_and_its_csv_and_xlsx_hold_the_same_rows() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let today = test_day();
    let certificate = certify(
        &app,
        &cast,
        today.year(),
        "first_rating",
        4,
        "15/QĐ-UBND",
        &today.to_string(),
    )
    .await;
    let coconut = app
        .create_subject(&cast.admin, COMMUNE_B, "HTX Dừa Thử")
        .await;
    let coconut = coconut["id"].as_str().expect("subject id");
    app.create_product(&cast.admin, coconut, "Dầu dừa Thử", "I.6")
        .await;
    province_plan(&app, &cast).await;

    let catalogue = json_of(
        app.get(&cast.province, "/api/v1/reports").await,
        StatusCode::OK,
        "catalogue",
    )
    .await;
    let listed = catalogue.as_array().expect("reports");
    for name in REPORTS {
        let info = listed
            .iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("{name} is not listed"));
        assert!(!info["columns"].as_array().expect("columns").is_empty());
    }
    let mut reports = std::collections::HashMap::new();
    for name in REPORTS {
        let report = assert_formats_agree(&app, &cast.province, name, "").await;
        let header = &report["header"];
        assert_eq!(header["report"], name);
        assert_eq!(header["as_of"], today.to_string());
        assert_eq!(header["unit_code"], PROVINCE);
        assert_eq!(header["produced_for"]["user_id"], cast.province.id);
        assert_eq!(header["produced_for"]["role"], "province_officer");
        reports.insert(name, report);
    }

    let products = &reports["products"];
    assert_eq!(rows(products).len(), 1, "{products}");
    let certified = row(
        products,
        &[
            ("unit_code", json!(COMMUNE_A)),
            ("product_set_code", json!("I.6")),
        ],
    );
    assert_eq!(certified["year"], today.year());
    assert_eq!(certified["sector_code"], "I");
    assert_eq!(certified["stars"], 4);
    for (key, n) in [
        ("certificates", 1),
        ("products", 1),
        ("in_force", 1),
        ("revoked", 0),
    ] {
        assert_eq!(certified[key], n, "{key}");
    }

    let subjects = &reports["subjects"];
    let a = row(
        subjects,
        &[
            ("unit_code", json!(COMMUNE_A)),
            ("kind", json!("cooperative")),
        ],
    );
    assert_eq!(a["kind_name"], "Hợp tác xã");
    for (key, n) in [
        ("subjects", 1),
        ("active", 1),
        ("women_led", 1),
        ("registered_in_year", 1),
        ("certified", 1),
    ] {
        assert_eq!(a[key], n, "{key}");
    }
    let b = row(subjects, &[("unit_code", json!(COMMUNE_B))]);
    assert_eq!(
        (b["subjects"].clone(), b["certified"].clone()),
        (json!(1), json!(0))
    );

    let pipeline = &reports["pipeline"];
    let recognised = row(pipeline, &[("state", json!("recognised"))]);
    assert_eq!(
        (
            recognised["dossiers"].clone(),
            recognised["completed"].clone()
        ),
        (json!(1), json!(0))
    );
    let implementation = row(pipeline, &[("state", json!("implementation"))]);
    assert_eq!(implementation["dossiers"], 0);
    assert_eq!(
        (
            implementation["entered"].clone(),
            implementation["completed"].clone()
        ),
        (json!(1), json!(1))
    );
    assert_eq!(implementation["step"], 6);

    let council = &reports["council-results"];
    assert_eq!(rows(council).len(), 1);
    let round = &rows(council)[0];
    assert_eq!(round["level"], "province");
    for (key, n) in [
        ("dossiers", 1),
        ("scored", 1),
        ("stars_4", 1),
        ("stars_3", 0),
        ("not_rated", 0),
        ("certified", 1),
    ] {
        assert_eq!(round[key], n, "{key}");
    }
    let dossier = cycle(
        &app,
        &cast.province,
        certificate["cycle_id"].as_str().expect("cycle"),
    )
    .await;
    let average = dossier["council"]["result"]["average"]
        .as_f64()
        .expect("average");
    assert!((round["average_score"].as_f64().expect("score") - average).abs() < 0.006);

    let target = row(
        &reports["targets"],
        &[("metric", json!("certified_products"))],
    );
    assert_eq!(
        (
            target["year"].clone(),
            target["target"].clone(),
            target["actual"].clone()
        ),
        (json!(2027), json!(20.0), json!(1.0))
    );
    assert_eq!(target["percent"], 0.05);

    let summary = &reports["province-summary"];
    let a = row(summary, &[("unit_code", json!(COMMUNE_A))]);
    for (key, n) in [
        ("subjects", 1),
        ("products", 1),
        ("dossiers_this_year", 1),
        ("recognised_this_year", 1),
        ("certified", 1),
        ("certified_4_stars", 1),
        ("certified_3_stars", 0),
        ("expiring_90_days", 0),
    ] {
        assert_eq!(a[key], n, "{key}");
    }
    let b = row(summary, &[("unit_code", json!(COMMUNE_B))]);
    assert_eq!(
        (
            b["subjects"].clone(),
            b["products"].clone(),
            b["certified"].clone()
        ),
        (json!(1), json!(1), json!(0))
    );
    // One row per commune of the province, those with nothing to report included.
    let codes: std::collections::BTreeSet<&str> = rows(summary)
        .iter()
        .map(|r| r["unit_code"].as_str().expect("code"))
        .collect();
    assert!(
        codes.len() == rows(summary).len() && codes.len() > 100,
        "{}",
        codes.len()
    );

    let register = &reports["product-register"];
    let held = row(
        register,
        &[("certificate_number", certificate["number"].clone())],
    );
    assert_eq!(held["product_set_code"], "I.6");
    assert_eq!(held["stars"], 4);
    assert_eq!(held["issued_on"], today.to_string());
    assert!(held["expires_on"].as_str() > Some(today.to_string().as_str()));
    let uncertified = row(register, &[("product_name", json!("Dầu dừa Thử"))]);
    assert_eq!(uncertified["unit_code"], COMMUNE_B);
    for key in ["stars", "certificate_number", "issued_on", "expires_on"] {
        assert!(uncertified[key].is_null(), "{key}: {uncertified}");
    }

    // The day before, none of it existed.
    let yesterday = today - Duration::days(1);
    let before = report(
        &app,
        &cast.province,
        "products",
        &format!("?as_of={yesterday}"),
    )
    .await;
    assert_eq!(before["header"]["as_of"], yesterday.to_string());
    assert!(rows(&before).is_empty());
    let before = report(
        &app,
        &cast.province,
        "product-register",
        &format!("?as_of={yesterday}"),
    )
    .await;
    assert!(rows(&before).is_empty());
    let before = report(
        &app,
        &cast.province,
        "province-summary",
        &format!("?as_of={yesterday}"),
    )
    .await;
    assert_eq!(
        row(&before, &[("unit_code", json!(COMMUNE_A))])["subjects"],
        0
    );
}

#[tokio::test]
async fn the_pipeline_counts_the_dossiers_in_each_state_and_the_days_each_step_took() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let today = test_day();
    let id = submitted_dossier(&app, &cast, today.year(), "first_rating", None).await;
    // The commune checks the dossier four days later.
    // (Tokens of four days before have expired there: sign in again.)
    let later = app.on_day(today + Duration::days(4)).await;
    let (commune, province) = (
        later.login_ok(&cast.commune.email).await,
        later.login_ok(&cast.province.email).await,
    );
    let form = json!({"form_03": form_03()});
    json_of(
        patch_dossier(&later, &commune, &id, form).await,
        StatusCode::OK,
        "form 03",
    )
    .await;
    move_ok(&later, &commune, &id, json!({"to": "commune_checked"})).await;

    let now = assert_formats_agree(&later, &province, "pipeline", "").await;
    let filed = row(&now, &[("state", json!("dossier_submitted"))]);
    assert_eq!(
        (
            filed["dossiers"].clone(),
            filed["entered"].clone(),
            filed["completed"].clone()
        ),
        (json!(0), json!(1), json!(1))
    );
    for key in ["average_days", "median_days", "longest_days"] {
        assert_eq!(filed[key], 4.0, "{key}");
    }
    assert_eq!(
        row(&now, &[("state", json!("implementation"))])["average_days"],
        0.0
    );
    let checked = row(&now, &[("state", json!("commune_checked"))]);
    assert_eq!(
        (checked["dossiers"].clone(), checked["average_days"].clone()),
        (json!(1), Value::Null)
    );

    // As of the day of filing, the dossier stood filed and the check had not happened.
    let then = report(&later, &province, "pipeline", &format!("?as_of={today}")).await;
    let filed = row(&then, &[("state", json!("dossier_submitted"))]);
    assert_eq!(
        (
            filed["dossiers"].clone(),
            filed["completed"].clone(),
            filed["average_days"].clone()
        ),
        (json!(1), json!(0), Value::Null)
    );
    assert!(rows(&then).iter().all(|r| r["state"] != "commune_checked"));
    // Another year has no cycle.
    let other = report(&later, &province, "pipeline", "?year=2026").await;
    assert!(rows(&other).is_empty());
    assert_eq!(other["header"]["filters"]["year"], 2026);
}
