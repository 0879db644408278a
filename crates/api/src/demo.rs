//! The demo province: one user per role and the subjects and products of `data/demo/demo.json`,
//! created through the same use cases (and audit trail) as real data, then the evaluation cycle
//! on them ([`evaluations`]).

mod budgets;
mod evaluations;
mod plans;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::NaiveDate;
use ocop_core::store::{units, users};
use ocop_core::users::UserIn;
use ocop_core::{Caller, Clock, Principal, Role, SubjectId, UnitId, UserId};
use ocop_products::ProductIn;
use ocop_subjects::{SubjectIn, SubjectKind};
use sea_orm::DatabaseConnection;
use serde::Deserialize;

use crate::Settings;
use crate::auth::Passwords;

pub const PROVINCE_CODE: &str = "66";
pub const DEMO_PASSWORD: &str = "ocop-demo-2026";
// No district officer: districts were abolished on 1 July 2025 and accounts are only created on
// units in force.
pub const DEMO_USERS: [(&str, Role, &str); 8] = [
    ("admin@demo.ocop.vn", Role::SystemAdmin, "Quản trị hệ thống"),
    ("tinh@demo.ocop.vn", Role::ProvinceOfficer, "Trần Văn Tỉnh"),
    ("xa@demo.ocop.vn", Role::CommuneOfficer, "Phạm Văn Xã"),
    (
        "chutich@demo.ocop.vn",
        Role::CouncilMember,
        "Hoàng Văn Tịch",
    ),
    ("thuky@demo.ocop.vn", Role::CouncilMember, "Lê Thị Thư"),
    ("hoidong@demo.ocop.vn", Role::CouncilMember, "H'Hen Niê"),
    ("chuthe@demo.ocop.vn", Role::Producer, "Y Bhim Mlô"),
    ("xem@demo.ocop.vn", Role::Viewer, "Đỗ Minh Xem"),
];

const DEMO_FILE: &str = include_str!("../../../data/demo/demo.json");

#[derive(Deserialize)]
struct DemoFile {
    subjects: Vec<DemoSubject>,
}

#[derive(Deserialize)]
struct DemoSubject {
    kind: SubjectKind,
    name: String,
    registration_code: Option<String>,
    legal_representative: String,
    address: String,
    unit_code: String,
    phone: Option<String>,
    email: Option<String>,
    founded_on: Option<NaiveDate>,
    member_count: Option<i32>,
    women_led: bool,
    products: Vec<DemoProduct>,
}

#[derive(Deserialize)]
struct DemoProduct {
    name: String,
    product_set: String,
    origin_unit_code: String,
    description: String,
    ingredients: String,
    packaging: String,
    price_min: i64,
    price_max: i64,
    capacity_value: i64,
    capacity_unit: String,
}

/// Demo runs need no configuration: the demo admin is the first admin.
pub fn apply_demo_defaults(settings: &mut Settings) {
    if settings.admin_email.is_none() {
        settings.admin_email = Some(DEMO_USERS[0].0.to_string());
        settings.admin_password = Some(DEMO_PASSWORD.to_string());
    }
}

pub fn print_credentials(port: u16) {
    println!("\nOCOP demo is running at http://127.0.0.1:{port}/ (API docs: /api/docs/)");
    println!("Every demo account's password is {DEMO_PASSWORD}:");
    for (email, role, _) in DEMO_USERS {
        println!("  {:<22} {}", email, role.as_str());
    }
    println!();
}

