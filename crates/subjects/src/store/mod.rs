//! The database side of subjects: the `subject` entity, the scoped queries, the assembly of
//! [`crate::SubjectOut`], the lookups other crates use, and the row writes. Every read goes
//! through the private scope condition in `queries`, so no caller can reach a subject outside
//! its scope; a subject outside it reads as not found. Use cases live in [`crate::service`].

mod lookups;
mod queries;
mod read;
pub(crate) mod subject;
pub mod tallies;
mod write;

pub use lookups::{SubjectRef, any_exist, names_by_ids, ref_by_id, ref_in_scope, refs_by_ids};
pub use queries::{get, ids_in_scope, ids_named_like, list};
pub use read::unit_names;

pub(crate) use queries::get_model;
pub(crate) use read::{kind_of, to_out};
pub(crate) use write::{delete, insert, save_versioned};
