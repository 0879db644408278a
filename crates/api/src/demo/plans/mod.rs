//! The demo province's programme: the 2021–2025 and 2026–2030 phases, the province's approved
//! plan for the current year with targets on the catalogue's metrics ([`targets`]), a commune's
//! draft plan, activities in every state with their participants and products ([`activities`]),
//! points of sale, e-commerce listings and reported revenue ([`trade`]).
//!
//! Seeded after the evaluation cycle, through the same use cases, by the province officer
//! (`tinh@`) and the commune officer (`xa@`). Every date derives from the seeding day and none
//! lies after it: what the year has already done is dated between 1 January and today, so on
//! 1 January it is dated that day. Target values are picked from the demo's own records so that
//! on a typical day some targets are met and others need acceleration; their statuses are
//! computed from the records, never typed.

mod activities;
mod targets;
mod trade;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use ocop_core::store::{units, users};
use ocop_core::{Caller, Clock, DomainError, Dong, Principal, Role, SubjectId, UnitId, UserId};
use ocop_plans::service::{phases, plans};
use ocop_plans::{PhaseIn, PhaseOut, PlanId, PlanIn, PlanOut, PlanState, PlanTransitionIn};
use sea_orm::DatabaseConnection;

use super::evaluations::ProductRef;

type Result<T> = std::result::Result<T, String>;

fn domain(what: &str) -> impl Fn(DomainError) -> String + '_ {
    move |e| format!("{what}: {e}")
}

/// A programme phase as the province approved it.
struct PhaseSpec {
    years: (i32, i32),
    /// The decision's number; `None` for the phases after 2030, numbered from their first year.
    decision: Option<&'static str>,
    decided: (u32, u32),
    total: i64,
}

const PHASES: &[PhaseSpec] = &[
    PhaseSpec {
        years: (2021, 2025),
        decision: Some("653/KH-UBND"),
        decided: (2, 3),
        total: 120_000_000_000,
    },
    PhaseSpec {
        years: (2026, 2030),
        decision: Some("2112/QĐ-UBND"),
        decided: (3, 16),
        total: 120_000_000_000,
    },
];

/// Seeds the programme on the seeded subjects and products; gives the province's plan.
pub async fn seed(
    db: &DatabaseConnection,
    products: &BTreeMap<String, ProductRef>,
    clock: Clock,
) -> Result<PlanId> {
    let at = clock.now();
    let seed = Seed {
        db,
        today: clock.today(),
        province: account(db, at, "tinh@demo.ocop.vn").await?,
        commune: account(db, at, "xa@demo.ocop.vn").await?,
        products,
    };
    let phase = seed.phases().await?;
    let span = phase
        .as_ref()
        .map_or((seed.year(), seed.year()), |p| (p.start_year, p.end_year));
    let phase_id = phase.map(|p| p.id);
    let plan = seed.province_plan(phase_id, span).await?;
    let plan_id = plan.id;
    seed.commune_plan(phase_id).await?;
    let certified = seed.certified().await?;
    seed.activities(plan, &certified).await?;
    seed.points_of_sale(&certified).await?;
    seed.listings(&certified).await?;
    seed.revenue().await?;
    Ok(plan_id)
}

/// What every part of the seed needs.
struct Seed<'a> {
    db: &'a DatabaseConnection,
    today: NaiveDate,
    province: Caller,
    commune: Caller,
    products: &'a BTreeMap<String, ProductRef>,
}

