//! Trade promotion records: points of sale and the products on sale there ([`points`]),
//! e-commerce listings ([`listings`]) and the revenue subjects report ([`revenue`]).
//!
//! Scope: points of sale belong to a commune, so they are read within the caller's unit subtree
//! (with `PlansRead`); listings hang off products and revenue off subjects, so they are read
//! within the products or subjects the caller may see — which lets a producer (`TradeRecord`
//! only) read its own. A row out of scope reads as not found.

mod listings;
mod points;
mod revenue;

pub use listings::{listing, listings};
pub use points::{point, points, products_on_sale};
pub use revenue::{revenue, revenue_report};

pub(crate) use listings::{
    delete_listing, insert_listing, listing_model, save_listing, to_listing_outs,
};
pub(crate) use points::{
    end_sale_row, insert_point, insert_sale, open_sales_of, point_model, point_to_out,
    running_sale, sale_to_out, save_point,
};
pub(crate) use revenue::{insert_revenue, revenue_model, save_revenue, to_revenue_outs};

use ocop_core::{Action, DomainResult, Principal};

/// Listings and revenue are read by those who read plans, and by whoever records trade (a
/// producer, for its own).
pub fn require_trade_read(principal: &Principal) -> DomainResult<()> {
    principal
        .require(Action::PlansRead)
        .or_else(|_| principal.require(Action::TradeRecord))
}
