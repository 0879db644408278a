//! The column orders of the dossier, certificate and round lists: `field` ascending, `-field`
//! descending, as the subject and product lists take them. A field not listed is refused (422
//! naming `sort`) rather than ignored, so a mistyped link never shows a silently different order.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Which way a list runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ascending,
    Descending,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
pub enum CycleSort {
    #[serde(rename = "updated_at")]
    UpdatedAsc,
    /// The default: the dossiers that moved last first.
    #[default]
    #[serde(rename = "-updated_at")]
    UpdatedDesc,
    #[serde(rename = "year")]
    YearAsc,
    #[serde(rename = "-year")]
    YearDesc,
    /// In the state machine's order (idea first, recognised last), not the alphabet's.
    #[serde(rename = "state")]
    StateAsc,
    #[serde(rename = "-state")]
    StateDesc,
    /// The product's name, diacritics ignored.
    #[serde(rename = "product_name")]
    ProductNameAsc,
    #[serde(rename = "-product_name")]
    ProductNameDesc,
}

/// The column a [`CycleSort`] orders by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CycleSortField {
    UpdatedAt,
    Year,
    State,
    ProductName,
}

impl CycleSort {
    pub fn field(self) -> (CycleSortField, Direction) {
        use CycleSortField::*;
        use Direction::*;
        match self {
            Self::UpdatedAsc => (UpdatedAt, Ascending),
            Self::UpdatedDesc => (UpdatedAt, Descending),
            Self::YearAsc => (Year, Ascending),
            Self::YearDesc => (Year, Descending),
            Self::StateAsc => (State, Ascending),
            Self::StateDesc => (State, Descending),
            Self::ProductNameAsc => (ProductName, Ascending),
            Self::ProductNameDesc => (ProductName, Descending),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
pub enum CertificateSort {
    #[serde(rename = "issued_on")]
    IssuedAsc,
    /// The default: the newest first.
    #[default]
    #[serde(rename = "-issued_on")]
    IssuedDesc,
    #[serde(rename = "expires_on")]
    ExpiresAsc,
    #[serde(rename = "-expires_on")]
    ExpiresDesc,
    #[serde(rename = "stars")]
    StarsAsc,
    #[serde(rename = "-stars")]
    StarsDesc,
    /// The product's name, diacritics ignored.
    #[serde(rename = "product_name")]
    ProductNameAsc,
    #[serde(rename = "-product_name")]
    ProductNameDesc,
}

/// The column a [`CertificateSort`] orders by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateSortField {
    IssuedOn,
    ExpiresOn,
    Stars,
    ProductName,
}

impl CertificateSort {
    pub fn field(self) -> (CertificateSortField, Direction) {
        use CertificateSortField::*;
        use Direction::*;
        match self {
            Self::IssuedAsc => (IssuedOn, Ascending),
            Self::IssuedDesc => (IssuedOn, Descending),
            Self::ExpiresAsc => (ExpiresOn, Ascending),
            Self::ExpiresDesc => (ExpiresOn, Descending),
            Self::StarsAsc => (Stars, Ascending),
            Self::StarsDesc => (Stars, Descending),
            Self::ProductNameAsc => (ProductName, Ascending),
            Self::ProductNameDesc => (ProductName, Descending),
        }
    }
}

/// Without a sort, rounds come newest opened first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum RoundSort {
    #[serde(rename = "created_at")]
    CreatedAsc,
    #[serde(rename = "-created_at")]
    CreatedDesc,
    /// The decision deadline (`decide_before`).
    #[serde(rename = "decision_due_on")]
    DecisionDueAsc,
    #[serde(rename = "-decision_due_on")]
    DecisionDueDesc,
    /// The round's name, diacritics ignored.
    #[serde(rename = "name")]
    NameAsc,
    #[serde(rename = "-name")]
    NameDesc,
}

/// The column a [`RoundSort`] orders by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundSortField {
    CreatedAt,
    DecisionDueOn,
    Name,
}

impl RoundSort {
    pub fn field(self) -> (RoundSortField, Direction) {
        use Direction::*;
        use RoundSortField::*;
        match self {
            Self::CreatedAsc => (CreatedAt, Ascending),
            Self::CreatedDesc => (CreatedAt, Descending),
            Self::DecisionDueAsc => (DecisionDueOn, Ascending),
            Self::DecisionDueDesc => (DecisionDueOn, Descending),
            Self::NameAsc => (Name, Ascending),
            Self::NameDesc => (Name, Descending),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_minus_reverses_and_an_unknown_field_is_refused() {
        let parse = |s: &str| serde_json::from_value::<CycleSort>(serde_json::json!(s));
        assert_eq!(
            parse("-product_name").ok().map(CycleSort::field),
            Some((CycleSortField::ProductName, Direction::Descending))
        );
        assert_eq!(
            parse("state").ok().map(CycleSort::field),
            Some((CycleSortField::State, Direction::Ascending))
        );
        assert!(parse("price").is_err());
        assert!(serde_json::from_value::<RoundSort>(serde_json::json!("-decision_due_on")).is_ok());
    }
}
