//! Wire types and pure rules of the public catalogue.

mod changes;
mod cursor;
mod facets;
mod feed;
mod item;
pub mod jsonld;
mod keys;
mod version;
mod webhooks;

pub use changes::*;
pub use cursor::*;
pub use facets::*;
pub use feed::*;
pub use item::*;
pub use keys::*;
pub use version::*;
pub use webhooks::*;
