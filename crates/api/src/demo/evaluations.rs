//! The demo's evaluation cycle: a finished provincial round with scored dossiers (3★, 4★, a 5★
//! candidate and a refusal), certificates in every state the dates allow, a round still scoring,
//! and one dossier in each earlier state of the cycle.
//!
//! Everything goes through the store's use cases, each move made by the role the law gives it to
//! (the producer files, the commune checks, the province puts dossiers before the council and
//! decides, the chair closes the scoring), so the events and the audit trail read as real work.
//! Every date is derived from the day the demo is seeded: older certificates carry decision dates
//! months or years back, and their states follow from those dates.
//!
//! The acting people are real accounts: the demo users, plus one producer account per subject and
//! one commune officer per commune that a dossier needs (`chutheNN@`, `xaCODE@`, same password).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeDelta, Utc};
use ocop_core::store::{units, users};
use ocop_core::users::UserIn;
use ocop_core::{
    Caller, Clock, DomainError, Precondition, Principal, ProductId, Role, SubjectId, UnitId, UserId,
};
use ocop_evaluations::service::{certificates, cycles, rounds as councils, sheets};
use ocop_evaluations::store::criteria;
use ocop_evaluations::store::read::{certificates as certificate_reads, cycles as cycle_reads};
use ocop_evaluations::{
    AgendaIn, CouncilIn, CriteriaSheet, CycleIn, CycleOut, CycleState, DecisionIn, DossierPatch,
    DossierType, Form01, Form03, Instrument, RecognitionLevel, RevocationGround, RevokeIn, RoundIn,
    RoundOut, Selection, SheetIn, TransitionIn,
};
use sea_orm::DatabaseConnection;

use super::DEMO_PASSWORD;

/// A seeded product and what its dossier needs to know about its subject.
#[derive(Debug, Clone)]
pub struct ProductRef {
    pub id: ProductId,
    pub subject_id: SubjectId,
    /// The subject's position in `demo.json`: 0 is the demo producer's.
    pub subject_index: usize,
    pub unit_id: UnitId,
    pub representative: String,
    pub phone: String,
    pub annual_output: String,
}

/// When a recognition was decided, relative to the seeding day.
#[derive(Debug, Clone, Copy)]
enum Decided {
    Today,
    /// This many months back, and always in an earlier year.
    MonthsAgo(u32),
    /// So that the certificate's last day is this many days from today (negative: past).
    ExpiringIn(i64),
}

/// How a dossier on a council's agenda ends.
#[derive(Debug, Clone, Copy)]
enum Outcome {
    Recognised(Decided),
    /// Scored below 3★: refused, with the reason.
    NotRecognised,
    /// 90 points or more: forwarded to the ministry's council, which the demo leaves pending.
    PotentialFiveStars,
    /// Still before the council.
    Pending,
}

/// A dossier filed for a round: the product, why it is filed, the star level its sheets score.
struct Case {
    product: &'static str,
    dossier_type: DossierType,
    stars: u8,
    outcome: Outcome,
}

const fn case(product: &'static str, stars: u8, outcome: Outcome) -> Case {
    Case {
        product,
        dossier_type: DossierType::FirstRating,
        stars,
        outcome,
    }
}

use Decided::*;
use Outcome::*;

/// Earlier years' recognitions, re-entered so that their certificates show every dated state:
/// expired, expiring, re-rating due, valid, and the two that later cases revoke and supersede.
/// 4★ before mid-2025: 148/2023 gave 3★ to the districts, which are gone.
const HISTORY: &[Case] = &[
    case(
        "Nước mắm cá cơm Xuân Lộc 40 độ đạm",
        4,
        Recognised(ExpiringIn(-30)),
    ),
    case("Gạo thơm Hòa Mỹ", 4, Recognised(ExpiringIn(15))),
    case("Tiêu đen Cư M'gar", 4, Recognised(ExpiringIn(25))),
    case("Sò huyết đầm Ô Loan", 4, Recognised(ExpiringIn(150))),
    case("Mật ong rừng Phú Mỡ", 4, Recognised(MonthsAgo(20))),
    case("Rượu cần men lá Ê Đê Ea Wer", 3, Recognised(MonthsAgo(14))),
    case(
        "Khăn choàng thổ cẩm Ê Đê dệt tay",
        3,
        Recognised(MonthsAgo(11)),
    ),
];

