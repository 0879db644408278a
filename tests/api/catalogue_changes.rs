//! The changes feed and the snapshots, as a platform keeping a mirror sees them: every kind of
//! change with its version, expiries at the moment of expiry with no write, paging that neither
//! skips nor repeats under concurrent writers, 410 with the snapshot's link for a cursor not
//! served, long polls that answer at the first news, snapshots that parse back, and — the
//! property — a mirror built from a snapshot plus the changes feed equals the live feed after
//! random certifications, updates, revocations, re-ratings and days passing.

use std::collections::BTreeMap;
use std::io::Read;
use std::time::{Duration as StdDuration, Instant};

use chrono::{Datelike, Duration, Months, NaiveDate};
use ocop_catalogue::ChangesCursor;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::certificates::{certify, revoke};
use crate::evaluations::{Cast, cast, json_of, sibling_product};
use crate::helpers::*;

/// Public reads are rate-limited; these tests make many.
const OPEN_RATE: u32 = 1_000_000;

/// A wide-open public rate, and no webhook worker: several processes on one SQLite file take
/// turns at its write lock, and a worker's polling write in an older process would refuse a
/// change of the current one ("database is locked": SQLite does not wait when a transaction
/// that has read must upgrade to write).
fn settings_for_mirrors(s: &mut ocop_api::Settings) {
    s.public_rate = OPEN_RATE;
    s.deliver_webhooks = false;
}

async fn open_app() -> TestApp {
    spawn_app_with(settings_for_mirrors).await
}

async fn later(app: &TestApp, day: NaiveDate) -> TestApp {
    app.on_day_with(day, settings_for_mirrors).await
}

/// The cast signed in on `app` (a process days later takes the earlier tokens as expired).
async fn signed_in(app: &TestApp, cast: &Cast) -> Cast {
    Cast {
        admin: app.login_ok(&cast.admin.email).await,
        producer: app.login_ok(&cast.producer.email).await,
        commune: app.login_ok(&cast.commune.email).await,
        province: app.login_ok(&cast.province.email).await,
        chair: app.login_ok(&cast.chair.email).await,
        secretary: app.login_ok(&cast.secretary.email).await,
        member: app.login_ok(&cast.member.email).await,
        product_id: cast.product_id.clone(),
    }
}

/// The cast, acting on another of its subject's products.
fn cast_for(cast: &Cast, product_id: &str) -> Cast {
    Cast {
        admin: cast.admin.clone(),
        producer: cast.producer.clone(),
        commune: cast.commune.clone(),
        province: cast.province.clone(),
        chair: cast.chair.clone(),
        secretary: cast.secretary.clone(),
        member: cast.member.clone(),
        product_id: product_id.to_string(),
    }
}

async fn changes_response(app: &TestApp, query: &str) -> reqwest::Response {
    app.client
        .get(app.url(&format!("/api/v1/public/changes{query}")))
        .send()
        .await
        .expect("changes")
}

async fn changes_page(app: &TestApp, after: Option<&str>, limit: u64) -> Value {
    let query = match after {
        Some(after) => format!("?after={after}&limit={limit}"),
        None => format!("?limit={limit}"),
    };
    json_of(
        changes_response(app, &query).await,
        StatusCode::OK,
        "changes",
    )
    .await
}

/// Every change after `after`, page by page, and the cursor after the last.
async fn all_changes(app: &TestApp, after: Option<String>, limit: u64) -> (Vec<Value>, String) {
    let mut after = after;
    let mut out = Vec::new();
    loop {
        let page = changes_page(app, after.as_deref(), limit).await;
        let changes = page["changes"].as_array().expect("changes").clone();
        let next = page["next"].as_str().expect("next").to_string();
        if changes.is_empty() {
            return (out, next);
        }
        // A full page resumes right after its last change; a short one may resume further on
        // (the lapses it read to the end of the day are not walked again).
        if changes.len() as u64 == limit {
            assert_eq!(changes.last().unwrap()["cursor"], page["next"]);
        }
        out.extend(changes);
        after = Some(next);
    }
}

