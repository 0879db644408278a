//! Wire types and pure rules of plans, shared with the SPA.

mod activities;
mod metrics;
mod phases;
mod plans;
mod progress;
mod targets;
mod trade;

pub use activities::*;
pub use metrics::*;
pub use phases::*;
pub use plans::*;
pub use progress::*;
pub use targets::*;
pub use trade::*;

/// A closed set of snake_case words stored as text: `as_str`, `parse` and `ALL`.
macro_rules! word_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $word:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize, ::utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word,)* }
            }

            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }
    };
}
pub(crate) use word_enum;

ocop_core::uuid_id!(
    /// A programme phase (giai đoạn), e.g. 2021–2025.
    PhaseId
);
ocop_core::uuid_id!(
    /// An annual plan (kế hoạch) of a unit.
    PlanId
);
ocop_core::uuid_id!(
    /// A target (chỉ tiêu) of a plan.
    TargetId
);
ocop_core::uuid_id!(
    /// An activity (nhiệm vụ) of a plan: a class, a fair, a clip…
    ActivityId
);
ocop_core::uuid_id!(
    /// A person recorded as attending a training class.
    ParticipantId
);
ocop_core::uuid_id!(
    /// A point of sale: kiosk, display point, shop, OCOP centre.
    PointOfSaleId
);
ocop_core::uuid_id!(
    /// A product's listing on an e-commerce platform.
    ListingId
);
ocop_core::uuid_id!(
    /// A subject's reported revenue for a year through one channel.
    RevenueReportId
);

/// Trims and drops an empty optional text.
pub fn clean_opt(s: Option<String>) -> Option<String> {
    s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}
