//! Budgets that cannot overspend: lines, allocations, the append-only ledger and its reversals,
//! refused overspends that write nothing to the books, and the races that must not break them.

use futures_util::future::join_all;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::evaluations::json_of;
use crate::helpers::*;

const PROVINCE: &str = "66";

/// A province officer with the province's 2027 plan and one training activity in it.
pub(crate) struct Books {
    pub admin: User,
    pub province: User,
    pub plan: String,
    pub activity: String,
    pub province_id: i64,
}

pub(crate) async fn books(app: &TestApp) -> Books {
    let admin = app.admin().await;
    let province = app
        .user_with_role(&admin, "province_officer", PROVINCE, None)
        .await;
    let province_id = app.unit(&admin, PROVINCE).await;
    let plan = json_of(
        app.post(
            &province,
            "/api/v1/plans",
            json!({"unit_id": province_id, "year": 2027, "title": "Kế hoạch OCOP tỉnh năm 2027"}),
        )
        .await,
        StatusCode::CREATED,
        "plan",
    )
    .await;
    let plan = plan["id"].as_str().unwrap().to_string();
    let activity = json_of(
        app.post(
            &province,
            &format!("/api/v1/plans/{plan}/activities"),
            json!({"kind": "training", "title": "Tập huấn kiến thức OCOP cho cán bộ cấp xã",
                   "lead_department": "Sở Nông nghiệp và Môi trường", "quarters": [2],
                   "unit_id": province_id}),
        )
        .await,
        StatusCode::CREATED,
        "activity",
    )
    .await;
    Books {
        activity: activity["id"].as_str().unwrap().to_string(),
        admin,
        province,
        plan,
        province_id,
    }
}

pub(crate) async fn line(
    app: &TestApp,
    user: &User,
    unit: i64,
    source: &str,
    amount: i64,
) -> Value {
    json_of(
        app.post(
            user,
            "/api/v1/budgets/lines",
            json!({"unit_id": unit, "year": 2027, "source_code": source,
                   "title": format!("Kinh phí OCOP năm 2027 – {source}"),
                   "decision_number": "15/QĐ-UBND", "original": amount}),
        )
        .await,
        StatusCode::CREATED,
        "line",
    )
    .await
}

pub(crate) async fn allocate(
    app: &TestApp,
    user: &User,
    line: &Value,
    body: Value,
) -> reqwest::Response {
    app.post(
        user,
        &format!(
            "/api/v1/budgets/lines/{}/allocations",
            line["id"].as_str().unwrap()
        ),
        body,
    )
    .await
}

pub(crate) fn disbursement(amount: i64, document: &str) -> Value {
    json!({"amount": amount, "entry_date": "2027-03-01", "payee": "Trung tâm Khuyến nông tỉnh",
           "document_number": document})
}

pub(crate) async fn disburse(
    app: &TestApp,
    user: &User,
    allocation: &str,
    body: Value,
) -> reqwest::Response {
    app.post(
        user,
        &format!("/api/v1/budgets/allocations/{allocation}/disbursements"),
        body,
    )
    .await
}

/// Files `pdf` as a supporting document of `unit`.
async fn file_pdf(app: &TestApp, user: &User, unit: i64, name: &str, pdf: &[u8]) -> Value {
    let res = app
        .client
        .post(app.url(&format!("/api/v1/budgets/documents?unit_id={unit}")))
        .bearer_auth(&user.token)
        .header("Content-Type", "application/pdf")
        .header("X-File-Name", name)
        .body(pdf.to_vec())
        .send()
        .await
        .expect("upload");
    json_of(res, StatusCode::CREATED, name).await
}

async fn get(app: &TestApp, user: &User, path: &str) -> Value {
    json_of(app.get(user, path).await, StatusCode::OK, path).await
}

