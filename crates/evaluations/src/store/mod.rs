//! The database side of evaluations (feature `server`): entities and queries. Scoped reads,
//! row writes taking a connection (a use case passes its `Change`), and the read models in
//! [`read`]. Nothing here opens a transaction, writes an audit row or calls a use case; the use
//! cases are in `crate::service`.
//!
//! Lower modules never import higher ones: `entities`, `people`, `criteria` ← `cycles` ←
//! `findings`, `attachments`, `certificates`, `rounds` ← `sheets`, `facts` ← `read`, `alerts`.

pub mod alerts;
pub mod attachments;
pub mod certificates;
pub mod criteria;
pub mod cycles;
pub(crate) mod entities;
pub mod facts;
pub mod findings;
pub mod people;
pub mod public;
pub mod read;
pub mod rounds;
pub mod sheets;
pub mod tallies;
