use serde_json::{Value, json};

use super::*;

/// A report as the server would send it: `columns` as `(key, kind)`, rows as JSON objects.
fn report(columns: &[(&str, &str)], rows: Value) -> ReportOut {
    let columns: Vec<Value> = columns
        .iter()
        .map(|(key, kind)| {
            json!({"key": key, "label_vi": key, "label_en": key, "kind": kind,
                   "nullable": true, "description": ""})
        })
        .collect();
    let body = json!({
        "header": {
            "report": "test", "title_vi": "Thử", "title_en": "Test",
            "produced_at": "2027-03-10T01:00:00Z", "as_of": "2027-03-10",
            "unit_id": 1, "unit_code": "66", "unit_name": "Tỉnh Đắk Lắk",
            "produced_for": {"user_id": "0192f5e4-7c1a-7b3e-9d2a-4f6b8c0d1e2f",
                             "role": "province_officer", "unit_id": 1,
                             "unit_name": "Tỉnh Đắk Lắk"},
            "filters": {"year": null}
        },
        "columns": columns,
        "rows": rows,
    });
    serde_json::from_value(body).unwrap_or_else(|e| panic!("a report: {e}"))
}

fn products() -> ReportOut {
    report(
        &[
            ("year", "integer"),
            ("product_set_code", "text"),
            ("product_set_name", "text"),
            ("stars", "integer"),
            ("in_force", "integer"),
        ],
        json!([
            {"year": 2025, "product_set_code": "I.6", "product_set_name": "Cà phê", "stars": 3, "in_force": 2},
            {"year": 2026, "product_set_code": "I.6", "product_set_name": "Cà phê", "stars": 4, "in_force": 1},
            {"year": 2026, "product_set_code": "I.1", "product_set_name": "Rau", "stars": 3, "in_force": 1},
            {"year": 2026, "product_set_code": "I.2", "product_set_name": "Gạo", "stars": 5, "in_force": 0},
        ]),
    )
}

#[test]
fn stars_add_up_the_certificates_in_force_and_keep_empty_ranks() {
    assert_eq!(by_stars(&products()), [(3, 3), (4, 1), (5, 0)]);
}

#[test]
fn product_sets_come_largest_first_without_empty_ones() {
    let sets = by_product_set(&products());
    let codes: Vec<(&str, i64)> = sets.iter().map(|n| (n.code.as_str(), n.count)).collect();
    assert_eq!(codes, [("I.6", 3), ("I.1", 1)]);
    assert_eq!(sets[0].name, "Cà phê");
}

#[test]
fn the_rest_beyond_the_first_few_is_one_item() {
    let items: Vec<Named> = (1..=5)
        .map(|i| Named {
            code: format!("c{i}"),
            name: format!("n{i}"),
            count: 10 - i,
        })
        .collect();
    let kept = top(items.clone(), 2, "Khác");
    assert_eq!(kept.len(), 3);
    assert_eq!(kept[2].name, "Khác");
    assert_eq!(kept[2].count, 7 + 6 + 5);
    // One left over is shown as itself, not as "others".
    assert_eq!(top(items.clone(), 4, "Khác"), items);
}

#[test]
fn expiring_certificates_are_summed_over_the_communes() {
    let summary = report(
        &[
            ("unit_code", "text"),
            ("unit_name", "text"),
            ("expiring_90_days", "integer"),
        ],
        json!([
            {"unit_code": "24133", "unit_name": "Phường Buôn Ma Thuột", "expiring_90_days": 2},
            {"unit_code": "24100", "unit_name": "Xã Ea Tu", "expiring_90_days": 0},
            {"unit_code": "22015", "unit_name": "Phường Tuy Hòa", "expiring_90_days": 3},
        ]),
    );
    let (total, communes) = expiring(&summary);
    assert_eq!(total, 5);
    assert_eq!(communes.len(), 2);
    assert_eq!(communes[0].name, "Phường Tuy Hòa");
}

#[test]
fn the_pipeline_lists_every_state_in_the_cycles_order() {
    let report = report(
        &[
            ("unit_code", "text"),
            ("state", "text"),
            ("dossiers", "integer"),
        ],
        json!([
            {"unit_code": "1", "state": "recognised", "dossiers": 2},
            {"unit_code": "2", "state": "recognised", "dossiers": 1},
            {"unit_code": "1", "state": "idea_registered", "dossiers": 4},
            {"unit_code": "1", "state": "no_such_state", "dossiers": 9},
        ]),
    );
    let states = pipeline(&report);
    assert_eq!(states.len(), CycleState::ALL.len());
    assert_eq!(states[0], (CycleState::IdeaRegistered, 4));
    assert!(states.contains(&(CycleState::Recognised, 3)));
    assert_eq!(states.iter().map(|(_, n)| n).sum::<i64>(), 7);
}

#[test]
fn targets_read_their_status_measure_and_percent() {
    let report = report(
        &[
            ("target_title", "text"),
            ("unit_name", "text"),
            ("measure", "text"),
            ("target", "number"),
            ("actual", "number"),
            ("percent", "ratio"),
            ("status", "text"),
            ("status_name", "text"),
        ],
        json!([
            {"target_title": "Công nhận 10 sản phẩm", "unit_name": "Tỉnh Đắk Lắk",
             "measure": "count", "target": 10.0, "actual": 4.0, "percent": 0.4,
             "status": "needs_acceleration", "status_name": "Cần đẩy nhanh"},
            {"target_title": "Mới", "unit_name": "Xã", "measure": "share", "target": 5000.0,
             "actual": null, "percent": null, "status": "someday", "status_name": "?"},
        ]),
    );
    let targets = targets(&report);
    assert_eq!(targets[0].measure, Some(Measure::Count));
    assert_eq!(targets[0].status, Some(ProgressStatus::NeedsAcceleration));
    assert!((targets[0].percent.unwrap_or_default() - 40.0).abs() < 1e-9);
    assert_eq!(targets[1].status, None);
    assert_eq!(targets[1].percent, None);
    assert_eq!(targets[1].actual, None);
}

#[test]
fn the_budget_adds_up_each_source_over_units_and_phases() {
    let books = report(
        &[
            ("unit_code", "text"),
            ("source_code", "text"),
            ("source_name", "text"),
            ("state_budget", "integer"),
            ("planned", "dong"),
            ("disbursed", "dong"),
        ],
        json!([
            {"unit_code": "66", "source_code": "central", "source_name": "Trung ương",
             "state_budget": 1, "planned": 300, "disbursed": 100},
            {"unit_code": "24133", "source_code": "central", "source_name": "Trung ương",
             "state_budget": 1, "planned": 100, "disbursed": 50},
            {"unit_code": "66", "source_code": "social", "source_name": "Xã hội hóa",
             "state_budget": 0, "planned": 600, "disbursed": 0},
        ]),
    );
    let budget = budget(&books);
    assert_eq!(budget.planned, 1000);
    assert_eq!(budget.disbursed, 150);
    assert_eq!(budget.sources[0].code, "social");
    assert_eq!(budget.sources[1].planned, 400);
    assert_eq!(budget.sources[1].disbursed, 150);
    assert_eq!(budget.state_share, Some(0.4));
    let empty = super::budget(&report(&[("planned", "dong")], json!([])));
    assert_eq!(empty.state_share, None);
}
