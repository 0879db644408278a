use super::*;
use crate::test_sheets::{best_of_small, small};
use crate::{rate_council, rate_sheet, score};

/// The small sheet with II.2.a's note on 3.2: a 0 on 3.1 or 3.2 stops.
fn with_zero_stop() -> CriteriaSheet {
    let mut value = serde_json::to_value(small()).unwrap();
    let leaf = &mut value["parts"][1]["sections"][0]["criteria"][1];
    assert_eq!(leaf["code"], "3.2");
    leaf["notes"] = serde_json::json!([
        "Ghi chú: Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không đánh giá các bước tiếp theo."
    ]);
    leaf["derived_flags"] = serde_json::json!({"stop_rule": true});
    serde_json::from_value(value).unwrap()
}

#[test]
fn a_zero_points_note_covers_the_criteria_above_it_under_the_same_heading() {
    let rules = sheet_rules(&with_zero_stop());
    assert_eq!(rules.len(), 1);
    assert_eq!(
        rules[0].trigger,
        Trigger::Zero(vec!["3.1".into(), "3.2".into()])
    );
}

#[test]
fn a_council_is_stopped_only_when_every_member_answers_zero() {
    let sheet = with_zero_stop();
    let mut zero = best_of_small();
    zero.0.insert("3.1".into(), 0);
    let stopped = score(&sheet, &zero).unwrap();
    let rated = score(&sheet, &best_of_small()).unwrap();
    assert_eq!(rate_sheet(&sheet, &stopped).stars, 0);
    let split = rate_council(&sheet, &[stopped.clone(), rated]).unwrap();
    assert!(split.not_rated.is_none());
    let all = rate_council(&sheet, &[stopped.clone(), stopped.clone()]).unwrap();
    assert_eq!(
        all.not_rated.map(|r| (r.kind, r.criterion_code)),
        Some((NotRatedKind::Stopped, Some("3.2".into())))
    );
    // Each member's sheet is stopped, by a 0 on a different criterion of the same rule.
    let mut other_zero = best_of_small();
    other_zero.0.insert("3.2".into(), 0);
    let stopped_elsewhere = score(&sheet, &other_zero).unwrap();
    let each = rate_council(&sheet, &[stopped, stopped_elsewhere]).unwrap();
    assert_eq!(
        each.not_rated.map(|r| r.kind),
        Some(NotRatedKind::Stopped),
        "every sheet is stopped by the rule, though on different criteria"
    );
}
