//! Typed identifiers, so a subject id can never be passed where a product id is expected.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Declares a typed uuid id. Exported so that each domain crate declares its own ids the same
/// way; the calling crate needs `serde`, `utoipa` and `uuid`, and a `server` feature for `new()`.
#[macro_export]
macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize, ::utoipa::ToSchema)]
        #[serde(transparent)]
        #[schema(value_type = String, format = Uuid, example = "0192f5e4-7c1a-7b3e-9d2a-4f6b8c0d1e2f")]
        pub struct $name(pub ::uuid::Uuid);

        impl $name {
            /// A new time-ordered (v7) id, so inserts stay local in the primary-key index.
            #[cfg(feature = "server")]
            pub fn new() -> Self {
                Self(::uuid::Uuid::now_v7())
            }
        }

        #[cfg(feature = "server")]
        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = ::uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                ::uuid::Uuid::parse_str(s).map(Self)
            }
        }
    };
}

uuid_id!(
    /// A person who logs in.
    UserId
);
uuid_id!(
    /// A producer (chủ thể OCOP).
    SubjectId
);
uuid_id!(
    /// A product of a subject.
    ProductId
);

/// An administrative unit. Units are reference data with few rows, so a compact integer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(transparent)]
#[schema(value_type = i32, example = 42)]
pub struct UnitId(pub i32);

impl std::fmt::Display for UnitId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}
