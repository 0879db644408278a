//! The platform's behaviour over HTTP, as a user or client sees it.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod client;
mod contract;
mod helpers;

mod auth;
mod bad_input;
mod browser;
mod change_pipeline;
mod concurrency;
mod criteria;
mod cycle_events;
mod demo;
mod evaluations;
mod hardening;
mod openapi;
mod preconditions;
mod products;
mod scope;
mod sheet_rules;
mod subjects;
