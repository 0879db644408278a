//! ocop-api: the HTTP face of the platform. Thin by design: handlers parse, authorize, call a
//! domain crate and map the result; the rules live in the domain crates.

pub mod api_key_auth;
pub mod auth;
pub mod conditional;
pub mod demo;
pub mod error;
pub mod extract;
pub mod i18n;
pub mod input_text;
pub mod openapi;
pub mod pages;
pub mod public_cache;
pub mod rate_limit;
pub mod responses;
pub mod routes;
pub mod security_headers;
pub mod settings;
pub mod spa;
pub mod startup;
pub mod state;
pub mod upload;
pub mod webhook_worker;

pub use settings::Settings;
pub use startup::Application;