/// Revoked after a food-safety inspection, this many days ago.
const REVOKED: (&str, u64) = ("Rượu cần men lá Ê Đê Ea Wer", 12);

/// This season's finished round.
const SESSION: &[Case] = &[
    case("Mật ong rừng khộp Ea Súp", 3, Recognised(Today)),
    case("Sầu riêng sấy thăng hoa Tân Tiến", 4, Recognised(Today)),
    // An upgrade: its 3★ certificate of last year is superseded.
    Case {
        product: "Khăn choàng thổ cẩm Ê Đê dệt tay",
        dossier_type: DossierType::Upgrade,
        stars: 4,
        outcome: Recognised(Today),
    },
    case("Cà phê Culi Robusta Hoa Rừng", 5, PotentialFiveStars),
    case("Mứt chanh dây Ea Phê", 2, NotRecognised),
];

/// A second round, still scoring: the council is seated and one member has a draft sheet.
const SCORING: &[Case] = &[
    case("Lan hồ điệp chậu Ea Kao", 4, Pending),
    // Community tourism files no samples.
    case("Điểm du lịch cộng đồng Gành Đá Đĩa", 3, Pending),
];

/// A dossier walked to an earlier state of the cycle.
struct Early {
    product: &'static str,
    dossier_type: DossierType,
    entry: CycleState,
    path: &'static [CycleState],
    /// Fill Mẫu 01 and the self-assessment without filing yet.
    draft: bool,
}

const fn early(product: &'static str, entry: CycleState, path: &'static [CycleState]) -> Early {
    Early {
        product,
        dossier_type: DossierType::FirstRating,
        entry,
        path,
        draft: false,
    }
}

use CycleState as S;

const TO_IMPLEMENTATION: &[CycleState] = &[
    S::IdeaAccepted,
    S::PlanSubmitted,
    S::PlanApproved,
    S::Implementation,
];

/// One dossier in each state before the council (awaiting council is [`SCORING`]'s).
const EARLIER: &[Early] = &[
    early("Trà hoa cà phê Chư Yang Sin", S::IdeaRegistered, &[]),
    early(
        "Mứt atiso đỏ Krông Nô",
        S::IdeaRegistered,
        &[S::IdeaReturned],
    ),
    early(
        "Nước cốt chanh dây Ea H'Leo",
        S::IdeaRegistered,
        &[S::IdeaAccepted],
    ),
    early(
        "Dầu bơ ép lạnh Krông Năng",
        S::IdeaRegistered,
        &[S::IdeaAccepted, S::PlanSubmitted],
    ),
    early(
        "Sữa hạt điều Đồng Xuân",
        S::IdeaRegistered,
        &[S::IdeaAccepted, S::PlanSubmitted, S::PlanApproved],
    ),
    // The demo producer's: the whole path so far, and a dossier being prepared.
    Early {
        product: "Cà phê nhân xanh Robusta chế biến ướt Ea Tul",
        dossier_type: DossierType::FirstRating,
        entry: S::IdeaRegistered,
        path: TO_IMPLEMENTATION,
        draft: true,
    },
    // Re-rating the certificate that expires in 25 days: filed late but before expiry, so it
    // will be extended (Art. 12.3) if still undecided then.
    Early {
        product: "Tiêu đen Cư M'gar",
        dossier_type: DossierType::ReRating,
        entry: S::Implementation,
        path: &[S::DossierSubmitted],
        draft: false,
    },
    // The demo producer's, back from the commune for completion.
    early(
        "Cà phê rang xay Robusta Honey Ea Tul",
        S::Implementation,
        &[S::DossierSubmitted, S::DossierReturnedForCompletion],
    ),
    early(
        "Bún đỏ Ban Mê ăn liền",
        S::Implementation,
        &[
            S::DossierSubmitted,
            S::DossierReturnedForCompletion,
            S::DossierResubmitted,
        ],
    ),
    early(
        "Hạt mắc ca sấy nứt vỏ Buôn Hồ",
        S::Implementation,
        &[S::DossierSubmitted, S::CommuneChecked],
    ),
];

