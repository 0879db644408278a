//! The certified products: for each, the recognised cycle (council result frozen from the
//! members' sheets), the certificate it issued, and where the plan says so a revocation, a
//! successor that supersedes it, or a re-rating filed in time and still pending (extended).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use ocop_evaluations::{CertificateState, expires_on};
use sea_orm::{DatabaseTransaction, DbErr, Value};
use serde_json::json;
use uuid::Uuid;

use crate::bulk::Bulk;
use crate::council::score_dossier;
use crate::history::{self, Reached};
use crate::people::{People, YearRounds};
use crate::plan::{Dates, MIX, dates_in};
use crate::producers::{ProductRef, SubjectRef};
use crate::reference::Reference;
use crate::rng::{Rng, add_days};

const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const GROUNDS: [&str; 6] = [
    "false_dossier",
    "criteria_no_longer_met",
    "legal_breach",
    "mark_misuse",
    "production_stopped",
    "other_authority_finding",
];

/// One certificate to write, with its cycle.
struct Cert {
    id: Uuid,
    cycle_id: Uuid,
    product: usize,
    dossier_type: &'static str,
    issued_on: NaiveDate,
    revoked_on: Option<NaiveDate>,
    superseded: Option<(Uuid, NaiveDate)>,
    stars: u8,
    /// The council result's average, in integer hundredths.
    average: i64,
    /// The council result JSON and each member's (selection JSON, total).
    result: serde_json::Value,
    sheets: Vec<(String, u32)>,
}

pub struct Written {
    pub certificates: u64,
    pub cycles: u64,
    pub cycle_events: u64,
    pub sheets: u64,
    pub score_lines: u64,
    pub certified_products: Vec<usize>,
}

fn v<T: Into<Value>>(x: T) -> Value {
    x.into()
}

fn code(rng: &mut Rng) -> String {
    (0..12).map(|_| *rng.pick(CODE_ALPHABET) as char).collect()
}

/// Scores a dossier on the product's sheet and returns the certificate to write (`None` when
/// the sheet cannot be rated this way, which leaves the product uncertified).
fn certify(
    rng: &mut Rng,
    reference: &Reference,
    products: &[ProductRef],
    product: usize,
    issued_on: NaiveDate,
    dossier_type: &'static str,
) -> Option<Cert> {
    let sheet = &reference.sets[products[product].set].sheet;
    let scored = score_dossier(sheet, rng, 3)?;
    let at = rng.instant_on(issued_on);
    let sheets = scored
        .sheets
        .iter()
        .map(|(selection, total)| (serde_json::to_string(selection).unwrap_or_default(), *total))
        .collect();
    Some(Cert {
        id: rng.uuid_at(at),
        cycle_id: rng.uuid_at(at - chrono::Duration::days(200)),
        product,
        dossier_type,
        issued_on,
        revoked_on: None,
        superseded: None,
        stars: scored.result.stars,
        average: scored.result.average.0,
        result: serde_json::to_value(&scored.result).unwrap_or_default(),
        sheets,
    })
}

/// What the certified part is drawn from and aims at.
pub struct Inputs<'a> {
    pub reference: &'a Reference,
    pub subjects: &'a [SubjectRef],
    pub products: &'a [ProductRef],
    pub people: &'a People,
    pub rounds: &'a BTreeMap<i32, YearRounds>,
    /// Of the certificate counts in `plan::MIX`.
    pub scale: f64,
    /// Score lines wanted in the sheets written.
    pub score_lines: u64,
    pub today: NaiveDate,
}

