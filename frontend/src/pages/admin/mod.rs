//! Administration: accounts, council members and the audit trail.

pub mod audit;
pub mod council;
pub mod users;

pub use audit::AuditTrail;
pub use council::CouncilMembers;
pub use users::{UserForm, UserList};
