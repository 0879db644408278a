//! The public feed of certified products: exactly the products whose certificate is in force
//! on the server's day, changing the instant a certificate expires, is revoked or superseded;
//! entries that follow their product's data with growing versions; filters; keyset paging over
//! a catalogue that changes underneath; ETags; JSON-LD.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

use crate::certificates::{certify, revoke};
use crate::change_pipeline::events_of;
use crate::evaluations::{Cast, cast, json_of, sibling_product};
use crate::helpers::*;

const FEED: &str = "/api/v1/public/products";

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a day")
}

/// The cast, filing for another product of its subject.
fn for_product(cast: &Cast, product_id: &str) -> Cast {
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

/// A public GET, with the given `Accept` and `If-None-Match` when set.
async fn public_get(
    app: &TestApp,
    path_or_url: &str,
    accept: Option<&str>,
    etag: Option<&str>,
) -> reqwest::Response {
    let url = if path_or_url.starts_with("http") {
        path_or_url.to_string()
    } else {
        app.url(path_or_url)
    };
    let mut request = app.client.get(url);
    if let Some(accept) = accept {
        request = request.header("Accept", accept);
    }
    if let Some(etag) = etag {
        request = request.header("If-None-Match", etag);
    }
    request.send().await.expect("request")
}

async fn feed(app: &TestApp, query: &str) -> (Value, HeaderMap) {
    let res = public_get(app, &format!("{FEED}{query}"), None, None).await;
    let headers = res.headers().clone();
    (json_of(res, StatusCode::OK, "feed").await, headers)
}

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_str().expect("id").to_string())
        .collect()
}

fn catalogue_events(events: &[Value]) -> Vec<&Value> {
    events
        .iter()
        .filter(|e| e["entity"] == "catalogue_item")
        .collect()
}

async fn entry(app: &TestApp, product_id: &str) -> Value {
    json_of(
        public_get(app, &format!("{FEED}/{product_id}"), None, None).await,
        StatusCode::OK,
        "one entry",
    )
    .await
}

async fn absent(app: &TestApp, product_id: &str) {
    let res = public_get(app, &format!("{FEED}/{product_id}"), None, None).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "{product_id}");
}

#[tokio::test]
async fn the_feed_holds_exactly_the_products_in_force_and_drops_one_the_day_it_expires() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let uncertified = sibling_product(&app, &cast, "Mật ong chưa chứng nhận").await;
    let uncertified = uncertified["id"].as_str().expect("id");
    let cert = certify(
        &app,
        &cast,
        2026,
        "first_rating",
        3,
        "12/QĐ-UBND",
        "2026-05-04",
    )
    .await;

    let (page, headers) = feed(&app, "").await;
    assert_eq!(ids(&page), std::slice::from_ref(&cast.product_id));
    assert!(page["next"].is_null(), "{page}");
    assert!(headers.get("link").is_none());
    let item = &page["items"][0];
    let code = cert["verification_code"].as_str().expect("code");
    assert_eq!(item["certificate"]["number"], cert["number"]);
    assert_eq!(item["certificate"]["verification_code"], code);
    assert_eq!(item["certificate"]["stars"], 3);
    assert_eq!(item["certificate"]["issued_on"], "2026-05-04");
    assert_eq!(item["certificate"]["expires_on"], "2029-05-04");
    assert_eq!(item["certificate"]["valid_through"], "2029-05-04");
    assert_eq!(
        item["certificate"]["verification_url"],
        format!("{PUBLIC_URL}/verify/{code}")
    );
    assert_eq!(item["product_set"]["code"], "I.6");
    assert_eq!(item["sector"]["code"], "I");
    assert!(
        !item["sector"]["name"]
            .as_str()
            .unwrap_or_default()
            .is_empty()
    );
    assert_eq!(item["origin"]["province"]["code"], "66");
    assert_eq!(item["origin"]["commune"]["code"], COMMUNE_A);
    // The pre-2025 communes it took over, with their district and province.
    let former = item["origin"]["former"].as_array().expect("former units");
    assert!(!former.is_empty(), "{item}");
    assert_eq!(former[0]["province"]["code"], "66");
    assert!(former[0]["district"]["code"].is_string(), "{item}");
    assert_eq!(item["subject"]["name"], "HTX Cà phê Thử Nghiệm");
    assert_eq!(item["price"]["currency"], "VND");
    assert!(item["version"].as_i64().expect("version") >= 1);
    assert_eq!(entry(&app, &cast.product_id).await, *item);
    absent(&app, uncertified).await;
    absent(&app, "0192f5e4-7c1a-7b3e-9d2a-4f6b8c0d1e2f").await;

    // The last day of validity it is there, exactly as before: the certificate is expiring by
    // then, but a day-dependent state is not in the entry (a mirror would keep yesterday's);
    // the next day it is gone, with no write.
    let last_day = app.on_day(day("2029-05-04")).await;
    let (page, _) = feed(&last_day, "").await;
    assert_eq!(page["items"][0], *item);
    let after = app.on_day(day("2029-05-05")).await;
    let (page, _) = feed(&after, "").await;
    assert_eq!(ids(&page), Vec::<String>::new());
    absent(&after, &cast.product_id).await;
}

