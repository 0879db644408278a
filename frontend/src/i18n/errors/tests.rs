//! The sentences people read for problems, checked without a browser.

use super::*;

fn error(field: &str, code: &str, message: &str) -> FieldError {
    FieldError {
        field: field.into(),
        code: code.into(),
        message: message.into(),
    }
}

#[test]
fn an_empty_name_names_the_field_and_says_it_is_required() {
    let e = error("name", "required", "Trường này là bắt buộc");
    let text = Lang::Vi.field_error(&e, Some("Tên sản phẩm"));
    assert_eq!(text, "Tên sản phẩm: bắt buộc, vui lòng nhập");
    assert_eq!(Lang::En.field_error(&e, None), "Name is required");
}

#[test]
fn a_bad_phone_says_what_a_phone_looks_like() {
    let e = error("form_01.phone", "format", "Sai định dạng");
    let text = Lang::Vi.field_error(&e, None);
    assert!(text.starts_with("Số điện thoại không hợp lệ"), "{text}");
    assert!(
        text.contains("10 chữ số") && text.contains("0912 345 678"),
        "{text}"
    );
    assert!(Lang::En.field_error(&e, None).contains("10 digits"));
}

#[test]
fn unknown_fields_show_the_servers_message_without_the_code() {
    let e = error("mystery_field", "odd_code", "Giá trị không hợp lệ");
    assert_eq!(Lang::Vi.field_error(&e, None), "Giá trị không hợp lệ");
    let blank = error("mystery_field", "odd_code", "");
    let text = Lang::En.field_error(&blank, None);
    assert!(
        !text.contains("mystery") && !text.contains("odd_code"),
        "{text}"
    );
}

#[test]
fn wire_names_become_labels() {
    assert_eq!(
        Lang::Vi.field_label("unit_id").as_deref(),
        Some("Đơn vị hành chính")
    );
    assert_eq!(Lang::Vi.field_label("role").as_deref(), Some("Vai trò"));
    assert_eq!(
        Lang::En.field_label("decision.number").as_deref(),
        Some("Decision number")
    );
    assert_eq!(
        Lang::Vi.field_label("choices[1.2]").as_deref(),
        Some("Tiêu chí 1.2")
    );
    let e = error(
        "unit_id",
        "unit_not_in_force",
        "Đơn vị hành chính không còn hiệu lực",
    );
    assert_eq!(
        Lang::Vi.field_error(&e, None),
        "Đơn vị hành chính: Đơn vị hành chính không còn hiệu lực"
    );
}

#[test]
fn the_missing_parts_of_a_dossier_read_as_what_is_missing() {
    let parts = [
        error("form_01", "required", "Trường này là bắt buộc"),
        error("form_02", "required", "Trường này là bắt buộc"),
        error("samples", "too_few", "Chưa đủ số lượng yêu cầu"),
        error("form_03", "required", "Trường này là bắt buộc"),
    ];
    let texts: Vec<String> = parts
        .iter()
        .map(|e| Lang::Vi.field_error(e, None))
        .collect();
    assert!(texts[0].contains("Mẫu 01"));
    assert!(texts[1].contains("Mẫu 02"));
    assert!(texts[2].contains("5 mẫu"));
    assert!(texts[3].contains("Mẫu 03"));
}

#[test]
fn refusal_codes_are_translated_or_left_out() {
    let forbidden = "urn:ocop:problem:forbidden";
    let text = Lang::Vi
        .problem_detail(forbidden, "role")
        .unwrap_or_default();
    assert!(!text.contains("role") && text.contains("vai trò"), "{text}");
    assert_eq!(Lang::Vi.problem_detail(forbidden, "some_new_code"), None);
    let moved = Lang::En.problem_detail(
        "urn:ocop:problem:invalid_transition",
        "implementation → scored",
    );
    assert_eq!(moved.as_deref(), Some("In production → Scored"));
    assert_eq!(
        Lang::Vi.problem_detail("urn:ocop:problem:bad_request", "unit_id"),
        None
    );
    assert_eq!(
        Lang::En
            .problem_detail("urn:ocop:problem:malformed_json", "expected a number")
            .as_deref(),
        Some("expected a number")
    );
}

#[test]
fn a_whole_problem_reads_in_full_without_codes() {
    let problem = Problem {
        kind: "urn:ocop:problem:validation".into(),
        title: "Dữ liệu không hợp lệ".into(),
        status: 422,
        detail: None,
        errors: vec![
            error("form_01", "required", "Trường này là bắt buộc"),
            error("samples", "too_few", "Chưa đủ số lượng yêu cầu"),
        ],
    };
    let text = Lang::Vi.problem(&problem);
    assert!(text.starts_with("Dữ liệu không hợp lệ. "), "{text}");
    assert!(text.contains("Mẫu 01") && text.contains("5 mẫu"), "{text}");
    assert!(
        !text.contains("form_01") && !text.contains("too_few"),
        "{text}"
    );
    let forbidden = Problem {
        kind: "urn:ocop:problem:forbidden".into(),
        title: "Không có quyền".into(),
        status: 403,
        detail: Some("role".into()),
        errors: Vec::new(),
    };
    let text = Lang::Vi.problem(&forbidden);
    assert!(
        !text.ends_with("role") && text.contains("vai trò"),
        "{text}"
    );
}

#[test]
fn no_star_is_never_one_star() {
    assert_eq!(Lang::Vi.stars_words(0), "Chưa đạt sao");
    assert_eq!(Lang::En.stars_words(0), "No star");
    assert_eq!(Lang::Vi.stars_words(2), "2 sao");
    assert_eq!(Lang::En.stars_words(1), "1 star");
    let warning = Lang::Vi.below_sought("49", 2, 4);
    assert!(
        warning.contains("49 điểm") && warning.contains("4 sao"),
        "{warning}"
    );
}
