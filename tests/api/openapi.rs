use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::contract::CONTRACT;
use crate::helpers::spawn_app;

#[test]
fn the_committed_openapi_document_matches_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = ocop_api::openapi::document_json();
    assert!(
        committed == generated,
        "openapi/openapi.json is out of date; regenerate it with `cargo run -p xtask -- openapi` \
         (or `cargo run -p ocop-api -- openapi --out openapi/openapi.json`)"
    );
}

#[test]
fn every_operation_has_an_id_a_summary_and_error_responses() {
    let doc: Value = serde_json::from_str(&ocop_api::openapi::document_json()).unwrap();
    assert_eq!(
        doc["openapi"].as_str().map(|v| v.starts_with("3.1")),
        Some(true)
    );
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            assert!(
                op["operationId"].is_string(),
                "{method} {path} has no operationId"
            );
            assert!(op["summary"].is_string(), "{method} {path} has no summary");
            let responses = op["responses"].as_object().unwrap();
            if path.starts_with("/api/") {
                assert!(
                    responses.keys().any(|s| s.starts_with('4')),
                    "{method} {path} documents no errors"
                );
            }
        }
    }
}

#[tokio::test]
async fn the_document_and_the_docs_page_are_served() {
    let app = spawn_app().await;
    let doc = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(doc.status(), StatusCode::OK);
    let docs = app.client.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(docs.status(), StatusCode::OK);
    assert!(docs.text().await.unwrap().contains("swagger"));
    let unknown = app
        .client
        .get(app.url("/api/v1/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        unknown.headers()["content-type"],
        "application/problem+json"
    );
}

/// Every `$ref` of the committed document, with where it was found.
fn refs<'a>(node: &'a Value, at: String, out: &mut Vec<(String, &'a str)>) {
    match node {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value.as_str()) {
                    ("$ref", Some(target)) => out.push((at.clone(), target)),
                    _ => refs(value, format!("{at}/{key}"), out),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                refs(item, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_ref_in_the_committed_document_resolves() {
    let doc = CONTRACT.document();
    let mut found = Vec::new();
    refs(doc, String::new(), &mut found);
    assert!(
        found.len() > 100,
        "the walk found only {} refs",
        found.len()
    );
    let dangling: Vec<String> = found
        .iter()
        .filter(|(_, target)| {
            target
                .strip_prefix('#')
                .and_then(|pointer| doc.pointer(pointer))
                .is_none()
        })
        .map(|(at, target)| format!("{target} (at {at})"))
        .collect();
    assert!(
        dangling.is_empty(),
        "$refs that point at nothing: {dangling:#?}"
    );
}

#[test]
fn the_contract_check_refuses_what_the_document_does_not_say() {
    let check = |method: Method, path: &str, status: u16, content_type: &str, body: Value| {
        CONTRACT.check(
            &method,
            path,
            StatusCode::from_u16(status).unwrap(),
            Some(content_type),
            body.to_string().as_bytes(),
        )
    };
    let problem =
        json!({"type": "urn:ocop:problem:not_found", "title": "Not found", "status": 404});
    let id = "/api/v1/subjects/0192f5e4-7c1a-7b3e-9d2a-4f6b8c0d1e2f";
    assert_eq!(
        check(
            Method::GET,
            id,
            404,
            "application/problem+json",
            problem.clone()
        ),
        Ok(())
    );
    // Paths the document does not describe are not its business.
    assert_eq!(
        check(
            Method::GET,
            "/somewhere/else",
            418,
            "text/plain",
            json!("tea")
        ),
        Ok(())
    );

    let undocumented = check(
        Method::GET,
        id,
        409,
        "application/problem+json",
        problem.clone(),
    );
    assert!(
        undocumented
            .as_ref()
            .is_err_and(|e| e.contains("subjects.get")
                && e.contains("409")
                && e.contains("not documented")),
        "{undocumented:?}"
    );
    let wrong_type = check(Method::GET, id, 404, "text/html", problem);
    assert!(
        wrong_type.as_ref().is_err_and(|e| e.contains("text/html")),
        "{wrong_type:?}"
    );
    let wrong_body = check(
        Method::GET,
        id,
        404,
        "application/problem+json",
        json!({"title": 3}),
    );
    assert!(
        wrong_body
            .as_ref()
            .is_err_and(|e| e.contains("does not match") && e.contains("type")),
        "{wrong_body:?}"
    );
}

/// Checks a value against one property's schema as a client would, with the document's own
/// pattern.
fn accepted_by(schema: &str, property: &str, value: &str) -> bool {
    let property = &CONTRACT.document()["components"]["schemas"][schema]["properties"][property];
    let pattern = property["pattern"]
        .as_str()
        .expect("the property has a pattern");
    jsonschema::is_valid(&json!({"pattern": pattern}), &json!(value))
}

#[test]
fn the_documented_phone_and_registration_code_patterns_are_the_servers_rules() {
    let phones = [
        "0912345678",
        "091 234 5678",
        "0912.345.678",
        "+84912345678",
        "+84 912 345 678",
        "02623812345",
        "+842623812345",
        "0262381234",
        "091234567",
        "09123456789",
        "03123456789",
        "+840912345678",
        "912345678",
        "0912-345-678",
        "0912345678 ",
        " 0912345678",
        "+8491234567",
        "++84912345678",
        "84912345678",
        "",
    ];
    for phone in phones {
        assert_eq!(
            accepted_by("SubjectIn", "phone", phone),
            ocop_subjects::validate_phone(phone).is_ok(),
            "phone {phone:?}"
        );
    }
    let codes = [
        "6001234567",
        "0101234567-001",
        "12/GCN-HTX",
        "ABCDE",
        "A.B/C",
        "1234",
        "abcde",
        "-1234",
        "/1234",
        "12345678901234567890",
        "123456789012345678901",
        "6001 234567",
        "6001234567\n",
        "ĐKKD-1234",
    ];
    for code in codes {
        assert_eq!(
            accepted_by("SubjectIn", "registration_code", code),
            ocop_subjects::validate_registration_code(code).is_ok(),
            "registration code {code:?}"
        );
    }
}
