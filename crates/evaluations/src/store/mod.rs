//! The database side of evaluations (feature `server`).

pub mod alerts;
pub mod attachments;
pub mod certificates;
pub mod councils;
pub mod criteria;
pub mod cycles;
pub mod entities;
pub mod findings;
pub mod public;
pub mod sheets;
