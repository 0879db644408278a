//! The database side of the kernel: units, users and sessions, the audit trail, and the
//! mapping of database errors to [`DomainError`].

pub mod audit;
pub mod sessions;
pub mod units;
pub mod users;

use sea_orm::{DbBackend, DbErr, SqlErr};

use crate::DomainError;

/// Unique constraints the domain names: (text found in the database's message, field).
/// PostgreSQL reports the index name, SQLite `table.column`; both are listed.
const UNIQUE_FIELDS: &[(&str, &str)] = &[
    ("ux_subject_registration_code", "registration_code"),
    ("subject.registration_code", "registration_code"),
    ("app_user_email_key", "email"),
    ("app_user.email", "email"),
    ("ux_admin_unit_code_period", "code"),
];

/// Turns constraint violations into 409s naming the field; anything else is internal.
pub fn classify_db_error(err: DbErr) -> DomainError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(message)) => {
            let field = UNIQUE_FIELDS
                .iter()
                .find(|(needle, _)| message.contains(needle))
                .map(|(_, field)| *field);
            DomainError::Conflict {
                code: "duplicate",
                field,
            }
        }
        Some(SqlErr::ForeignKeyConstraintViolation(_)) => DomainError::Conflict {
            code: "reference",
            field: None,
        },
        _ => DomainError::Internal(err.to_string()),
    }
}

/// `?` for SQLite, `$n` for PostgreSQL, for the few hand-written statements.
pub fn placeholder(backend: DbBackend, n: usize) -> String {
    match backend {
        DbBackend::Postgres => format!("${n}"),
        _ => "?".to_string(),
    }
}