#[tokio::test]
async fn a_revoked_or_superseded_certificate_leaves_the_feed_at_once() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let other = sibling_product(&app, &cast, "Cà phê hạt rang").await;
    let other_id = other["id"].as_str().expect("id").to_string();
    let other_cast = for_product(&cast, &other_id);
    let first = certify(
        &app,
        &cast,
        2026,
        "first_rating",
        3,
        "12/QĐ-UBND",
        "2026-05-04",
    )
    .await;
    let doomed = certify(
        &app,
        &other_cast,
        2026,
        "first_rating",
        3,
        "13/QĐ-UBND",
        "2026-05-04",
    )
    .await;
    let mut both = vec![cast.product_id.clone(), other_id.clone()];
    both.sort();
    assert_eq!(ids(&feed(&app, "").await.0), both);
    let before = entry(&app, &cast.product_id).await;

    // An upgrade supersedes the first certificate: the entry now shows its successor.
    let today = test_day().to_string();
    let mut second = Value::Null;
    let events = events_of(&app, &cast.admin, || async {
        second = certify(&app, &cast, 2027, "upgrade", 4, "14/QĐ-UBND", &today).await;
    })
    .await;
    let catalogue = catalogue_events(&events);
    assert_eq!(catalogue.len(), 1, "{catalogue:?}");
    assert_eq!(catalogue[0]["name"], "catalogue.superseded");
    assert_eq!(catalogue[0]["entity_id"], cast.product_id.as_str());
    assert_eq!(catalogue[0]["payload"]["kind"], "superseded");
    let now = entry(&app, &cast.product_id).await;
    assert_eq!(now["certificate"]["number"], second["number"]);
    assert_ne!(now["certificate"]["number"], first["number"]);
    assert_eq!(now["certificate"]["stars"], 4);
    assert!(
        now["version"].as_i64() > before["version"].as_i64(),
        "{now}"
    );

    // A revocation takes the other product out the same instant.
    let events = events_of(&app, &cast.admin, || {
        revoke(&app, &cast, &doomed, test_day())
    })
    .await;
    let catalogue = catalogue_events(&events);
    assert_eq!(catalogue.len(), 1, "{catalogue:?}");
    assert_eq!(catalogue[0]["name"], "catalogue.revoked");
    assert_eq!(catalogue[0]["entity_id"], other_id.as_str());
    assert_eq!(catalogue[0]["payload"]["product_id"], other_id.as_str());
    assert_eq!(
        ids(&feed(&app, "").await.0),
        std::slice::from_ref(&cast.product_id)
    );
    absent(&app, &other_id).await;
}

