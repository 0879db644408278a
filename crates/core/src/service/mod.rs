//! The kernel's own use cases, each in one [`crate::store::change::Change`]: managing the people
//! who log in. The domain crates keep theirs in their own `service` modules.

pub mod users;
