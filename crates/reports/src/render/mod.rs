//! The report written out: JSON (the API's own document), CSV (for any tool, and Excel) and
//! XLSX (a real workbook). Each takes the rows as an iterator, so the export can feed them
//! straight from the database without holding the report in memory.

pub mod csv;
pub mod json;
pub mod xlsx;

use ocop_core::DomainError;

/// A writer's failure: the report could not be written (disk full, a temporary file refused).
pub(crate) fn write_error(what: &str, e: impl std::fmt::Display) -> DomainError {
    DomainError::Internal(format!("report {what}: {e}"))
}
