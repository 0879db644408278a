//! The OCOP cycle end to end: idea to certificate by the right roles, councils that score in
//! private and freeze their result, certificates and their computed states.

use chrono::{Datelike, Duration, Months};
use reqwest::{Method, StatusCode};
use serde_json::{Map, Value, json};

use crate::helpers::*;
use crate::report_files::{report, row};

const PROVINCE: &str = "66";

/// Everyone a dossier meets on its way.
pub(crate) struct Cast {
    pub(crate) admin: User,
    pub(crate) producer: User,
    pub(crate) commune: User,
    pub(crate) province: User,
    pub(crate) chair: User,
    pub(crate) secretary: User,
    pub(crate) member: User,
    pub(crate) product_id: String,
}

pub(crate) async fn cast(app: &TestApp) -> Cast {
    let admin = app.admin().await;
    let subject = app
        .create_subject(&admin, COMMUNE_A, "HTX Cà phê Thử Nghiệm")
        .await;
    let subject_id = subject["id"].as_str().unwrap();
    let product = app
        .create_product(&admin, subject_id, "Cà phê bột Thử Nghiệm", "I.6")
        .await;
    Cast {
        producer: app
            .user_with_role(&admin, "producer", COMMUNE_A, Some(subject_id))
            .await,
        commune: app
            .user_with_role(&admin, "commune_officer", COMMUNE_A, None)
            .await,
        province: app
            .user_with_role(&admin, "province_officer", PROVINCE, None)
            .await,
        chair: app
            .user_with_role(&admin, "council_member", PROVINCE, None)
            .await,
        secretary: app
            .user_with_role(&admin, "council_member", PROVINCE, None)
            .await,
        member: app
            .user_with_role(&admin, "council_member", PROVINCE, None)
            .await,
        product_id: product["id"].as_str().unwrap().to_string(),
        admin,
    }
}

pub(crate) async fn json_of(res: reqwest::Response, expected: StatusCode, what: &str) -> Value {
    let status = res.status();
    let body = res.text().await.unwrap_or_default();
    assert_eq!(status, expected, "{what}: {body}");
    serde_json::from_str(&body).unwrap_or(Value::Null)
}

pub(crate) async fn cycle(app: &TestApp, user: &User, id: &str) -> Value {
    json_of(
        app.get(user, &format!("/api/v1/cycles/{id}")).await,
        StatusCode::OK,
        "get cycle",
    )
    .await
}

/// Tries a move with the version just read.
pub(crate) async fn try_move(
    app: &TestApp,
    user: &User,
    id: &str,
    body: Value,
) -> reqwest::Response {
    let version = cycle(app, user, id).await["version"].as_i64().unwrap();
    app.send_if_match(
        user,
        Method::POST,
        &format!("/api/v1/cycles/{id}/transitions"),
        version,
        Some(body),
    )
    .await
}

pub(crate) async fn move_ok(app: &TestApp, user: &User, id: &str, body: Value) -> Value {
    let what = format!("move {body}");
    json_of(try_move(app, user, id, body).await, StatusCode::OK, &what).await
}

pub(crate) async fn patch_dossier(
    app: &TestApp,
    user: &User,
    id: &str,
    body: Value,
) -> reqwest::Response {
    let version = cycle(app, user, id).await["version"].as_i64().unwrap();
    app.patch(user, &format!("/api/v1/cycles/{id}/dossier"), version, body)
        .await
}

pub(crate) async fn sheet_of(app: &TestApp, user: &User, set_id: i64) -> Value {
    json_of(
        app.get(user, &format!("/api/v1/criteria/sets/{set_id}"))
            .await,
        StatusCode::OK,
        "sheet",
    )
    .await["sheet"]
        .clone()
}

/// A full selection rated exactly `stars`: from the worst options, the advisor's plan for the
/// next level is applied until the level is reached.
pub(crate) async fn selection_with_stars(
    app: &TestApp,
    user: &User,
    set_id: i64,
    stars: i64,
) -> Value {
    let sheet = sheet_of(app, user, set_id).await;
    let mut choices: Map<String, Value> = choices_by(&sheet, Pick::Worst);
    for _ in 0..5 {
        let eval = json_of(
            app.post(
                user,
                &format!("/api/v1/criteria/sets/{set_id}/evaluate"),
                json!({"choices": choices}),
            )
            .await,
            StatusCode::OK,
            "evaluate",
        )
        .await;
        let now = eval["stars"]["stars"].as_i64().unwrap();
        if now >= stars {
            assert_eq!(now, stars, "overshot to {now}");
            return Value::Object(choices);
        }
        for change in eval["advice"]["next_level"]["changes"].as_array().unwrap() {
            choices.insert(
                change["criterion_code"].as_str().unwrap().into(),
                change["to_option"].clone(),
            );
        }
    }
    panic!("never reached {stars} stars");
}

pub(crate) async fn best_selection(app: &TestApp, user: &User, set_id: i64) -> Value {
    Value::Object(choices_by(&sheet_of(app, user, set_id).await, Pick::Best))
}