const PROVINCE: &str = "tỉnh Đắk Lắk";
const SIGNER: &str = "Phó Chủ tịch UBND tỉnh Trần Minh Quyết";

type Result<T> = std::result::Result<T, String>;

fn domain(e: DomainError) -> String {
    e.to_string()
}

/// Seeds the evaluation cycle on the seeded products.
pub async fn seed(
    db: &DatabaseConnection,
    admin: &Caller,
    hash: &str,
    products: &BTreeMap<String, ProductRef>,
    clock: Clock,
) -> Result<()> {
    let today = clock.today();
    let mut demo = Demo::new(db, admin, hash, products, clock).await?;
    let years = HISTORY
        .iter()
        .filter_map(|c| match c.outcome {
            Recognised(d) => d.on(today).ok().map(|d| d.year()),
            _ => None,
        })
        .collect::<Vec<_>>();
    let (first, last) = (years.iter().min(), years.iter().max());
    let history = match (first, last) {
        (Some(a), Some(b)) => format!("Hội đồng OCOP {PROVINCE} — nhập lại kết quả {a}–{b}"),
        _ => format!("Hội đồng OCOP {PROVINCE} — nhập lại kết quả các năm trước"),
    };
    demo.round(history, HISTORY, true).await?;
    demo.revoke(REVOKED.0, REVOKED.1).await?;
    let session = session_name(today)?;
    demo.round(session.clone(), SESSION, true).await?;
    demo.round(format!("{session}, phiên bổ sung"), SCORING, false)
        .await?;
    for e in EARLIER {
        demo.early(e).await?;
    }
    Ok(())
}

/// "Hội đồng OCOP tỉnh … — đợt N năm Y": the provincial round whose cut-off follows today.
fn session_name(today: NaiveDate) -> Result<String> {
    let deadline = Instrument::in_force_on(today)
        .and_then(|i| ocop_evaluations::round_deadline(i, RecognitionLevel::Province, today))
        .ok_or("no provincial round calendar today")?;
    let cutoff = deadline.forwarded_before;
    let n = if cutoff.month() <= 6 { 1 } else { 2 };
    Ok(format!(
        "Hội đồng OCOP {PROVINCE} — đợt {n} năm {}",
        cutoff.year()
    ))
}

impl Decided {
    fn on(self, today: NaiveDate) -> Result<NaiveDate> {
        let day = match self {
            Today => Some(today),
            // A product has one cycle a year, and the demo reopens some of these products this
            // year (an upgrade, a re-rating): their earlier recognition must fall in an earlier
            // year, so late in a year "m months ago" moves back to the previous 31 December.
            MonthsAgo(m) => today
                .checked_sub_months(Months::new(m))
                .zip(NaiveDate::from_ymd_opt(today.year() - 1, 12, 31))
                .map(|(back, last_year)| back.min(last_year)),
            ExpiringIn(days) => {
                today
                    .checked_add_signed(TimeDelta::days(days))
                    .and_then(|expiry| {
                        expiry.checked_sub_months(Months::new(
                            ocop_evaluations::certificates::VALIDITY_MONTHS,
                        ))
                    })
            }
        };
        day.ok_or_else(|| format!("no date for {self:?}"))
    }
}

