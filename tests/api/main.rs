//! The platform's behaviour over HTTP, as a user or client sees it.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod client;
mod contract;
mod helpers;

mod alerts_work;
mod auth;
mod bad_input;
mod browser;
mod browser_admin;
mod browser_dossier;
mod browser_home;
mod browser_print;
mod browser_records;
mod browser_shell;
mod certificates;
mod change_pipeline;
mod concurrency;
mod criteria;
mod cycle_events;
mod demo;
mod evaluations;
mod finding_records;
mod hardening;
mod openapi;
mod preconditions;
mod products;
mod scope;
mod sheet_rules;
mod spa_assets;
mod subjects;
