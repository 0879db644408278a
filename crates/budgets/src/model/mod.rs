//! Wire types and pure rules of budgets, shared with the SPA.

mod ledger;
mod sources;

pub use ledger::*;
pub use sources::*;
