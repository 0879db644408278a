//! The demo province's books: budget lines from six sources for the last year of the previous
//! phase and for this year (one revised by a later decision), allocations of this year's lines
//! to the province plan's activities, disbursements for the activities already done, and one
//! disbursement refused because it asked for more than was left, which the audit trail keeps.
//!
//! Seeded by the province officer (`tinh@`) through the same use cases as real entries. Every
//! date derives from the seeding day and none lies after it.

use chrono::{Datelike, Days, NaiveDate};
use ocop_budgets::service::{allocations, ledger, lines};
use ocop_budgets::{AllocationIn, AllocationOut, DisbursementIn, LineIn, LineOut, RevisionIn};
use ocop_core::{Caller, Clock, DomainError, Dong};
use ocop_plans::{ActivityOut, ActivityQuery, ActivityStatus, PlanId};
use sea_orm::DatabaseConnection;

use super::plans::account;

type Result<T> = std::result::Result<T, String>;

fn domain(what: &str) -> impl Fn(DomainError) -> String + '_ {
    move |e| format!("{what}: {e}")
}

/// This year's lines: source, title, original estimate in đồng.
const THIS_YEAR: [(&str, &str, i64); 6] = [
    (
        "ntp_new_rural",
        "Hỗ trợ phát triển sản phẩm OCOP từ Chương trình MTQG xây dựng nông thôn mới",
        4_500_000_000,
    ),
    (
        "local_budget",
        "Ngân sách tỉnh thực hiện Chương trình OCOP",
        2_000_000_000,
    ),
    (
        "agricultural_extension",
        "Khuyến nông: tập huấn, xây dựng mô hình cho chủ thể OCOP",
        800_000_000,
    ),
    (
        "science_technology",
        "Khoa học và công nghệ: tiêu chuẩn, mã vạch, truy xuất nguồn gốc",
        1_200_000_000,
    ),
    (
        "self_mobilised",
        "Vốn tự có của doanh nghiệp, hợp tác xã, hộ sản xuất",
        12_000_000_000,
    ),
    (
        "credit_institutions",
        "Vốn vay tổ chức tín dụng cho chủ thể OCOP",
        6_000_000_000,
    ),
];

/// The previous phase's last year, as it was closed.
const LAST_YEAR_OF_PREVIOUS_PHASE: [(&str, &str, i64); 3] = [
    (
        "ntp_new_rural",
        "Hỗ trợ phát triển sản phẩm OCOP từ Chương trình MTQG xây dựng nông thôn mới",
        4_000_000_000,
    ),
    (
        "local_budget",
        "Ngân sách tỉnh thực hiện Chương trình OCOP",
        1_800_000_000,
    ),
    (
        "self_mobilised",
        "Vốn tự có của doanh nghiệp, hợp tác xã, hộ sản xuất",
        10_000_000_000,
    ),
];

struct Books<'a> {
    db: &'a DatabaseConnection,
    province: Caller,
    today: NaiveDate,
}

