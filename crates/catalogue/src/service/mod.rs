//! Use cases of the catalogue: API keys and webhook endpoints, through the change helper; the
//! delivery of webhooks.

pub mod keys;
pub mod webhooks;
