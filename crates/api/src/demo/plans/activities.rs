//! The demo plans' activities, one in each state: finished classes with their participants (the
//! demo's officer accounts, and the representatives of demo subjects), a finished fair with the
//! products it showed, work under way, work for later quarters and a cancelled event.

use chrono::{Datelike, NaiveDate};
use ocop_core::UnitId;
use ocop_core::store::users;
use ocop_plans::service::activities;
use ocop_plans::{
    ActivityIn, ActivityKind, ActivityOut, ActivityProductIn, ActivityStatus, Audience,
    ParticipantIn, PlanId, PlanOut,
};

use super::{Result, Seed, domain};
use crate::demo::evaluations::ProductRef;

/// Where an activity stands on the seeding day.
#[derive(Clone, Copy)]
enum When {
    /// Finished this many days ago (not before 1 January), over three days.
    Done(u64),
    /// Started this many days ago (not before 1 January).
    InProgress(u64),
    /// Planned for the quarters after the current one (the last quarter in the last).
    Later,
    /// Dropped in the current quarter.
    Cancelled,
}

struct Spec {
    kind: ActivityKind,
    title: &'static str,
    lead: &'static str,
    cooperating: &'static [&'static str],
    place: Option<&'static str>,
    when: When,
    results: Option<&'static str>,
}

const DEPARTMENT: &str = "Sở Nông nghiệp và Môi trường";
const TRADE: &str = "Sở Công Thương";
const MEDIA: &str = "Báo và Phát thanh, Truyền hình Đắk Lắk";
const COORDINATION: &str = "Văn phòng Điều phối nông thôn mới tỉnh";

const COUNCIL: Spec = Spec {
    kind: ActivityKind::CouncilSetup,
    title: "Kiện toàn Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp tỉnh",
    lead: COORDINATION,
    cooperating: &[DEPARTMENT],
    place: None,
    when: When::Done(75),
    results: Some("Quyết định kiện toàn Hội đồng và Tổ giúp việc đã ban hành."),
};

const OFFICERS_CLASS: Spec = Spec {
    kind: ActivityKind::Training,
    title: "Tập huấn nghiệp vụ OCOP cho cán bộ cấp tỉnh, cấp xã",
    lead: DEPARTMENT,
    cooperating: &[COORDINATION],
    place: Some("Hội trường Sở Nông nghiệp và Môi trường, phường Buôn Ma Thuột"),
    when: When::Done(50),
    results: Some(
        "Cán bộ nắm quy trình đánh giá, phân hạng theo bộ tiêu chí hiện hành và phần mềm quản lý OCOP.",
    ),
};

const PRODUCERS_CLASS: Spec = Spec {
    kind: ActivityKind::Training,
    title: "Tập huấn xây dựng phương án kinh doanh, thiết kế bao bì, truy xuất nguồn gốc cho chủ thể OCOP",
    lead: DEPARTMENT,
    cooperating: &[TRADE, "Liên minh Hợp tác xã tỉnh"],
    place: Some("Trung tâm Khuyến nông tỉnh, phường Buôn Ma Thuột"),
    when: When::Done(20),
    results: Some("Các chủ thể hoàn thiện phương án kinh doanh và mẫu nhãn, tem truy xuất."),
};

const FAIR: Spec = Spec {
    kind: ActivityKind::Fair,
    title: "Tham gia Hội chợ sản phẩm OCOP khu vực Tây Nguyên",
    lead: TRADE,
    cooperating: &[DEPARTMENT],
    place: Some("Quảng trường 10 Tháng 3, phường Buôn Ma Thuột"),
    when: When::Done(35),
    results: Some(
        "Gian hàng chung của tỉnh giới thiệu sản phẩm OCOP; ký 3 biên bản ghi nhớ tiêu thụ.",
    ),
};

