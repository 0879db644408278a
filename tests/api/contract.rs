//! The committed contract, `openapi/openapi.json`, held against what the server really answers.
//!
//! Every request of the suite goes through [`CheckedClient`](crate::client::CheckedClient),
//! which hands each response to [`Contract::check`]: the operation is found by method and path
//! template, the status must be documented (or fall under `default`), the content type too,
//! and a JSON body must validate against the documented schema. Paths the document does not
//! describe (the SPA, the docs page) pass unchecked. The document is read, and each schema
//! compiled, once per test run.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use jsonschema::{Draft, Validator};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

pub static CONTRACT: LazyLock<Contract> = LazyLock::new(Contract::load);

/// At most this many schema errors are listed in a failure; the first ones tell the story.
const MAX_ERRORS: usize = 10;

pub struct Contract {
    doc: Value,
    /// Path templates, split into segments, the most literal first so that a literal segment
    /// wins over a parameter that would also match it.
    templates: Vec<(String, Vec<String>)>,
    validators: Mutex<HashMap<String, Arc<Validator>>>,
}

/// The operation a request reached, and the path template it was found under.
struct Documented<'a> {
    operation: &'a Value,
    template: &'a str,
}

impl Contract {
    fn load() -> Contract {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let doc: Value = serde_json::from_str(&text).expect("openapi/openapi.json is JSON");
        let mut templates: Vec<(String, Vec<String>)> = doc["paths"]
            .as_object()
            .expect("the document has paths")
            .keys()
            .map(|t| (t.clone(), segments(t)))
            .collect();
        let literals = |s: &[String]| s.iter().filter(|s| !s.starts_with('{')).count();
        templates.sort_by_key(|(_, s)| std::cmp::Reverse(literals(s)));
        Contract {
            doc,
            templates,
            validators: Mutex::default(),
        }
    }

    pub fn document(&self) -> &Value {
        &self.doc
    }

    fn operation(&self, method: &Method, path: &str) -> Option<Documented<'_>> {
        let actual = segments(path);
        let (template, _) = self.templates.iter().find(|(_, t)| {
            t.len() == actual.len()
                && t.iter()
                    .zip(&actual)
                    .all(|(t, a)| t.starts_with('{') || t == a)
        })?;
        let operation = self.doc["paths"][template].get(method.as_str().to_lowercase())?;
        Some(Documented {
            operation,
            template,
        })
    }

    /// Checks one response. `Err` says what breaks the contract, naming the operation.
    pub fn check(
        &self,
        method: &Method,
        path: &str,
        status: StatusCode,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<(), String> {
        let Some(Documented {
            operation,
            template,
        }) = self.operation(method, path)
        else {
            return Ok(());
        };
        let name = operation["operationId"].as_str().unwrap_or("?");
        let fail = |problem: String| {
            let shown = String::from_utf8_lossy(&body[..body.len().min(2000)]).into_owned();
            Err(format!(
                "contract: {name} ({method} {template}, called as {path}) answered {status}: \
                 {problem}\n  body: {shown}"
            ))
        };
        let responses = &operation["responses"];
        let range = format!("{}XX", status.as_u16() / 100);
        let Some((key, response)) = [status.as_str(), range.as_str(), "default"]
            .into_iter()
            .find_map(|k| responses.get(k).map(|r| (k, r)))
        else {
            let documented: Vec<&String> = responses
                .as_object()
                .map(|r| r.keys().collect())
                .unwrap_or_default();
            return fail(format!(
                "the status is not documented (documented: {documented:?})"
            ));
        };
        let response = self.resolve(response);
        if body.is_empty() {
            return Ok(());
        }
        let Some(content) = response["content"].as_object() else {
            return fail(format!("a body was sent but response {key} documents none"));
        };
        let media = content_type
            .and_then(|t| t.split(';').next())
            .map(|t| t.trim().to_ascii_lowercase())
            .unwrap_or_default();
        let Some((documented, media_type)) = content
            .iter()
            .find(|(pattern, _)| media_matches(pattern, &media))
        else {
            let documented: Vec<&String> = content.keys().collect();
            return fail(format!(
                "content type {media:?} is not documented for {key} (documented: {documented:?})"
            ));
        };
        let is_json = media == "application/json" || media.ends_with("+json");
        let Some(schema) = media_type.get("schema").filter(|_| is_json) else {
            return Ok(());
        };
        let instance: Value = match serde_json::from_slice(body) {
            Ok(value) => value,
            Err(e) => return fail(format!("the {media} body is not JSON: {e}")),
        };
        let id = format!("{template} {method} {key} {documented}");
        let validator = self.validator(&id, schema);
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .take(MAX_ERRORS)
            .map(|e| format!("at {:?}: {e}", e.instance_path().as_str()))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            fail(format!(
                "the body does not match the schema of {key} {documented}:\n    {}",
                errors.join("\n    ")
            ))
        }
    }

    /// A `$ref` to `#/components/responses/...`, followed; anything else as it is.
    fn resolve<'a>(&'a self, node: &'a Value) -> &'a Value {
        match node["$ref"].as_str().and_then(|r| r.strip_prefix('#')) {
            Some(pointer) => self.doc.pointer(pointer).unwrap_or(node),
            None => node,
        }
    }

    /// The compiled schema, built on first use. The schema travels with the document's
    /// components, so its `#/components/...` references resolve inside it.
    fn validator(&self, id: &str, schema: &Value) -> Arc<Validator> {
        let mut validators = self.validators.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(validator) = validators.get(id) {
            return validator.clone();
        }
        let root = json!({ "allOf": [schema], "components": self.doc["components"] });
        let validator = jsonschema::options()
            .with_draft(Draft::Draft202012)
            .should_validate_formats(true)
            .build(&root)
            .unwrap_or_else(|e| panic!("contract: the schema of {id} does not compile: {e}"));
        let validator = Arc::new(validator);
        validators.insert(id.to_string(), validator.clone());
        validator
    }
}

fn segments(path: &str) -> Vec<String> {
    path.trim_end_matches('/')
        .split('/')
        .map(str::to_string)
        .collect()
}

/// `image/*` and `*/*` cover their family; anything else is compared as written.
fn media_matches(pattern: &str, media: &str) -> bool {
    let pattern = pattern.to_ascii_lowercase();
    match pattern.strip_suffix("/*") {
        Some("*") => true,
        Some(family) => media.split('/').next() == Some(family),
        None => pattern == media,
    }
}