/// The live feed: id → the entry.
async fn live_feed(app: &TestApp) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = cursor.map_or(String::new(), |c| format!("&cursor={c}"));
        let page = json_of(
            app.client
                .get(app.url(&format!("/api/v1/public/products?limit=200{query}")))
                .send()
                .await
                .expect("feed"),
            StatusCode::OK,
            "feed",
        )
        .await;
        for item in page["items"].as_array().expect("items") {
            out.insert(item["id"].as_str().unwrap().to_string(), item.clone());
        }
        match page["next"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => return out,
        }
    }
}

fn versions(entries: &BTreeMap<String, Value>) -> BTreeMap<String, i64> {
    entries
        .iter()
        .map(|(id, item)| (id.clone(), item["version"].as_i64().unwrap()))
        .collect()
}

/// Applies changes in order, as a platform does: the entry as it stands, or its removal.
fn apply(mirror: &mut BTreeMap<String, Value>, changes: &[Value]) {
    for change in changes {
        let id = change["id"].as_str().unwrap().to_string();
        if change["item"].is_null() {
            mirror.remove(&id);
        } else {
            assert_eq!(change["item"]["id"], change["id"]);
            mirror.insert(id, change["item"].clone());
        }
    }
}

/// The snapshot as NDJSON: its entries and its cursor.
async fn ndjson_snapshot(app: &TestApp) -> (BTreeMap<String, Value>, String) {
    let res = app
        .client
        .get(app.url("/api/v1/public/snapshots/catalogue.ndjson.gz"))
        .send()
        .await
        .expect("snapshot");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/gzip");
    let cursor = res.headers()["ocop-changes-cursor"]
        .to_str()
        .unwrap()
        .to_string();
    let link = res.headers()["link"].to_str().unwrap().to_string();
    assert_eq!(
        link,
        format!("</api/v1/public/changes?after={cursor}>; rel=\"changes\"")
    );
    let body = res.bytes().await.expect("body");
    let mut text = String::new();
    flate2::read::GzDecoder::new(&body[..])
        .read_to_string(&mut text)
        .expect("a gzip file");
    let mut entries = BTreeMap::new();
    let mut last: Option<String> = None;
    for line in text.lines() {
        let item: Value = serde_json::from_str(line).expect("one JSON entry a line");
        let id = item["id"].as_str().unwrap().to_string();
        assert!(last.as_ref().is_none_or(|l| *l < id), "in id order");
        last = Some(id.clone());
        entries.insert(id, item);
    }
    (entries, cursor)
}

async fn product(app: &TestApp, cast: &Cast, id: &str) -> Value {
    json_of(
        app.get(&cast.admin, &format!("/api/v1/products/{id}"))
            .await,
        StatusCode::OK,
        "product",
    )
    .await
}

async fn update_product(app: &TestApp, cast: &Cast, id: &str, description: &str) {
    let version = product(app, cast, id).await["version"].as_i64().unwrap();
    json_of(
        app.patch(
            &cast.admin,
            &format!("/api/v1/products/{id}"),
            version,
            json!({"description": description}),
        )
        .await,
        StatusCode::OK,
        "update product",
    )
    .await;
}

/// A certificate issued on `issued_on` lapses the day after its 36 months.
fn issued_to_lapse_on(lapses_on: NaiveDate) -> NaiveDate {
    (lapses_on - Duration::days(1)) - Months::new(36)
}

fn of_product<'a>(changes: &'a [Value], id: &str) -> Vec<&'a Value> {
    changes.iter().filter(|c| c["id"] == id).collect()
}