#[tokio::test]
async fn an_entry_follows_its_product_images_and_listings_with_growing_versions() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    certify(
        &app,
        &cast,
        2026,
        "first_rating",
        4,
        "12/QĐ-UBND",
        "2026-05-04",
    )
    .await;
    let product_path = format!("/api/v1/products/{}", cast.product_id);
    let v1 = entry(&app, &cast.product_id).await;

    let product = json_of(
        app.get(&cast.admin, &product_path).await,
        StatusCode::OK,
        "product",
    )
    .await;
    json_of(
        app.patch(
            &cast.admin,
            &product_path,
            product["version"].as_i64().expect("version"),
            json!({"description": "Rang mộc, xay mịn", "price_min": 90000, "price_max": 150000}),
        )
        .await,
        StatusCode::OK,
        "update product",
    )
    .await;
    let v2 = entry(&app, &cast.product_id).await;
    assert_eq!(v2["description"], "Rang mộc, xay mịn");
    assert_eq!(v2["price"]["min"], 90000);
    assert_eq!(v2["price"]["max"], 150000);
    assert!(v2["version"].as_i64() > v1["version"].as_i64(), "{v2}");
    assert_ne!(v2["updated_at"], v1["updated_at"]);

    let png = b"\x89PNG\r\n\x1a\n0000IHDR-catalogue".to_vec();
    let res = app
        .client
        .post(app.url(&format!("{product_path}/images")))
        .bearer_auth(&cast.admin.token)
        .header("content-type", "image/png")
        .header("x-file-name", "ca-phe.png")
        .body(png.clone())
        .send()
        .await
        .expect("upload");
    let image = json_of(res, StatusCode::CREATED, "upload").await;
    let v3 = entry(&app, &cast.product_id).await;
    let url = format!(
        "{PUBLIC_URL}/api/v1/public/products/{}/images/{}",
        cast.product_id,
        image["id"].as_str().expect("image id")
    );
    assert_eq!(v3["images"], json!([url.clone()]));
    assert!(v3["version"].as_i64() > v2["version"].as_i64(), "{v3}");
    // The image is public at that address (served here under the test's own host).
    let local = url.replace(PUBLIC_URL, &app.address);
    let res = public_get(&app, &local, None, None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "public, max-age=86400");
    assert_eq!(res.bytes().await.expect("bytes").to_vec(), png);

    json_of(
        app.post(
            &cast.admin,
            "/api/v1/listings",
            json!({"product_id": cast.product_id, "platform": "Shopee",
                   "url": "https://shopee.vn/ca-phe-bot-i.1.2", "since": "2027-01-10", "until": null}),
        )
        .await,
        StatusCode::CREATED,
        "listing",
    )
    .await;
    let v4 = entry(&app, &cast.product_id).await;
    assert_eq!(v4["listings"][0]["platform"], "Shopee");
    assert_eq!(
        v4["listings"][0]["url"],
        "https://shopee.vn/ca-phe-bot-i.1.2"
    );
    assert!(v4["version"].as_i64() > v3["version"].as_i64(), "{v4}");

    // Put on sale at a point of sale: the entry lists the point.
    let unit = app.unit(&cast.admin, COMMUNE_A).await;
    let point = json_of(
        app.post(
            &cast.admin,
            "/api/v1/points-of-sale",
            json!({"kind": "display_point", "name": "Điểm bán OCOP chợ trung tâm", "unit_id": unit,
                   "address": "Chợ trung tâm", "latitude": null, "longitude": null,
                   "opened_on": "2027-01-15", "closed_on": null}),
        )
        .await,
        StatusCode::CREATED,
        "open a point of sale",
    )
    .await;
    json_of(
        app.post(
            &cast.admin,
            &format!(
                "/api/v1/points-of-sale/{}/products",
                point["id"].as_str().expect("id")
            ),
            json!({"product_id": cast.product_id, "since": "2027-02-01"}),
        )
        .await,
        StatusCode::CREATED,
        "put on sale",
    )
    .await;
    let v5 = entry(&app, &cast.product_id).await;
    assert_eq!(
        v5["points_of_sale"][0]["name"],
        "Điểm bán OCOP chợ trung tâm"
    );
    assert_eq!(v5["points_of_sale"][0]["kind"], "display_point");
    assert!(v5["version"].as_i64() > v4["version"].as_i64(), "{v5}");
}

