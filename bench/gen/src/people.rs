//! The officer who records decisions and the province council (chair, secretary, member) that
//! scores every year's round; one province round and one ministry round per year.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ocop_core::text::fold;
use sea_orm::{DatabaseTransaction, DbErr, Value};
use uuid::Uuid;

use crate::bulk::Bulk;
use crate::rng::Rng;

pub struct People {
    pub officer: Uuid,
    /// Chair, secretary, member.
    pub council: [Uuid; 3],
}

#[derive(Clone, Copy)]
pub struct YearRounds {
    pub province: Uuid,
    pub central: Uuid,
}

const POSITIONS: [&str; 3] = ["chair", "secretary", "member"];

fn v<T: Into<Value>>(x: T) -> Value {
    x.into()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

pub async fn users(
    txn: &DatabaseTransaction,
    rng: &mut Rng,
    province_unit: i32,
) -> Result<People, DbErr> {
    let mut bulk = Bulk::new(
        txn,
        "app_user",
        &[
            "id",
            "email",
            "full_name",
            "search_name",
            "password_hash",
            "role",
            "unit_id",
            "subject_id",
            "status",
            "version",
            "created_at",
            "updated_at",
            "last_login_at",
        ],
    );
    let at = rng.instant_on(day(2019, 1, 2));
    let mut ids = Vec::new();
    for (n, (email, role, name)) in [
        ("bench-tinh", "province_officer", "Cán bộ Tỉnh Thử Tải"),
        (
            "bench-chutich",
            "council_member",
            "Chủ tịch Hội đồng Thử Tải",
        ),
        ("bench-thuky", "council_member", "Thư ký Hội đồng Thử Tải"),
        ("bench-uyvien", "council_member", "Ủy viên Hội đồng Thử Tải"),
    ]
    .into_iter()
    .enumerate()
    {
        let id = rng.uuid_at(at + chrono::Duration::seconds(n as i64));
        ids.push(id);
        bulk.push(vec![
            v(id),
            v(format!("{email}@bench.ocop.vn")),
            v(name),
            v(fold(name)),
            // Not a password hash: these accounts cannot sign in.
            v("!bench"),
            v(role),
            v(province_unit),
            v(None::<Uuid>),
            v("active"),
            v(1),
            v(at),
            v(at),
            v(None::<chrono::DateTime<chrono::Utc>>),
        ])
        .await?;
    }
    bulk.flush().await?;
    Ok(People {
        officer: ids[0],
        council: [ids[1], ids[2], ids[3]],
    })
}

pub async fn rounds(
    txn: &DatabaseTransaction,
    rng: &mut Rng,
    people: &People,
    instrument: &str,
    years: std::ops::RangeInclusive<i32>,
    today: NaiveDate,
) -> Result<BTreeMap<i32, YearRounds>, DbErr> {
    let mut rounds = Bulk::new(
        txn,
        "evaluation_round",
        &[
            "id",
            "level",
            "year",
            "name",
            "search_name",
            "instrument",
            "opened_on",
            "forwarded_before",
            "decide_before",
            "closed_at",
            "closed_by",
            "created_by",
            "version",
            "created_at",
        ],
    );
    let mut seats = Bulk::new(txn, "council_seat", &["round_id", "user_id", "position"]);
    let mut out = BTreeMap::new();
    for year in years {
        let mut ids = [Uuid::nil(); 2];
        for (n, (level, name)) in [
            (
                "province",
                format!("Hội đồng đánh giá OCOP cấp tỉnh năm {year}"),
            ),
            (
                "central",
                format!("Hội đồng đánh giá OCOP 5 sao năm {year}"),
            ),
        ]
        .into_iter()
        .enumerate()
        {
            let opened = day(year, 1, 5);
            let created = rng.instant_on(opened);
            let id = rng.uuid_at(created);
            ids[n] = id;
            let closed = day(year, 12, 28);
            let closed_at = (closed < today).then(|| rng.instant_on(closed));
            rounds
                .push(vec![
                    v(id),
                    v(level),
                    v(year),
                    v(name.clone()),
                    v(fold(&name)),
                    v(instrument),
                    v(opened),
                    v(day(year, 11, 30)),
                    v(day(year, 12, 25)),
                    v(closed_at),
                    v(closed_at.map(|_| people.officer)),
                    v(people.officer),
                    v(if closed_at.is_some() { 2 } else { 1 }),
                    v(created),
                ])
                .await?;
            for (member, position) in people.council.iter().zip(POSITIONS) {
                seats.push(vec![v(id), v(*member), v(position)]).await?;
            }
        }
        out.insert(
            year,
            YearRounds {
                province: ids[0],
                central: ids[1],
            },
        );
    }
    rounds.flush().await?;
    seats.flush().await?;
    Ok(out)
}
