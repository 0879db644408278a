//! The reports' queries. Each report is a module that declares its [`ReportSpec`] and how its
//! rows are read: one SQL statement (an aggregate, or the register's list), its select list in
//! the order of the spec's columns ([`Rows::Sql`]), or rows computed in Rust from another
//! crate's use case ([`Rows::Computed`], the targets report). Adding a report is one module and one line in
//! [`REPORTS`]; the route, the catalogue, the formats and the OpenAPI description follow.
//!
//! Every statement keeps to the area asked (a unit the caller covers, and everything under it
//! through the unit closure), so the caller's scope holds without a second filter.

pub mod budgets;
pub mod council_results;
pub mod pipeline;
pub mod product_register;
pub mod products;
pub mod province_summary;
mod read;
pub mod sql;
pub mod subjects;
pub mod targets;

use std::future::Future;
use std::pin::Pin;

use chrono::NaiveDate;
use ocop_core::{DomainResult, Principal, UnitId};
use sea_orm::{DatabaseConnection, DbBackend, Statement};

pub use read::cells;

use crate::model::{Cell, ReportSpec};

/// What a report is asked for, checked by [`crate::service`].
#[derive(Debug, Clone)]
pub struct Context {
    /// The unit the figures cover (with everything under it); one the caller covers.
    pub area: UnitId,
    pub as_of: NaiveDate,
    /// Only this year, for the reports that take it.
    pub year: Option<i32>,
    pub principal: Principal,
    /// The caller's day, for the use cases that refuse a day in the future.
    pub today: NaiveDate,
}

/// Rows being computed: a boxed future, since a report is picked at run time.
pub type RowsFuture<'a> = Pin<Box<dyn Future<Output = DomainResult<Vec<Vec<Cell>>>> + Send + 'a>>;

/// Rows computed in Rust.
pub type ComputedRows = for<'a> fn(&'a DatabaseConnection, &'a Context) -> RowsFuture<'a>;

/// How a report's rows are read.
#[derive(Clone, Copy)]
pub enum Rows {
    /// One statement; its columns in the order of the spec's.
    Sql(fn(DbBackend, &Context) -> Statement),
    Computed(ComputedRows),
}

/// A report: what it is and how its rows are read.
#[derive(Clone, Copy)]
pub struct Report {
    pub spec: ReportSpec,
    pub rows: Rows,
}

/// Every report, in the catalogue's order.
pub const REPORTS: &[Report] = &[
    products::REPORT,
    subjects::REPORT,
    pipeline::REPORT,
    council_results::REPORT,
    targets::REPORT,
    province_summary::REPORT,
    budgets::REPORT,
    budgets::ACTIVITIES_REPORT,
    product_register::REPORT,
];

/// The report named `name`.
pub fn find(name: &str) -> Option<&'static Report> {
    REPORTS.iter().find(|r| r.spec.name == name)
}