/// Seeds the books for the province plan `plan` of this year.
pub async fn seed(db: &DatabaseConnection, plan: PlanId, clock: Clock) -> Result<()> {
    let books = Books {
        db,
        province: account(db, clock.now(), "tinh@demo.ocop.vn").await?,
        today: clock.today(),
    };
    let year = books.today.year();
    let phases = ocop_plans::store::phases::list(db, &books.province.principal)
        .await
        .map_err(domain("phases"))?;
    let phase_of = |y: i32| {
        phases
            .iter()
            .find(|p| (p.start_year..=p.end_year).contains(&y))
            .map(|p| p.id.0)
    };
    // The previous phase: the latest one that ended before this year's began.
    let current_start = phases
        .iter()
        .find(|p| (p.start_year..=p.end_year).contains(&year))
        .map_or(year, |p| p.start_year);
    let previous = phases
        .iter()
        .filter(|p| p.end_year < current_start)
        .max_by_key(|p| p.end_year);
    if let Some(previous) = previous {
        for (source, title, amount) in LAST_YEAR_OF_PREVIOUS_PHASE {
            books
                .line(
                    previous.end_year,
                    Some(previous.id.0),
                    source,
                    title,
                    amount,
                )
                .await?;
        }
    }
    let mut this_year = Vec::new();
    for (source, title, amount) in THIS_YEAR {
        this_year.push(
            books
                .line(year, phase_of(year), source, title, amount)
                .await?,
        );
    }
    // The new-rural programme's estimate was raised mid-year.
    let ntp = books.revise(&this_year[0], 5_200_000_000).await?;
    let local = &this_year[1];
    let own_funds = &this_year[4];

    let activities = ocop_plans::store::activities::list(
        db,
        &books.province.principal,
        plan,
        &ActivityQuery::default(),
    )
    .await
    .map_err(domain("activities"))?;
    let live: Vec<&ActivityOut> = activities
        .iter()
        .filter(|a| a.status != ActivityStatus::Cancelled)
        .collect();
    for (i, activity) in live.iter().enumerate() {
        // Alternate the two state-budget lines; 150–400 million each.
        let line = if i % 2 == 0 { &ntp } else { local };
        let amount = 150_000_000 + 50_000_000 * (i as i64 % 6);
        let allocation = books.allocate(line, activity, amount).await?;
        match activity.status {
            ActivityStatus::Done => {
                books
                    .disburse(&allocation, amount * 9 / 10, "Đơn vị tổ chức", i, 20)
                    .await?;
            }
            ActivityStatus::InProgress => {
                books
                    .disburse(&allocation, amount * 4 / 10, "Đơn vị tổ chức", i, 5)
                    .await?;
            }
            _ => {}
        }
    }
    // The producers' own money, allocated to the plan as a whole and spent through the year.
    let own = books
        .allocate_to_plan(own_funds, plan, 3_000_000_000)
        .await?;
    books
        .disburse(
            &own,
            1_200_000_000,
            "HTX Nông nghiệp dịch vụ Ea Kiết",
            90,
            30,
        )
        .await?;
    // An overspend the ledger refuses: asked for more than the allocation has left. Nothing is
    // posted; the refusal is kept in the audit trail.
    let refused = books
        .disburse(
            &own,
            2_000_000_000,
            "HTX Nông nghiệp dịch vụ Ea Kiết",
            91,
            1,
        )
        .await;
    match refused {
        Err(e) if e.contains("used") => Ok(()),
        Err(e) => Err(e),
        Ok(()) => Err("the demo's overspend was not refused".into()),
    }
}

impl Books<'_> {
    /// `days` before today, not before 1 January of this year.
    fn back(&self, days: u64) -> NaiveDate {
        let first = NaiveDate::from_ymd_opt(self.today.year(), 1, 1).unwrap_or(self.today);
        self.today
            .checked_sub_days(Days::new(days))
            .map_or(first, |d| d.max(first))
    }

    async fn line(
        &self,
        year: i32,
        phase_id: Option<uuid::Uuid>,
        source: &str,
        title: &str,
        amount: i64,
    ) -> Result<LineOut> {
        let input = LineIn {
            unit_id: self.province.principal.unit_id,
            phase_id,
            year,
            source_code: source.into(),
            title: title.into(),
            decision_number: Some(format!("{}/QĐ-UBND", 100 + year % 100)),
            original: Dong(amount),
        };
        lines::create(self.db, &self.province, input)
            .await
            .map_err(domain(source))
    }

    async fn revise(&self, line: &LineOut, amount: i64) -> Result<LineOut> {
        let input = RevisionIn {
            revised: Dong(amount),
            decision_number: format!("{}/QĐ-UBND", 900 + line.year % 100),
            revised_on: self.back(10),
        };
        lines::revise(self.db, &self.province, line.id, line.version, input)
            .await
            .map_err(domain("revision"))
    }

    async fn allocate(
        &self,
        line: &LineOut,
        activity: &ActivityOut,
        amount: i64,
    ) -> Result<AllocationOut> {
        let input = AllocationIn {
            plan_id: None,
            activity_id: Some(activity.id.0),
            purpose: activity.title.clone(),
            amount: Dong(amount),
            allocated_on: self.back(60),
            over_allocation: None,
        };
        allocations::allocate(self.db, &self.province, line.id, input)
            .await
            .map_err(domain(&activity.title))
    }

    async fn allocate_to_plan(
        &self,
        line: &LineOut,
        plan: PlanId,
        amount: i64,
    ) -> Result<AllocationOut> {
        let input = AllocationIn {
            plan_id: Some(plan.0),
            activity_id: None,
            purpose: "Chủ thể đầu tư nhà xưởng, bao bì, nâng hạng sản phẩm".into(),
            amount: Dong(amount),
            allocated_on: self.back(60),
            over_allocation: None,
        };
        allocations::allocate(self.db, &self.province, line.id, input)
            .await
            .map_err(domain("producers' own funds"))
    }

    async fn disburse(
        &self,
        allocation: &AllocationOut,
        amount: i64,
        payee: &str,
        number: usize,
        days_ago: u64,
    ) -> Result<()> {
        let input = DisbursementIn {
            amount: Dong(amount),
            entry_date: self.back(days_ago),
            payee: payee.into(),
            document_number: format!("UNC-{:04}", 100 + number),
            document_id: None,
            note: None,
        };
        ledger::disburse(self.db, &self.province, allocation.id, input)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}
