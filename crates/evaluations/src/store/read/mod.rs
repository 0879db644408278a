//! Read models: each resource's wire type assembled in one place, lists with one query per kind
//! of fact (never one per row).

pub mod certificates;
pub mod criteria;
pub mod cycles;
pub mod pipeline;
pub mod rounds;

/// The SQL order of a list's sort direction.
pub(crate) fn order_of(direction: crate::Direction) -> sea_orm::Order {
    match direction {
        crate::Direction::Ascending => sea_orm::Order::Asc,
        crate::Direction::Descending => sea_orm::Order::Desc,
    }
}