pub(crate) fn form_01() -> Value {
    json!({"representative": "Nguyễn Thị Hoa", "phone": "0912345678", "stars_sought": 4,
           "annual_output": "20 tấn"})
}

pub(crate) fn form_03() -> Value {
    json!({"local_raw_material": "Cà phê của 40 hộ trong xã", "local_labour": "12 lao động địa phương",
           "idea_origin": "Ý tưởng của hợp tác xã", "conclusion": "Đủ điều kiện"})
}

/// The cast's product's dossier of `year`, entered at implementation, with its forms filed
/// (self-assessed at `stars`, or the best selection) and submitted to the commune.
pub(crate) async fn submitted_dossier(
    app: &TestApp,
    cast: &Cast,
    year: i32,
    dossier_type: &str,
    stars: Option<i64>,
) -> String {
    let opened = json_of(
        app.post(
            &cast.producer,
            "/api/v1/cycles",
            json!({"product_id": cast.product_id, "year": year, "entry": "implementation",
                   "dossier_type": dossier_type}),
        )
        .await,
        StatusCode::CREATED,
        "open cycle",
    )
    .await;
    let id = opened["id"].as_str().unwrap().to_string();
    let set_id = opened["criteria_set_id"].as_i64().unwrap();
    let selection = match stars {
        Some(s) => selection_with_stars(app, &cast.producer, set_id, s).await,
        None => best_selection(app, &cast.producer, set_id).await,
    };
    json_of(
        patch_dossier(
            app,
            &cast.producer,
            &id,
            json!({"form_01": form_01(), "self_assessment": selection, "samples": 5}),
        )
        .await,
        StatusCode::OK,
        "file forms",
    )
    .await;
    move_ok(app, &cast.producer, &id, json!({"to": "dossier_submitted"})).await;
    id
}

/// A product already made, filed and checked by the commune: ready for a council.
pub(crate) async fn checked_dossier(
    app: &TestApp,
    cast: &Cast,
    year: i32,
    dossier_type: &str,
    stars: Option<i64>,
) -> String {
    let id = submitted_dossier(app, cast, year, dossier_type, stars).await;
    json_of(
        patch_dossier(app, &cast.commune, &id, json!({"form_03": form_03()})).await,
        StatusCode::OK,
        "form 03",
    )
    .await;
    move_ok(app, &cast.commune, &id, json!({"to": "commune_checked"})).await;
    id
}

/// A second product of the cast's subject, as its officer registers it.
pub(crate) async fn sibling_product(app: &TestApp, cast: &Cast, name: &str) -> Value {
    let product = json_of(
        app.get(
            &cast.admin,
            &format!("/api/v1/products/{}", cast.product_id),
        )
        .await,
        StatusCode::OK,
        "the cast's product",
    )
    .await;
    let subject_id = product["subject_id"].as_str().expect("subject id");
    app.create_product(&cast.admin, subject_id, name, "I.6")
        .await
}

/// A round of `level` with the cast's council seated.
pub(crate) async fn round_with_council(app: &TestApp, cast: &Cast, level: &str) -> Value {
    let round = json_of(
        app.post(
            &cast.province,
            "/api/v1/rounds",
            json!({"level": level, "name": format!("Đợt thử {level}")}),
        )
        .await,
        StatusCode::CREATED,
        "create round",
    )
    .await;
    let id = round["id"].as_str().unwrap();
    json_of(
        app.send_if_match(
            &cast.province,
            Method::PUT,
            &format!("/api/v1/rounds/{id}/council"),
            round["version"].as_i64().unwrap(),
            Some(
                json!({"chair_id": cast.chair.id, "secretary_id": cast.secretary.id,
                        "member_ids": [cast.member.id]}),
            ),
        )
        .await,
        StatusCode::OK,
        "seat council",
    )
    .await
}

pub(crate) async fn add_to_agenda(
    app: &TestApp,
    cast: &Cast,
    round_id: &str,
    cycle_id: &str,
) -> Value {
    let version = round_version(app, &cast.province, round_id).await;
    json_of(
        app.send_if_match(
            &cast.province,
            Method::POST,
            &format!("/api/v1/rounds/{round_id}/agenda"),
            version,
            Some(json!({"cycle_id": cycle_id})),
        )
        .await,
        StatusCode::OK,
        "agenda",
    )
    .await
}

pub(crate) async fn round_version(app: &TestApp, user: &User, round_id: &str) -> i64 {
    let round: Value = json_of(
        app.get(user, &format!("/api/v1/rounds/{round_id}")).await,
        StatusCode::OK,
        "round",
    )
    .await;
    round["version"].as_i64().expect("round version")
}

