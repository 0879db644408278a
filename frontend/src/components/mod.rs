//! Pieces shared by the screens: the header, the notice, form fields and the pager.

pub mod fields;
pub mod filters;
pub mod header;
pub mod notice;
pub mod pager;