#[tokio::test]
async fn the_changes_feed_tells_every_kind_with_its_version_and_an_expiry_without_a_write() {
    let app = open_app().await;
    let cast = cast(&app).await;
    let today = test_day();
    let year = today.year();
    let id = cast.product_id.clone();

    certify(
        &app,
        &cast,
        year - 1,
        "first_rating",
        3,
        "10/QĐ-UBND",
        &(today - Duration::days(10)).to_string(),
    )
    .await;
    update_product(&app, &cast, &id, "Cà phê rang mộc, xay mịn").await;
    let upgraded = certify(
        &app,
        &cast,
        year,
        "upgrade",
        4,
        "11/QĐ-UBND",
        &today.to_string(),
    )
    .await;
    revoke(&app, &cast, &upgraded, today).await;

    // Another product whose certificate lapses in two days.
    let lapses_on = today + Duration::days(2);
    let other = sibling_product(&app, &cast, "Mật ong hoa cà phê").await;
    let other_id = other["id"].as_str().unwrap().to_string();
    let issued = issued_to_lapse_on(lapses_on);
    certify(
        &app,
        &cast_for(&cast, &other_id),
        issued.year(),
        "first_rating",
        4,
        "12/QĐ-UBND",
        &issued.to_string(),
    )
    .await;

    let (changes, next) = all_changes(&app, None, 2).await;
    let mine = of_product(&changes, &id);
    let kinds: Vec<&str> = mine.iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["created", "updated", "superseded", "revoked"],
        "{changes:#?}"
    );
    let versions: Vec<i64> = mine
        .iter()
        .map(|c| c["version"].as_i64().unwrap())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    // Each change carries the entry as it stands now: revoked, so out of the catalogue.
    assert!(mine.iter().all(|c| c["item"].is_null()), "{mine:#?}");
    let created = of_product(&changes, &other_id);
    assert_eq!(created.len(), 1);
    assert_eq!(created[0]["kind"], "created");
    assert_eq!(created[0]["item"]["version"], created[0]["version"]);
    assert_eq!(
        created[0]["item"]["certificate"]["verification_url"],
        format!(
            "{PUBLIC_URL}/verify/{}",
            created[0]["item"]["certificate"]["verification_code"]
                .as_str()
                .unwrap()
        )
    );

    // Nothing more today; the day before the lapse, still nothing.
    assert!(
        changes_page(&app, Some(&next), 10).await["changes"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let eve = later(&app, lapses_on - Duration::days(1)).await;
    assert!(
        changes_page(&eve, Some(&next), 10).await["changes"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // On the lapse day the expiry is there, at the first instant of the day in Vietnam, one
    // version up, with no write at all.
    let lapse_day = later(&app, lapses_on).await;
    let page = changes_page(&lapse_day, Some(&next), 10).await;
    let expired = page["changes"].as_array().unwrap();
    assert_eq!(expired.len(), 1, "{page}");
    assert_eq!(expired[0]["kind"], "expired");
    assert_eq!(expired[0]["id"], other_id.as_str());
    assert_eq!(
        expired[0]["version"].as_i64().unwrap(),
        created[0]["version"].as_i64().unwrap() + 1
    );
    assert!(expired[0]["item"].is_null());
    let at = ocop_core::clock::start_of_vietnam_day(lapses_on);
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(expired[0]["at"].as_str().unwrap()).unwrap(),
        at
    );
    assert!(!live_feed(&lapse_day).await.contains_key(&other_id));
    // Told once: the cursor after it has nothing more.
    let after = changes_page(&lapse_day, page["next"].as_str(), 10).await;
    assert!(after["changes"].as_array().unwrap().is_empty());
    // Past the day the revoked certificate would have expired, its product is not told of
    // again: the revocation was its lapse, announced by the write.
    let past_expiry = later(&app, today + Months::new(37)).await;
    let rest = changes_page(&past_expiry, page["next"].as_str(), 10).await;
    let rest = rest["changes"].as_array().unwrap();
    assert!(of_product(rest, &id).is_empty(), "{rest:#?}");
}

#[tokio::test]
async fn paging_by_cursor_neither_skips_nor_repeats_while_others_write() {
    let app = spawn_app_with(|s| {
        s.public_rate = OPEN_RATE;
        s.workers = Some(4);
    })
    .await;
    let cast = cast(&app).await;
    let today = test_day();
    let mut ids = vec![cast.product_id.clone()];
    for name in ["Mật ong rừng", "Trà xanh búp"] {
        ids.push(
            sibling_product(&app, &cast, name).await["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    for (n, id) in ids.iter().enumerate() {
        certify(
            &app,
            &cast_for(&cast, id),
            today.year() - 1,
            "first_rating",
            3,
            &format!("{n}/QĐ-UBND"),
            &(today - Duration::days(5)).to_string(),
        )
        .await;
    }

    // Three writers update their product over and over while a reader pages, three at a time.
    let writers: Vec<_> = ids
        .iter()
        .map(|id| {
            let (app_url, client, admin, id) = (
                app.address.clone(),
                app.client.clone(),
                cast.admin.clone(),
                id.clone(),
            );
            tokio::spawn(async move {
                for round in 0..8 {
                    let url = format!("{app_url}/api/v1/products/{id}");
                    let read = client
                        .get(&url)
                        .bearer_auth(&admin.token)
                        .send()
                        .await
                        .unwrap();
                    let version = read.json::<Value>().await.unwrap()["version"]
                        .as_i64()
                        .unwrap();
                    let res = client
                        .patch(&url)
                        .bearer_auth(&admin.token)
                        .header("If-Match", format!("\"{version}\""))
                        .json(&json!({"description": format!("Mô tả lần {round}")}))
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(res.status(), StatusCode::OK);
                }
            })
        })
        .collect();
    let mut read = Vec::new();
    let mut after: Option<String> = None;
    let mut finished = false;
    loop {
        let page = changes_page(&app, after.as_deref(), 3).await;
        let changes = page["changes"].as_array().unwrap().clone();
        after = Some(page["next"].as_str().unwrap().to_string());
        if changes.is_empty() {
            if finished {
                break;
            }
            finished = writers.iter().all(|w| w.is_finished());
            tokio::time::sleep(StdDuration::from_millis(20)).await;
        }
        read.extend(changes);
    }
    for writer in writers {
        writer.await.unwrap();
    }

    // The same as one read from the start afterwards, in the same order.
    let (again, _) = all_changes(&app, None, 100).await;
    let key = |c: &Value| (c["id"].clone(), c["version"].clone(), c["kind"].clone());
    assert_eq!(
        read.iter().map(key).collect::<Vec<_>>(),
        again.iter().map(key).collect::<Vec<_>>()
    );
    // Every version of every entry once, none missing: 1 (created), then one per update.
    for id in &ids {
        let seen: Vec<i64> = of_product(&read, id)
            .iter()
            .map(|c| c["version"].as_i64().unwrap())
            .collect();
        assert_eq!(seen, (1..=9).collect::<Vec<_>>(), "{id}");
    }
}

#[tokio::test]
async fn a_cursor_not_served_is_gone_with_a_link_to_the_snapshot() {
    let app = open_app().await;
    let today = test_day();
    let (_, head) = all_changes(&app, None, 10).await;
    let head = ChangesCursor::decode(&head).unwrap();
    let beyond = ChangesCursor {
        position: head.position + 1_000,
        ..head
    };
    // Tomorrow is still served (a process whose clock passed midnight first may have handed it
    // out); the day after is not.
    let tomorrow = ChangesCursor {
        lapse_day: today + Duration::days(1),
        ..head
    };
    let served = changes_response(&app, &format!("?after={}", tomorrow.encode())).await;
    assert_eq!(served.status(), StatusCode::OK);
    let after_tomorrow = ChangesCursor {
        lapse_day: today + Duration::days(2),
        ..head
    };
    for (cursor, why) in [
        ("junk".to_string(), "undecodable"),
        (beyond.encode(), "beyond_head"),
        (after_tomorrow.encode(), "future_lapse_day"),
    ] {
        let res = changes_response(&app, &format!("?after={cursor}")).await;
        assert_eq!(res.status(), StatusCode::GONE, "{why}");
        assert_eq!(
            res.headers()["link"],
            "</api/v1/public/snapshots/catalogue.ndjson.gz>; rel=\"snapshot\""
        );
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        let problem: Value = res.json().await.unwrap();
        assert_eq!(problem["status"], 410);
        assert_eq!(problem["detail"], why);
    }

    // A cursor whose position was written more than 48 months ago is gone too.
    let cast = cast(&app).await;
    update_product(&app, &cast, &cast.product_id, "Mô tả").await;
    let (_, now) = ndjson_snapshot(&app).await;
    let fresh = changes_response(&app, &format!("?after={now}")).await;
    assert_eq!(fresh.status(), StatusCode::OK);
    // A platform that kept polling while nothing changed holds a cursor at the same position,
    // but it was handed out recently: still served.
    let still_polling = later(&app, today + Months::new(47)).await;
    let polled = changes_response(&still_polling, &format!("?after={now}")).await;
    assert_eq!(polled.status(), StatusCode::OK);
    let polled: Value = polled.json().await.unwrap();
    let kept = polled["next"].as_str().unwrap().to_string();
    let much_later = later(&app, today + Months::new(49)).await;
    let kept = changes_response(&much_later, &format!("?after={kept}")).await;
    assert_eq!(kept.status(), StatusCode::OK);
    let old = changes_response(&much_later, &format!("?after={now}")).await;
    assert_eq!(old.status(), StatusCode::GONE);
    let problem: Value = old.json().await.unwrap();
    assert_eq!(problem["detail"], "too_old");
}

#[tokio::test]
async fn a_long_poll_answers_at_the_first_news_and_empty_when_the_wait_is_over() {
    let app = open_app().await;
    let cast = cast(&app).await;
    let today = test_day();
    certify(
        &app,
        &cast,
        today.year() - 1,
        "first_rating",
        3,
        "10/QĐ-UBND",
        &(today - Duration::days(3)).to_string(),
    )
    .await;
    let (_, next) = all_changes(&app, None, 100).await;

    let writer = {
        let (url, client, admin, id) = (
            app.url(&format!("/api/v1/products/{}", cast.product_id)),
            app.client.clone(),
            cast.admin.clone(),
            cast.product_id.clone(),
        );
        tokio::spawn(async move {
            tokio::time::sleep(StdDuration::from_secs(1)).await;
            let version = client
                .get(&url)
                .bearer_auth(&admin.token)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()["version"]
                .as_i64()
                .unwrap();
            let res = client
                .patch(&url)
                .bearer_auth(&admin.token)
                .header("If-Match", format!("\"{version}\""))
                .json(&json!({"description": "Tin mới"}))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{id}");
        })
    };
    let started = Instant::now();
    let page = json_of(
        changes_response(&app, &format!("?after={next}&wait=20")).await,
        StatusCode::OK,
        "long poll",
    )
    .await;
    let took = started.elapsed();
    writer.await.unwrap();
    let changes = page["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{page}");
    assert_eq!(changes[0]["kind"], "updated");
    assert!(took >= StdDuration::from_millis(900), "{took:?}");
    assert!(took < StdDuration::from_secs(5), "answered after {took:?}");

    let next = page["next"].as_str().unwrap();
    let started = Instant::now();
    let empty = changes_page(&app, Some(&format!("{next}&wait=2")), 10).await;
    let took = started.elapsed();
    assert!(empty["changes"].as_array().unwrap().is_empty());
    assert_eq!(empty["next"], next);
    assert!(took >= StdDuration::from_millis(1900), "{took:?}");
    assert!(took < StdDuration::from_secs(6), "{took:?}");
}

#[tokio::test]
async fn the_snapshots_parse_back_to_the_feed_and_carry_their_cursor() {
    let app = open_app().await;
    let cast = cast(&app).await;
    let today = test_day();
    let other = sibling_product(&app, &cast, "Mật ong \"rừng\", U Minh").await;
    for (n, id) in [
        cast.product_id.clone(),
        other["id"].as_str().unwrap().into(),
    ]
    .iter()
    .enumerate()
    {
        certify(
            &app,
            &cast_for(&cast, id),
            today.year() - 1,
            "first_rating",
            3 + n as i64,
            &format!("2{n}/QĐ-UBND"),
            &(today - Duration::days(4)).to_string(),
        )
        .await;
    }
    let feed = live_feed(&app).await;
    assert_eq!(feed.len(), 2);

    let (entries, cursor) = ndjson_snapshot(&app).await;
    assert_eq!(entries, feed);
    // Its cursor is the end of the changes feed: nothing after it.
    assert!(
        changes_page(&app, Some(&cursor), 10).await["changes"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    let res = app
        .client
        .get(app.url("/api/v1/public/snapshots/catalogue.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(res.headers()["ocop-changes-cursor"], cursor.as_str());
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    let body = res.bytes().await.unwrap();
    let text = std::str::from_utf8(&body).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..3], ["id", "version", "name"]);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), feed.len());
    for (row, (id, item)) in rows.iter().zip(&feed) {
        assert_eq!(&row[column("id")], id);
        assert_eq!(row[column("version")], item["version"].to_string());
        assert_eq!(&row[column("name")], item["name"].as_str().unwrap());
        assert_eq!(
            row[column("stars")],
            item["certificate"]["stars"].to_string()
        );
        assert_eq!(
            &row[column("verification_code")],
            item["certificate"]["verification_code"].as_str().unwrap()
        );
        assert_eq!(
            &row[column("valid_through")],
            item["certificate"]["valid_through"].as_str().unwrap()
        );
        assert_eq!(
            &row[column("province_name")],
            item["origin"]["province"]["name"].as_str().unwrap()
        );
        assert_eq!(
            &row[column("verification_url")],
            item["certificate"]["verification_url"].as_str().unwrap()
        );
    }

    // Unchanged since: 304, no body; after a change, a new tag and a new cursor.
    let again = app
        .client
        .get(app.url("/api/v1/public/snapshots/catalogue.csv"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    update_product(&app, &cast, &cast.product_id, "Mô tả mới").await;
    let changed = app
        .client
        .get(app.url("/api/v1/public/snapshots/catalogue.csv"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    assert_ne!(changed.headers()["ocop-changes-cursor"], cursor.as_str());
}

/// xorshift64*: a tiny seeded generator, so a failing run can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

/// What the property test knows of a product.
struct Tracked {
    id: String,
    /// Its current certificate, while it is not revoked.
    certificate: Option<Value>,
    stars: i64,
    /// The first day out of force of that certificate.
    lapses_on: Option<NaiveDate>,
    /// The years it has a dossier for (one a year).
    years: Vec<i32>,
}

impl Tracked {
    fn valid_on(&self, day: NaiveDate) -> bool {
        self.certificate.is_some() && self.lapses_on.is_some_and(|l| day < l)
    }

    fn certified(&mut self, certificate: Value, stars: i64, issued: NaiveDate) {
        self.certificate = Some(certificate);
        self.stars = stars;
        self.lapses_on = Some(issued + Months::new(36) + Duration::days(1));
        self.years.push(issued.year());
    }
}

#[tokio::test]
async fn a_mirror_from_a_snapshot_and_the_changes_feed_equals_the_live_feed() {
    let seed = std::env::var("OCOP_CATALOGUE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| uuid::Uuid::new_v4().as_u64_pair().0 | 1);
    eprintln!("catalogue mirror property: OCOP_CATALOGUE_SEED={seed}");
    let mut rng = Rng(seed);

    let first = open_app().await;
    let mut cast = cast(&first).await;
    let mut day = test_day();
    let mut apps = vec![first];
    let mut products = vec![Tracked {
        id: cast.product_id.clone(),
        certificate: None,
        stars: 0,
        lapses_on: None,
        years: Vec::new(),
    }];
    // One mirror follows the changes feed from the start; the other loads a snapshot taken at
    // a random round and follows from its cursor.
    let mut from_start: (BTreeMap<String, Value>, Option<String>) = (BTreeMap::new(), None);
    let mut from_snapshot: Option<(BTreeMap<String, Value>, String)> = None;
    let snapshot_round = rng.below(4);
    let mut number = 0;

    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for round in 0..12 {
        for _ in 0..3 {
            let app = apps.last().unwrap();
            let action = rng.below(10);
            let pick = usize::try_from(rng.below(products.len() as u64)).unwrap();
            number += 1;
            match action {
                // A new product, certified to lapse within days, or years from now.
                0..=2 => {
                    let id =
                        sibling_product(app, &cast, &format!("Sản phẩm số {number}")).await["id"]
                            .as_str()
                            .unwrap()
                            .to_string();
                    let issued = if rng.below(2) == 0 {
                        issued_to_lapse_on(day + Duration::days(1 + rng.below(6) as i64))
                    } else {
                        day - Duration::days(1 + rng.below(30) as i64)
                    };
                    let certificate = certify(
                        app,
                        &cast_for(&cast, &id),
                        issued.year(),
                        "first_rating",
                        3,
                        &format!("{number}/QĐ-UBND"),
                        &issued.to_string(),
                    )
                    .await;
                    let mut tracked = Tracked {
                        id,
                        certificate: None,
                        stars: 0,
                        lapses_on: None,
                        years: Vec::new(),
                    };
                    tracked.certified(certificate, 3, issued);
                    products.push(tracked);
                }
                3..=4 => {
                    let id = products[pick].id.clone();
                    update_product(app, &cast, &id, &format!("Mô tả {number}")).await;
                }
                // A revocation dated today.
                5 => {
                    if products[pick].valid_on(day) {
                        let certificate = products[pick].certificate.take().unwrap();
                        revoke(app, &cast, &certificate, day).await;
                    }
                }
                // A rating today: an upgrade of a valid 3-star certificate, or a first rating.
                6..=7 => {
                    let tracked = &mut products[pick];
                    let (kind, stars) = if tracked.valid_on(day) {
                        ("upgrade", 4)
                    } else {
                        ("first_rating", 3)
                    };
                    let already_top = kind == "upgrade" && tracked.stars >= 4;
                    if !(tracked.years.contains(&day.year()) || already_top) {
                        let certificate = certify(
                            app,
                            &cast_for(&cast, &tracked.id),
                            day.year(),
                            kind,
                            stars,
                            &format!("{number}/QĐ-UBND"),
                            &day.to_string(),
                        )
                        .await;
                        tracked.certified(certificate, stars, day);
                    }
                }
                // Time passes: a process whose clock stands days later.
                _ => {
                    day += Duration::days(1 + rng.below(3) as i64);
                    let next = later(&apps[0], day).await;
                    cast = signed_in(&next, &cast).await;
                    apps.push(next);
                }
            }
        }
        let app = apps.last().unwrap();
        if round == snapshot_round {
            from_snapshot = Some(ndjson_snapshot(app).await);
        }
        let live = versions(&live_feed(app).await);

        let (changes, next) = all_changes(app, from_start.1.take(), 7).await;
        apply(&mut from_start.0, &changes);
        for change in &changes {
            *kinds
                .entry(change["kind"].as_str().unwrap().into())
                .or_default() += 1;
        }
        from_start.1 = Some(next);
        assert_eq!(
            versions(&from_start.0),
            live,
            "seed {seed}, round {round}: from the start"
        );

        if let Some((mirror, cursor)) = from_snapshot.as_mut() {
            let (changes, next) = all_changes(app, Some(cursor.clone()), 5).await;
            apply(mirror, &changes);
            *cursor = next;
            assert_eq!(
                versions(mirror),
                live,
                "seed {seed}, round {round}: from the snapshot"
            );
        }
    }
    eprintln!(
        "changes seen: {kinds:?}; in force at the end: {}",
        from_start.0.len()
    );
}
