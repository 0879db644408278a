//! The funding sources of OCOP (Decision 919/QĐ-TTg and the agriculture ministry's guidance;
//! shared/domain/OCOP.md §6), as data: each source has a stable code, its names and the
//! category it counts under. The categories decide the split a province reports: state budget
//! (central and local) against socialised and other funds, the seeds' "30/70" figure.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a source counts as.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SourceCategory {
    /// Central state budget: national target programmes and ministries' funds.
    StateCentral,
    /// Provincial and commune budgets, through local schemes and policies.
    StateLocal,
    /// Loans: policy bank, credit institutions, development funds.
    Credit,
    /// Capital the enterprises, cooperatives and households mobilise themselves.
    Socialised,
    /// Integrated from other programmes, international sponsors, other lawful sources.
    Other,
}

impl SourceCategory {
    pub const ALL: [Self; 5] = [
        Self::StateCentral,
        Self::StateLocal,
        Self::Credit,
        Self::Socialised,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::StateCentral => "state_central",
            Self::StateLocal => "state_local",
            Self::Credit => "credit",
            Self::Socialised => "socialised",
            Self::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// Whether money of this category is state budget (ngân sách nhà nước); everything else is
    /// what the plans call socialised funding (xã hội hoá) in the wide sense.
    pub fn is_state_budget(self) -> bool {
        matches!(self, Self::StateCentral | Self::StateLocal)
    }
}

/// One funding source of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FundingSourceDef {
    pub code: &'static str,
    pub category: SourceCategory,
    pub name_vi: &'static str,
    pub name_en: &'static str,
}

const fn source(
    code: &'static str,
    category: SourceCategory,
    name_vi: &'static str,
    name_en: &'static str,
) -> FundingSourceDef {
    FundingSourceDef {
        code,
        category,
        name_vi,
        name_en,
    }
}

/// Every source, in the order of OCOP.md §6. Codes are stable: stored on budget lines.
pub const FUNDING_SOURCES: [FundingSourceDef; 16] = {
    use SourceCategory::*;
    [
        source(
            "ntp_new_rural",
            StateCentral,
            "Chương trình MTQG xây dựng nông thôn mới",
            "National target programme on new rural development",
        ),
        source(
            "science_technology",
            StateCentral,
            "Kinh phí khoa học và công nghệ",
            "Science and technology funds",
        ),
        source(
            "agricultural_extension",
            StateCentral,
            "Kinh phí khuyến nông",
            "Agricultural extension",
        ),
        source(
            "industrial_extension",
            StateCentral,
            "Kinh phí khuyến công",
            "Industrial extension",
        ),
        source(
            "vocational_training",
            StateCentral,
            "Kinh phí đào tạo nghề",
            "Vocational training",
        ),
        source(
            "other_programmes_central",
            StateCentral,
            "Các chương trình, dự án khác của Trung ương",
            "Other central programmes",
        ),
        source(
            "local_budget",
            StateLocal,
            "Ngân sách địa phương (tỉnh, xã)",
            "Local budget (province, commune)",
        ),
        source(
            "policy_bank",
            Credit,
            "Vốn vay ưu đãi Ngân hàng Chính sách xã hội",
            "Preferential loans, Vietnam Bank for Social Policies",
        ),
        source(
            "credit_institutions",
            Credit,
            "Vốn vay các tổ chức tín dụng",
            "Loans from credit institutions",
        ),
        source("investment_funds", Credit, "Quỹ đầu tư", "Investment funds"),
        source(
            "sme_fund",
            Credit,
            "Quỹ phát triển doanh nghiệp nhỏ và vừa",
            "SME development fund",
        ),
        source(
            "cooperative_fund",
            Credit,
            "Quỹ hỗ trợ phát triển hợp tác xã",
            "Cooperative development support fund",
        ),
        source(
            "self_mobilised",
            Socialised,
            "Vốn tự có của doanh nghiệp, hợp tác xã, hộ sản xuất",
            "Capital of enterprises, cooperatives and households",
        ),
        source(
            "integrated",
            Other,
            "Vốn lồng ghép từ các chương trình, dự án khác",
            "Integrated from other programmes and projects",
        ),
        source(
            "international",
            Other,
            "Tài trợ quốc tế",
            "International sponsors",
        ),
        source(
            "other_lawful",
            Other,
            "Nguồn hợp pháp khác",
            "Other lawful sources",
        ),
    ]
};

/// The source of `code`, when the catalogue has it.
pub fn funding_source(code: &str) -> Option<&'static FundingSourceDef> {
    FUNDING_SOURCES.iter().find(|s| s.code == code)
}

/// A funding source as the API lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FundingSourceOut {
    #[schema(example = "ntp_new_rural")]
    pub code: String,
    pub category: SourceCategory,
    /// True for central and local state budget.
    pub state_budget: bool,
    pub name_vi: String,
    pub name_en: String,
}

impl From<&FundingSourceDef> for FundingSourceOut {
    fn from(def: &FundingSourceDef) -> Self {
        Self {
            code: def.code.to_string(),
            category: def.category,
            state_budget: def.category.is_state_budget(),
            name_vi: def.name_vi.to_string(),
            name_en: def.name_en.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn codes_are_unique_and_every_category_of_919_has_a_source() {
        let codes: BTreeSet<_> = FUNDING_SOURCES.iter().map(|s| s.code).collect();
        assert_eq!(codes.len(), FUNDING_SOURCES.len());
        for category in SourceCategory::ALL {
            assert!(
                FUNDING_SOURCES.iter().any(|s| s.category == category),
                "{category:?}"
            );
            assert_eq!(SourceCategory::parse(category.as_str()), Some(category));
        }
        assert_eq!(
            funding_source("local_budget").map(|s| s.category),
            Some(SourceCategory::StateLocal)
        );
        assert!(funding_source("lottery").is_none());
    }

    #[test]
    fn only_central_and_local_budgets_are_state_budget() {
        let state: Vec<_> = SourceCategory::ALL
            .into_iter()
            .filter(|c| c.is_state_budget())
            .collect();
        assert_eq!(
            state,
            [SourceCategory::StateCentral, SourceCategory::StateLocal]
        );
    }
}