const OTHERS: &[Spec] = &[
    Spec {
        kind: ActivityKind::Propaganda,
        title: "Tuyên truyền Chương trình OCOP trên báo, phát thanh, truyền hình và mạng xã hội",
        lead: MEDIA,
        cooperating: &[DEPARTMENT],
        place: None,
        when: When::InProgress(100),
        results: None,
    },
    Spec {
        kind: ActivityKind::PointOfSaleBuilding,
        title: "Xây dựng điểm giới thiệu và bán sản phẩm OCOP tại chợ Sông Cầu",
        lead: TRADE,
        cooperating: &["UBND phường Xuân Đài"],
        place: Some("Chợ Sông Cầu, phường Xuân Đài"),
        when: When::InProgress(15),
        results: None,
    },
    Spec {
        kind: ActivityKind::Training,
        title: "Tập huấn đánh giá lại sản phẩm OCOP sắp hết hạn cho cán bộ xã",
        lead: DEPARTMENT,
        cooperating: &[COORDINATION],
        place: None,
        when: When::Later,
        results: None,
    },
    Spec {
        kind: ActivityKind::Clip,
        title: "Sản xuất 4 phóng sự, clip quảng bá sản phẩm OCOP tiêu biểu",
        lead: MEDIA,
        cooperating: &[DEPARTMENT, "Sở Văn hóa, Thể thao và Du lịch"],
        place: None,
        when: When::Later,
        results: None,
    },
    Spec {
        kind: ActivityKind::TradePromotion,
        title: "Tuần lễ giới thiệu sản phẩm OCOP Đắk Lắk tại Thành phố Hồ Chí Minh",
        lead: TRADE,
        cooperating: &[DEPARTMENT],
        place: None,
        when: When::Cancelled,
        results: Some("Không tổ chức: ghép vào hội chợ khu vực cùng quý để tiết kiệm kinh phí."),
    },
];

const COMMUNE_CLASS: Spec = Spec {
    kind: ActivityKind::Training,
    title: "Tập huấn bán hàng trên sàn thương mại điện tử cho hợp tác xã, hộ sản xuất trong xã",
    lead: "UBND xã",
    cooperating: &["Bưu điện xã"],
    place: Some("Hội trường UBND xã"),
    when: When::Later,
    results: None,
};

/// Products shown at the fair besides the certified ones: the demo producer's, still in the cycle.
const FAIR_EXTRAS: &[&str] = &[
    "Cà phê rang xay Robusta Honey Ea Tul",
    "Bơ Booth Krông Năng",
];

/// How many subjects sent someone to the producers' class.
const PRODUCERS_TRAINED: usize = 14;

fn quarter(day: NaiveDate) -> u8 {
    (day.month0() / 3 + 1) as u8
}

