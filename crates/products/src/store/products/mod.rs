//! The `product` table. Products hang off subjects, so a product is in scope exactly when its
//! subject is; every read goes through the private scope condition in `queries`. Use cases live
//! in [`crate::service::products`].

pub(crate) mod product;
mod queries;
mod read;
mod write;

pub use queries::{
    get, ids_named_like, ids_visible_to, list, name_key, names_and_subjects_by_ids, names_by_ids,
};

pub(crate) use queries::get_model;
pub(crate) use read::to_outs;
pub(crate) use write::{bump_version, insert, save_versioned};
