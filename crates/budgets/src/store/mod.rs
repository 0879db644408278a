//! Tables and queries of budgets. Entities are private ([`entities`]); every read keeps to the
//! caller's scope by the unit kept on each row (a line's unit, copied to its allocations and
//! entries, so that no scoped read needs a join).

pub(crate) mod entities;

pub mod allocations;
pub mod ledger;
pub mod lines;