pub async fn write(
    txn: &DatabaseTransaction,
    rng: &mut Rng,
    inputs: &Inputs<'_>,
) -> Result<Written, DbErr> {
    let Inputs {
        reference,
        subjects,
        products,
        people,
        rounds,
        scale,
        score_lines,
        today,
    } = *inputs;
    // Products in a shuffled order; the first ones get certificates.
    let mut order: Vec<usize> = (0..products.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let mut next = order.into_iter();
    let mut certs: Vec<Cert> = Vec::new();
    let mut extended: Vec<(usize, NaiveDate)> = Vec::new();
    let mut certified_products = Vec::new();
    for (target, count) in MIX {
        for _ in 0..((count as f64 * scale).round() as usize) {
            let Some(product) = next.next() else { break };
            let Some(dates) = dates_in(target, rng, today) else {
                continue;
            };
            let Dates {
                issued_on,
                revoked_on,
                re_rating_filed_on,
                successor_issued_on,
            } = dates;
            let Some(mut cert) =
                certify(rng, reference, products, product, issued_on, "first_rating")
            else {
                continue;
            };
            cert.revoked_on = revoked_on;
            if let Some(on) = successor_issued_on {
                let Some(successor) = certify(rng, reference, products, product, on, "upgrade")
                else {
                    continue;
                };
                cert.superseded = Some((successor.id, on));
                certs.push(successor);
            }
            if let Some(filed) = re_rating_filed_on {
                extended.push((product, filed));
            }
            debug_assert!(target != CertificateState::NotYetIssued);
            certs.push(cert);
            certified_products.push(product);
        }
    }
    // Numbers follow the order of issue within each year, as `issued_in_year` counts them.
    certs.sort_by_key(|c| (c.issued_on, c.id));
    // Sheets for the newest dossiers until the score lines reach the target; older records were
    // taken over without their sheets (their frozen results stay).
    let mut lines = 0u64;
    let mut with_sheets = vec![false; certs.len()];
    for (i, cert) in certs.iter().enumerate().rev() {
        if lines >= score_lines {
            break;
        }
        with_sheets[i] = true;
        lines += cert
            .sheets
            .iter()
            .map(|(json, _)| json.matches(':').count() as u64)
            .sum::<u64>();
    }

    let mut cycles = Bulk::new(
        txn,
        "evaluation_cycle",
        &[
            "id",
            "product_id",
            "subject_id",
            "year",
            "dossier_type",
            "state",
            "idea",
            "business_plan",
            "form01",
            "criteria_set_id",
            "self_assessment",
            "self_assessment_total",
            "samples",
            "form03",
            "submitted_on",
            "round_id",
            "council_result",
            "central_round_id",
            "central_result",
            "decided_on",
            "version",
            "created_at",
            "updated_at",
            "council_stars",
            "council_average_hundredths",
            "central_stars",
            "central_average_hundredths",
        ],
    );
    let mut sheets = Bulk::new(
        txn,
        "score_sheet",
        &[
            "id",
            "round_id",
            "cycle_id",
            "member_id",
            "criteria_set_id",
            "choices",
            "total",
            "submitted_at",
            "created_at",
            "updated_at",
            "version",
        ],
    );
    let mut certificates = Bulk::new(
        txn,
        "certificate",
        &[
            "id",
            "number",
            "verification_code",
            "product_id",
            "subject_id",
            "cycle_id",
            "stars",
            "issuing_level",
            "issuing_body",
            "decision_number",
            "decision_signer",
            "issued_on",
            "expires_on",
            "superseded_by",
            "superseded_on",
            "revoked_on",
            "revocation_ground",
            "revocation_authority",
            "revocation_number",
            "revocation_signer",
            "created_by",
            "created_at",
            "version",
        ],
    );
    let mut histories: Vec<history::Cycle> = Vec::with_capacity(certs.len() + extended.len());
    let mut per_year: BTreeMap<i32, u32> = BTreeMap::new();
    let mut decisions = 0u32;
    for (i, cert) in certs.iter().enumerate() {
        let product = &products[cert.product];
        let subject = subjects[product.subject].id;
        let set = &reference.sets[product.set];
        let year = cert.issued_on.year();
        let Some(round) = rounds.get(&year) else {
            return Err(DbErr::Custom(format!("no round for {year}")));
        };
        let central = cert.stars == 5;
        // At least 45 days before the decision: room for a return for completion (up to 32
        // days) and the commune's check (up to 10) in the history.
        let submitted = add_days(cert.issued_on, -rng.between(45, 150));
        let created = rng.instant_within(submitted, -200, -30);
        let decided_at = rng.instant_on(cert.issued_on);
        histories.push(history::Cycle {
            id: cert.cycle_id,
            re_rating: false,
            opened: created,
            submitted: rng.instant_on(submitted),
            reached: Reached::Recognised(decided_at),
        });
        let council =
            json!({"round_id": round.province, "sheets": cert.sheets.len(), "result": cert.result});
        let central_result = central
            .then(|| json!({"round_id": round.central, "sheets": cert.sheets.len(), "result": cert.result}).to_string());
        cycles
            .push(vec![
                v(cert.cycle_id),
                v(product.id),
                v(subject),
                v(year),
                v(cert.dossier_type),
                v("recognised"),
                v(format!(
                    "Hoàn thiện sản phẩm {} theo bộ tiêu chí {}",
                    set.code, set.instrument
                )),
                v(None::<String>),
                v(None::<String>),
                v(set.criteria_set_id),
                v(None::<String>),
                v(None::<i32>),
                v(3),
                v(None::<String>),
                v(Some(submitted)),
                v(Some(round.province)),
                v(Some(council.to_string())),
                v(central.then_some(round.central)),
                v(central_result),
                v(Some(cert.issued_on)),
                v(if central { 14 } else { 12 }),
                v(created),
                v(decided_at),
                v(Some(i16::from(cert.stars))),
                v(Some(cert.average)),
                v(central.then_some(i16::from(cert.stars))),
                v(central.then_some(cert.average)),
            ])
            .await?;
        // Sheets and certificates refer to the cycle: it is written before them.
        if sheets.fills_up(3) || certificates.fills_up(1) {
            cycles.flush().await?;
        }
        if with_sheets[i] {
            for ((choices, total), member) in cert.sheets.iter().zip(people.council) {
                let at = rng.instant_within(cert.issued_on, -30, -5);
                sheets
                    .push(vec![
                        v(rng.uuid_at(at)),
                        v(round.province),
                        v(cert.cycle_id),
                        v(member),
                        v(set.criteria_set_id),
                        v(choices.clone()),
                        v(Some(*total as i32)),
                        v(Some(at)),
                        v(at),
                        v(at),
                        v(2),
                    ])
                    .await?;
            }
        }
        let n = per_year.entry(year).or_default();
        *n += 1;
        decisions += 1;
        let (level, body, signer) = if central {
            (
                "central",
                "Bộ Nông nghiệp và Môi trường".to_string(),
                "Thứ trưởng Thử Tải",
            )
        } else {
            (
                "province",
                format!("Ủy ban nhân dân {}", reference.province_name),
                "Phó Chủ tịch Thử Tải",
            )
        };
        let revoked = cert.revoked_on.map(|_| rng.pick(&GROUNDS).to_string());
        certificates
            .push(vec![
                v(cert.id),
                v(format!("OCOP-{year}-{n:05}")),
                v(code(rng)),
                v(product.id),
                v(subject),
                v(cert.cycle_id),
                v(i32::from(cert.stars)),
                v(level),
                v(body),
                v(format!("{decisions}/QĐ-UBND")),
                v(signer),
                v(cert.issued_on),
                v(expires_on(cert.issued_on)),
                v(cert.superseded.map(|(id, _)| id)),
                v(cert.superseded.map(|(_, on)| on)),
                v(cert.revoked_on),
                v(revoked.clone()),
                v(revoked.as_ref().map(|_| level)),
                v(revoked.as_ref().map(|_| format!("{decisions}/QĐ-THHOI"))),
                v(revoked.as_ref().map(|_| signer)),
                v(people.officer),
                v(decided_at),
                v(if cert.revoked_on.is_some() || cert.superseded.is_some() {
                    2
                } else {
                    1
                }),
            ])
            .await?;
    }
    // The re-rating dossiers filed in time and still before the council: they extend.
    for (product, filed) in extended {
        let p = &products[product];
        let set = &reference.sets[p.set];
        let at = rng.instant_on(filed);
        let id = rng.uuid_at(at);
        histories.push(history::Cycle {
            id,
            re_rating: true,
            opened: at,
            submitted: at + chrono::Duration::hours(2),
            reached: Reached::AwaitingCouncil,
        });
        cycles
            .push(vec![
                v(id),
                v(p.id),
                v(subjects[p.subject].id),
                v(filed.year()),
                v("re_rating"),
                v("awaiting_council"),
                v(format!("Đánh giá lại sản phẩm {}", set.code)),
                v(None::<String>),
                v(None::<String>),
                v(set.criteria_set_id),
                v(None::<String>),
                v(None::<i32>),
                v(3),
                v(None::<String>),
                v(Some(filed)),
                v(None::<Uuid>),
                v(None::<String>),
                v(None::<Uuid>),
                v(None::<String>),
                v(None::<NaiveDate>),
                v(6),
                v(at),
                v(at),
                v(None::<i16>),
                v(None::<i64>),
                v(None::<i16>),
                v(None::<i64>),
            ])
            .await?;
    }
    cycles.flush().await?;
    sheets.flush().await?;
    certificates.flush().await?;
    let cycle_events = history::write(txn, rng, &histories, people.officer).await?;
    let counted: u64 = certs
        .iter()
        .zip(&with_sheets)
        .filter(|(_, w)| **w)
        .flat_map(|(c, _)| c.sheets.iter())
        .map(|(json, _)| json.matches(':').count() as u64)
        .sum();
    Ok(Written {
        certificates: certificates.written,
        cycles: cycles.written,
        cycle_events,
        sheets: sheets.written,
        score_lines: counted,
        certified_products,
    })
}
