//! Messages of problem responses in Vietnamese and English, chosen by `Accept-Language`.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    /// Vietnamese when the client prefers it, English otherwise (the guide's rule).
    pub fn from_accept_language(header: Option<&str>) -> Self {
        let Some(header) = header else {
            return Lang::En;
        };
        let mut best = (Lang::En, -1.0_f32);
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let lang = if tag == "vi" || tag.starts_with("vi-") {
                Some(Lang::Vi)
            } else if tag == "en" || tag.starts_with("en-") || tag == "*" {
                Some(Lang::En)
            } else {
                None
            };
            if let Some(lang) = lang
                && q > best.1
            {
                best = (lang, q);
            }
        }
        best.0
    }
}

/// The title of a problem type.
pub fn title(code: &str, lang: Lang) -> &'static str {
    let (vi, en) = match code {
        "validation" => ("Dữ liệu không hợp lệ", "The request has invalid fields"),
        "malformed_json" => ("Nội dung JSON sai cú pháp", "The JSON body is malformed"),
        "bad_request" => ("Yêu cầu không hợp lệ", "The request is invalid"),
        "unauthorized" => (
            "Chưa đăng nhập hoặc phiên đã hết hạn",
            "Authentication is required",
        ),
        "invalid_credentials" => ("Email hoặc mật khẩu không đúng", "Wrong email or password"),
        "forbidden" => (
            "Bạn không có quyền thực hiện thao tác này",
            "You may not do this",
        ),
        "not_found" => ("Không tìm thấy", "Not found"),
        "conflict" => (
            "Xung đột với dữ liệu hiện có",
            "The change conflicts with stored data",
        ),
        "precondition_failed" => (
            "Bản ghi đã bị người khác thay đổi; hãy tải lại",
            "Someone else changed this record; reload it",
        ),
        "precondition_required" => ("Thiếu tiêu đề If-Match", "The If-Match header is required"),
        "invalid_transition" => (
            "Không thể chuyển sang trạng thái này",
            "This state change is not allowed",
        ),
        "too_many_requests" => (
            "Quá nhiều lần thử; hãy đợi rồi thử lại",
            "Too many attempts; wait and retry",
        ),
        "payload_too_large" => ("Nội dung gửi lên quá lớn", "The request body is too large"),
        "unsupported_media_type" => (
            "Kiểu nội dung không được hỗ trợ",
            "Unsupported content type",
        ),
        "method_not_allowed" => ("Phương thức không được hỗ trợ", "Method not allowed"),
        _ => ("Lỗi máy chủ", "Internal server error"),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The message for a field error code.
pub fn field_message(code: &str, lang: Lang) -> String {
    let (vi, en) = match code {
        "required" => ("Trường này là bắt buộc", "This field is required"),
        "length" => ("Độ dài không hợp lệ", "The length is out of range"),
        "range" => (
            "Giá trị nằm ngoài khoảng cho phép",
            "The value is out of range",
        ),
        "email" => ("Email không hợp lệ", "Not a valid email address"),
        "format" => ("Sai định dạng", "The format is wrong"),
        "type" => ("Sai kiểu dữ liệu", "The value has the wrong type"),
        "unknown_field" => ("Trường không được chấp nhận", "This field is not accepted"),
        "unknown_value" => (
            "Giá trị không thuộc danh sách cho phép",
            "Not one of the allowed values",
        ),
        "duplicate" => (
            "Giá trị này đã được sử dụng",
            "This value is already in use",
        ),
        "unknown_unit" => (
            "Đơn vị hành chính không tồn tại hoặc ngoài phạm vi",
            "Unknown unit or outside your scope",
        ),
        "unit_not_in_force" => (
            "Đơn vị hành chính không còn hiệu lực",
            "This administrative unit is no longer in force",
        ),
        "not_a_commune" => ("Phải chọn cấp xã/phường", "Choose a commune or ward"),
        "unknown_subject" => (
            "Chủ thể không tồn tại hoặc ngoài phạm vi",
            "Unknown subject or outside your scope",
        ),
        "subject_archived" => ("Chủ thể đã lưu trữ", "The subject is archived"),
        "only_for_producer" => (
            "Chỉ dùng cho tài khoản chủ thể",
            "Only for producer accounts",
        ),
        "producer_needs_subject" => (
            "Tài khoản chủ thể phải gắn với một chủ thể",
            "A producer account needs a subject",
        ),
        "only_for_collectives" => (
            "Chỉ áp dụng cho hợp tác xã, tổ hợp tác",
            "Only for cooperatives and cooperative groups",
        ),
        "in_future" => (
            "Ngày không được ở tương lai",
            "The date cannot be in the future",
        ),
        "unknown_product_set" => (
            "Bộ sản phẩm không có trong phân loại hiện hành",
            "Not a product set of the classification in force",
        ),
        "tourism_subject_only_tourism" => (
            "Hội, hiệp hội, trung tâm điều hành chỉ đăng ký sản phẩm du lịch cộng đồng",
            "Tourism associations and centres may only register community-tourism products",
        ),
        "less_than_min" => (
            "Giá tối đa phải lớn hơn hoặc bằng giá tối thiểu",
            "The maximum must not be below the minimum",
        ),
        "empty" => ("Tệp rỗng", "The file is empty"),
        "too_large" => (
            "Tệp quá lớn (tối đa 5 MB)",
            "The file is too large (5 MB at most)",
        ),
        "unsupported_type" => (
            "Chỉ nhận ảnh JPEG, PNG hoặc WebP",
            "Only JPEG, PNG or WebP images",
        ),
        "type_mismatch" => (
            "Kiểu tệp không khớp với nội dung",
            "The declared type does not match the content",
        ),
        "too_many_images" => (
            "Đã đủ số ảnh tối đa (10)",
            "The product already has the most images allowed (10)",
        ),
        "subject_in_use" => (
            "Chủ thể đã có sản phẩm hoặc tài khoản; hãy lưu trữ thay vì xóa",
            "The subject has products or users; archive it instead",
        ),
        "unknown_instrument" => (
            "Văn bản pháp lý chưa có trong hệ thống",
            "Unknown legal instrument",
        ),
        "parts_total" => (
            "Tổng điểm các phần phải bằng 100",
            "The part maxima must add up to 100",
        ),
        "before_start" => (
            "Ngày hết hiệu lực trước ngày có hiệu lực",
            "Ends before it starts",
        ),
        "stars_3_to_5_once" => (
            "Mỗi hạng 3, 4, 5 sao phải có đúng một cấp công nhận",
            "Each star level 3 to 5 needs exactly one recognising level",
        ),
        "reference" => (
            "Bản ghi đang được tham chiếu",
            "The record is referenced elsewhere",
        ),
        _ => ("Giá trị không hợp lệ", "Invalid value"),
    };
    match lang {
        Lang::Vi => vi.to_string(),
        Lang::En => en.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn picks_vietnamese_only_when_preferred() {
        assert_eq!(Lang::from_accept_language(Some("vi")), Lang::Vi);
        assert_eq!(
            Lang::from_accept_language(Some("vi-VN,vi;q=0.9,en;q=0.8")),
            Lang::Vi
        );
        assert_eq!(Lang::from_accept_language(Some("en-US,vi;q=0.5")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some("fr")), Lang::En);
        assert_eq!(Lang::from_accept_language(None), Lang::En);
    }
}
