//! Wire types of reports, shared with the SPA: the columns and cells of a report's table, its
//! header, the JSON body and the catalogue of reports.

mod columns;
mod format;
mod report;

pub use columns::*;
pub use format::*;
pub use report::*;
