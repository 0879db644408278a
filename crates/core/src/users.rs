//! Wire types of people and sessions: login, tokens, the current user, user management.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::{Role, SubjectId, UnitId, UserId};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct LoginIn {
    #[validate(length(min = 3, max = 254))]
    #[schema(example = "admin@ocop.daklak.gov.vn", min_length = 3, max_length = 254)]
    pub email: String,
    #[validate(length(min = 1, max = 256))]
    #[schema(
        example = "correct horse battery staple",
        min_length = 1,
        max_length = 256,
        format = Password
    )]
    pub password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RefreshIn {
    #[validate(length(min = 16, max = 200))]
    #[schema(min_length = 16, max_length = 200)]
    pub refresh_token: String,
}

/// Issued at login and at each refresh. The refresh token works once: each use returns a new one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TokenOut {
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires.
    #[schema(example = 900)]
    pub expires_in: i64,
    pub refresh_token: String,
    pub user: UserOut,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    Active,
    Disabled,
}

impl UserStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Disabled => "disabled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(Self::Active),
            "disabled" => Some(Self::Disabled),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct UserOut {
    pub id: UserId,
    pub email: String,
    #[schema(example = "Nguyễn Văn An")]
    pub full_name: String,
    pub role: Role,
    pub unit_id: UnitId,
    /// The subject a producer acts for.
    pub subject_id: Option<SubjectId>,
    pub status: UserStatus,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct UserIn {
    #[validate(email, length(max = 254))]
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub full_name: String,
    pub role: Role,
    pub unit_id: UnitId,
    pub subject_id: Option<SubjectId>,
    /// 12 to 128 characters.
    #[validate(length(min = 12, max = 128))]
    #[schema(min_length = 12, max_length = 128, format = Password)]
    pub password: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub full_name: Option<String>,
    pub role: Option<Role>,
    pub unit_id: Option<UnitId>,
    pub status: Option<UserStatus>,
    #[validate(length(min = 12, max = 128))]
    #[schema(min_length = 12, max_length = 128, format = Password)]
    pub password: Option<String>,
}