/// The audit actions recorded for a record, newest first.
async fn audit_actions(app: &TestApp, admin: &User, entity: &str, id: &str) -> Vec<String> {
    let page = get(
        app,
        admin,
        &format!("/api/v1/audit?entity={entity}&id={id}"),
    )
    .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn an_overspend_is_refused_naming_the_record_and_writes_nothing_to_the_books() {
    let app = spawn_app().await;
    let b = books(&app).await;
    let line = line(
        &app,
        &b.province,
        b.province_id,
        "ntp_new_rural",
        1_000_000_000,
    )
    .await;
    let line_id = line["id"].as_str().unwrap();
    assert_eq!(line["amount"], 1_000_000_000);
    assert_eq!(line["state_budget"], true);

    let first = json_of(
        allocate(
            &app,
            &b.province,
            &line,
            json!({"activity_id": b.activity, "purpose": "Tập huấn cán bộ cấp xã",
                   "amount": 600_000_000, "allocated_on": "2027-02-15"}),
        )
        .await,
        StatusCode::CREATED,
        "allocate",
    )
    .await;
    assert_eq!(first["plan_id"].as_str(), Some(b.plan.as_str()));
    let before = get(
        &app,
        &b.province,
        &format!("/api/v1/budgets/lines/{line_id}"),
    )
    .await;

    // Past the line: 409 naming the line and the amounts, and the line is as it was.
    let refused = allocate(
        &app,
        &b.province,
        &line,
        json!({"plan_id": b.plan, "purpose": "Hội chợ OCOP", "amount": 500_000_000,
               "allocated_on": "2027-02-20"}),
    )
    .await;
    let problem = json_of(refused, StatusCode::CONFLICT, "over the line").await;
    assert_eq!(problem["type"], "urn:ocop:problem:over_limit");
    assert_eq!(problem["errors"][0]["field"], "amount");
    assert_eq!(problem["over_limit"]["entity"], "budget_line");
    assert_eq!(problem["over_limit"]["id"], line_id);
    assert_eq!(problem["over_limit"]["limit"], 1_000_000_000);
    assert_eq!(problem["over_limit"]["used"], 600_000_000);
    assert_eq!(problem["over_limit"]["available"], 400_000_000);
    assert_eq!(problem["over_limit"]["asked"], 500_000_000);
    let after = get(
        &app,
        &b.province,
        &format!("/api/v1/budgets/lines/{line_id}"),
    )
    .await;
    assert_eq!(after, before, "the line is untouched");
    let allocations = get(
        &app,
        &b.province,
        &format!("/api/v1/budgets/lines/{line_id}/allocations"),
    )
    .await;
    assert_eq!(allocations.as_array().unwrap().len(), 1);
    // The refusal is in the audit trail, beside the allocation that was made.
    let actions = audit_actions(&app, &b.admin, "budget_line", line_id).await;
    assert!(
        actions.contains(&"budget_line.allocate_refused".to_string()),
        "{actions:?}"
    );

    // A disbursement past its allocation: refused the same way, nothing posted.
    let alloc = first["id"].as_str().unwrap();
    json_of(
        disburse(
            &app,
            &b.province,
            alloc,
            disbursement(450_000_000, "UNC-01"),
        )
        .await,
        StatusCode::CREATED,
        "disburse",
    )
    .await;
    let problem = json_of(
        disburse(
            &app,
            &b.province,
            alloc,
            disbursement(150_000_001, "UNC-02"),
        )
        .await,
        StatusCode::CONFLICT,
        "over the allocation",
    )
    .await;
    assert_eq!(problem["over_limit"]["entity"], "budget_allocation");
    assert_eq!(problem["over_limit"]["id"], alloc);
    assert_eq!(problem["over_limit"]["limit"], 600_000_000);
    assert_eq!(problem["over_limit"]["used"], 450_000_000);
    assert_eq!(problem["over_limit"]["available"], 150_000_000);
    let entries = get(
        &app,
        &b.province,
        &format!("/api/v1/budgets/allocations/{alloc}/entries"),
    )
    .await;
    assert_eq!(entries.as_array().unwrap().len(), 1);
    let allocation = get(
        &app,
        &b.province,
        &format!("/api/v1/budgets/allocations/{alloc}"),
    )
    .await;
    assert_eq!(allocation["disbursed"], 450_000_000);
    assert_eq!(allocation["available"], 150_000_000);
    let actions = audit_actions(&app, &b.admin, "budget_allocation", alloc).await;
    assert!(
        actions.contains(&"budget_entry.disburse_refused".to_string()),
        "{actions:?}"
    );
    // Exactly what is left still fits.
    json_of(
        disburse(
            &app,
            &b.province,
            alloc,
            disbursement(150_000_000, "UNC-03"),
        )
        .await,
        StatusCode::CREATED,
        "the rest",
    )
    .await;
    let line_now = get(
        &app,
        &b.province,
        &format!("/api/v1/budgets/lines/{line_id}"),
    )
    .await;
    assert_eq!(line_now["disbursed"], 600_000_000);
}

#[tokio::test]
async fn an_over_allocation_needs_the_provinces_approval_and_is_recorded() {
    let app = spawn_app().await;
    let b = books(&app).await;
    let line = line(
        &app,
        &b.province,
        b.province_id,
        "local_budget",
        100_000_000,
    )
    .await;
    let over = json!({"plan_id": b.plan, "purpose": "Hỗ trợ chủ thể nâng hạng",
                      "amount": 130_000_000, "allocated_on": "2027-03-01",
                      "over_allocation": {"reason": "Bổ sung theo chỉ đạo của UBND tỉnh",
                                          "decision_number": "88/QĐ-UBND"}});
    // A commune officer may allocate, but not approve going past the line.
    let commune = app
        .user_with_role(&b.admin, "commune_officer", COMMUNE_A, None)
        .await;
    assert_eq!(
        allocate(&app, &commune, &line, over.clone()).await.status(),
        StatusCode::FORBIDDEN
    );
    let made = json_of(
        allocate(&app, &b.province, &line, over).await,
        StatusCode::CREATED,
        "approved over-allocation",
    )
    .await;
    assert_eq!(made["approval"]["decision_number"], "88/QĐ-UBND");
    assert_eq!(made["approval"]["approved_by"], b.province.id.as_str());
    let line_now = get(
        &app,
        &b.province,
        &format!("/api/v1/budgets/lines/{}", line["id"].as_str().unwrap()),
    )
    .await;
    assert_eq!(line_now["allocated"], 130_000_000);

    // A revision may not leave the allocations above the line.
    let res = app
        .send_if_match(
            &b.province,
            Method::POST,
            &format!(
                "/api/v1/budgets/lines/{}/revision",
                line["id"].as_str().unwrap()
            ),
            line_now["version"].as_i64().unwrap(),
            Some(
                json!({"revised": 120_000_000, "decision_number": "90/QĐ-UBND",
                        "revised_on": "2027-03-05"}),
            ),
        )
        .await;
    let problem = json_of(res, StatusCode::UNPROCESSABLE_ENTITY, "below allocated").await;
    assert_eq!(problem["errors"][0]["field"], "revised");
    let revised = json_of(
        app.send_if_match(
            &b.province,
            Method::POST,
            &format!(
                "/api/v1/budgets/lines/{}/revision",
                line["id"].as_str().unwrap()
            ),
            line_now["version"].as_i64().unwrap(),
            Some(
                json!({"revised": 150_000_000, "decision_number": "90/QĐ-UBND",
                        "revised_on": "2027-03-05"}),
            ),
        )
        .await,
        StatusCode::OK,
        "revision",
    )
    .await;
    assert_eq!(revised["original"], 100_000_000);
    assert_eq!(revised["amount"], 150_000_000);
}

#[tokio::test]
async fn a_reversal_restores_the_balance_once() {
    let app = spawn_app().await;
    let b = books(&app).await;
    let line = line(
        &app,
        &b.province,
        b.province_id,
        "ntp_new_rural",
        50_000_000,
    )
    .await;
    let alloc = json_of(
        allocate(
            &app,
            &b.province,
            &line,
            json!({"activity_id": b.activity, "purpose": "Tập huấn", "amount": 50_000_000,
                   "allocated_on": "2027-02-15"}),
        )
        .await,
        StatusCode::CREATED,
        "allocate",
    )
    .await;
    let alloc = alloc["id"].as_str().unwrap();
    let entry = json_of(
        disburse(&app, &b.province, alloc, disbursement(50_000_000, "UNC-7")).await,
        StatusCode::CREATED,
        "disburse",
    )
    .await;
    let entry_id = entry["id"].as_str().unwrap();
    let reversal = json!({"entry_date": "2027-03-02", "reason": "Chi nhầm đơn vị nhận"});
    // Five reversals at once: exactly one lands.
    let statuses: Vec<StatusCode> = join_all((0..5).map(|_| async {
        app.post(
            &b.province,
            &format!("/api/v1/budgets/entries/{entry_id}/reversal"),
            reversal.clone(),
        )
        .await
        .status()
    }))
    .await;
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CREATED)
            .count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT)
    );
    let allocation = get(
        &app,
        &b.province,
        &format!("/api/v1/budgets/allocations/{alloc}"),
    )
    .await;
    assert_eq!(allocation["disbursed"], 0);
    assert_eq!(allocation["available"], 50_000_000);
    let entries = get(
        &app,
        &b.province,
        &format!("/api/v1/budgets/allocations/{alloc}/entries"),
    )
    .await;
    let entries = entries.as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["reversed_by"], entries[1]["id"]);
    assert_eq!(entries[1]["kind"], "reversal");
    assert_eq!(entries[1]["reverses_id"], entry_id);
    assert_eq!(entries[1]["amount"], 50_000_000);
    // A reversal is not itself reversed; the money can be paid out again.
    let res = app
        .post(
            &b.province,
            &format!(
                "/api/v1/budgets/entries/{}/reversal",
                entries[1]["id"].as_str().unwrap()
            ),
            reversal,
        )
        .await;
    let problem = json_of(res, StatusCode::CONFLICT, "reverse a reversal").await;
    assert_eq!(problem["errors"][0]["code"], "not_reversible");
    json_of(
        disburse(&app, &b.province, alloc, disbursement(50_000_000, "UNC-8")).await,
        StatusCode::CREATED,
        "pay again",
    )
    .await;
}

