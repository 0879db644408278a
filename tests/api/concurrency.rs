//! Many writers at once, as an office's morning looks: every request gets an answer that is about
//! its own data (never "database is locked"), and lost updates are refused, on both databases.

use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

const WRITERS: usize = 8;
const CREATES_PER_WRITER: usize = 25;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_clients_creating_subjects_at_once_all_succeed_and_every_one_is_stored() {
    let app = spawn_busy_app().await;
    let admin = app.admin().await;
    let unit = app.unit(&admin, COMMUNE_A).await;

    let writers = (0..WRITERS).map(|w| {
        let (app, admin) = (&app, &admin);
        async move {
            let mut statuses = Vec::with_capacity(CREATES_PER_WRITER);
            for i in 0..CREATES_PER_WRITER {
                let name = format!("Hợp tác xã thử tải {w}-{i}");
                let res = app
                    .post(admin, "/api/v1/subjects", subject_body(unit, &name))
                    .await;
                let status = res.status();
                let body = res.text().await.unwrap_or_default();
                statuses.push((status, body));
            }
            statuses
        }
    });
    let statuses: Vec<(StatusCode, String)> =
        join_all(writers).await.into_iter().flatten().collect();

    let failed: Vec<&(StatusCode, String)> = statuses
        .iter()
        .filter(|(s, _)| *s != StatusCode::CREATED)
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} creates refused, the first: {:?}",
        failed.len(),
        statuses.len(),
        failed.first()
    );
    let page: Value = app
        .get(&admin, "/api/v1/subjects?per_page=1&q=thu%20tai")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["total"], json!(WRITERS * CREATES_PER_WRITER));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_sixteen_simultaneous_edits_from_the_same_version_exactly_one_wins() {
    let app = spawn_busy_app().await;
    let admin = app.admin().await;
    let subject = app
        .create_subject(&admin, COMMUNE_A, "Hợp tác xã Cà phê Ea Tu")
        .await;
    let path = format!("/api/v1/subjects/{}", subject["id"].as_str().unwrap());

    let edits = (0..16).map(|i| {
        let (app, admin, path) = (&app, &admin, &path);
        async move {
            app.patch(admin, path, 1, json!({"address": format!("Thôn {i}")}))
                .await
                .status()
        }
    });
    let statuses = join_all(edits).await;

    let won = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let stale = statuses
        .iter()
        .filter(|s| **s == StatusCode::PRECONDITION_FAILED)
        .count();
    assert_eq!((won, stale), (1, 15), "{statuses:?}");
    let res = app.get(&admin, &path).await;
    assert_eq!(res.headers()["etag"], "\"2\"");
}

/// Counts the statuses of `attempts` logins sent at once.
async fn logins_at_once(app: &TestApp, attempts: Vec<(String, &str)>) -> Vec<StatusCode> {
    join_all(
        attempts
            .iter()
            .map(|(email, password)| async move { app.login(email, password).await.status() }),
    )
    .await
}

fn count(statuses: &[StatusCode], status: StatusCode) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn guesses_at_once_for_one_account_check_only_five_passwords() {
    let app = spawn_busy_app().await;
    // Below the address's limit (20), so only the account's limit speaks.
    let guesses = (0..18)
        .map(|_| (ADMIN_EMAIL.to_string(), "a wrong guess"))
        .collect();
    let statuses = logins_at_once(&app, guesses).await;
    assert_eq!(
        count(&statuses, StatusCode::UNAUTHORIZED),
        5,
        "the limit per account: {statuses:?}"
    );
    assert_eq!(count(&statuses, StatusCode::TOO_MANY_REQUESTS), 13);
    let locked = app.login(ADMIN_EMAIL, PASSWORD).await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);

    // Forty more at once, past both limits: none is checked.
    let guesses = (0..40)
        .map(|_| (ADMIN_EMAIL.to_string(), "a wrong guess"))
        .collect();
    let statuses = logins_at_once(&app, guesses).await;
    assert_eq!(
        count(&statuses, StatusCode::TOO_MANY_REQUESTS),
        40,
        "{statuses:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_guesses_at_once_from_one_address_check_only_twenty() {
    let app = spawn_busy_app().await;
    let guesses = (0..60)
        .map(|i| (format!("guess{i}@test.ocop.vn"), "a wrong guess"))
        .collect();
    let statuses = logins_at_once(&app, guesses).await;
    assert_eq!(
        count(&statuses, StatusCode::UNAUTHORIZED),
        20,
        "the limit per address: {statuses:?}"
    );
    assert_eq!(count(&statuses, StatusCode::TOO_MANY_REQUESTS), 40);
}

/// A member's sheet saved from several tabs at once: the first save (`If-None-Match: *`) is
/// taken once, and of the saves from one version exactly one wins.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_sheet_saved_from_eight_tabs_at_once_is_written_once_per_version() {
    use crate::evaluations::{
        add_to_agenda, cast, checked_dossier, round_with_council, selection_with_stars,
    };
    let app = spawn_busy_app().await;
    let cast = cast(&app).await;
    let id = checked_dossier(&app, &cast, 2026, "first_rating", Some(3)).await;
    let round = round_with_council(&app, &cast, "province").await;
    let round_id = round["id"].as_str().unwrap();
    let added = add_to_agenda(&app, &cast, round_id, &id).await;
    let set_id = added["agenda"][0]["criteria_set_id"].as_i64().unwrap();
    let choices = selection_with_stars(&app, &cast.producer, set_id, 3).await;
    let path = app.url(&format!("/api/v1/rounds/{round_id}/dossiers/{id}/sheet"));
    let save_all = |header: (&'static str, &'static str)| {
        join_all((0..8).map(|_| {
            app.client
                .put(&path)
                .bearer_auth(&cast.chair.token)
                .header(header.0, header.1)
                .json(&json!({"choices": choices, "submit": false}))
                .send()
        }))
    };
    for (header, version) in [(("If-None-Match", "*"), 1), (("If-Match", "\"1\""), 2)] {
        let statuses: Vec<StatusCode> = save_all(header)
            .await
            .into_iter()
            .map(|res| res.unwrap().status())
            .collect();
        assert_eq!(
            count(&statuses, StatusCode::OK),
            1,
            "{header:?}: {statuses:?}"
        );
        assert_eq!(
            count(&statuses, StatusCode::PRECONDITION_FAILED),
            7,
            "{header:?}"
        );
        let sheets: Value = app
            .get(
                &cast.chair,
                &format!("/api/v1/rounds/{round_id}/dossiers/{id}/sheets"),
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(sheets["mine"]["version"], version);
    }
}