#[tokio::test]
async fn filters_narrow_the_feed_and_text_ignores_accents() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let honey = sibling_product(&app, &cast, "Mật ong hoa cà phê Đắk Lắk").await;
    let honey_id = honey["id"].as_str().expect("id").to_string();
    certify(
        &app,
        &cast,
        2026,
        "first_rating",
        3,
        "12/QĐ-UBND",
        "2026-05-04",
    )
    .await;
    certify(
        &app,
        &for_product(&cast, &honey_id),
        2026,
        "first_rating",
        4,
        "13/QĐ-UBND",
        "2026-05-04",
    )
    .await;
    let commune = entry(&app, &honey_id).await["origin"]["commune"]["code"]
        .as_str()
        .expect("commune")
        .to_string();
    let mut both = vec![cast.product_id.clone(), honey_id.clone()];
    both.sort();

    for (query, expected) in [
        ("?min_stars=4", vec![honey_id.clone()]),
        ("?min_stars=3", both.clone()),
        ("?q=MAT%20ONG%20dak%20lak", vec![honey_id.clone()]),
        (
            "?q=c%C3%A0%20ph%C3%AA%20b%E1%BB%99t",
            vec![cast.product_id.clone()],
        ),
        ("?q=100%25", vec![]),
        ("?product_set=I.6", both.clone()),
        ("?product_set=II.1", vec![]),
        ("?sector=I", both.clone()),
        ("?province=66", both.clone()),
        ("?province=01", vec![]),
        (&format!("?commune={commune}") as &str, both.clone()),
        ("?updated_since=2020-01-01T00:00:00Z", both.clone()),
        ("?updated_since=2099-01-01T00:00:00Z", vec![]),
    ] {
        assert_eq!(ids(&feed(&app, query).await.0), expected, "{query}");
    }
    for bad in ["?min_stars=2", "?limit=0", "?limit=201"] {
        let res = public_get(&app, &format!("{FEED}{bad}"), None, None).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }

    // The filter choices: the codes the two entries carry, named, with their counts; each
    // choice filters the feed to that many entries.
    let res = public_get(&app, "/api/v1/public/facets", None, None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let etag = res.headers()["etag"].to_str().expect("etag").to_string();
    let facets: Value = res.json().await.expect("facets");
    let honey = entry(&app, &honey_id).await;
    assert_eq!(
        facets["product_sets"],
        json!([{"code": "I.6", "name": honey["product_set"]["name"], "entries": 2}])
    );
    assert_eq!(facets["sectors"][0]["code"], "I");
    assert_eq!(facets["sectors"][0]["entries"], 2);
    assert_eq!(facets["provinces"][0]["code"], "66");
    assert_eq!(
        facets["provinces"][0]["name"],
        honey["origin"]["province"]["name"]
    );
    assert_eq!(facets["provinces"][0]["entries"], 2);
    let again = public_get(&app, "/api/v1/public/facets", None, Some(&etag)).await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    // The day the certificates lapse, there is nothing left to choose.
    let after = app.on_day(day("2029-05-05")).await;
    let facets: Value = public_get(&after, "/api/v1/public/facets", None, None)
        .await
        .json()
        .await
        .expect("facets");
    assert_eq!(
        facets,
        json!({"product_sets": [], "sectors": [], "provinces": []})
    );
}

