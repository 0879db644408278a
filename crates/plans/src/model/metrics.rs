//! The metric catalogue: every target names one of these, and its actual is computed from the
//! live records, never typed in. Modelled on the IATI results standard: a metric has a measure
//! (a count, a share, an amount of money) and each target on it a direction, a baseline and a
//! target for a period. The catalogue is fixed in code and documented in docs/PLANS.md; a new
//! metric is a code change, because each one is a query.
//!
//! Two ways of counting over a period:
//! - a *flow* counts what happened between the period's first day and the day asked (products
//!   recognised this year, people trained);
//! - a *stock* is the state of the records on the day asked (products whose certificate is in
//!   force, points of sale open).

use ocop_core::{DomainError, DomainResult};
use ocop_evaluations::RecognitionLevel;
use ocop_subjects::SubjectKind;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Audience, PointOfSaleKind, word_enum};

word_enum! {
    /// The metrics a target may measure.
    pub enum Metric {
        /// Products recognised (certificate issued) in the period, counted once each; filters:
        /// stars, recognition level.
        ProductsRecognised = "products_recognised",
        /// Products whose certificate is in force on the day; filters: stars.
        CertifiedProducts = "certified_products",
        /// Share of the products in force on the day that have at least `min_stars` (default 4).
        HighStarShare = "high_star_share",
        /// Product ideas registered (cycles opened) in the period.
        ProductIdeas = "product_ideas",
        /// Subjects registered in the period; filter: kinds.
        NewSubjects = "new_subjects",
        /// Share of the active subjects led by a woman on the day.
        WomenLedShare = "women_led_share",
        /// Training classes held (finished) in the period.
        TrainingsHeld = "trainings_held",
        /// People who attended a training class held in the period; filter: audience.
        PeopleTrained = "people_trained",
        /// Share of the officer accounts of the area trained in the period.
        OfficersTrainedShare = "officers_trained_share",
        /// Share of the products in force on the day listed on at least one e-commerce platform.
        ListedShare = "listed_share",
        /// Points of sale open on the day; filter: kinds.
        PointsOfSale = "points_of_sale",
        /// Fairs and trade promotion events held in the period.
        TradeEvents = "trade_events",
        /// Products re-rated (a re-rating dossier's certificate issued) in the period.
        ReRatedProducts = "re_rated_products",
        /// Certificates that expired in the period with no successor issued by their expiry.
        ExpiredWithoutReRating = "expired_without_re_rating",
        /// Revenue the subjects reported for the years of the period, in đồng.
        ReportedRevenue = "reported_revenue",
    }
}

/// What a metric's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// A whole number of things.
    Count,
    /// A numerator over a denominator; targets and baselines are in basis points (1% = 100).
    Share,
    /// An amount in đồng.
    Money,
}

/// How a metric counts over a period (see the module's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Accumulation {
    Flow,
    Stock,
}

/// The filters a metric may take. Fields a metric does not use must be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MetricFilter {
    /// Lowest star rank counted (3–5). For `high_star_share`, the rank from which a product
    /// counts in the numerator (default 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_stars: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_stars: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<RecognitionLevel>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subject_kinds: Vec<SubjectKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Audience>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub point_kinds: Vec<PointOfSaleKind>,
}

/// Which filter fields a metric reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FilterUse {
    pub stars: bool,
    pub level: bool,
    pub subject_kinds: bool,
    pub audience: bool,
    pub point_kinds: bool,
}

/// A catalogue entry, as `GET /api/v1/plans/metrics` lists it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MetricInfo {
    pub metric: Metric,
    pub measure: Measure,
    pub accumulation: Accumulation,
    pub label_vi: String,
    pub label_en: String,
    /// The filter fields it takes.
    pub filters: Vec<String>,
}

impl Metric {
    pub fn measure(self) -> Measure {
        use Metric::*;
        match self {
            HighStarShare | WomenLedShare | OfficersTrainedShare | ListedShare => Measure::Share,
            ReportedRevenue => Measure::Money,
            _ => Measure::Count,
        }
    }

    pub fn accumulation(self) -> Accumulation {
        use Metric::*;
        match self {
            CertifiedProducts | HighStarShare | WomenLedShare | ListedShare | PointsOfSale => {
                Accumulation::Stock
            }
            _ => Accumulation::Flow,
        }
    }

    pub fn filters(self) -> FilterUse {
        use Metric::*;
        let none = FilterUse::default();
        match self {
            ProductsRecognised => FilterUse {
                stars: true,
                level: true,
                ..none
            },
            CertifiedProducts | ReRatedProducts | ExpiredWithoutReRating => FilterUse {
                stars: true,
                ..none
            },
            HighStarShare => FilterUse {
                stars: true,
                ..none
            },
            NewSubjects | WomenLedShare | ReportedRevenue => FilterUse {
                subject_kinds: true,
                ..none
            },
            PeopleTrained => FilterUse {
                audience: true,
                ..none
            },
            PointsOfSale => FilterUse {
                point_kinds: true,
                ..none
            },
            ProductIdeas | TrainingsHeld | OfficersTrainedShare | ListedShare | TradeEvents => none,
        }
    }