#[tokio::test]
async fn twenty_parallel_disbursements_never_exceed_their_allocation() {
    let app = spawn_app().await;
    let b = books(&app).await;
    let line = line(
        &app,
        &b.province,
        b.province_id,
        "ntp_new_rural",
        100_000_000,
    )
    .await;
    let alloc = json_of(
        allocate(
            &app,
            &b.province,
            &line,
            json!({"activity_id": b.activity, "purpose": "Tập huấn", "amount": 100_000_000,
                   "allocated_on": "2027-02-15"}),
        )
        .await,
        StatusCode::CREATED,
        "allocate",
    )
    .await;
    let alloc = alloc["id"].as_str().unwrap();
    // 20 × 7,000,000 asks 140,000,000 of 100,000,000: fourteen fit.
    let statuses: Vec<StatusCode> = join_all((0..20).map(|i| {
        let (app, user) = (&app, &b.province);
        async move {
            disburse(
                app,
                user,
                alloc,
                disbursement(7_000_000, &format!("UNC-{i}")),
            )
            .await
            .status()
        }
    }))
    .await;
    let posted = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((posted, refused), (14, 6), "{statuses:?}");
    let allocation = get(
        &app,
        &b.province,
        &format!("/api/v1/budgets/allocations/{alloc}"),
    )
    .await;
    assert_eq!(allocation["disbursed"], 98_000_000);
    let entries = get(
        &app,
        &b.province,
        &format!("/api/v1/budgets/allocations/{alloc}/entries"),
    )
    .await;
    assert_eq!(entries.as_array().unwrap().len(), 14);
}

