//! The database side of the kernel: units, users and sessions, the change helper with its audit
//! chain and outbox, and the mapping of database errors to [`DomainError`].

pub mod audit;
mod audit_chain;
mod audit_trail;
pub mod blobs;
pub mod change;
pub mod outbox;
pub mod projection;
pub mod server_keys;
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
    ("ux_annual_plan_unit_year", "year"),
    ("annual_plan.unit_id", "year"),
    ("ux_revenue_report_subject_year_channel", "channel"),
    ("revenue_report.subject_id", "channel"),
    ("activity_product.activity_id", "product_id"),
    ("ux_activity_participant_user", "user_id"),
    ("activity_participant.user_id", "user_id"),
    ("activity_product_pkey", "product_id"),
    ("ux_product_gtin", "gtin"),
    ("product.gtin", "gtin"),
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

/// Writes `model` over the row whose `id_col` is `id`, but only while its `version_col` still
/// holds `read_version`: the guard against lost updates. The caller sets the new version.
pub async fn update_if_version<E, C>(
    db: &C,
    model: E::ActiveModel,
    id_col: E::Column,
    version_col: E::Column,
    id: impl Into<sea_orm::Value>,
    read_version: i32,
) -> Result<(), DomainError>
where
    E: sea_orm::EntityTrait,
    C: sea_orm::ConnectionTrait,
{
    use sea_orm::{ColumnTrait, QueryFilter};
    let result = E::update_many()
        .set(model)
        .filter(id_col.eq(id))
        .filter(version_col.eq(read_version))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(DomainError::StaleVersion {
            expected: read_version,
            current: read_version + 1,
        });
    }
    Ok(())
}
