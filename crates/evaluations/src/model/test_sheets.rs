//! Small handmade sheets for unit tests: every feature of the real ones (nesting, a section
//! scored directly, a choose-one section, a leaf without options, an empty points cell and a
//! typo above the maximum, 3/4/5-star markers) on few enough options to brute-force.

use serde_json::json;

use crate::{CriteriaSheet, Selection};

/// A valid 26/2026-shaped sheet (A40 B25 C35), 9 selectable leaves.
///
/// | leaf  | max | options (points)            | markers        |
/// |-------|-----|-----------------------------|----------------|
/// | 1.1   | 10  | 0, 4, 7, 10                 | 4 → 3★         |
/// | 1.2   | 10  | 0, 5, 10                    | 5 → 4★, 10 → 5★|
/// | 2     | 20  | 0, 10, 20                   |                |
/// | 3.1   | 15  | 0, 5, 15                    |                |
/// | 3.2   | 9   | 0, 3, 9                     | 3 → 3★         |
/// | 3.3   | 1   | none (scoring_note)         |                |
/// | 4.a   | 15  | 0, 15      (choose one of   |                |
/// | 4.b   | 15  | 5, 15       4.a / 4.b)      |                |
/// | 5.1.1 | 12  | 0, 6, 13 (typo, capped 12)  |                |
/// | 5.1.2 | 8   | null (empty cell), 2, 8     |                |
pub fn small() -> CriteriaSheet {
    let value = json!({
        "decision": "26/2026/QĐ-TTg",
        "decision_date": "2026-05-22",
        "product_set": "T.1",
        "name": "Bộ thử",
        "total_points": 100,
        "an_unknown_key": {"is": "tolerated"},
        "parts": [
            {"code": "A", "title": "A", "max_points": 40, "sections": [
                {"code": "1", "title": "S1", "max_points": 20, "mandatory": false, "criteria": [
                    leaf("1.1", 10, &[(Some(0), None), (Some(4), Some(3)), (Some(7), None), (Some(10), None)]),
                    leaf("1.2", 10, &[(Some(0), None), (Some(5), Some(4)), (Some(10), Some(5))]),
                ]},
                with_children(leaf("2", 20, &[(Some(0), None), (Some(10), None), (Some(20), None)]), "criteria", json!([])),
            ]},
            {"code": "B", "title": "B", "max_points": 25, "sections": [
                {"code": "3", "title": "S3", "max_points": 25, "criteria": [
                    leaf("3.1", 15, &[(Some(0), None), (Some(5), None), (Some(15), None)]),
                    leaf("3.2", 9, &[(Some(0), None), (Some(3), Some(3)), (Some(9), None)]),
                    {"code": "3.3", "title": "Song ngữ", "max_points": 1, "options": [], "children": [],
                     "scoring_note": "no options printed"},
                ]},
            ]},
            {"code": "C", "title": "C", "max_points": 35, "sections": [
                {"code": "4", "title": "S4", "max_points": 15, "children_mode": "choose_one", "criteria": [
                    leaf("4.a", 15, &[(Some(0), None), (Some(15), None)]),
                    leaf("4.b", 15, &[(Some(5), None), (Some(15), None)]),
                ]},
                {"code": "5", "title": "S5", "max_points": 20, "criteria": [
                    {"code": "5.1", "title": "5.1", "max_points": 20, "options": [], "children": [
                        anomaly(leaf("5.1.1", 12, &[(Some(0), None), (Some(6), None), (Some(13), None)]), 2),
                        anomaly(leaf("5.1.2", 8, &[(None, None), (Some(2), None), (Some(8), None)]), 0),
                    ]},
                ]},
            ]},
        ]
    });
    serde_json::from_value(value).unwrap()
}

/// A leaf criterion with options `(points, marker)`; `mandatory` and `min_star_requirements`
/// are derived as the transcriber does.
pub fn leaf(code: &str, max: u32, options: &[(Option<u32>, Option<u8>)]) -> serde_json::Value {
    let mut requirements = serde_json::Map::new();
    let opts: Vec<_> = options
        .iter()
        .enumerate()
        .map(|(i, (points, marker))| {
            let mut o = json!({"text": format!("{code} option {i}"), "points": points});
            if let Some(level) = marker {
                o["min_star_marker"] = json!(level);
                requirements.insert(
                    level.to_string(),
                    json!({"option_index": i, "option_text": format!("{code} option {i}"), "points": points}),
                );
            }
            o
        })
        .collect();
    json!({
        "code": code, "title": format!("Tiêu chí {code}"), "max_points": max,
        "mandatory": requirements.contains_key("3"),
        "min_star_requirements": requirements,
        "options": opts, "children": []
    })
}

fn with_children(
    mut node: serde_json::Value,
    key: &str,
    children: serde_json::Value,
) -> serde_json::Value {
    if let Some(obj) = node.as_object_mut() {
        obj.remove("children");
        obj.insert(key.to_string(), children);
    }
    node
}

fn anomaly(mut node: serde_json::Value, option: usize) -> serde_json::Value {
    node["options"][option]["source_anomaly"] = json!("printed so in the source");
    node
}

pub fn sel(choices: &[(&str, u32)]) -> Selection {
    Selection(choices.iter().map(|(c, i)| (c.to_string(), *i)).collect())
}

/// Every selectable leaf at its best option, alternative 4.a: 99 points (3.3 cannot score).
pub fn best_of_small() -> Selection {
    sel(&[
        ("1.1", 3),
        ("1.2", 2),
        ("2", 2),
        ("3.1", 2),
        ("3.2", 2),
        ("4.a", 1),
        ("5.1.1", 2),
        ("5.1.2", 2),
    ])
}