#[tokio::test]
async fn paging_over_a_changing_catalogue_serves_every_lasting_entry_once() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let mut products = vec![cast.product_id.clone()];
    for n in 1..6 {
        let p = sibling_product(&app, &cast, &format!("Sản phẩm thử {n}")).await;
        products.push(p["id"].as_str().expect("id").to_string());
    }
    let mut certificates = BTreeMap::new();
    // Five in the catalogue from the start; the sixth joins while paging.
    for (n, product) in products.iter().take(5).enumerate() {
        let cert = certify(
            &app,
            &for_product(&cast, product),
            2026,
            "first_rating",
            3,
            &format!("{}/QĐ-UBND", 20 + n),
            "2026-05-04",
        )
        .await;
        certificates.insert(product.clone(), cert);
    }

    let mut seen = Vec::new();
    let mut url = format!("{FEED}?limit=2");
    let mut pages = 0;
    let mut revoked = None;
    loop {
        let res = public_get(&app, &url, None, None).await;
        let link = res
            .headers()
            .get("link")
            .map(|l| l.to_str().expect("link").to_string());
        let page = json_of(res, StatusCode::OK, "page").await;
        seen.extend(ids(&page));
        pages += 1;
        let Some(next) = page["next"].as_str() else {
            assert!(link.is_none());
            break;
        };
        let link = link.expect("a Link header with a next page");
        let target = link
            .strip_prefix('<')
            .and_then(|l| l.strip_suffix(">; rel=\"next\""))
            .expect("link form");
        assert!(
            target.starts_with(&format!("{PUBLIC_URL}{FEED}?")),
            "{target}"
        );
        assert!(
            target.contains("limit=2") && target.contains(next),
            "{target}"
        );
        url = target.replace(PUBLIC_URL, &app.address);
        // The catalogue changes underneath: one more product certified, one revoked.
        if pages == 1 {
            let joining = &products[5];
            certify(
                &app,
                &for_product(&cast, joining),
                2026,
                "first_rating",
                3,
                "40/QĐ-UBND",
                "2026-05-04",
            )
            .await;
            let last: &String = products.iter().take(5).max().expect("some");
            revoke(&app, &cast, &certificates[last], test_day()).await;
            revoked = Some(last.clone());
        }
        assert!(pages < 10, "paging does not end");
    }
    let unique: BTreeSet<_> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "a product served twice: {seen:?}");
    let revoked = revoked.expect("revoked one");
    for lasting in products.iter().take(5).filter(|p| **p != revoked) {
        assert!(unique.contains(lasting), "{lasting} missing from {seen:?}");
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(sorted, seen, "served in id order");

    let bad = public_get(&app, &format!("{FEED}?cursor=not-a-cursor"), None, None).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let body = bad.text().await.expect("body");
    assert!(body.contains("cursor"), "{body}");
}

#[tokio::test]
async fn a_cached_page_revalidates_to_304_and_json_ld_describes_the_certification() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let cert = certify(
        &app,
        &cast,
        2026,
        "first_rating",
        4,
        "12/QĐ-UBND",
        "2026-05-04",
    )
    .await;

    for path in [FEED.to_string(), format!("{FEED}/{}", cast.product_id)] {
        let first = public_get(&app, &path, None, None).await;
        assert_eq!(first.status(), StatusCode::OK);
        let etag = first.headers()["etag"].to_str().expect("etag").to_string();
        let cache = first.headers()["cache-control"]
            .to_str()
            .expect("cc")
            .to_string();
        assert!(cache.starts_with("public, max-age="), "{cache}");
        let again = public_get(&app, &path, None, Some(&etag)).await;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(again.headers()["etag"], etag.as_str());
    }

    let res = public_get(
        &app,
        &format!("{FEED}/{}", cast.product_id),
        Some("application/ld+json"),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("application/ld+json")
    );
    let doc: Value = res.json().await.expect("json-ld");
    assert_eq!(doc["@context"], "https://schema.org");
    assert_eq!(doc["@type"], "Product");
    assert_eq!(doc["name"], "Cà phê bột Thử Nghiệm");
    assert_eq!(doc["manufacturer"]["name"], "HTX Cà phê Thử Nghiệm");
    let c = &doc["hasCertification"];
    assert_eq!(c["@type"], "Certification");
    assert_eq!(c["certificationIdentification"], cert["number"]);
    assert_eq!(c["certificationRating"]["@type"], "Rating");
    assert_eq!(c["certificationRating"]["ratingValue"], 4);
    assert_eq!(c["certificationRating"]["bestRating"], 5);
    assert_eq!(c["certificationRating"]["worstRating"], 3);
    assert_eq!(
        c["certificationStatus"],
        "https://schema.org/CertificationActive"
    );
    assert_eq!(c["issuedBy"]["@type"], "Organization");
    assert_eq!(c["validFrom"], "2026-05-04");
    assert_eq!(c["expires"], "2029-05-04");
    assert_eq!(
        c["url"],
        format!(
            "{PUBLIC_URL}/verify/{}",
            cert["verification_code"].as_str().expect("code")
        )
    );

    let res = public_get(&app, FEED, Some("application/ld+json"), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let list: Value = res.json().await.expect("json-ld");
    assert_eq!(list["@type"], "ItemList");
    assert_eq!(list["itemListElement"][0]["item"]["@type"], "Product");
}