    pub fn label_vi(self) -> &'static str {
        use Metric::*;
        match self {
            ProductsRecognised => "Sản phẩm được công nhận OCOP",
            CertifiedProducts => "Sản phẩm OCOP còn hiệu lực",
            HighStarShare => "Tỷ lệ sản phẩm đạt 4–5 sao",
            ProductIdeas => "Ý tưởng sản phẩm được đăng ký",
            NewSubjects => "Chủ thể mới thành lập, tham gia",
            WomenLedShare => "Tỷ lệ chủ thể do phụ nữ làm chủ",
            TrainingsHeld => "Lớp tập huấn đã tổ chức",
            PeopleTrained => "Lượt người được tập huấn",
            OfficersTrainedShare => "Tỷ lệ cán bộ OCOP được tập huấn",
            ListedShare => "Tỷ lệ sản phẩm OCOP trên sàn thương mại điện tử",
            PointsOfSale => "Điểm giới thiệu, bán sản phẩm OCOP",
            TradeEvents => "Hội chợ, sự kiện xúc tiến thương mại",
            ReRatedProducts => "Sản phẩm được đánh giá lại",
            ExpiredWithoutReRating => "Giấy chứng nhận hết hạn không đánh giá lại",
            ReportedRevenue => "Doanh thu chủ thể báo cáo",
        }
    }

    pub fn label_en(self) -> &'static str {
        use Metric::*;
        match self {
            ProductsRecognised => "Products recognised as OCOP",
            CertifiedProducts => "OCOP products in force",
            HighStarShare => "Share of products at 4–5 stars",
            ProductIdeas => "Product ideas registered",
            NewSubjects => "New subjects",
            WomenLedShare => "Share of women-led subjects",
            TrainingsHeld => "Training classes held",
            PeopleTrained => "People trained",
            OfficersTrainedShare => "Share of OCOP officers trained",
            ListedShare => "Share of OCOP products on e-commerce platforms",
            PointsOfSale => "OCOP points of sale",
            TradeEvents => "Fairs and trade promotion events",
            ReRatedProducts => "Products re-rated",
            ExpiredWithoutReRating => "Certificates expired without re-rating",
            ReportedRevenue => "Revenue reported by subjects",
        }
    }

    pub fn info(self) -> MetricInfo {
        let f = self.filters();
        let mut filters = Vec::new();
        if f.stars {
            filters.extend(["min_stars".to_string(), "max_stars".to_string()]);
        }
        for (used, name) in [
            (f.level, "level"),
            (f.subject_kinds, "subject_kinds"),
            (f.audience, "audience"),
            (f.point_kinds, "point_kinds"),
        ] {
            if used {
                filters.push(name.to_string());
            }
        }
        MetricInfo {
            metric: self,
            measure: self.measure(),
            accumulation: self.accumulation(),
            label_vi: self.label_vi().into(),
            label_en: self.label_en().into(),
            filters,
        }
    }

    /// Refuses filter fields the metric does not read and stars outside 3–5 or out of order.
    pub fn check_filter(self, filter: &MetricFilter) -> DomainResult<()> {
        let uses = self.filters();
        let unused = |set: bool, field: &str| -> DomainResult<()> {
            if set {
                Err(DomainError::field(
                    format!("filter.{field}"),
                    "not_for_metric",
                ))
            } else {
                Ok(())
            }
        };
        if !uses.stars {
            unused(filter.min_stars.is_some(), "min_stars")?;
            unused(filter.max_stars.is_some(), "max_stars")?;
        }
        if !uses.level {
            unused(filter.level.is_some(), "level")?;
        }
        if !uses.subject_kinds {
            unused(!filter.subject_kinds.is_empty(), "subject_kinds")?;
        }
        if !uses.audience {
            unused(filter.audience.is_some(), "audience")?;
        }
        if !uses.point_kinds {
            unused(!filter.point_kinds.is_empty(), "point_kinds")?;
        }
        for (value, field) in [
            (filter.min_stars, "min_stars"),
            (filter.max_stars, "max_stars"),
        ] {
            if value.is_some_and(|s| !(3..=5).contains(&s)) {
                return Err(DomainError::field(format!("filter.{field}"), "range"));
            }
        }
        if let (Some(min), Some(max)) = (filter.min_stars, filter.max_stars)
            && min > max
        {
            return Err(DomainError::field("filter.max_stars", "below_min"));
        }
        Ok(())
    }

    /// The rank from which a product counts towards `high_star_share`.
    pub fn high_star_floor(filter: &MetricFilter) -> u8 {
        filter.min_stars.unwrap_or(4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_has_labels_and_a_stable_word() {
        for m in Metric::ALL {
            assert_eq!(Metric::parse(m.as_str()), Some(*m));
            assert!(!m.label_vi().is_empty() && !m.label_en().is_empty());
        }
    }

    #[test]
    fn shares_are_the_four_ratio_metrics() {
        let shares: Vec<_> = Metric::ALL
            .iter()
            .filter(|m| m.measure() == Measure::Share)
            .collect();
        assert_eq!(shares.len(), 4);
    }

    #[test]
    fn a_filter_the_metric_does_not_read_is_refused_by_name() {
        let filter = MetricFilter {
            audience: Some(Audience::Officer),
            ..Default::default()
        };
        assert!(Metric::PeopleTrained.check_filter(&filter).is_ok());
        let err = Metric::CertifiedProducts.check_filter(&filter).unwrap_err();
        assert!(matches!(err, DomainError::Validation(f) if f[0].field == "filter.audience"));
    }

    #[test]
    fn stars_must_be_three_to_five_and_in_order() {
        let bad = MetricFilter {
            min_stars: Some(2),
            ..Default::default()
        };
        assert!(Metric::ProductsRecognised.check_filter(&bad).is_err());
        let reversed = MetricFilter {
            min_stars: Some(5),
            max_stars: Some(4),
            ..Default::default()
        };
        assert!(Metric::ProductsRecognised.check_filter(&reversed).is_err());
        let ok = MetricFilter {
            min_stars: Some(3),
            max_stars: Some(4),
            ..Default::default()
        };
        assert!(Metric::ProductsRecognised.check_filter(&ok).is_ok());
    }
}
