//! The administration endpoints: accounts and the whole audit trail.

use chrono::{DateTime, NaiveDate, Utc};
use gloo_net::http::Method;
use ocop_core::users::{UserIn, UserOut, UserPatch, UserStatus};
use ocop_core::{Page, Role, UserId};
use serde::{Deserialize, Serialize};

use super::{ApiResult, Call, get_with_query, if_match, json};

/// The filters of `GET /users`; the server's own query type is server-only.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UserListQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_id: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<UserStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u64>,
}

pub async fn users(query: &UserListQuery) -> ApiResult<Page<UserOut>> {
    json(get_with_query("/users", query)).await
}

pub async fn user(id: UserId) -> ApiResult<UserOut> {
    json(Call::get(&format!("/users/{id}"))).await
}

pub async fn create_user(input: &UserIn) -> ApiResult<UserOut> {
    json(Call::json(Method::POST, "/users", input)?).await
}

/// Fields left `None` in `patch` are not sent, so they stay as they are.
pub async fn patch_user(id: UserId, version: i32, patch: &UserPatch) -> ApiResult<UserOut> {
    let body = crate::format::merge_patch(patch, &[]);
    let call = Call::json(Method::PATCH, &format!("/users/{id}"), &body)?
        .header("If-Match", if_match(version));
    json(call).await
}

/// The filters of `GET /audit/trail`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TrailQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u64>,
}

/// One row of the audit trail, as the server's `AuditEventOut` (a server-only type) sends it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AuditEvent {
    pub id: i64,
    pub at: DateTime<Utc>,
    #[serde(default)]
    pub actor_id: Option<UserId>,
    #[serde(default)]
    pub actor_role: Option<Role>,
    /// Present when the server names the actor.
    #[serde(default)]
    pub actor_name: Option<String>,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    #[serde(default)]
    pub changes: serde_json::Value,
}

pub async fn audit_trail(query: &TrailQuery) -> ApiResult<Page<AuditEvent>> {
    json(get_with_query("/audit/trail", query)).await
}