#[tokio::test]
async fn a_database_from_before_the_catalogue_is_filled_at_start_with_one_event_per_entry() {
    use sea_orm::{ConnectionTrait, Database};

    let app = spawn_app().await;
    let cast = cast(&app).await;
    certify(
        &app,
        &cast,
        2026,
        "first_rating",
        3,
        "12/QĐ-UBND",
        "2026-05-04",
    )
    .await;
    let expected = entry(&app, &cast.product_id).await;
    // As an upgrade finds it: certificates, and no catalogue yet.
    let db = Database::connect(&app.database_url).await.expect("db");
    db.execute_unprepared("DELETE FROM catalogue_item")
        .await
        .expect("empty the catalogue");
    let count = |sql: &'static str| {
        let db = &db;
        async move {
            let row = db
                .query_one_raw(sea_orm::Statement::from_string(
                    db.get_database_backend(),
                    sql,
                ))
                .await
                .expect("count")
                .expect("a row");
            row.try_get_by_index::<i64>(0).expect("n")
        }
    };
    let events_before =
        count("SELECT COUNT(*) FROM outbox_event WHERE entity = 'catalogue_item'").await;

    let restarted = app.on_day(test_day()).await;
    let rebuilt = entry(&restarted, &cast.product_id).await;
    for field in [
        "name",
        "certificate",
        "origin",
        "product_set",
        "sector",
        "subject",
    ] {
        assert_eq!(rebuilt[field], expected[field], "{field}");
    }
    let events_after =
        count("SELECT COUNT(*) FROM outbox_event WHERE entity = 'catalogue_item'").await;
    assert_eq!(events_after, events_before + 1);
    // A second start finds the catalogue filled and writes nothing.
    let _again = app.on_day(test_day()).await;
    let events_again =
        count("SELECT COUNT(*) FROM outbox_event WHERE entity = 'catalogue_item'").await;
    assert_eq!(events_again, events_after);
}

#[tokio::test]
async fn a_re_rating_replaces_the_certificate_the_entry_shows() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    // Valid through 4 May 2027: on the test day a late re-rating filing is still possible.
    let old = certify(
        &app,
        &cast,
        2024,
        "first_rating",
        3,
        "12/QĐ-UBND",
        "2024-05-04",
    )
    .await;
    assert_eq!(
        entry(&app, &cast.product_id).await["certificate"]["number"],
        old["number"]
    );
    let today = test_day().to_string();
    let new = certify(&app, &cast, 2027, "re_rating", 4, "15/QĐ-UBND", &today).await;
    let now = entry(&app, &cast.product_id).await;
    assert_eq!(now["certificate"]["number"], new["number"]);
    assert_eq!(now["certificate"]["stars"], 4);
    assert_eq!(now["certificate"]["expires_on"], new["expires_on"]);
    // Past the old certificate's expiry the product stays, on its new certificate.
    let later = app.on_day(day("2027-06-01")).await;
    assert_eq!(
        entry(&later, &cast.product_id).await["certificate"]["number"],
        new["number"]
    );
}
