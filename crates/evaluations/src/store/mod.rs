//! The database side of evaluations (feature `server`).

pub mod criteria;
