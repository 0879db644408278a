//! ocop-core: the shared kernel every other crate builds on.
//!
//! It owns the identifiers, the administrative-unit tree and the [`Scope`] derived from it,
//! roles and the role × action table, the one [`Clock`], paging, money, text folding for search and the one
//! [`DomainError`] type. Nothing here knows HTTP. The database side (units, users, refresh
//! tokens, audit events) and its use cases (`service`) sit behind the `server` feature so the SPA
//! can share the wire types.

pub mod access;
pub mod clock;
pub mod error;
pub mod ids;
pub mod money;
pub mod page;
pub mod precondition;
pub mod text;
pub mod units;
pub mod users;

#[cfg(feature = "server")]
pub mod service;
#[cfg(feature = "server")]
pub mod store;

pub use access::{Action, Caller, Principal, Role, Scope};
pub use clock::Clock;
pub use error::{DomainError, DomainResult, FieldError};
pub use ids::{ProductId, SubjectId, UnitId, UserId};
pub use money::Dong;
pub use page::{Page, PageQuery};
pub use precondition::Precondition;
pub mod patch;