/// The people who act, and the sheets they fill, as the seed goes.
struct Demo<'a> {
    db: &'a DatabaseConnection,
    admin: &'a Caller,
    hash: &'a str,
    products: &'a BTreeMap<String, ProductRef>,
    today: NaiveDate,
    /// The instant every act of the seed carries.
    at: DateTime<Utc>,
    province: Caller,
    /// Chair, secretary, member.
    council: [Caller; 3],
    producers: HashMap<SubjectId, Caller>,
    communes: HashMap<UnitId, Caller>,
    /// Per criteria set and star level, the three members' sheets.
    sheets: HashMap<(i32, u8), Vec<Selection>>,
    decisions: u32,
}

/// The caller a signed-in user would be: the same principal the request extractor builds.
async fn caller_for(
    db: &DatabaseConnection,
    at: DateTime<Utc>,
    user_id: UserId,
    role: Role,
    unit_id: UnitId,
    subject_id: Option<SubjectId>,
) -> Result<Caller> {
    let units = units::subtree(db, unit_id).await.map_err(domain)?;
    Ok(Caller {
        principal: Principal {
            user_id,
            role,
            unit_id,
            subject_id,
            units: Arc::new(units),
        },
        request_id: "demo-seed".into(),
        ip: None,
        at,
    })
}

async fn demo_account(db: &DatabaseConnection, at: DateTime<Utc>, email: &str) -> Result<Caller> {
    let user = users::find_for_login(db, email)
        .await
        .map_err(domain)?
        .ok_or_else(|| format!("no demo user {email}"))?;
    let role = Role::parse(&user.role).ok_or_else(|| format!("{email}: role {}", user.role))?;
    caller_for(
        db,
        at,
        UserId(user.id),
        role,
        UnitId(user.unit_id),
        user.subject_id.map(SubjectId),
    )
    .await
}

impl<'a> Demo<'a> {
    async fn new(
        db: &'a DatabaseConnection,
        admin: &'a Caller,
        hash: &'a str,
        products: &'a BTreeMap<String, ProductRef>,
        clock: Clock,
    ) -> Result<Self> {
        let at = clock.now();
        let producer = demo_account(db, at, "chuthe@demo.ocop.vn").await?;
        let commune = demo_account(db, at, "xa@demo.ocop.vn").await?;
        let council = [
            demo_account(db, at, "chutich@demo.ocop.vn").await?,
            demo_account(db, at, "thuky@demo.ocop.vn").await?,
            demo_account(db, at, "hoidong@demo.ocop.vn").await?,
        ];
        Ok(Self {
            db,
            admin,
            hash,
            products,
            today: clock.today(),
            at,
            province: demo_account(db, at, "tinh@demo.ocop.vn").await?,
            council,
            producers: producer
                .principal
                .subject_id
                .map(|s| (s, producer.clone()))
                .into_iter()
                .collect(),
            communes: [(commune.principal.unit_id, commune)].into_iter().collect(),
            sheets: HashMap::new(),
            decisions: 0,
        })
    }