#[tokio::test]
async fn bad_input_names_the_field_and_the_books_keep_to_scope() {
    let app = spawn_app().await;
    let b = books(&app).await;
    for (body, field) in [
        (
            json!({"unit_id": b.province_id, "year": 2027, "source_code": "lottery",
                "title": "Nguồn lạ", "original": 1000}),
            "source_code",
        ),
        (
            json!({"unit_id": b.province_id, "year": 2027, "source_code": "local_budget",
                "title": "Không đồng", "original": 0}),
            "original",
        ),
        // Past a million billion đồng: no running total could hold sums of such amounts.
        (
            json!({"unit_id": b.province_id, "year": 2027, "source_code": "local_budget",
                "title": "Quá lớn", "original": i64::MAX}),
            "original",
        ),
    ] {
        let problem = json_of(
            app.post(&b.province, "/api/v1/budgets/lines", body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            field,
        )
        .await;
        assert_eq!(problem["errors"][0]["field"], field);
    }
    let line = line(
        &app,
        &b.province,
        b.province_id,
        "self_mobilised",
        10_000_000,
    )
    .await;
    let problem = json_of(
        allocate(
            &app,
            &b.province,
            &line,
            json!({"plan_id": b.plan, "activity_id": b.activity, "purpose": "Cả hai",
                   "amount": 1, "allocated_on": "2027-02-15"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "both targets",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "plan_id");
    let problem = json_of(
        allocate(
            &app,
            &b.province,
            &line,
            json!({"plan_id": b.plan, "purpose": "Ngày mai", "amount": 1,
                   "allocated_on": test_day().succ_opt().unwrap()}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "allocated tomorrow",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "allocated_on");
    let alloc = json_of(
        allocate(
            &app,
            &b.province,
            &line,
            json!({"plan_id": b.plan, "purpose": "Chung", "amount": 10_000_000,
                   "allocated_on": "2027-02-15"}),
        )
        .await,
        StatusCode::CREATED,
        "allocate",
    )
    .await;
    let alloc = alloc["id"].as_str().unwrap();
    let mut tomorrow = disbursement(1_000, "UNC-9");
    tomorrow["entry_date"] = json!(test_day().succ_opt().unwrap());
    let problem = json_of(
        disburse(&app, &b.province, alloc, tomorrow).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "future day",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "entry_date");

    // A commune officer sees neither the province's lines nor its allocations; a viewer of the
    // province reads them but cannot post.
    let commune = app
        .user_with_role(&b.admin, "commune_officer", COMMUNE_A, None)
        .await;
    let path = format!("/api/v1/budgets/lines/{}", line["id"].as_str().unwrap());
    assert_eq!(
        app.get(&commune, &path).await.status(),
        StatusCode::NOT_FOUND
    );
    let listed = get(&app, &commune, "/api/v1/budgets/lines").await;
    assert_eq!(listed.as_array().unwrap().len(), 0);
    assert_eq!(
        disburse(&app, &commune, alloc, disbursement(1_000, "X"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let viewer = app.user_with_role(&b.admin, "viewer", PROVINCE, None).await;
    assert_eq!(app.get(&viewer, &path).await.status(), StatusCode::OK);
    assert_eq!(
        disburse(&app, &viewer, alloc, disbursement(1_000, "X"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_disbursement_carries_its_filed_document() {
    let app = spawn_app().await;
    let b = books(&app).await;
    let line = line(
        &app,
        &b.province,
        b.province_id,
        "ntp_new_rural",
        10_000_000,
    )
    .await;
    let alloc = json_of(
        allocate(
            &app,
            &b.province,
            &line,
            json!({"plan_id": b.plan, "purpose": "Chung", "amount": 10_000_000,
                   "allocated_on": "2027-02-15"}),
        )
        .await,
        StatusCode::CREATED,
        "allocate",
    )
    .await;
    let pdf = b"%PDF-1.4\n% uy nhiem chi\n".to_vec();
    let doc = file_pdf(&app, &b.province, b.province_id, "UNC-0127.pdf", &pdf).await;
    let mut body = disbursement(2_500_000, "UNC-0127");
    body["document_id"] = doc["id"].clone();
    let entry = json_of(
        disburse(&app, &b.province, alloc["id"].as_str().unwrap(), body).await,
        StatusCode::CREATED,
        "disburse with document",
    )
    .await;
    assert_eq!(entry["document"]["sha256"], doc["sha256"]);
    // A document filed for a commune does not go with the province's allocation: whoever
    // reads the entry would read another unit's paper.
    let commune_id = app.unit(&b.admin, COMMUNE_A).await;
    let other = file_pdf(&app, &b.province, commune_id, "UNC-xa.pdf", &pdf).await;
    let mut body = disbursement(1_000, "UNC-0128");
    body["document_id"] = other["id"].clone();
    let problem = json_of(
        disburse(&app, &b.province, alloc["id"].as_str().unwrap(), body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "another unit's document",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "document_id");
    assert_eq!(entry["document"]["file_name"], "UNC-0127.pdf");
    let bytes = app
        .get(&b.province, doc["url"].as_str().unwrap())
        .await
        .bytes()
        .await
        .unwrap();
    assert_eq!(bytes.as_ref(), pdf.as_slice());
}

#[tokio::test]
async fn the_budgets_report_sets_plan_against_actual_with_the_state_share() {
    let app = spawn_app().await;
    let b = books(&app).await;
    let state = line(
        &app,
        &b.province,
        b.province_id,
        "ntp_new_rural",
        1_000_000_000,
    )
    .await;
    let own = line(
        &app,
        &b.province,
        b.province_id,
        "self_mobilised",
        3_000_000_000,
    )
    .await;
    json_of(
        app.send_if_match(
            &b.province,
            Method::POST,
            &format!(
                "/api/v1/budgets/lines/{}/revision",
                state["id"].as_str().unwrap()
            ),
            1,
            Some(
                json!({"revised": 1_200_000_000, "decision_number": "90/QĐ-UBND",
                        "revised_on": "2027-03-05"}),
            ),
        )
        .await,
        StatusCode::OK,
        "revision",
    )
    .await;
    let to_activity = json_of(
        allocate(
            &app,
            &b.province,
            &state,
            json!({"activity_id": b.activity, "purpose": "Tập huấn", "amount": 500_000_000,
                   "allocated_on": "2027-02-15"}),
        )
        .await,
        StatusCode::CREATED,
        "allocate",
    )
    .await;
    json_of(
        allocate(
            &app,
            &b.province,
            &own,
            json!({"plan_id": b.plan, "purpose": "Chủ thể tự đầu tư", "amount": 1_000_000_000,
                   "allocated_on": "2027-02-15"}),
        )
        .await,
        StatusCode::CREATED,
        "allocate own funds",
    )
    .await;
    let alloc = to_activity["id"].as_str().unwrap();
    disburse(&app, &b.province, alloc, disbursement(200_000_000, "UNC-1")).await;
    let wrong = json_of(
        disburse(&app, &b.province, alloc, disbursement(100_000_000, "UNC-2")).await,
        StatusCode::CREATED,
        "disburse",
    )
    .await;
    json_of(
        app.post(
            &b.province,
            &format!(
                "/api/v1/budgets/entries/{}/reversal",
                wrong["id"].as_str().unwrap()
            ),
            json!({"entry_date": "2027-03-03", "reason": "Chi trùng chứng từ"}),
        )
        .await,
        StatusCode::CREATED,
        "reverse",
    )
    .await;

    let day = test_day();
    let query = format!("?unit_id={}&as_of={day}&year=2027", b.province_id);
    let report = get(
        &app,
        &b.province,
        &format!("/api/v1/reports/budgets{query}"),
    )
    .await;
    assert_eq!(report["header"]["as_of"], day.to_string());
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let ntp = rows
        .iter()
        .find(|r| r["source_code"] == "ntp_new_rural")
        .unwrap();
    assert_eq!(ntp["state_budget"], 1);
    assert_eq!(ntp["planned"], 1_200_000_000);
    assert_eq!(ntp["allocated"], 500_000_000);
    assert_eq!(ntp["disbursed"], 200_000_000);
    assert_eq!(ntp["undisbursed"], 300_000_000);
    assert_eq!(ntp["disbursement_rate"], 0.1667);
    let own_row = rows
        .iter()
        .find(|r| r["source_code"] == "self_mobilised")
        .unwrap();
    assert_eq!(own_row["state_budget"], 0);
    assert_eq!(own_row["planned"], 3_000_000_000_i64);
    assert_eq!(own_row["disbursed"], 0);
    // 1.2 of 4.2 billion planned is state budget.
    for row in rows {
        assert_eq!(row["state_share_of_year"], 0.2857);
    }

    let by_activity = get(
        &app,
        &b.province,
        &format!("/api/v1/reports/budget-activities{query}"),
    )
    .await;
    let rows = by_activity["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let training = rows
        .iter()
        .find(|r| r["activity_kind"] == "training")
        .unwrap();
    assert_eq!(training["allocated"], 500_000_000);
    assert_eq!(training["disbursed"], 200_000_000);
    let whole_plan = rows.iter().find(|r| r["activity_title"].is_null()).unwrap();
    assert_eq!(whole_plan["allocated"], 1_000_000_000);

    // The day before the books were opened, they hold nothing.
    let before = day.pred_opt().unwrap();
    let report = get(
        &app,
        &b.province,
        &format!(
            "/api/v1/reports/budgets?unit_id={}&as_of={before}",
            b.province_id
        ),
    )
    .await;
    assert_eq!(report["rows"].as_array().unwrap().len(), 0);
    // A commune officer's own area has no province lines in it.
    let commune = app
        .user_with_role(&b.admin, "commune_officer", COMMUNE_A, None)
        .await;
    let report = get(
        &app,
        &commune,
        &format!("/api/v1/reports/budgets?as_of={day}"),
    )
    .await;
    assert_eq!(report["rows"].as_array().unwrap().len(), 0);

    // Ten days on, the line is revised again; a report as of a day between the two revisions
    // still reads the first one, and a revision cannot be dated before the last.
    let later = app.on_day(day + chrono::Days::new(10)).await;
    // Ten days on, the first day's session has expired.
    let province = later.login_ok(&b.province.email).await;
    let path = format!(
        "/api/v1/budgets/lines/{}/revision",
        state["id"].as_str().unwrap()
    );
    let version = get(
        &later,
        &province,
        &format!("/api/v1/budgets/lines/{}", state["id"].as_str().unwrap()),
    )
    .await["version"]
        .as_i64()
        .unwrap();
    let revise = |revised_on: &str| {
        later.send_if_match(
            &province,
            Method::POST,
            &path,
            version,
            Some(
                json!({"revised": 1_100_000_000, "decision_number": "120/QĐ-UBND",
                        "revised_on": revised_on}),
            ),
        )
    };
    let problem = json_of(
        revise("2027-03-01").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "dated before the last revision",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "revised_on");
    json_of(
        revise("2027-03-18").await,
        StatusCode::OK,
        "second revision",
    )
    .await;
    let planned_on = |as_of: &'static str| {
        let later = &later;
        let (b, province) = (&b, &province);
        async move {
            let report = get(
                later,
                province,
                &format!(
                    "/api/v1/reports/budgets?unit_id={}&as_of={as_of}&year=2027",
                    b.province_id
                ),
            )
            .await;
            report["rows"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["source_code"] == "ntp_new_rural")
                .unwrap()["planned"]
                .clone()
        }
    };
    assert_eq!(planned_on("2027-03-15").await, 1_200_000_000_i64);
    // Dated the 18th but recorded on the 20th: a report as of the 19th did not know it yet.
    assert_eq!(planned_on("2027-03-19").await, 1_200_000_000_i64);
    assert_eq!(planned_on("2027-03-20").await, 1_100_000_000_i64);
}
