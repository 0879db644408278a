//! Pieces shared by the screens: the header, the notice, form fields, the list table, the
//! pager, loading states, the criteria sheet with its live scorecard, and small SVG charts.

pub mod charts;
pub mod fields;
pub mod filters;
pub mod header;
pub mod list_table;
pub mod menu;
pub mod notice;
pub mod pager;
pub mod remote;
pub mod scorecard;
pub mod sheet;
pub mod unit_banner;