    fn product(&self, name: &str) -> Result<&'a ProductRef> {
        self.products
            .get(name)
            .ok_or_else(|| format!("no demo product {name}"))
    }

    /// An account for the people the demo users are not: created once, as an administrator would.
    async fn account(
        &self,
        email: String,
        full_name: String,
        role: Role,
        unit_id: UnitId,
        subject_id: Option<SubjectId>,
    ) -> Result<Caller> {
        let input = UserIn {
            email,
            full_name,
            role,
            unit_id,
            subject_id,
            password: DEMO_PASSWORD.into(),
        };
        let subject_unit = subject_id.map(|_| unit_id);
        let user = ocop_core::service::users::create(
            self.db,
            self.admin,
            input,
            self.hash.to_string(),
            subject_unit,
            self.today,
        )
        .await
        .map_err(domain)?;
        caller_for(self.db, self.at, user.id, role, unit_id, subject_id).await
    }

    async fn producer(&mut self, p: &ProductRef) -> Result<Caller> {
        if let Some(caller) = self.producers.get(&p.subject_id) {
            return Ok(caller.clone());
        }
        let email = format!("chuthe{:02}@demo.ocop.vn", p.subject_index);
        let caller = self
            .account(
                email,
                p.representative.clone(),
                Role::Producer,
                p.unit_id,
                Some(p.subject_id),
            )
            .await?;
        self.producers.insert(p.subject_id, caller.clone());
        Ok(caller)
    }

    async fn commune(&mut self, p: &ProductRef) -> Result<Caller> {
        if let Some(caller) = self.communes.get(&p.unit_id) {
            return Ok(caller.clone());
        }
        let unit = units::find(self.db, p.unit_id).await.map_err(domain)?;
        let email = format!("xa{}@demo.ocop.vn", unit.code);
        // "Xã Ea Súp" → "Cán bộ OCOP xã Ea Súp".
        let name = match unit.name.split_once(' ') {
            Some((kind, rest)) => format!("Cán bộ OCOP {} {rest}", kind.to_lowercase()),
            None => format!("Cán bộ OCOP {}", unit.name),
        };
        let caller = self
            .account(email, name, Role::CommuneOfficer, p.unit_id, None)
            .await?;
        self.communes.insert(p.unit_id, caller.clone());
        Ok(caller)
    }

    async fn open(
        &mut self,
        p: &ProductRef,
        year: i32,
        entry: CycleState,
        dossier_type: DossierType,
    ) -> Result<CycleOut> {
        let producer = self.producer(p).await?;
        let input = CycleIn {
            product_id: p.id,
            year,
            entry,
            dossier_type,
            idea: "Chuẩn hóa quy trình, bao bì và truy xuất nguồn gốc để đánh giá, phân hạng OCOP."
                .into(),
        };
        cycles::open(self.db, &producer, input, self.today)
            .await
            .map_err(domain)
    }

    /// Edits the dossier `c` as last read, and keeps what it becomes.
    async fn patch(&self, caller: &Caller, c: &mut CycleOut, patch: DossierPatch) -> Result<()> {
        *c = cycles::patch_dossier(self.db, caller, c.id, c.version, patch)
            .await
            .map_err(|e| format!("{}: {e}", c.product_name))?;
        Ok(())
    }

    /// Moves the cycle `c` as last read, and keeps what it becomes.
    async fn move_to(
        &self,
        caller: &Caller,
        c: &mut CycleOut,
        to: CycleState,
        reason: Option<&str>,
        decision: Option<DecisionIn>,
    ) -> Result<()> {
        let input = TransitionIn {
            to,
            reason: reason.map(str::to_string),
            decision,
        };
        *c = cycles::transition(self.db, caller, c.id, c.version, input, self.today)
            .await
            .map_err(|e| format!("{} → {}: {e}", c.product_name, to.as_str()))?;
        Ok(())
    }

    /// Mẫu 01, the self-assessment at `stars` and the samples (none for community tourism).
    async fn fill_dossier(&mut self, c: &mut CycleOut, p: &ProductRef, stars: u8) -> Result<()> {
        let producer = self.producer(p).await?;
        let selection = self.selections(c.criteria_set_id, stars).await?.remove(0);
        let samples = if c.product_set == ocop_products::TOURISM_SET {
            0
        } else {
            5
        };
        let patch = DossierPatch {
            form_01: Some(Form01 {
                representative: p.representative.clone(),
                phone: p.phone.clone(),
                stars_sought: stars.clamp(3, 5),
                annual_output: p.annual_output.clone(),
                notes: String::new(),
            }),
            self_assessment: Some(selection),
            samples: Some(samples),
            ..Default::default()
        };
        self.patch(&producer, c, patch).await
    }

    /// One move of the cycle, with what it needs, by whoever makes it.
    async fn step(
        &mut self,
        c: &mut CycleOut,
        p: &ProductRef,
        to: CycleState,
        stars: u8,
    ) -> Result<()> {
        let producer = self.producer(p).await?;
        let commune = self.commune(p).await?;
        let (caller, reason) = match to {
            S::IdeaAccepted | S::PlanApproved => (commune, None),
            S::IdeaReturned => (
                commune,
                Some(
                    "Ý tưởng trùng với sản phẩm đã được công nhận của địa phương; đề nghị làm rõ điểm khác biệt.",
                ),
            ),
            S::DossierReturnedForCompletion => (
                commune,
                Some(
                    "Thiếu phiếu kết quả kiểm nghiệm chỉ tiêu an toàn thực phẩm còn hiệu lực; đề nghị bổ sung.",
                ),
            ),
            S::PlanSubmitted => {
                let plan = DossierPatch {
                    business_plan: Some(
                        "Phương án sản xuất, kinh doanh: mở rộng vùng nguyên liệu liên kết, \
                         đầu tư thiết bị đóng gói, đăng ký mã số vùng trồng và tem truy xuất, \
                         bán qua sàn thương mại điện tử và điểm bán OCOP của tỉnh."
                            .into(),
                    ),
                    ..Default::default()
                };
                self.patch(&producer, c, plan).await?;
                (producer, None)
            }
            S::Implementation => (producer, None),
            S::DossierSubmitted | S::DossierResubmitted => {
                self.fill_dossier(c, p, stars).await?;
                (producer, None)
            }
            S::CommuneChecked => {
                let form = DossierPatch {
                    form_03: Some(Form03 {
                        local_raw_material: "Nguyên liệu chính khai thác, trồng tại địa phương."
                            .into(),
                        local_labour: "Sử dụng lao động là người dân địa phương.".into(),
                        idea_origin: "Ý tưởng sản phẩm xuất phát từ sản vật của địa phương.".into(),
                        conclusion: "Hồ sơ đầy đủ, đủ điều kiện chuyển cấp tỉnh đánh giá.".into(),
                    }),
                    ..Default::default()
                };
                self.patch(&commune, c, form).await?;
                (commune, None)
            }
            other => return Err(format!("the demo walks no dossier to {}", other.as_str())),
        };
        self.move_to(&caller, c, to, reason, None).await
    }

    /// A dossier in an earlier state.
    async fn early(&mut self, e: &Early) -> Result<()> {
        let p = self.product(e.product)?;
        let mut c = self
            .open(p, self.today.year(), e.entry, e.dossier_type)
            .await?;
        for to in e.path {
            self.step(&mut c, p, *to, 4).await?;
        }
        if e.draft {
            self.fill_dossier(&mut c, p, 4).await?;
        }
        Ok(())
    }

    /// A provincial round: its council, its agenda, and, if `close`, the sheets, the closing and
    /// the decisions; otherwise one member's draft on the first dossier.
    async fn round(&mut self, name: String, cases: &[Case], close: bool) -> Result<()> {
        let db = self.db;
        let input = RoundIn {
            level: RecognitionLevel::Province,
            name,
            opened_on: None,
        };
        let round = councils::create_round(db, &self.province, input, self.today)
            .await
            .map_err(domain)?;
        let [chair, secretary, member] = &self.council;
        let seats = CouncilIn {
            chair_id: chair.principal.user_id,
            secretary_id: Some(secretary.principal.user_id),
            member_ids: vec![member.principal.user_id],
        };
        let mut round = councils::set_council(db, &self.province, round.id, round.version, seats)
            .await
            .map_err(domain)?;
        let mut agenda = Vec::with_capacity(cases.len());
        for case in cases {
            let (c, r) = self.file_for_round(&round, case).await?;
            round = r;
            agenda.push((case, c));
        }
        if !close {
            if let Some((case, c)) = agenda.first() {
                let mut choices = self.selections(c.criteria_set_id, case.stars).await?;
                let sheet = SheetIn {
                    choices: choices.pop().unwrap_or_default(),
                    submit: false,
                };
                sheets::save_sheet(
                    db,
                    &self.council[2],
                    round.id,
                    c.id,
                    Precondition::Absent,
                    sheet,
                )
                .await
                .map_err(domain)?;
            }
            return Ok(());
        }
        for (case, c) in &agenda {
            let choices = self.selections(c.criteria_set_id, case.stars).await?;
            for (member, choices) in self.council.iter().zip(choices) {
                let sheet = SheetIn {
                    choices,
                    submit: true,
                };
                sheets::save_sheet(db, member, round.id, c.id, Precondition::Absent, sheet)
                    .await
                    .map_err(domain)?;
            }
        }
        let chair = self.council[0].clone();
        councils::close_round(db, &chair, round.id, round.version, self.today)
            .await
            .map_err(domain)?;
        for (case, c) in &agenda {
            // Closing the round moved it: read it again.
            let mut c = cycle_reads::get(db, &chair, c.id).await.map_err(domain)?;
            self.move_to(&chair, &mut c, S::ResultDecided, None, None)
                .await?;
            self.decide(case, &mut c).await?;
        }
        Ok(())
    }

    /// Opens the case's cycle, files and checks it, and puts it on the round's agenda.
    async fn file_for_round(
        &mut self,
        round: &RoundOut,
        case: &Case,
    ) -> Result<(CycleOut, RoundOut)> {
        let p = self.product(case.product)?;
        let year = match case.outcome {
            Recognised(d) => d.on(self.today)?.year(),
            _ => self.today.year(),
        };
        let mut c = self
            .open(p, year, S::Implementation, case.dossier_type)
            .await?;
        for to in [S::DossierSubmitted, S::CommuneChecked] {
            self.step(&mut c, p, to, case.stars).await?;
        }
        let round = councils::add_to_agenda(
            self.db,
            &self.province,
            round.id,
            round.version,
            AgendaIn { cycle_id: c.id },
            self.today,
        )
        .await
        .map_err(domain)?;
        Ok((c, round))
    }

    /// The province's move on the council's result.
    async fn decide(&mut self, case: &Case, c: &mut CycleOut) -> Result<()> {
        let province = self.province.clone();
        match case.outcome {
            Recognised(d) => {
                let decision = self.decision(d.on(self.today)?);
                self.move_to(&province, c, S::Recognised, None, Some(decision))
                    .await?;
            }
            NotRecognised => {
                let average = c
                    .council
                    .as_ref()
                    .map(|r| r.result.average.to_string())
                    .unwrap_or_default();
                let reason = format!(
                    "Hội đồng chấm bình quân {average} điểm, dưới mức 3 sao: chưa đủ điều kiện công nhận."
                );
                self.move_to(&province, c, S::NotRecognised, Some(&reason), None)
                    .await?;
            }
            PotentialFiveStars => {
                self.move_to(&province, c, S::PotentialFiveStars, None, None)
                    .await?;
            }
            Pending => {}
        }
        Ok(())
    }

    fn decision(&mut self, decided_on: NaiveDate) -> DecisionIn {
        self.decisions += 1;
        DecisionIn {
            number: format!("{}/QĐ-UBND", 1180 + 47 * self.decisions),
            decided_on,
            signer: SIGNER.into(),
        }
    }

    /// Revokes the certificate of `product`, decided `days_ago`.
    async fn revoke(&mut self, product: &str, days_ago: u64) -> Result<()> {
        let p = self.product(product)?;
        let query = ocop_evaluations::CertificateQuery {
            product_id: Some(p.id),
            ..Default::default()
        };
        let certificate = certificate_reads::list(self.db, &self.province, &query, self.today, "")
            .await
            .map_err(domain)?
            .items
            .into_iter()
            .next()
            .ok_or_else(|| format!("{product} has no certificate to revoke"))?;
        let decided_on = self
            .today
            .checked_sub_days(Days::new(days_ago))
            .ok_or("no revocation date")?;
        let input = RevokeIn {
            ground: RevocationGround::LegalBreach,
            decision: self.decision(decided_on),
        };
        certificates::revoke(
            self.db,
            &self.province,
            certificate.id,
            certificate.version,
            input,
            self.today,
            "",
        )
        .await
        .map_err(domain)?;
        Ok(())
    }

    /// The three members' sheets at `stars` on a criteria set, computed once.
    async fn selections(&mut self, set_id: i32, stars: u8) -> Result<Vec<Selection>> {
        if let Some(found) = self.sheets.get(&(set_id, stars)) {
            return Ok(found.clone());
        }
        let sheet = criteria::sheet_of(self.db, set_id).await.map_err(domain)?;
        let made = council_sheets(&sheet, stars)
            .map_err(|e| format!("criteria set {set_id} at {stars}★: {e}"))?;
        self.sheets.insert((set_id, stars), made.clone());
        Ok(made)
    }
}