pub(crate) async fn save_sheet(
    app: &TestApp,
    user: &User,
    round_id: &str,
    cycle_id: &str,
    choices: &Value,
    submit: bool,
) -> reqwest::Response {
    // As a client does: `If-Match` with the version of the sheet it holds, or
    // `If-None-Match: *` when it has none yet.
    let mine = &sheets(app, user, round_id, cycle_id).await["mine"];
    let request = app
        .client
        .put(app.url(&format!(
            "/api/v1/rounds/{round_id}/dossiers/{cycle_id}/sheet"
        )))
        .bearer_auth(&user.token)
        .json(&json!({"choices": choices, "submit": submit}));
    let request = match mine["version"].as_i64() {
        Some(version) => request.header("If-Match", format!("\"{version}\"")),
        None => request.header("If-None-Match", "*"),
    };
    request.send().await.expect("request")
}

async fn sheets(app: &TestApp, user: &User, round_id: &str, cycle_id: &str) -> Value {
    json_of(
        app.get(
            user,
            &format!("/api/v1/rounds/{round_id}/dossiers/{cycle_id}/sheets"),
        )
        .await,
        StatusCode::OK,
        "sheets",
    )
    .await
}

pub(crate) async fn close_round(app: &TestApp, user: &User, round_id: &str) -> reqwest::Response {
    let round: Value = app
        .get(user, &format!("/api/v1/rounds/{round_id}"))
        .await
        .json()
        .await
        .unwrap();
    app.send_if_match(
        user,
        Method::POST,
        &format!("/api/v1/rounds/{round_id}/close"),
        round["version"].as_i64().unwrap(),
        None,
    )
    .await
}

/// Every seated member submits `choices`, and the chair closes.
pub(crate) async fn score_and_close(
    app: &TestApp,
    cast: &Cast,
    round_id: &str,
    cycle_id: &str,
    choices: &Value,
) {
    for user in [&cast.chair, &cast.secretary, &cast.member] {
        let res = save_sheet(app, user, round_id, cycle_id, choices, true).await;
        json_of(res, StatusCode::OK, "submit sheet").await;
    }
    json_of(
        close_round(app, &cast.chair, round_id).await,
        StatusCode::OK,
        "close",
    )
    .await;
}

pub(crate) fn decision(number: &str, decided_on: &str) -> Value {
    json!({"number": number, "decided_on": decided_on, "signer": "Phó Chủ tịch UBND tỉnh"})
}

/// The day of `spawn_app()`'s clock.
fn today() -> chrono::NaiveDate {
    test_day()
}