impl Seed<'_> {
    fn activity_in(&self, s: &Spec, unit_id: UnitId) -> ActivityIn {
        let now = quarter(self.today);
        let (status, starts_on, ends_on, quarters) = match s.when {
            When::Done(days) => {
                let (starts, ends) = (self.this_year_back(days + 2), self.this_year_back(days));
                let qs = (quarter(starts)..=quarter(ends)).collect();
                (ActivityStatus::Done, Some(starts), Some(ends), qs)
            }
            When::InProgress(days) => {
                let starts = self.this_year_back(days);
                let qs = (quarter(starts)..=now).collect();
                (ActivityStatus::InProgress, Some(starts), None, qs)
            }
            When::Later => (
                ActivityStatus::Planned,
                None,
                None,
                (now.saturating_add(1).min(4)..=4).collect(),
            ),
            When::Cancelled => (ActivityStatus::Cancelled, None, None, vec![now]),
        };
        ActivityIn {
            kind: s.kind,
            title: s.title.into(),
            lead_department: s.lead.into(),
            cooperating_units: s.cooperating.iter().map(|c| c.to_string()).collect(),
            quarters,
            unit_id,
            place: s.place.map(str::to_string),
            starts_on,
            ends_on,
            status,
            results: s.results.map(str::to_string),
        }
    }

    async fn activity(&self, plan: PlanId, s: &Spec) -> Result<ActivityOut> {
        let input = self.activity_in(s, self.province.principal.unit_id);
        activities::create(self.db, &self.province, plan, input)
            .await
            .map_err(domain(s.title))
    }

    /// The province plan's activities.
    pub(super) async fn activities(
        &self,
        plan: PlanOut,
        certified: &[(String, ProductRef)],
    ) -> Result<()> {
        self.activity(plan.id, &COUNCIL).await?;
        let class = self.activity(plan.id, &OFFICERS_CLASS).await?;
        self.train_officers(&class).await?;
        let class = self.activity(plan.id, &PRODUCERS_CLASS).await?;
        self.train_producers(&class).await?;
        let fair = self.activity(plan.id, &FAIR).await?;
        let extras = FAIR_EXTRAS
            .iter()
            .map(|name| self.product(name))
            .collect::<Result<Vec<_>>>()?;
        for p in certified.iter().map(|(_, p)| p).chain(extras) {
            let input = ActivityProductIn { product_id: p.id };
            activities::add_product(self.db, &self.province, fair.id, input)
                .await
                .map_err(domain("fair product"))?;
        }
        for s in OTHERS {
            self.activity(plan.id, s).await?;
        }
        Ok(())
    }

    /// The province officer, the demo commune's officer and every other commune officer: the
    /// rest are still to be trained, so "100% of officers trained" is under way.
    async fn train_officers(&self, class: &ActivityOut) -> Result<()> {
        let area = self.province.principal.unit_id;
        let accounts = users::officer_accounts(self.db, area, self.today)
            .await
            .map_err(domain("officers"))?;
        let mut people: Vec<_> = users::outs_by_ids(self.db, accounts.iter().map(|(id, _)| id.0))
            .await
            .map_err(domain("officers"))?
            .into_values()
            .collect();
        people.sort_by(|a, b| a.email.cmp(&b.email));
        let demo = [&self.province, &self.commune].map(|c| c.principal.user_id);
        let (first, rest): (Vec<_>, Vec<_>) =
            people.into_iter().partition(|u| demo.contains(&u.id));
        let trained = first.into_iter().chain(rest.into_iter().step_by(2));
        for u in trained {
            let input = ParticipantIn {
                full_name: u.full_name.clone(),
                audience: Audience::Officer,
                user_id: Some(u.id),
                subject_id: None,
                unit_id: u.unit_id,
                position: Some("Cán bộ phụ trách OCOP".into()),
            };
            activities::add_participant(self.db, &self.province, class.id, input)
                .await
                .map_err(domain("officer participant"))?;
        }
        Ok(())
    }

    /// The representatives of the first subjects of the demo file.
    async fn train_producers(&self, class: &ActivityOut) -> Result<()> {
        let mut subjects: Vec<&ProductRef> = self.products.values().collect();
        subjects.sort_by_key(|p| p.subject_index);
        subjects.dedup_by_key(|p| p.subject_id);
        for p in subjects.into_iter().take(PRODUCERS_TRAINED) {
            let input = ParticipantIn {
                full_name: p.representative.clone(),
                audience: Audience::Producer,
                user_id: None,
                subject_id: Some(p.subject_id),
                unit_id: p.unit_id,
                position: Some("Người đại diện chủ thể".into()),
            };
            activities::add_participant(self.db, &self.province, class.id, input)
                .await
                .map_err(domain("producer participant"))?;
        }
        Ok(())
    }
}

/// The commune plan's class, planned for later in the year.
pub(super) async fn commune(seed: &Seed<'_>, plan: PlanId) -> Result<()> {
    let input = seed.activity_in(&COMMUNE_CLASS, seed.commune.principal.unit_id);
    activities::create(seed.db, &seed.commune, plan, input)
        .await
        .map_err(domain("commune activity"))?;
    Ok(())
}
