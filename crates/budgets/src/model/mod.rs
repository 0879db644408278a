//! Wire types and pure rules of budgets, shared with the SPA.

mod books;
mod ledger;
mod sources;

pub use books::*;
pub use ledger::*;
pub use sources::*;