#[tokio::test]
async fn a_product_goes_from_idea_to_certificate_by_the_right_roles() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let year = today().year();

    // The producer registers an idea; only the commune decides on it, and a return needs a reason.
    let opened = json_of(
        app.post(
            &cast.producer,
            "/api/v1/cycles",
            json!({"product_id": cast.product_id, "year": year, "entry": "idea_registered",
                   "dossier_type": "first_rating", "idea": "Cà phê rang mộc đóng túi"}),
        )
        .await,
        StatusCode::CREATED,
        "open",
    )
    .await;
    let id = opened["id"].as_str().unwrap().to_string();
    assert_eq!(opened["state"], "idea_registered");
    assert_eq!(opened["product_set"], "I.6");
    let again = app
        .post(
            &cast.producer,
            "/api/v1/cycles",
            json!({"product_id": cast.product_id, "year": year, "entry": "idea_registered",
                   "dossier_type": "first_rating"}),
        )
        .await;
    assert_eq!(
        again.status(),
        StatusCode::CONFLICT,
        "one cycle per product and year"
    );

    let res = try_move(&app, &cast.producer, &id, json!({"to": "idea_accepted"})).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = try_move(&app, &cast.commune, &id, json!({"to": "idea_returned"})).await;
    let problem = json_of(
        res,
        StatusCode::UNPROCESSABLE_ENTITY,
        "return without reason",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "reason");
    let returned = move_ok(
        &app,
        &cast.commune,
        &id,
        json!({"to": "idea_returned", "reason": "Cần nêu rõ vùng nguyên liệu"}),
    )
    .await;
    assert_eq!(
        returned["allowed_moves"],
        json!([]),
        "the officer has no move now"
    );
    move_ok(&app, &cast.producer, &id, json!({"to": "idea_registered"})).await;
    move_ok(&app, &cast.commune, &id, json!({"to": "idea_accepted"})).await;

    // The business plan, approved by the commune.
    let res = try_move(&app, &cast.producer, &id, json!({"to": "plan_submitted"})).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    json_of(
        patch_dossier(
            &app,
            &cast.producer,
            &id,
            json!({"business_plan": "Mở rộng vùng trồng 20 ha"}),
        )
        .await,
        StatusCode::OK,
        "plan",
    )
    .await;
    move_ok(&app, &cast.producer, &id, json!({"to": "plan_submitted"})).await;
    move_ok(&app, &cast.commune, &id, json!({"to": "plan_approved"})).await;
    move_ok(&app, &cast.producer, &id, json!({"to": "implementation"})).await;

    // The dossier: every missing part is named.
    let res = try_move(
        &app,
        &cast.producer,
        &id,
        json!({"to": "dossier_submitted"}),
    )
    .await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY, "empty dossier").await;
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["form_01", "form_02", "samples"]);
    let set_id = opened["criteria_set_id"].as_i64().unwrap();
    let four = selection_with_stars(&app, &cast.producer, set_id, 4).await;
    let filed = json_of(
        patch_dossier(
            &app,
            &cast.producer,
            &id,
            json!({"form_01": form_01(), "self_assessment": four, "samples": 5}),
        )
        .await,
        StatusCode::OK,
        "forms",
    )
    .await;
    assert!(filed["self_assessment_total"].as_i64().unwrap() >= 70);
    let advice = json_of(
        app.get(&cast.producer, &format!("/api/v1/cycles/{id}/advice"))
            .await,
        StatusCode::OK,
        "advice",
    )
    .await;
    assert_eq!(advice["current"]["stars"], 4);
    assert_eq!(advice["next_level"]["target_stars"], 5);

    let pdf = b"%PDF-1.4\n% test result\n";
    let res = app
        .client
        .post(app.url(&format!("/api/v1/cycles/{id}/attachments?kind=test_result")))
        .bearer_auth(&cast.producer.token)
        .header("Content-Type", "application/pdf")
        .header("X-File-Name", "phieu-kiem-nghiem.pdf")
        .body(pdf.to_vec())
        .send()
        .await
        .unwrap();
    let attachment = json_of(res, StatusCode::CREATED, "attach").await;
    assert_eq!(attachment["byte_size"], pdf.len());
    let fake = app
        .client
        .post(app.url(&format!("/api/v1/cycles/{id}/attachments?kind=label")))
        .bearer_auth(&cast.producer.token)
        .header("Content-Type", "application/pdf")
        .body(b"not a pdf".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(fake.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let submitted = move_ok(
        &app,
        &cast.producer,
        &id,
        json!({"to": "dossier_submitted"}),
    )
    .await;
    assert!(
        submitted["check_due_on"].is_string(),
        "15 working days for the commune"
    );
    let res = patch_dossier(&app, &cast.producer, &id, json!({"samples": 6})).await;
    assert_eq!(
        res.status(),
        StatusCode::CONFLICT,
        "the filed dossier is locked"
    );

    // The commune checks, with Mẫu 03.
    let res = try_move(&app, &cast.commune, &id, json!({"to": "commune_checked"})).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    json_of(
        patch_dossier(&app, &cast.commune, &id, json!({"form_03": form_03()})).await,
        StatusCode::OK,
        "form 03",
    )
    .await;
    move_ok(&app, &cast.commune, &id, json!({"to": "commune_checked"})).await;
    let alerts = json_of(
        app.get(&cast.province, "/api/v1/alerts").await,
        StatusCode::OK,
        "alerts",
    )
    .await;
    assert!(
        alerts
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["kind"] == "dossier_awaiting_council" && a["target_id"] == id.as_str()),
        "{alerts}"
    );

    // The province puts it before a council; the members score it in private.
    let round = round_with_council(&app, &cast, "province").await;
    let round_id = round["id"].as_str().unwrap().to_string();
    let res = try_move(&app, &cast.province, &id, json!({"to": "awaiting_council"})).await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "only through the agenda"
    );
    let round = add_to_agenda(&app, &cast, &round_id, &id).await;
    assert_eq!(round["agenda"][0]["state"], "awaiting_council");
    assert_eq!(round["agenda"][0]["eligible_members"], 3);

    let draft = save_sheet(&app, &cast.member, &round_id, &id, &four, false).await;
    json_of(draft, StatusCode::OK, "draft").await;
    let seen = sheets(&app, &cast.secretary, &round_id, &id).await;
    assert_eq!(seen["others_hidden"], true);
    assert_eq!(seen["others"], json!([]));
    let res = save_sheet(&app, &cast.member, &round_id, &id, &four, true).await;
    json_of(res, StatusCode::OK, "submit").await;
    let seen = sheets(&app, &cast.secretary, &round_id, &id).await;
    assert_eq!(
        seen["others_hidden"], true,
        "not before the secretary submits"
    );
    assert_eq!(seen["others"], json!([]));
    let res = save_sheet(&app, &cast.member, &round_id, &id, &four, false).await;
    assert_eq!(
        res.status(),
        StatusCode::CONFLICT,
        "a submitted sheet is final"
    );
    let res = save_sheet(&app, &cast.secretary, &round_id, &id, &four, true).await;
    json_of(res, StatusCode::OK, "secretary submits").await;
    let seen = sheets(&app, &cast.secretary, &round_id, &id).await;
    assert_eq!(seen["others_hidden"], false);
    assert_eq!(seen["others"].as_array().unwrap().len(), 1);
    assert_eq!(seen["others"][0]["member_id"], cast.member.id.as_str());

    // Only the chair closes; then the result is frozen.
    let res = close_round(&app, &cast.member, &round_id).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = save_sheet(&app, &cast.chair, &round_id, &id, &four, true).await;
    json_of(res, StatusCode::OK, "chair submits").await;
    let closed = json_of(
        close_round(&app, &cast.chair, &round_id).await,
        StatusCode::OK,
        "close",
    )
    .await;
    assert!(closed["closed_at"].is_string());
    assert_eq!(closed["agenda"][0]["state"], "scored");
    assert_eq!(closed["agenda"][0]["result"]["stars"], 4);
    let res = save_sheet(&app, &cast.chair, &round_id, &id, &four, true).await;
    assert_eq!(
        res.status(),
        StatusCode::CONFLICT,
        "no sheet changes after closing"
    );
    let res = close_round(&app, &cast.chair, &round_id).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);

    // The chair records the council's result; the province decides and the certificate follows.
    let res = try_move(&app, &cast.member, &id, json!({"to": "result_decided"})).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "not the chair");
    let decided = move_ok(&app, &cast.chair, &id, json!({"to": "result_decided"})).await;
    assert_eq!(decided["council"]["sheets"], 3);
    let res = try_move(&app, &cast.province, &id, json!({"to": "recognised"})).await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY, "no decision").await;
    assert_eq!(problem["errors"][0]["field"], "recognition_decision");
    let res = try_move(
        &app,
        &cast.province,
        &id,
        json!({"to": "potential_five_stars"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "below 90");
    let decided_on = today().to_string();
    let recognised = move_ok(
        &app,
        &cast.province,
        &id,
        json!({"to": "recognised", "decision": decision("123/QĐ-UBND", &decided_on)}),
    )
    .await;
    assert_eq!(recognised["state"], "recognised");
    let cert_id = recognised["certificate_id"].as_str().unwrap();
    let cert = json_of(
        app.get(&cast.producer, &format!("/api/v1/certificates/{cert_id}"))
            .await,
        StatusCode::OK,
        "certificate",
    )
    .await;
    assert_eq!(cert["stars"], 4);
    assert_eq!(cert["state"], "valid");
    assert_eq!(cert["issuing_level"], "province");
    assert_eq!(cert["issuing_body"], "Ủy ban nhân dân Tỉnh Đắk Lắk");
    let expires = today().checked_add_months(Months::new(36)).unwrap();
    assert_eq!(cert["expires_on"], expires.to_string());

    // Anyone can check it, without signing in.
    let code = cert["verification_code"].as_str().unwrap();
    let public = public_certificate(&app, code).await;
    assert_eq!(public["valid"], true);
    assert_eq!(public["stars"], 4);
    assert!(public.get("decision_signer").is_none());
    let qr = app
        .client
        .get(app.url(&format!("/api/v1/public/certificates/{code}/qr.svg")))
        .send()
        .await
        .unwrap();
    assert_eq!(qr.headers()["content-type"], "image/svg+xml");
    assert!(qr.text().await.unwrap().contains("<svg"));
    let unknown = app
        .client
        .get(app.url("/api/v1/public/certificates/NOSUCHCODE22"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);

    // Every move, sheet and decision is in the audit trail.
    let history = json_of(
        app.get(
            &cast.admin,
            &format!("/api/v1/audit?entity=cycle&id={id}&per_page=100"),
        )
        .await,
        StatusCode::OK,
        "audit",
    )
    .await;
    let transitions = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "cycle.transition")
        .count();
    assert_eq!(transitions, 13, "{history}");
    let events = cycle(&app, &cast.producer, &id).await["events"].clone();
    assert_eq!(events.as_array().unwrap().len(), 13);
}

#[tokio::test]
async fn wrong_roles_and_scopes_get_403_404_and_409_with_the_allowed_moves() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let opened = json_of(
        app.post(
            &cast.commune,
            "/api/v1/cycles",
            json!({"product_id": cast.product_id, "year": 2026, "entry": "idea_registered",
                   "dossier_type": "first_rating", "idea": "Ý tưởng"}),
        )
        .await,
        StatusCode::CREATED,
        "commune registers",
    )
    .await;
    let id = opened["id"].as_str().unwrap();

    let res = try_move(&app, &cast.commune, id, json!({"to": "recognised"})).await;
    let problem = json_of(res, StatusCode::CONFLICT, "illegal move").await;
    assert_eq!(
        problem["allowed"],
        json!(["idea_accepted", "idea_returned"]),
        "{problem}"
    );

    let res = app
        .post(
            &cast.province,
            "/api/v1/cycles",
            json!({"product_id": cast.product_id, "year": 2027, "entry": "idea_registered",
                   "dossier_type": "first_rating"}),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "the province does not register ideas"
    );
    let viewer = app
        .user_with_role(&cast.admin, "viewer", COMMUNE_A, None)
        .await;
    assert_eq!(
        try_move(&app, &viewer, id, json!({"to": "idea_accepted"}))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let elsewhere = app
        .user_with_role(&cast.admin, "commune_officer", COMMUNE_B, None)
        .await;
    let res = app.get(&elsewhere, &format!("/api/v1/cycles/{id}")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "out of scope");
    let listed: Value = app
        .get(&elsewhere, "/api/v1/cycles")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["total"], 0);

    let stale = app
        .send_if_match(
            &cast.commune,
            Method::POST,
            &format!("/api/v1/cycles/{id}/transitions"),
            opened["version"].as_i64().unwrap() + 5,
            Some(json!({"to": "idea_accepted"})),
        )
        .await;
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    let res = app
        .post(
            &cast.producer,
            "/api/v1/rounds",
            json!({"level": "province", "name": "Đợt"}),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "producers do not convene rounds"
    );
    let res = app
        .post(
            &cast.province,
            "/api/v1/rounds",
            json!({"level": "province", "name": "Đợt", "opened_on": "2020-01-01"}),
        )
        .await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY, "no calendar in 2020").await;
    assert_eq!(problem["errors"][0]["field"], "opened_on");
}

