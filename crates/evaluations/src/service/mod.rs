//! The use cases of evaluations (feature `server`). Each runs inside one
//! [`ocop_core::store::change::Change`]: it reads and writes through the store, records its
//! audit rows and emits its events ([`crate::events`]), then commits; a use case that fails
//! rolls back and records nothing. Answers are read back through `store::read` after the commit.
//!
//! `certificates` ← `cycles` (a recognition issues a certificate) ← `rounds` (the agenda and
//! closing move cycles); the others stand alone.

pub mod attachments;
pub mod certificates;
pub mod criteria;
pub mod cycles;
pub mod findings;
pub mod rounds;
pub mod sheets;
