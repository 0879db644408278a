//! The metric catalogue as docs/PLANS.md documents it: every metric of the code has its row,
//! with the measure and the way of counting the code gives it, and the document names no metric
//! the code does not have. A new metric without its documentation fails here.
// A test binary: its helpers may panic, like the tests themselves.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;

use ocop_plans::{Accumulation, Measure, Metric};

const PLANS_DOC: &str = include_str!("../../../docs/PLANS.md");

/// The catalogue table's rows: metric word -> (measure, kind) as written.
fn documented() -> BTreeMap<String, (String, String)> {
    PLANS_DOC
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            // `| `metric` | measure | kind | counted from | filters |`
            if cells.len() < 6 {
                return None;
            }
            let metric = cells[1].strip_prefix('`')?.strip_suffix('`')?;
            Metric::parse(metric)?;
            Some((
                metric.to_string(),
                (cells[2].to_string(), cells[3].to_string()),
            ))
        })
        .collect()
}

fn measure_word(measure: Measure) -> &'static str {
    match measure {
        Measure::Count => "count",
        Measure::Share => "share",
        Measure::Money => "money",
    }
}

fn kind_word(accumulation: Accumulation) -> &'static str {
    match accumulation {
        Accumulation::Flow => "flow",
        Accumulation::Stock => "stock",
    }
}

#[test]
fn every_metric_is_documented_with_its_measure_and_kind() {
    let rows = documented();
    for metric in Metric::ALL {
        let (measure, kind) = rows
            .get(metric.as_str())
            .unwrap_or_else(|| panic!("docs/PLANS.md has no row for `{}`", metric.as_str()));
        assert_eq!(
            measure,
            measure_word(metric.measure()),
            "{}",
            metric.as_str()
        );
        assert_eq!(
            kind,
            kind_word(metric.accumulation()),
            "{}",
            metric.as_str()
        );
    }
    assert_eq!(
        rows.len(),
        Metric::ALL.len(),
        "the document lists a metric twice or one too many"
    );
}