#[tokio::test]
async fn councils_seat_only_council_members_and_exclude_conflicts() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let id = checked_dossier(&app, &cast, 2026, "first_rating", Some(3)).await;
    let round = json_of(
        app.post(
            &cast.province,
            "/api/v1/rounds",
            json!({"level": "province", "name": "Đợt"}),
        )
        .await,
        StatusCode::CREATED,
        "round",
    )
    .await;
    let round_id = round["id"].as_str().unwrap();
    let res = app
        .send_if_match(
            &cast.province,
            Method::PUT,
            &format!("/api/v1/rounds/{round_id}/council"),
            round["version"].as_i64().unwrap(),
            Some(
                json!({"chair_id": cast.chair.id, "member_ids": [cast.commune.id, cast.chair.id]}),
            ),
        )
        .await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY, "bad council").await;
    let fields: Vec<(&str, &str)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        [
            ("member_ids[0]", "not_a_council_member"),
            ("member_ids[1]", "duplicate")
        ]
    );
    let round = round_with_council(&app, &cast, "province").await;
    let round_id = round["id"].as_str().unwrap();
    add_to_agenda(&app, &cast, round_id, &id).await;

    let choices = selection_with_stars(
        &app,
        &cast.producer,
        cycle(&app, &cast.producer, &id).await["criteria_set_id"]
            .as_i64()
            .unwrap(),
        3,
    )
    .await;
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
    assert_eq!(
        res.headers()["etag"].to_str().unwrap(),
        format!("\"{}\"", version + 1),
        "the council changed, so the round's version moved on"
    );
    let res = save_sheet(&app, &cast.member, round_id, &id, &choices, true).await;
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "an excluded member cannot score"
    );
    let outsider = app
        .user_with_role(&cast.admin, "council_member", PROVINCE, None)
        .await;
    // A member who belongs to the filing subject is excluded without having to say so.
    let cycle_now = cycle(&app, &cast.producer, &id).await;
    let insider = app
        .user_with_role(
            &cast.admin,
            "council_member",
            PROVINCE,
            cycle_now["subject_id"].as_str(),
        )
        .await;
    let version = app
        .get(&cast.province, &format!("/api/v1/rounds/{round_id}"))
        .await
        .json::<Value>()
        .await
        .unwrap()["version"]
        .as_i64()
        .unwrap();
    let seated = app
        .send_if_match(
            &cast.province,
            Method::PUT,
            &format!("/api/v1/rounds/{round_id}/council"),
            version,
            Some(
                json!({"chair_id": cast.chair.id, "secretary_id": cast.secretary.id,
                        "member_ids": [cast.member.id, insider.id]}),
            ),
        )
        .await;
    assert_eq!(seated.status(), StatusCode::OK);
    let res = save_sheet(&app, &insider, round_id, &id, &choices, false).await;
    let problem = json_of(res, StatusCode::FORBIDDEN, "insider").await;
    assert_eq!(problem["detail"], "conflict_of_interest");
    let res = save_sheet(&app, &outsider, round_id, &id, &choices, false).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "not on this council");
    let incomplete = json!({});
    let res = save_sheet(&app, &cast.chair, round_id, &id, &incomplete, true).await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "an empty sheet cannot be submitted"
    );

    // Closing needs a sheet on every dossier; the excluded member's absence does not block it.
    let res = close_round(&app, &cast.chair, round_id).await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY, "unscored").await;
    assert_eq!(problem["errors"][0]["code"], "unscored");
    let round_now: Value = app
        .get(&cast.chair, &format!("/api/v1/rounds/{round_id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(round_now["agenda"][0]["eligible_members"], 2);
    assert!(
        round_now["closed_at"].is_null(),
        "a refused close changes nothing"
    );
    json_of(
        save_sheet(&app, &cast.chair, round_id, &id, &choices, true).await,
        StatusCode::OK,
        "chair",
    )
    .await;
    let closed = json_of(
        close_round(&app, &cast.chair, round_id).await,
        StatusCode::OK,
        "close",
    )
    .await;
    assert_eq!(closed["agenda"][0]["result"]["stars"], 3);
    assert_eq!(closed["agenda"][0]["submitted_sheets"], 1);
    // After closing, everyone who may read the dossier sees the sheets.
    let seen = sheets(&app, &cast.province, round_id, &id).await;
    assert_eq!(seen["others_hidden"], false);
    assert_eq!(seen["others"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn ninety_points_go_to_the_ministry_and_a_later_certificate_supersedes_the_earlier() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let year = today().year();
    // First a 3-star certificate.
    let first = checked_dossier(&app, &cast, year - 1, "first_rating", Some(3)).await;
    let round = round_with_council(&app, &cast, "province").await;
    let round_id = round["id"].as_str().unwrap();
    add_to_agenda(&app, &cast, round_id, &first).await;
    let set_id = cycle(&app, &cast.producer, &first).await["criteria_set_id"]
        .as_i64()
        .unwrap();
    let three = selection_with_stars(&app, &cast.producer, set_id, 3).await;
    score_and_close(&app, &cast, round_id, &first, &three).await;
    move_ok(&app, &cast.chair, &first, json!({"to": "result_decided"})).await;
    let decided_on = (today() - Duration::days(10)).to_string();
    let recognised = move_ok(
        &app,
        &cast.province,
        &first,
        json!({"to": "recognised", "decision": decision("10/QĐ-UBND", &decided_on)}),
    )
    .await;
    let old_cert = recognised["certificate_id"].as_str().unwrap().to_string();

    // A first rating is refused while it is valid; an upgrade is the way.
    let res = app
        .post(
            &cast.producer,
            "/api/v1/cycles",
            json!({"product_id": cast.product_id, "year": year, "entry": "implementation",
                   "dossier_type": "first_rating"}),
        )
        .await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY, "already certified").await;
    assert_eq!(problem["errors"][0]["code"], "already_certified");
    let upgrade = checked_dossier(&app, &cast, year, "upgrade", None).await;
    let round = round_with_council(&app, &cast, "province").await;
    let round_id = round["id"].as_str().unwrap();
    add_to_agenda(&app, &cast, round_id, &upgrade).await;
    let best = best_selection(&app, &cast.producer, set_id).await;
    score_and_close(&app, &cast, round_id, &upgrade, &best).await;
    move_ok(&app, &cast.chair, &upgrade, json!({"to": "result_decided"})).await;
    let res = try_move(
        &app,
        &cast.province,
        &upgrade,
        json!({"to": "recognised", "decision": decision("11/QĐ-UBND", &today().to_string())}),
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "5 stars are not the province's"
    );
    move_ok(
        &app,
        &cast.province,
        &upgrade,
        json!({"to": "potential_five_stars"}),
    )
    .await;

    // The ministry's council scores it again.
    let central = round_with_council(&app, &cast, "central").await;
    let central_id = central["id"].as_str().unwrap();
    let central = add_to_agenda(&app, &cast, central_id, &upgrade).await;
    assert_eq!(central["agenda"][0]["state"], "potential_five_stars");
    score_and_close(&app, &cast, central_id, &upgrade, &best).await;
    let done = move_ok(
        &app,
        &cast.province,
        &upgrade,
        json!({"to": "recognised", "decision": decision("99/QĐ-BNNMT", &today().to_string())}),
    )
    .await;
    assert_eq!(done["central_council"]["result"]["stars"], 5);
    let new_cert = json_of(
        app.get(
            &cast.province,
            &format!(
                "/api/v1/certificates/{}",
                done["certificate_id"].as_str().unwrap()
            ),
        )
        .await,
        StatusCode::OK,
        "new certificate",
    )
    .await;
    assert_eq!(new_cert["stars"], 5);
    assert_eq!(new_cert["issuing_level"], "central");
    assert_eq!(new_cert["issuing_body"], "Bộ Nông nghiệp và Môi trường");
    let old = json_of(
        app.get(&cast.province, &format!("/api/v1/certificates/{old_cert}"))
            .await,
        StatusCode::OK,
        "old certificate",
    )
    .await;
    assert_eq!(old["state"], "superseded");
    assert_eq!(old["superseded_by"], new_cert["id"]);
    let valid: Value = app
        .get(
            &cast.province,
            &format!(
                "/api/v1/certificates?product_id={}&state=valid",
                cast.product_id
            ),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(valid["total"], 1, "one valid certificate per product");

    // Revocation: by the ministry for 5 stars, once.
    let revoke =
        json!({"ground": "mark_misuse", "decision": decision("5/QĐ-BNNMT", &today().to_string())});
    let revoke_path = format!(
        "/api/v1/certificates/{}/revoke",
        new_cert["id"].as_str().unwrap()
    );
    let version = new_cert["version"].as_i64().unwrap();
    let res = app
        .send_if_match(
            &cast.producer,
            Method::POST,
            &revoke_path,
            version,
            Some(revoke.clone()),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app.post(&cast.province, &revoke_path, revoke.clone()).await;
    assert_eq!(
        res.status(),
        StatusCode::PRECONDITION_REQUIRED,
        "a revocation names the version it decides on"
    );
    let res = app
        .send_if_match(
            &cast.province,
            Method::POST,
            &revoke_path,
            version + 1,
            Some(revoke.clone()),
        )
        .await;
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
    let revoked = json_of(
        app.send_if_match(
            &cast.province,
            Method::POST,
            &revoke_path,
            version,
            Some(revoke.clone()),
        )
        .await,
        StatusCode::OK,
        "revoke",
    )
    .await;
    assert_eq!(revoked["state"], "revoked");
    assert_eq!(revoked["revocation"]["authority"], "central");
    assert_eq!(revoked["version"], version + 1);
    let res = app
        .send_if_match(
            &cast.province,
            Method::POST,
            &revoke_path,
            version + 1,
            Some(revoke),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let public: Value = app
        .client
        .get(app.url(&format!(
            "/api/v1/public/certificates/{}",
            new_cert["verification_code"].as_str().unwrap()
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(public["valid"], false);
    assert_eq!(public["state"], "revoked");
}

#[tokio::test]
async fn a_certificate_s_state_follows_the_dates_and_the_re_rating_filing() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    // Issued so that today falls inside the re-rating window (180 to 120 days before expiry).
    let issued = today() - Months::new(36) + Duration::days(150);
    let id = checked_dossier(&app, &cast, issued.year(), "first_rating", Some(4)).await;
    let round = round_with_council(&app, &cast, "province").await;
    let round_id = round["id"].as_str().unwrap();
    add_to_agenda(&app, &cast, round_id, &id).await;
    let set_id = cycle(&app, &cast.producer, &id).await["criteria_set_id"]
        .as_i64()
        .unwrap();
    let four = selection_with_stars(&app, &cast.producer, set_id, 4).await;
    score_and_close(&app, &cast, round_id, &id, &four).await;
    move_ok(&app, &cast.chair, &id, json!({"to": "result_decided"})).await;
    let res = try_move(
        &app,
        &cast.province,
        &id,
        json!({"to": "recognised", "decision": decision("1/QĐ-UBND", &(today() + Duration::days(1)).to_string())}),
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "no decision dated tomorrow"
    );
    let recognised = move_ok(
        &app,
        &cast.province,
        &id,
        json!({"to": "recognised", "decision": decision("1/QĐ-UBND", &issued.to_string())}),
    )
    .await;
    let cert_id = recognised["certificate_id"].as_str().unwrap();
    let cert: Value = app
        .get(&cast.province, &format!("/api/v1/certificates/{cert_id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cert["state"], "re_rating_due", "{cert}");
    let public = public_state(&app, cert["verification_code"].as_str().unwrap()).await;
    assert_eq!(public, ("re_rating_due".to_string(), true));
    let alerts: Value = app
        .get(&cast.province, "/api/v1/alerts")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        alerts
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["kind"] == "re_rating_due" && a["target_id"] == cert_id),
        "{alerts}"
    );

    // Filing the re-rating dossier takes it out of "due": the state is computed, not stored.
    checked_dossier(&app, &cast, today().year() + 1, "re_rating", Some(4)).await;
    let cert: Value = app
        .get(&cast.province, &format!("/api/v1/certificates/{cert_id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cert["state"], "valid", "{cert}");
    let public = public_state(&app, cert["verification_code"].as_str().unwrap()).await;
    assert_eq!(public, ("valid".to_string(), true));

    // Past its expiry the pending re-rating keeps it in force, in the reports too (they look the
    // re-rating up only for a certificate expired within the extension's reach), until the
    // extension's 180 days run out.
    let expires: chrono::NaiveDate = cert["expires_on"].as_str().unwrap().parse().unwrap();
    for (after, in_force) in [(10, 1), (180, 1), (181, 0)] {
        let later = app.on_day(expires + Duration::days(after)).await;
        let province = later.login_ok(&cast.province.email).await;
        let products = report(&later, &province, "products", "").await;
        let issued_that_year = row(&products, &[("year", json!(issued.year()))]);
        assert_eq!(
            issued_that_year["in_force"], in_force,
            "{after}: {products}"
        );
        let register = report(&later, &province, "product-register", "").await;
        let held = row(
            &register,
            &[("product_name", json!("Cà phê bột Thử Nghiệm"))],
        );
        let stars = if in_force == 1 { json!(4) } else { Value::Null };
        assert_eq!(held["stars"], stars, "{after}: {held}");
    }
}

/// What anyone scanning the code sees, without signing in.
async fn public_certificate(app: &TestApp, code: &str) -> Value {
    app.client
        .get(app.url(&format!("/api/v1/public/certificates/{code}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The state and validity that anyone scanning the code sees.
async fn public_state(app: &TestApp, code: &str) -> (String, bool) {
    let public = public_certificate(app, code).await;
    (
        public["state"].as_str().unwrap_or_default().to_string(),
        public["valid"].as_bool().unwrap_or_default(),
    )
}
