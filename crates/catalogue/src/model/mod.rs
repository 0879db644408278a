//! Wire types and pure rules of the public catalogue.

mod changes;
mod cursor;
mod item;
mod jsonld;
mod keys;
mod version;
mod webhooks;

pub use changes::*;
pub use cursor::*;
pub use item::*;
pub use jsonld::*;
pub use keys::*;
pub use version::*;
pub use webhooks::*;
