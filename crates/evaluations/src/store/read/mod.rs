//! Read models: each resource's wire type assembled in one place, lists with one query per kind
//! of fact (never one per row).

pub mod certificates;
pub mod criteria;
pub mod cycles;
pub mod rounds;
