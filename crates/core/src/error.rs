//! The one error type of the domain crates. `ocop-api` maps it to HTTP exactly once.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A problem with one input field. `code` is stable and machine-readable; the API turns it
/// into a Vietnamese or English message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    /// The field's JSON name, with a path for nested fields (`price.min`).
    #[schema(example = "name")]
    pub field: String,
    /// A stable code: `required`, `length`, `range`, `format`, `unknown_unit`, ...
    #[schema(example = "required")]
    pub code: String,
    /// A message in the request's language.
    #[serde(default)]
    #[schema(example = "Trường này là bắt buộc")]
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code: code.into(),
            message: String::new(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    /// The row does not exist or lies outside the caller's scope; the two are never told apart.
    #[error("{entity} not found")]
    NotFound { entity: &'static str },
    /// The caller's role may not do this at all.
    #[error("forbidden: {reason}")]
    Forbidden { reason: &'static str },
    /// The change clashes with stored state (a duplicate code, a subject that still has products).
    #[error("conflict: {code}")]
    Conflict {
        code: &'static str,
        field: Option<&'static str>,
    },
    /// Someone else changed the row since the caller read it.
    #[error("stale version: expected {expected}, current {current}")]
    StaleVersion { expected: i32, current: i32 },
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("invalid transition from {from} to {to}")]
    InvalidTransition {
        from: String,
        to: String,
        allowed: Vec<String>,
    },
    /// A request past a limit the books hold: an allocation past what is left on its line, a
    /// disbursement past what is left on its allocation. Says which record, its limit, what was
    /// already used and what was asked, in đồng.
    #[error("{entity} {id}: {used} of {limit} used, {asked} asked")]
    OverLimit {
        entity: &'static str,
        id: String,
        field: &'static str,
        limit: i64,
        used: i64,
        asked: i64,
    },
    #[error("internal error: {0}")]
    Internal(String),
}

pub type DomainResult<T> = Result<T, DomainError>;

impl DomainError {
    pub fn field(field: impl Into<String>, code: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, code)])
    }

    pub fn not_found(entity: &'static str) -> Self {
        Self::NotFound { entity }
    }
}

#[cfg(feature = "server")]
impl From<sea_orm::DbErr> for DomainError {
    fn from(err: sea_orm::DbErr) -> Self {
        crate::store::classify_db_error(err)
    }
}

/// Collects field errors so a request reports all its problems at once.
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, field: impl Into<String>, code: impl Into<String>) {
        self.0.push(FieldError::new(field, code));
    }

    pub fn check(&mut self, ok: bool, field: &str, code: &str) {
        if !ok {
            self.push(field, code);
        }
    }

    pub fn into_result(self) -> DomainResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(DomainError::Validation(self.0))
        }
    }
}

impl From<validator::ValidationErrors> for DomainError {
    fn from(errors: validator::ValidationErrors) -> Self {
        let mut out = Vec::new();
        flatten_validation(&errors, "", &mut out);
        out.sort_by(|a, b| a.field.cmp(&b.field));
        DomainError::Validation(out)
    }
}

fn flatten_validation(
    errors: &validator::ValidationErrors,
    prefix: &str,
    out: &mut Vec<FieldError>,
) {
    use validator::ValidationErrorsKind;
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    out.push(FieldError::new(path.clone(), e.code.to_string()));
                }
            }
            ValidationErrorsKind::Struct(inner) => flatten_validation(inner, &path, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    flatten_validation(inner, &format!("{path}[{i}]"), out);
                }
            }
        }
    }
}