impl Seed<'_> {
    fn year(&self) -> i32 {
        self.today.year()
    }

    /// `days` before today, but not before 1 January: this year's work already done.
    fn this_year_back(&self, days: u64) -> NaiveDate {
        let first = NaiveDate::from_ymd_opt(self.year(), 1, 1).unwrap_or(self.today);
        self.today
            .checked_sub_days(Days::new(days))
            .map_or(first, |d| d.max(first))
    }

    /// `days` before today, in whatever year.
    fn back(&self, days: u64) -> NaiveDate {
        self.today
            .checked_sub_days(Days::new(days))
            .unwrap_or(self.today)
    }

    /// A day of `year`, or today if that is still to come.
    fn dated(&self, year: i32, (month, day): (u32, u32)) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).map_or(self.today, |d| d.min(self.today))
    }

    fn product(&self, name: &str) -> Result<&ProductRef> {
        self.products
            .get(name)
            .ok_or_else(|| format!("no demo product {name}"))
    }

    /// The phases, and the one the current year falls in (five-year blocks from 2021).
    async fn phases(&self) -> Result<Option<PhaseOut>> {
        let year = self.year();
        let later = (year > 2030).then(|| {
            let start = 2021 + (year - 2021) / 5 * 5;
            PhaseSpec {
                years: (start, start + 4),
                decision: None,
                decided: (1, 20),
                total: 150_000_000_000,
            }
        });
        let mut current = None;
        for spec in PHASES.iter().chain(later.as_ref()) {
            let (start, end) = spec.years;
            let decision = spec
                .decision
                .map_or_else(|| format!("{}/QĐ-UBND", 1900 + start % 100), str::to_string);
            let input = PhaseIn {
                unit_id: self.province.principal.unit_id,
                name: format!("Chương trình OCOP tỉnh Đắk Lắk giai đoạn {start}–{end}"),
                start_year: start,
                end_year: end,
                decision_number: Some(decision),
                decision_date: Some(self.dated(start, spec.decided)),
                planned_total: Some(Dong(spec.total)),
            };
            let phase = phases::create(self.db, &self.province, input)
                .await
                .map_err(domain("phase"))?;
            if (start..=end).contains(&year) {
                current = Some(phase);
            }
        }
        Ok(current)
    }

    /// The province's plan for this year: drafted with its targets, then approved.
    async fn province_plan(
        &self,
        phase_id: Option<ocop_plans::PhaseId>,
        phase_span: (i32, i32),
    ) -> Result<PlanOut> {
        let year = self.year();
        let input = PlanIn {
            unit_id: self.province.principal.unit_id,
            phase_id,
            year,
            title: format!("Kế hoạch thực hiện Chương trình OCOP tỉnh Đắk Lắk năm {year}"),
            summary: Some(
                "Củng cố, nâng cấp sản phẩm OCOP đã công nhận; phát triển sản phẩm mới gắn với \
                 vùng nguyên liệu; đẩy mạnh xúc tiến thương mại, điểm bán và thương mại điện tử; \
                 tập huấn cho cán bộ và chủ thể."
                    .into(),
            ),
        };
        let plan = plans::create(self.db, &self.province, input)
            .await
            .map_err(domain("province plan"))?;
        let unit = self.province.principal.unit_id;
        for target in targets::province(unit, year, phase_span) {
            ocop_plans::service::targets::create(self.db, &self.province, plan.id, target)
                .await
                .map_err(domain("province target"))?;
        }
        self.approve(&plan, "28/KH-UBND", (1, 15)).await
    }

    async fn approve(&self, plan: &PlanOut, decision: &str, on: (u32, u32)) -> Result<PlanOut> {
        let input = PlanTransitionIn {
            to: PlanState::Approved,
            decision_number: Some(decision.into()),
            decision_date: Some(self.dated(plan.year, on)),
        };
        plans::transition(self.db, &self.province, plan.id, plan.version, input)
            .await
            .map_err(domain("approving the plan"))
    }

    /// The demo commune's plan for this year, still a draft, by its own officer.
    async fn commune_plan(&self, phase_id: Option<ocop_plans::PhaseId>) -> Result<PlanId> {
        let year = self.year();
        let unit = self.commune.principal.unit_id;
        let name = units::find(self.db, unit)
            .await
            .map_err(domain("commune"))?
            .name;
        let input = PlanIn {
            unit_id: unit,
            phase_id,
            year,
            title: format!("Kế hoạch thực hiện Chương trình OCOP {name} năm {year}"),
            summary: Some(
                "Dự thảo: hoàn thiện hồ sơ cà phê nhân xanh chế biến ướt, đưa sản phẩm lên sàn \
                 thương mại điện tử, vận động thành lập tổ hợp tác mới."
                    .into(),
            ),
        };
        let plan = plans::create(self.db, &self.commune, input)
            .await
            .map_err(domain("commune plan"))?;
        for target in targets::commune(unit, year) {
            ocop_plans::service::targets::create(self.db, &self.commune, plan.id, target)
                .await
                .map_err(domain("commune target"))?;
        }
        activities::commune(self, plan.id).await?;
        Ok(plan.id)
    }

    /// The products whose certificate is in force today, by name, with their stars.
    async fn certified(&self) -> Result<Vec<(String, ProductRef)>> {
        use ocop_evaluations::store::read::certificates;
        let mut out: BTreeMap<String, ProductRef> = BTreeMap::new();
        for page in 1..=10 {
            let query = ocop_evaluations::CertificateQuery {
                page: Some(page),
                per_page: Some(100),
                ..Default::default()
            };
            let found = certificates::list(self.db, &self.province, &query, self.today, "")
                .await
                .map_err(domain("certificates"))?;
            let done = found.items.len() < 100;
            for c in found.items.into_iter().filter(|c| c.state.is_valid()) {
                if let Some(p) = self.products.get(&c.product_name) {
                    out.insert(c.product_name, p.clone());
                }
            }
            if done {
                break;
            }
        }
        Ok(out.into_iter().collect())
    }
}

/// The caller a signed-in demo user would be: the principal the request extractor builds.
pub(super) async fn account(
    db: &DatabaseConnection,
    at: DateTime<Utc>,
    email: &str,
) -> Result<Caller> {
    let user = users::find_for_login(db, email)
        .await
        .map_err(domain(email))?
        .ok_or_else(|| format!("no demo user {email}"))?;
    let role = Role::parse(&user.role).ok_or_else(|| format!("{email}: role {}", user.role))?;
    let unit_id = UnitId(user.unit_id);
    let subtree = units::subtree(db, unit_id).await.map_err(domain(email))?;
    Ok(Caller {
        principal: Principal {
            user_id: UserId(user.id),
            role,
            unit_id,
            subject_id: user.subject_id.map(SubjectId),
            units: Arc::new(subtree),
        },
        request_id: "demo-seed".into(),
        ip: None,
        at,
    })
}