fn selection_errors(errors: Vec<ocop_evaluations::SelectionError>) -> String {
    errors
        .into_iter()
        .map(|e| format!("{}: {}", e.criterion_code, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Every criterion at its lowest-scoring option, in the first alternative of each choose-one.
fn lowest(sheet: &CriteriaSheet) -> Selection {
    let mut alternatives: HashMap<&str, &str> = HashMap::new();
    let mut out = BTreeMap::new();
    for leaf in sheet.leaves() {
        if let Some((node, alt)) = leaf.alternative
            && *alternatives.entry(node).or_insert(alt) != alt
        {
            continue;
        }
        let lowest = (0..leaf.node.options().len())
            .filter_map(|i| leaf.node.option_points(i).map(|p| (p, i)))
            .min();
        if let Some((_, i)) = lowest {
            out.insert(leaf.node.code().to_string(), i as u32);
        }
    }
    Selection(out)
}

/// The smallest lift from the lowest sheet to `stars`: the advisor's plan for that level.
fn at_level(sheet: &CriteriaSheet, stars: u8) -> Result<Selection> {
    let mut selection = lowest(sheet);
    let plan = ocop_evaluations::plan_for_level(sheet, &selection, stars)
        .map_err(selection_errors)?
        .ok_or("the level cannot be reached")?;
    for change in plan.changes {
        selection.0.insert(change.criterion_code, change.to_option);
    }
    let summary = ocop_evaluations::score(sheet, &selection).map_err(selection_errors)?;
    let got = ocop_evaluations::rate_sheet(sheet, &summary).stars;
    if got != stars {
        return Err(format!("the plan rates {got}★"));
    }
    Ok(selection)
}

/// Three members' sheets at `stars`: the same base, two of them a little more generous on one
/// criterion each, so the averages differ; identical if the difference would change the rank.
fn council_sheets(sheet: &CriteriaSheet, stars: u8) -> Result<Vec<Selection>> {
    let base = at_level(sheet, stars)?;
    let advice = ocop_evaluations::advise(sheet, &base).map_err(selection_errors)?;
    let ups = &advice.improvements;
    let mut sheets = vec![base.clone()];
    for k in 1..3 {
        let mut varied = base.clone();
        if let Some(up) = ups.get(k * ups.len() / 3) {
            varied.0.insert(up.criterion_code.clone(), up.best_option);
        }
        sheets.push(varied);
    }
    let summaries = sheets
        .iter()
        .map(|s| ocop_evaluations::score(sheet, s))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(selection_errors)?;
    let council = ocop_evaluations::rate_council(sheet, &summaries).map_err(domain)?;
    if council.stars == stars {
        Ok(sheets)
    } else {
        Ok(vec![base; 3])
    }
}
