//! The targets of the demo plans, written as the seeds' plans word them and scaled to the demo's
//! thirty-odd subjects. The values are set against what the rest of the demo records, so that
//! on a typical day some are met (the share at 4–5 stars, the points of sale, the share of
//! women-led subjects) and others are behind (the listings lack one product, half the commune
//! officers are still to be trained, the year's recognitions and classes are under way).

use ocop_core::UnitId;
use ocop_plans::{Audience, Direction, Metric, MetricFilter, TargetIn};
use ocop_subjects::SubjectKind;

/// Whether a target runs over the plan's year or over the whole phase.
#[derive(Clone, Copy)]
enum Period {
    Year,
    Phase,
}

struct Spec {
    metric: Metric,
    filter: MetricFilter,
    title: &'static str,
    period: Period,
    direction: Direction,
    target: i64,
    target_max: Option<i64>,
}

fn at_least(metric: Metric, title: &'static str, target: i64) -> Spec {
    Spec {
        metric,
        filter: MetricFilter::default(),
        title,
        period: Period::Year,
        direction: Direction::AtLeast,
        target,
        target_max: None,
    }
}

fn build(specs: Vec<Spec>, unit: UnitId, year: i32, phase: (i32, i32)) -> Vec<TargetIn> {
    specs
        .into_iter()
        .map(|s| {
            let (start_year, end_year) = match s.period {
                Period::Year => (year, year),
                Period::Phase => phase,
            };
            TargetIn {
                metric: s.metric,
                filter: s.filter,
                title: s.title.into(),
                unit_id: unit,
                start_year,
                end_year,
                direction: s.direction,
                target: s.target,
                target_max: s.target_max,
                baseline: None,
            }
        })
        .collect()
}

/// The province's targets for `year`; the stock of certified products runs over the phase.
pub(super) fn province(unit: UnitId, year: i32, phase: (i32, i32)) -> Vec<TargetIn> {
    use Metric::*;
    let specs = vec![
        Spec {
            filter: MetricFilter {
                min_stars: Some(3),
                max_stars: Some(4),
                ..Default::default()
            },
            target_max: Some(5),
            ..at_least(
                ProductsRecognised,
                "Công nhận mới 4–5 sản phẩm OCOP đạt 3–4 sao",
                4,
            )
        },
        Spec {
            period: Period::Phase,
            ..at_least(
                CertifiedProducts,
                "Đến cuối giai đoạn, toàn tỉnh có trên 12 sản phẩm OCOP còn hiệu lực",
                12,
            )
        },
        at_least(
            HighStarShare,
            "Ít nhất 10% sản phẩm OCOP còn hiệu lực đạt 4–5 sao",
            1_000,
        ),
        Spec {
            filter: MetricFilter {
                subject_kinds: vec![
                    SubjectKind::Cooperative,
                    SubjectKind::Sme,
                    SubjectKind::CooperativeGroup,
                ],
                ..Default::default()
            },
            target_max: Some(15),
            ..at_least(
                NewSubjects,
                "Thành lập mới, thu hút 10–15 hợp tác xã, doanh nghiệp, tổ hợp tác tham gia Chương trình",
                10,
            )
        },
        at_least(
            WomenLedShare,
            "Ít nhất 45% chủ thể OCOP do phụ nữ làm chủ",
            4_500,
        ),
        at_least(
            TrainingsHeld,
            "Tổ chức 4 lớp tập huấn về Chương trình OCOP",
            4,
        ),
        at_least(
            OfficersTrainedShare,
            "100% cán bộ làm công tác OCOP cấp tỉnh, cấp xã được tập huấn nghiệp vụ",
            10_000,
        ),
        Spec {
            filter: MetricFilter {
                audience: Some(Audience::Producer),
                ..Default::default()
            },
            ..at_least(
                PeopleTrained,
                "Tập huấn cho ít nhất 40 lượt chủ thể, người sản xuất",
                40,
            )
        },
        at_least(
            ListedShare,
            "100% sản phẩm OCOP được đưa lên ít nhất một sàn thương mại điện tử",
            10_000,
        ),
        at_least(
            PointsOfSale,
            "Duy trì ít nhất 4 điểm giới thiệu, bán sản phẩm OCOP trên địa bàn tỉnh",
            4,
        ),
        at_least(
            TradeEvents,
            "Tổ chức, tham gia 3 hội chợ, sự kiện xúc tiến thương mại sản phẩm OCOP",
            3,
        ),
        Spec {
            direction: Direction::AtMost,
            ..at_least(
                ExpiredWithoutReRating,
                "Không quá 1 sản phẩm hết hạn giấy chứng nhận mà không được đánh giá lại",
                1,
            )
        },
        at_least(
            ReportedRevenue,
            "Doanh thu các chủ thể OCOP báo cáo đạt 30 tỷ đồng",
            30_000_000_000,
        ),
    ];
    build(specs, unit, year, phase)
}

/// The commune's draft targets for `year`.
pub(super) fn commune(unit: UnitId, year: i32) -> Vec<TargetIn> {
    use Metric::*;
    let specs = vec![
        at_least(
            ProductIdeas,
            "Đăng ký ít nhất 2 ý tưởng sản phẩm OCOP mới",
            2,
        ),
        Spec {
            filter: MetricFilter {
                subject_kinds: vec![SubjectKind::Cooperative, SubjectKind::CooperativeGroup],
                ..Default::default()
            },
            ..at_least(
                NewSubjects,
                "Vận động thành lập 1 hợp tác xã hoặc tổ hợp tác mới",
                1,
            )
        },
        at_least(
            ListedShare,
            "100% sản phẩm OCOP của xã có mặt trên sàn thương mại điện tử",
            10_000,
        ),
    ];
    build(specs, unit, year, (year, year))
}