/// Seeds once: does nothing when subjects already exist.
pub async fn seed(
    db: &DatabaseConnection,
    clock: Clock,
    passwords: &Passwords,
) -> Result<(), String> {
    if ocop_subjects::store::any_exist(db)
        .await
        .map_err(|e| e.to_string())?
    {
        return Ok(());
    }
    let started = std::time::Instant::now();
    let file: DemoFile = serde_json::from_str(DEMO_FILE).map_err(|e| e.to_string())?;
    let today = clock.today();
    let err = |e: ocop_core::DomainError| e.to_string();
    let province = units::find_by_code_on(db, PROVINCE_CODE, today)
        .await
        .map_err(err)?;
    let caller = Caller {
        principal: Principal {
            user_id: UserId(uuid::Uuid::nil()),
            role: Role::SystemAdmin,
            unit_id: UnitId(province.id),
            subject_id: None,
            units: Arc::new(BTreeSet::new()),
        },
        request_id: "demo-seed".into(),
        ip: None,
        at: clock.now(),
    };
    let mut first_subject: Option<(SubjectId, UnitId)> = None;
    let mut products = BTreeMap::new();
    for (index, s) in file.subjects.into_iter().enumerate() {
        let unit = units::find_by_code_on(db, &s.unit_code, today)
            .await
            .map_err(err)?;
        let representative = s.legal_representative.clone();
        let phone = s.phone.clone().unwrap_or_else(|| "0262 3 852 000".into());
        let subject = ocop_subjects::service::create(
            db,
            &caller,
            SubjectIn {
                kind: s.kind,
                name: s.name,
                registration_code: s.registration_code,
                legal_representative: s.legal_representative,
                address: s.address,
                unit_id: UnitId(unit.id),
                phone: s.phone,
                email: s.email,
                founded_on: s.founded_on,
                member_count: s.member_count,
                women_led: s.women_led,
            },
            today,
        )
        .await
        .map_err(err)?;
        first_subject.get_or_insert((subject.id, subject.unit_id));
        for (product_index, p) in s.products.into_iter().enumerate() {
            let origin = units::find_by_code_on(db, &p.origin_unit_code, today)
                .await
                .map_err(err)?;
            let annual_output = format!("{} {}", p.capacity_value, p.capacity_unit);
            let product = ocop_products::service::products::create(
                db,
                &caller,
                ProductIn {
                    subject_id: Some(subject.id),
                    name: p.name.clone(),
                    product_set: p.product_set,
                    origin_unit_id: Some(UnitId(origin.id)),
                    description: p.description,
                    ingredients: p.ingredients,
                    packaging: p.packaging,
                    price_min: Some(p.price_min),
                    price_max: Some(p.price_max),
                    capacity_value: Some(p.capacity_value),
                    capacity_unit: Some(p.capacity_unit),
                    gtin: demo_gtin(index, product_index),
                },
                today,
            )
            .await
            .map_err(err)?;
            let seeded = evaluations::ProductRef {
                id: product.id,
                subject_id: subject.id,
                subject_index: index,
                unit_id: subject.unit_id,
                representative: representative.clone(),
                phone: phone.clone(),
                annual_output,
            };
            products.insert(p.name, seeded);
        }
    }
    let (producer_subject, commune) = first_subject.ok_or("the demo file has no subjects")?;
    let hash = passwords.hash(DEMO_PASSWORD.to_string()).await?;
    for (email, role, name) in DEMO_USERS {
        if users::find_for_login(db, email)
            .await
            .map_err(err)?
            .is_some()
        {
            continue;
        }
        let unit = match role {
            Role::CommuneOfficer | Role::Producer => commune,
            _ => UnitId(province.id),
        };
        let subject_id = (role == Role::Producer).then_some(producer_subject);
        let input = UserIn {
            email: email.into(),
            full_name: name.into(),
            role,
            unit_id: unit,
            subject_id,
            password: DEMO_PASSWORD.into(),
        };
        ocop_core::service::users::create(
            db,
            &caller,
            input,
            hash.clone(),
            subject_id.map(|_| commune),
            today,
        )
        .await
        .map_err(err)?;
    }
    let people = started.elapsed();
    evaluations::seed(db, &caller, &hash, &products, clock).await?;
    let plan = plans::seed(db, &products, clock).await?;
    budgets::seed(db, plan, clock).await?;
    log::info!(
        "seeded the demo province in {} ms (evaluations: {} ms)",
        started.elapsed().as_millis(),
        (started.elapsed() - people).as_millis()
    );
    Ok(())
}

/// A GTIN-13 for a demo product: Vietnam's GS1 prefix 893, a made-up company number per subject
/// and an item number, with its check digit, so `/01/{gtin}` resolves in the demo.
fn demo_gtin(subject_index: usize, product_index: usize) -> Option<String> {
    let body = format!("893{:05}{:04}", 10_000 + subject_index, product_index + 1);
    ocop_products::gtin_check_digit(&body).map(|digit| format!("{body}{digit}"))
}
