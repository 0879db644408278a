//! The figures each card draws, added up from its report's rows. Cells are read by column key,
//! never by position, so a report that gains a column or orders its columns anew still draws,
//! and a missing column reads as zero rather than breaking the page. Pure, tested natively.

use std::collections::BTreeMap;

use ocop_evaluations::CycleState;
use ocop_plans::{Measure, ProgressStatus};
use ocop_reports::{Cell, Column, ReportOut};

use crate::format::from_wire;

/// One row of a report, read by column key.
pub struct Row<'a> {
    columns: &'a [Column],
    cells: &'a [Cell],
}

impl Row<'_> {
    fn cell(&self, key: &str) -> Option<&Cell> {
        let at = self.columns.iter().position(|c| c.key == key)?;
        self.cells.get(at)
    }

    /// A count or an amount; zero when missing.
    pub fn int(&self, key: &str) -> i64 {
        match self.cell(key) {
            Some(Cell::Int(n)) => *n,
            Some(Cell::Float(x)) => x.round() as i64,
            _ => 0,
        }
    }

    pub fn float(&self, key: &str) -> Option<f64> {
        match self.cell(key) {
            Some(Cell::Int(n)) => Some(*n as f64),
            Some(Cell::Float(x)) => Some(*x),
            _ => None,
        }
    }

    pub fn text(&self, key: &str) -> String {
        match self.cell(key) {
            Some(Cell::Text(s)) => s.clone(),
            Some(Cell::Int(n)) => n.to_string(),
            _ => String::new(),
        }
    }

    /// A yes/no column, whether the report writes it `1`/`0` or as text.
    pub fn flag(&self, key: &str) -> bool {
        match self.cell(key) {
            Some(Cell::Int(n)) => *n != 0,
            Some(Cell::Float(x)) => *x != 0.0,
            Some(Cell::Text(s)) => matches!(s.trim(), "1" | "true" | "yes" | "có"),
            _ => false,
        }
    }
}

pub fn rows(report: &ReportOut) -> impl Iterator<Item = Row<'_>> {
    report.rows.iter().map(|cells| Row {
        columns: &report.columns,
        cells,
    })
}

/// Certificates in force on the day by stars, 3★ to 5★. A product holds one certificate in
/// force at most, so these are also the certified products. Zeros are kept, so the chart
/// always has its three bars.
pub fn by_stars(products: &ReportOut) -> Vec<(u8, i64)> {
    let mut counts = [0_i64; 3];
    for row in rows(products) {
        if let Some(slot) = usize::try_from(row.int("stars") - 3)
            .ok()
            .and_then(|i| counts.get_mut(i))
        {
            *slot += row.int("in_force");
        }
    }
    (3_u8..=5).zip(counts).collect()
}

/// A named count: a product set, a commune.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub code: String,
    pub name: String,
    pub count: i64,
}

/// Adds `value` up by `(code, name)`; the largest first, then by code. Zeros are left out.
fn tally(items: impl Iterator<Item = (String, String, i64)>) -> Vec<Named> {
    let mut sums: BTreeMap<String, (String, i64)> = BTreeMap::new();
    for (code, name, value) in items {
        let entry = sums.entry(code).or_insert_with(|| (name, 0));
        entry.1 += value;
    }
    let mut out: Vec<Named> = sums
        .into_iter()
        .filter(|(_, (_, count))| *count > 0)
        .map(|(code, (name, count))| Named { code, name, count })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
    out
}

/// Certificates in force by product set.
pub fn by_product_set(products: &ReportOut) -> Vec<Named> {
    tally(rows(products).map(|r| {
        (
            r.text("product_set_code"),
            r.text("product_set_name"),
            r.int("in_force"),
        )
    }))
}

/// The first `keep` items, and the rest added up as one item named `rest` (when any).
pub fn top(mut items: Vec<Named>, keep: usize, rest: &str) -> Vec<Named> {
    if items.len() > keep + 1 {
        let others: i64 = items.drain(keep..).map(|n| n.count).sum();
        items.push(Named {
            code: String::new(),
            name: rest.to_string(),
            count: others,
        });
    }
    items
}

/// Certificates in force whose validity ends within 90 days, in all and by commune, from the
/// province summary's `expiring_90_days`.
pub fn expiring(summary: &ReportOut) -> (i64, Vec<Named>) {
    let communes = tally(rows(summary).map(|r| {
        (
            r.text("unit_code"),
            r.text("unit_name"),
            r.int("expiring_90_days"),
        )
    }));
    (communes.iter().map(|n| n.count).sum(), communes)
}

/// Dossiers standing in each state on the day, in the cycle's order. Every state is listed,
/// so the bars read as the cycle's whole path; a state the SPA does not know is left out.
pub fn pipeline(report: &ReportOut) -> Vec<(CycleState, i64)> {
    let mut counts: BTreeMap<String, i64> = BTreeMap::new();
    for row in rows(report) {
        *counts.entry(row.text("state")).or_default() += row.int("dossiers");
    }
    CycleState::ALL
        .into_iter()
        .map(|s| (s, counts.get(s.as_str()).copied().unwrap_or(0)))
        .collect()
}

/// One target's progress as the targets report gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub title: String,
    pub area: String,
    pub measure: Option<Measure>,
    pub target: f64,
    pub actual: Option<f64>,
    /// The way made, in percent (100 = reached; may pass 100).
    pub percent: Option<f64>,
    pub status: Option<ProgressStatus>,
    /// The status as the report names it in Vietnamese, for a status this SPA does not know.
    pub status_name: String,
}

pub fn targets(report: &ReportOut) -> Vec<Target> {
    rows(report)
        .map(|r| Target {
            title: r.text("target_title"),
            area: r.text("unit_name"),
            measure: from_wire(&r.text("measure")),
            target: r.float("target").unwrap_or(0.0),
            actual: r.float("actual"),
            percent: r.float("percent").map(|ratio| ratio * 100.0),
            status: from_wire(&r.text("status")),
            status_name: r.text("status_name"),
        })
        .collect()
}

/// One funding source's money over the rows asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub code: String,
    pub name: String,
    pub planned: i64,
    pub disbursed: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Budget {
    /// The largest planned first.
    pub sources: Vec<Source>,
    pub planned: i64,
    pub disbursed: i64,
    /// The state budget's share of what is planned; `None` when nothing is.
    pub state_share: Option<f64>,
}

/// The budgets report added up by source, over every unit, phase and year of its rows.
pub fn budget(report: &ReportOut) -> Budget {
    let mut by_code: BTreeMap<String, Source> = BTreeMap::new();
    let mut state_planned = 0;
    for row in rows(report) {
        let code = row.text("source_code");
        let source = by_code.entry(code.clone()).or_insert_with(|| Source {
            name: row.text("source_name"),
            code,
            planned: 0,
            disbursed: 0,
        });
        source.planned += row.int("planned");
        source.disbursed += row.int("disbursed");
        if row.flag("state_budget") {
            state_planned += row.int("planned");
        }
    }
    let mut sources: Vec<Source> = by_code.into_values().collect();
    sources.sort_by(|a, b| b.planned.cmp(&a.planned).then_with(|| a.code.cmp(&b.code)));
    let planned: i64 = sources.iter().map(|s| s.planned).sum();
    let disbursed = sources.iter().map(|s| s.disbursed).sum();
    Budget {
        sources,
        planned,
        disbursed,
        state_share: (planned > 0).then(|| state_planned as f64 / planned as f64),
    }
}

#[cfg(test)]
mod tests;
