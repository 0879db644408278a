//! `ocop-bench-gen`: fills a database with a large catalogue for `bench/catalogue.sh`.
//!
//! At scale 1: 30,000 subjects over every commune of the province, 100,000 products over every
//! product set, 50,000 certificates in every state on the generator's day (valid, re-rating
//! due, expiring, extended, expired, revoked, superseded — see `plan::MIX`) with their
//! recognised cycles and each cycle's history of moves (`history`), and about 1,000,000 score
//! lines (criterion choices in the council members' score sheets). The server's start-up steps
//! prepare the database first (migrations, units, classification, criteria); the domain tables
//! are then written with multi-row INSERTs in one transaction. The catalogue itself
//! (`catalogue_item`) is NOT written here: the API builds it from these tables when it starts
//! (`ocop_catalogue::store::projection::rebuild_all`).
//!
//! Bulk data bypasses the change helper: no audit rows and no outbox events, as for records
//! taken over from another system.
//!
//! ```text
//! ocop-bench-gen <database-url> [--scale 1.0] [--seed 12] [--today YYYY-MM-DD]
//! ```

mod bulk;
mod certified;
mod council;
mod history;
mod people;
mod plan;
mod prepare;
mod producers;
mod reference;
mod rng;

use std::time::Instant;

use chrono::{Datelike, NaiveDate};
use ocop_core::Clock;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, TransactionTrait};

struct Args {
    url: String,
    scale: f64,
    seed: u64,
    today: Option<NaiveDate>,
}

fn args() -> Result<Args, String> {
    let mut out = Args {
        url: String::new(),
        scale: 1.0,
        seed: 12,
        today: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--scale" => out.scale = value()?.parse().map_err(|e| format!("--scale: {e}"))?,
            "--seed" => out.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--today" => {
                out.today = Some(
                    NaiveDate::parse_from_str(&value()?, "%Y-%m-%d")
                        .map_err(|e| format!("--today: {e}"))?,
                )
            }
            url if !url.starts_with("--") && out.url.is_empty() => out.url = url.to_string(),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if out.url.is_empty() {
        out.url = std::env::var("DATABASE_URL").map_err(|_| "give a database URL".to_string())?;
    }
    Ok(out)
}

async fn count(db: &DatabaseConnection, table: &str) -> Result<i64, String> {
    let sql = format!("SELECT COUNT(*) AS n FROM {table}");
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .map_err(|e| e.to_string())?;
    row.map_or(Ok(0), |r| {
        r.try_get::<i64>("", "n").map_err(|e| e.to_string())
    })
}

async fn run(args: Args) -> Result<(), String> {
    let clock = args.today.map_or(Clock::system(), Clock::fixed_on);
    let today = clock.today();
    let started = Instant::now();
    let db = prepare::open(&args.url, clock).await?;
    if count(&db, "product").await? > 0 {
        return Err("the database already holds products: generate into an empty one".into());
    }
    let prepared = started.elapsed();
    let reference = reference::read(&db).await.map_err(|e| e.to_string())?;
    let mut rng = rng::Rng::new(args.seed);
    let scaled = |n: f64| (n * args.scale).round() as usize;

    let txn = db.begin().await.map_err(|e| e.to_string())?;
    let step = Instant::now();
    let people = people::users(&txn, &mut rng, reference.province_id)
        .await
        .map_err(|e| e.to_string())?;
    let instrument = reference.sets[0].instrument.clone();
    let rounds = people::rounds(
        &txn,
        &mut rng,
        &people,
        &instrument,
        today.year() - 7..=today.year(),
        today,
    )
    .await
    .map_err(|e| e.to_string())?;
    let subjects = producers::subjects(&txn, &mut rng, &reference, scaled(30_000.0), today)
        .await
        .map_err(|e| e.to_string())?;
    let products = producers::products(
        &txn,
        &mut rng,
        &reference,
        &subjects,
        scaled(100_000.0),
        today,
    )
    .await
    .map_err(|e| e.to_string())?;
    let producers_took = step.elapsed();
    let step = Instant::now();
    let inputs = certified::Inputs {
        reference: &reference,
        subjects: &subjects,
        products: &products,
        people: &people,
        rounds: &rounds,
        scale: args.scale,
        score_lines: (1_000_000.0 * args.scale) as u64,
        today,
    };
    let written = certified::write(&txn, &mut rng, &inputs)
        .await
        .map_err(|e| e.to_string())?;
    let certified: Vec<&producers::ProductRef> = written
        .certified_products
        .iter()
        .map(|&i| &products[i])
        .collect();
    let images = producers::images(&txn, &mut rng, &certified)
        .await
        .map_err(|e| e.to_string())?;
    let certificates_took = step.elapsed();
    let step = Instant::now();
    txn.commit().await.map_err(|e| e.to_string())?;
    let committed = step.elapsed();
    let step = Instant::now();
    // Fresh statistics, as after any bulk load, so the planner sees the real sizes.
    db.execute_unprepared("ANALYZE")
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "day {today}, seed {}: {} subjects, {} products ({} certified, {images} images), {} cycles \
         ({} moves), {} certificates, {} score sheets with {} score lines",
        args.seed,
        subjects.len(),
        products.len(),
        written.certified_products.len(),
        written.cycles,
        written.cycle_events,
        written.certificates,
        written.sheets,
        written.score_lines,
    );
    println!(
        "took {:.1} s: prepare {:.1} s, subjects+products {:.1} s, cycles+sheets+certificates {:.1} s, \
         commit {:.1} s, analyze {:.1} s",
        started.elapsed().as_secs_f64(),
        prepared.as_secs_f64(),
        producers_took.as_secs_f64(),
        certificates_took.as_secs_f64(),
        committed.as_secs_f64(),
        step.elapsed().as_secs_f64(),
    );
    Ok(())
}

#[tokio::main]
async fn main() {
    let result = match args() {
        Ok(args) => run(args).await,
        Err(e) => Err(e),
    };
    if let Err(e) = result {
        eprintln!("ocop-bench-gen: {e}");
        std::process::exit(1);
    }
}
