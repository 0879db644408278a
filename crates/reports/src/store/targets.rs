//! `targets`: the progress of every target of the area's plans for a year, as the plans' own
//! progress computes it ([`ocop_plans::service::progress`]): the same figures a plan's page
//! shows, one row per target. Not one statement: each plan's progress is a few grouped queries
//! (its tallies), and there is one plan per unit and year.

use chrono::Datelike;
use ocop_core::DomainResult;
use ocop_plans::service::progress;
use ocop_plans::store::plans;
use ocop_plans::{PlanOut, PlanQuery, TargetProgress};
use sea_orm::DatabaseConnection;
use serde::Serialize;

use super::{Context, Report, Rows, RowsFuture};
use crate::model::{Cell, Column, ColumnKind as K, ReportSpec};
use crate::store::read::round;

pub const REPORT: Report = Report {
    spec: ReportSpec {
        name: "targets",
        title_vi: "Tiến độ thực hiện chỉ tiêu kế hoạch",
        title_en: "Target progress",
        description: "One row per target of the annual plans of the unit asked and the units \
            under it, for `year` (default: `as_of`'s year), each computed from the live records \
            as of `as_of` exactly as `GET /api/v1/plans/{id}/progress` computes it, over the \
            target's own unit. Figures are in the metric's measure: a count, đồng, or for a \
            share basis points (5000 = 50 %). `percent` is the way made from the start towards \
            the target, as a ratio (1 = reached).",
        takes_year: true,
        columns: COLUMNS,
    },
    rows: Rows::Computed(rows),
};

const COLUMNS: &[Column] = &[
    Column::new(
        "year",
        K::Integer,
        "Năm kế hoạch",
        "Plan year",
        "The plan's year.",
    ),
    Column::new(
        "plan_unit",
        K::Text,
        "Đơn vị lập kế hoạch",
        "Plan's unit",
        "The unit whose plan it is.",
    ),
    Column::new(
        "plan_title",
        K::Text,
        "Kế hoạch",
        "Plan",
        "The plan's title.",
    ),
    Column::new(
        "plan_state",
        K::Text,
        "Trạng thái kế hoạch",
        "Plan state",
        "`draft`, `approved` or `closed`.",
    ),
    Column::new(
        "target_title",
        K::Text,
        "Chỉ tiêu",
        "Target",
        "The target's title.",
    ),
    Column::new(
        "metric",
        K::Text,
        "Chỉ số",
        "Metric",
        "The metric measured, e.g. `certified_products`.",
    ),
    Column::new(
        "measure",
        K::Text,
        "Đơn vị đo",
        "Measure",
        "`count`, `money` (đồng) or `share` (basis points).",
    ),
    Column::new(
        "unit_name",
        K::Text,
        "Địa bàn",
        "Area",
        "The unit the target is counted over.",
    ),
    Column::new(
        "period_start",
        K::Date,
        "Từ ngày",
        "Period start",
        "The first day of the target's period.",
    ),
    Column::new(
        "period_end",
        K::Date,
        "Đến ngày",
        "Period end",
        "The last day of the target's period.",
    ),
    Column::new(
        "baseline",
        K::Number,
        "Mức cơ sở",
        "Baseline",
        "Where the target starts from.",
    )
    .nullable(),
    Column::new(
        "target",
        K::Number,
        "Chỉ tiêu đặt ra",
        "Target",
        "The figure to reach (or not to exceed).",
    ),
    Column::new(
        "actual",
        K::Number,
        "Thực hiện",
        "Actual",
        "The figure as of `as_of`.",
    )
    .nullable(),
    Column::new(
        "percent",
        K::Ratio,
        "Tỷ lệ hoàn thành",
        "Share done",
        "The way made towards the target, as a ratio.",
    )
    .nullable(),
    Column::new(
        "status",
        K::Text,
        "Đánh giá",
        "Status",
        "`met`, `on_track`, `needs_acceleration`, `limited_progress` or `moving_away`.",
    ),
    Column::new(
        "status_name",
        K::Text,
        "Đánh giá (tên)",
        "Status name",
        "The status in Vietnamese.",
    ),
];

fn rows<'a>(db: &'a DatabaseConnection, ctx: &'a Context) -> RowsFuture<'a> {
    Box::pin(async move {
        let year = ctx.year.unwrap_or(ctx.as_of.year());
        let mut out = Vec::new();
        for plan in plans_of(db, ctx, year).await? {
            let figures =
                progress::progress(db, &ctx.principal, plan.id, None, ctx.as_of, ctx.today).await?;
            for target in &figures.targets {
                out.push(row(&plan, target));
            }
        }
        Ok(out)
    })
}

/// Every plan of the area for `year`, page by page (the list's order: by unit).
async fn plans_of(db: &DatabaseConnection, ctx: &Context, year: i32) -> DomainResult<Vec<PlanOut>> {
    const PER_PAGE: u64 = ocop_core::page::MAX_PER_PAGE;
    let mut all = Vec::new();
    for page in 1.. {
        let query = PlanQuery {
            unit_id: Some(ctx.area),
            year: Some(year),
            page: Some(page),
            per_page: Some(PER_PAGE),
            ..Default::default()
        };
        let found = plans::list(db, &ctx.principal, &query).await?;
        let last = found.items.len() < PER_PAGE as usize;
        all.extend(found.items);
        if last {
            break;
        }
    }
    Ok(all)
}

/// A snake_case word as serde writes it.
fn word(value: &impl Serialize) -> Cell {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Cell::Text(s),
        _ => Cell::Null,
    }
}

fn number(value: Option<f64>) -> Cell {
    value.map_or(Cell::Null, |x| Cell::Float(round(x, 2)))
}

fn row(plan: &PlanOut, t: &TargetProgress) -> Vec<Cell> {
    vec![
        Cell::Int(i64::from(plan.year)),
        Cell::Text(plan.unit_name.clone()),
        Cell::Text(plan.title.clone()),
        word(&plan.state),
        Cell::Text(t.title.clone()),
        word(&t.metric),
        word(&t.measure),
        Cell::Text(t.unit_name.clone()),
        Cell::Date(t.period_start),
        Cell::Date(t.period_end),
        number(t.baseline_value),
        number(Some(t.target as f64)),
        number(t.actual_value),
        t.percent
            .map_or(Cell::Null, |p| Cell::Float(round(p / 100.0, 4))),
        word(&t.status),
        Cell::Text(t.status.label_vi().to_string()),
    ]
}
