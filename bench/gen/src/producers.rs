//! Subjects over every commune of the province and their products over every product set, as
//! `subjects::create` and `products::create` write them (folded search names, version 1).

use chrono::{DateTime, NaiveDate, Utc};
use ocop_core::text::fold;
use sea_orm::{DatabaseTransaction, DbErr, Value};
use uuid::Uuid;

use crate::bulk::Bulk;
use crate::reference::Reference;
use crate::rng::{Rng, add_days};

const KINDS: [&str; 6] = [
    "cooperative",
    "cooperative_group",
    "sme",
    "farm",
    "production_household",
    "business_household",
];
const KIND_PREFIX: [&str; 6] = [
    "HTX",
    "Tổ hợp tác",
    "Công ty TNHH",
    "Trang trại",
    "Hộ",
    "Hộ kinh doanh",
];
const WORDS: [&str; 16] = [
    "Cà phê bột",
    "Mật ong hoa cà phê",
    "Hạt điều rang muối",
    "Tiêu đen",
    "Sầu riêng sấy",
    "Bơ sáp",
    "Rượu cần",
    "Trà mãng cầu",
    "Nước mắm",
    "Gạo thơm",
    "Măng khô",
    "Ca cao",
    "Mắc ca",
    "Chuối sấy dẻo",
    "Thổ cẩm",
    "Cà phê hạt rang",
];
const FAMILY: [&str; 8] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Y", "H'", "Đỗ"];
const GIVEN: [&str; 8] = [
    "Văn An",
    "Thị Hoa",
    "Minh",
    "Bhim",
    "Hen",
    "Thị Lan",
    "Đức",
    "Ngọc",
];

pub struct SubjectRef {
    pub id: Uuid,
    pub unit_id: i32,
}

pub struct ProductRef {
    pub id: Uuid,
    pub subject: usize,
    pub set: usize,
    pub created_on: NaiveDate,
}

fn v<T: Into<Value>>(x: T) -> Value {
    x.into()
}

pub async fn subjects(
    txn: &DatabaseTransaction,
    rng: &mut Rng,
    reference: &Reference,
    count: usize,
    today: NaiveDate,
) -> Result<Vec<SubjectRef>, DbErr> {
    let mut bulk = Bulk::new(
        txn,
        "subject",
        &[
            "id",
            "kind",
            "name",
            "search_name",
            "registration_code",
            "legal_representative",
            "address",
            "unit_id",
            "phone",
            "email",
            "founded_on",
            "member_count",
            "women_led",
            "status",
            "version",
            "created_at",
            "updated_at",
        ],
    );
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let k = rng.below(KINDS.len() as u64) as usize;
        let commune = rng.pick(&reference.communes);
        let name = format!(
            "{} {} {} số {}",
            KIND_PREFIX[k],
            rng.pick(&WORDS),
            commune.name,
            i + 1
        );
        let created: DateTime<Utc> = rng.instant_within(today, -2_500, -400);
        let id = rng.uuid_at(created);
        let code = (k < 3).then(|| format!("6{:09}", i + 1));
        let person = format!("{} {}", rng.pick(&FAMILY), rng.pick(&GIVEN));
        bulk.push(vec![
            v(id),
            v(KINDS[k]),
            v(name.clone()),
            v(fold(&name)),
            v(code),
            v(person),
            v(format!("Thôn {}, {}", 1 + rng.below(20), commune.name)),
            v(commune.id),
            v(Some(format!("09{:08}", rng.below(100_000_000)))),
            v(None::<String>),
            v(Some(add_days(created.date_naive(), -rng.between(0, 3_000)))),
            v((k <= 1).then(|| rng.between(7, 120) as i32)),
            v(rng.chance(0.4)),
            v("active"),
            v(1),
            v(created),
            v(created),
        ])
        .await?;
        out.push(SubjectRef {
            id,
            unit_id: commune.id,
        });
    }
    bulk.flush().await?;
    Ok(out)
}

/// A GTIN-13 with its check digit (Vietnam's 893 prefix).
fn gtin13(serial: u64) -> String {
    let body = format!("893{:09}", serial % 1_000_000_000);
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

pub async fn products(
    txn: &DatabaseTransaction,
    rng: &mut Rng,
    reference: &Reference,
    subjects: &[SubjectRef],
    count: usize,
    today: NaiveDate,
) -> Result<Vec<ProductRef>, DbErr> {
    let mut bulk = Bulk::new(
        txn,
        "product",
        &[
            "id",
            "subject_id",
            "name",
            "search_name",
            "category_id",
            "origin_unit_id",
            "description",
            "ingredients",
            "packaging",
            "price_min",
            "price_max",
            "capacity_value",
            "capacity_unit",
            "status",
            "version",
            "created_at",
            "updated_at",
            "gtin",
        ],
    );
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        // Every subject gets at least one product; the rest fall anywhere.
        let subject = if i < subjects.len() {
            i
        } else {
            rng.below(subjects.len() as u64) as usize
        };
        let set = rng.below(reference.sets.len() as u64) as usize;
        let word = rng.pick(&WORDS);
        let name = format!("{word} {} loại {}", reference.sets[set].code, i + 1);
        // Products are registered well before their first certificate (up to ~6 years back).
        let created = rng.instant_within(today, -2_200, -1_200);
        let id = rng.uuid_at(created);
        let price = rng.between(30, 900) * 1_000;
        let description = format!(
            "{word} của {} — sản phẩm OCOP vùng Tây Nguyên, nguyên liệu địa phương, chế biến theo \
             quy trình truyền thống, đóng gói tại cơ sở đạt chuẩn an toàn thực phẩm. Lô số {}.",
            reference.province_name,
            rng.below(10_000)
        );
        bulk.push(vec![
            v(id),
            v(subjects[subject].id),
            v(name.clone()),
            v(fold(&name)),
            v(reference.sets[set].category_id),
            v(subjects[subject].unit_id),
            v(description),
            v(format!("{word} 100%")),
            v("Hộp giấy, túi zip"),
            v(Some(price)),
            v(Some(price + rng.between(0, 200) * 1_000)),
            v(Some(rng.between(100, 1_000))),
            v(Some("g")),
            v("active"),
            v(1),
            v(created),
            v(created),
            v(rng.chance(0.3).then(|| gtin13(i as u64))),
        ])
        .await?;
        out.push(ProductRef {
            id,
            subject,
            set,
            created_on: created.date_naive(),
        });
    }
    bulk.flush().await?;
    Ok(out)
}

/// One or two photos per certified product (rows only: the feed serves their URLs, the
/// benchmark never fetches the files).
pub async fn images(
    txn: &DatabaseTransaction,
    rng: &mut Rng,
    products: &[&ProductRef],
) -> Result<u64, DbErr> {
    let mut bulk = Bulk::new(
        txn,
        "product_image",
        &[
            "id",
            "product_id",
            "content_type",
            "byte_size",
            "sha256",
            "file_name",
            "created_at",
        ],
    );
    for p in products {
        for n in 0..1 + rng.below(2) {
            let at = rng.instant_on(add_days(p.created_on, 1 + n as i64));
            let sha = format!(
                "{:016x}{:016x}{:016x}{:016x}",
                rng.next_u64(),
                rng.next_u64(),
                rng.next_u64(),
                rng.next_u64()
            );
            bulk.push(vec![
                v(rng.uuid_at(at)),
                v(p.id),
                v("image/jpeg"),
                v(rng.between(40_000, 400_000)),
                v(sha),
                v(format!("anh-{}.jpg", n + 1)),
                v(at),
            ])
            .await?;
        }
    }
    bulk.flush().await?;
    Ok(bulk.written)
}
