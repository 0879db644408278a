//! The change pipeline as its readers see it: every change appends its audit row to a hash chain
//! and its events to the outbox in one transaction; outbox positions follow commit order under
//! many writers; an audit row edited or removed behind the server's back is named.

use futures_util::future::join_all;
use reqwest::{Method, StatusCode};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

use crate::helpers::*;

/// The outbox position after the last event (0 when empty).
pub(crate) async fn last_position(app: &TestApp, admin: &User) -> i64 {
    let mut after = 0;
    loop {
        let batch = events_after(app, admin, after).await;
        match batch.last() {
            Some(last) => after = last["position"].as_i64().unwrap(),
            None => return after,
        }
    }
}

/// Up to a thousand events after `position`.
pub(crate) async fn events_after(app: &TestApp, admin: &User, position: i64) -> Vec<Value> {
    let res = app
        .get(
            admin,
            &format!("/api/v1/events?after={position}&limit=1000"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

/// Runs `act` and returns the events it appended, checking each one's audit row: the event
/// points at an audit row of the same change, so both were written in one transaction.
pub(crate) async fn events_of<F, Fut>(app: &TestApp, admin: &User, act: F) -> Vec<Value>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let before = last_position(app, admin).await;
    act().await;
    let events = events_after(app, admin, before).await;
    for (i, event) in events.iter().enumerate() {
        assert_eq!(
            event["position"].as_i64().unwrap(),
            before + 1 + i as i64,
            "positions without gaps: {events:?}"
        );
        assert!(event["audit_id"].as_i64().unwrap() > 0);
    }
    events
}

pub(crate) fn names(events: &[Value]) -> Vec<&str> {
    events.iter().map(|e| e["name"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn subject_and_product_changes_emit_their_events_once_and_refused_ones_none() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let unit = app.unit(&admin, COMMUNE_A).await;

    let mut subject = Value::Null;
    let events = events_of(&app, &admin, || async {
        subject = app.create_subject(&admin, COMMUNE_A, "HTX Sự Kiện").await;
    })
    .await;
    assert_eq!(names(&events), ["subject.created"]);
    let subject_id = subject["id"].as_str().unwrap().to_string();
    assert_eq!(events[0]["entity"], "subject");
    assert_eq!(events[0]["entity_id"], subject_id);
    assert_eq!(events[0]["entity_version"], 1);
    assert_eq!(events[0]["schema_version"], 1);
    let history: Value = app
        .get(
            &admin,
            &format!("/api/v1/audit?entity=subject&id={subject_id}"),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history["items"][0]["id"], events[0]["audit_id"]);

    let path = format!("/api/v1/subjects/{subject_id}");
    let events = events_of(&app, &admin, || async {
        let res = app
            .patch(&admin, &path, 1, json!({"address": "Thôn 9"}))
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    })
    .await;
    assert_eq!(names(&events), ["subject.updated"]);
    assert_eq!(events[0]["entity_version"], 2);

    // Refused: a stale version, then a body the rules refuse. Nothing is appended.
    let events = events_of(&app, &admin, || async {
        let res = app
            .patch(&admin, &path, 1, json!({"address": "Thôn 10"}))
            .await;
        assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
        let mut body = subject_body(unit, "HTX Thiếu Tên");
        body["name"] = json!("");
        let res = app.post(&admin, "/api/v1/subjects", body).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    })
    .await;
    assert_eq!(names(&events), Vec::<&str>::new());

    let mut product = Value::Null;
    let events = events_of(&app, &admin, || async {
        product = app
            .create_product(&admin, &subject_id, "Mật ong Sự Kiện", "I.6")
            .await;
    })
    .await;
    assert_eq!(names(&events), ["product.created"]);
    let product_id = product["id"].as_str().unwrap().to_string();
    assert_eq!(events[0]["entity_id"], product_id);

    let events = events_of(&app, &admin, || async {
        let res = app
            .patch(
                &admin,
                &format!("/api/v1/products/{product_id}"),
                1,
                json!({"description": "Mật ong rừng"}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    })
    .await;
    assert_eq!(names(&events), ["product.updated"]);
    assert_eq!(events[0]["entity_version"], 2);

    let mut image = Value::Null;
    let events = events_of(&app, &admin, || async {
        let res = app
            .client
            .post(app.url(&format!("/api/v1/products/{product_id}/images")))
            .bearer_auth(&admin.token)
            .header("content-type", "image/png")
            .header("x-file-name", "mat-ong.png")
            .body(b"\x89PNG\r\n\x1a\n0000IHDR-test-bytes".to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
        image = res.json().await.unwrap();
    })
    .await;
    assert_eq!(names(&events), ["product.image_added"]);
    assert_eq!(events[0]["entity_id"], product_id);

    let events = events_of(&app, &admin, || async {
        let path = format!(
            "/api/v1/products/{product_id}/images/{}",
            image["id"].as_str().unwrap()
        );
        let res = app
            .send_if_match(&admin, Method::DELETE, &path, 2, None)
            .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    })
    .await;
    assert_eq!(names(&events), ["product.image_removed"]);
    assert_eq!(events[0]["entity_version"], 3);

    // A subject without products can be deleted; one with products only archived.
    let spare = app.create_subject(&admin, COMMUNE_A, "HTX Xoá Được").await;
    let events = events_of(&app, &admin, || async {
        let res = app
            .send_if_match(
                &admin,
                Method::DELETE,
                &format!("/api/v1/subjects/{}", spare["id"].as_str().unwrap()),
                1,
                None,
            )
            .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    })
    .await;
    assert_eq!(names(&events), ["subject.deleted"]);
    assert_eq!(events[0]["entity_id"], spare["id"]);

    let events = events_of(&app, &admin, || async {
        let res = app
            .send_if_match(&admin, Method::POST, &format!("{path}/archive"), 2, None)
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    })
    .await;
    assert_eq!(names(&events), ["subject.archived"]);
}

const WRITERS: usize = 32;
const CREATES_PER_WRITER: usize = 6;

/// 32 clients write at once while a reader follows the outbox from the last position it saw:
/// every position it ever reads is the next one, so no event is skipped or read twice, and at
/// the end it has read every event exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn outbox_positions_follow_commit_order_under_thirty_two_writers() {
    let app = spawn_busy_app().await;
    let admin = app.admin().await;
    let unit = app.unit(&admin, COMMUNE_A).await;
    let start = last_position(&app, &admin).await;
    let done = std::sync::atomic::AtomicBool::new(false);

    let writers = async {
        let writers = (0..WRITERS).map(|w| {
            let (app, admin) = (&app, &admin);
            async move {
                for i in 0..CREATES_PER_WRITER {
                    let name = format!("HTX Thứ Tự {w}-{i}");
                    let res = app
                        .post(admin, "/api/v1/subjects", subject_body(unit, &name))
                        .await;
                    assert_eq!(res.status(), StatusCode::CREATED);
                }
            }
        });
        join_all(writers).await;
        done.store(true, std::sync::atomic::Ordering::SeqCst);
    };
    let reader = async {
        let mut seen = Vec::new();
        let mut after = start;
        loop {
            let finished = done.load(std::sync::atomic::Ordering::SeqCst);
            let batch = events_after(&app, &admin, after).await;
            for event in &batch {
                let position = event["position"].as_i64().unwrap();
                assert_eq!(position, after + 1, "read after {after}: {batch:?}");
                after = position;
                seen.push(position);
            }
            if finished && batch.is_empty() {
                return seen;
            }
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    };
    let ((), seen) = tokio::join!(writers, reader);

    let expected: Vec<i64> = (start + 1..=start + (WRITERS * CREATES_PER_WRITER) as i64).collect();
    assert_eq!(seen, expected);
    let all = events_after(&app, &admin, start).await;
    assert!(all.iter().all(|e| e["name"] == "subject.created"));
}

async fn verify(app: &TestApp, admin: &User) -> Value {
    let res = app.get(admin, "/api/v1/audit/verify").await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

async fn audit_id_of(app: &TestApp, admin: &User, subject: &Value) -> i64 {
    let history: Value = app
        .get(
            admin,
            &format!(
                "/api/v1/audit?entity=subject&id={}",
                subject["id"].as_str().unwrap()
            ),
        )
        .await
        .json()
        .await
        .unwrap();
    history["items"][0]["id"].as_i64().unwrap()
}

#[tokio::test]
async fn the_audit_chain_names_the_first_row_edited_or_removed_behind_the_servers_back() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let first = app.create_subject(&admin, COMMUNE_A, "HTX Chuỗi Một").await;
    let second = app.create_subject(&admin, COMMUNE_A, "HTX Chuỗi Hai").await;
    app.create_subject(&admin, COMMUNE_A, "HTX Chuỗi Ba").await;

    let report = verify(&app, &admin).await;
    assert_eq!(report["intact"], true, "{report}");
    assert!(report["first_broken"].is_null());
    let rows = report["rows_checked"].as_u64().unwrap();
    assert!(
        rows >= 4,
        "the admin's creation, logins and three subjects: {report}"
    );

    // Only a system administrator re-walks the chain.
    let officer = app
        .user_with_role(&admin, "province_officer", "66", None)
        .await;
    let res = app.get(&officer, "/api/v1/audit/verify").await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let db = Database::connect(&app.database_url).await.unwrap();
    let second_row = audit_id_of(&app, &admin, &second).await;
    db.execute_unprepared(&format!(
        "UPDATE audit_event SET changes = '{{\"name\":\"HTX Giả Mạo\"}}' WHERE id = {second_row}"
    ))
    .await
    .unwrap();
    let report = verify(&app, &admin).await;
    assert_eq!(report["intact"], false);
    assert_eq!(
        report["first_broken"],
        json!({"id": second_row, "reason": "content_changed"})
    );

    // Removing an earlier row breaks the link of the row after it, which is now named first.
    let first_row = audit_id_of(&app, &admin, &first).await;
    db.execute_unprepared(&format!("DELETE FROM audit_event WHERE id = {first_row}"))
        .await
        .unwrap();
    let report = verify(&app, &admin).await;
    assert_eq!(report["intact"], false);
    let named = report["first_broken"]["id"].as_i64().unwrap();
    assert!(named > first_row && named <= second_row, "{report}");
    assert_eq!(report["first_broken"]["reason"], "chain_broken");
}

#[tokio::test]
async fn removing_the_last_audit_row_is_found_by_the_chain_head() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let subject = app
        .create_subject(&admin, COMMUNE_A, "HTX Cuối Chuỗi")
        .await;
    let last_row = audit_id_of(&app, &admin, &subject).await;
    // The history read above is not a change, so the subject's row is the last one.
    let db = Database::connect(&app.database_url).await.unwrap();
    db.execute_unprepared(&format!("DELETE FROM audit_event WHERE id = {last_row}"))
        .await
        .unwrap();
    let report = verify(&app, &admin).await;
    assert_eq!(report["intact"], false);
    assert_eq!(
        report["first_broken"],
        json!({"id": last_row, "reason": "missing"})
    );
}

/// A check while others write sees the chain up to the head it read, so it never mistakes a
/// change committing meanwhile for a removed row.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_chain_checks_intact_while_changes_are_being_written() {
    let app = spawn_busy_app().await;
    let admin = app.admin().await;
    let unit = app.unit(&admin, COMMUNE_A).await;
    let done = std::sync::atomic::AtomicBool::new(false);
    let writers = async {
        join_all((0..8).map(|w| {
            let (app, admin) = (&app, &admin);
            async move {
                for i in 0..8 {
                    let name = format!("HTX Kiểm Chuỗi {w}-{i}");
                    let res = app
                        .post(admin, "/api/v1/subjects", subject_body(unit, &name))
                        .await;
                    assert_eq!(res.status(), StatusCode::CREATED);
                }
            }
        }))
        .await;
        done.store(true, std::sync::atomic::Ordering::SeqCst);
    };
    let checker = async {
        let mut checks = 0;
        while !done.load(std::sync::atomic::Ordering::SeqCst) {
            let report = verify(&app, &admin).await;
            assert_eq!(report["intact"], true, "check {checks}: {report}");
            checks += 1;
        }
        checks
    };
    let ((), checks) = tokio::join!(writers, checker);
    assert!(checks > 0);
    assert_eq!(verify(&app, &admin).await["intact"], true);
}
