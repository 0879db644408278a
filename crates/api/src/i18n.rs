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
        "over_limit" => (
            "Vượt quá số tiền còn lại; không có gì được ghi",
            "Beyond the amount left; nothing was recorded",
        ),
        "invalid_transition" => (
            "Không thể chuyển sang trạng thái này",
            "This state change is not allowed",
        ),
        "too_many_requests" => (
            "Quá nhiều lần thử; hãy đợi rồi thử lại",
            "Too many attempts; wait and retry",
        ),
        "busy" => (
            "Máy chủ đang bận; hãy thử lại sau",
            "The server is busy; retry later",
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
        "check_digit" => (
            "Chữ số kiểm tra không đúng: hãy đối chiếu lại với mã vạch",
            "The check digit is wrong: compare it with the barcode again",
        ),
        "control_character" => (
            "Văn bản chứa ký tự điều khiển không được chấp nhận",
            "The text holds a control character, which is not accepted",
        ),
        "date_bounds" => (
            "Ngày phải nằm trong khoảng 1900-01-01 đến 2100-12-31",
            "The date must lie between 1900-01-01 and 2100-12-31",
        ),
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
            "Chỉ dùng cho tài khoản chủ thể hoặc thành viên hội đồng",
            "Only for producer or council member accounts",
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
        "not_an_entry_state" => (
            "Chu trình chỉ bắt đầu từ ý tưởng hoặc giai đoạn triển khai",
            "A cycle starts at an idea or at implementation",
        ),
        "already_certified" => (
            "Sản phẩm đang có giấy chứng nhận còn hiệu lực: chọn nâng hạng hoặc đánh giá lại",
            "The product holds a valid certificate: choose upgrade or re-rating",
        ),
        "no_valid_certificate" => (
            "Sản phẩm chưa có giấy chứng nhận còn hiệu lực",
            "The product holds no valid certificate",
        ),
        "re_rating_starts_at_implementation" => (
            "Đánh giá lại bắt đầu từ giai đoạn triển khai",
            "A re-rating starts at implementation",
        ),
        "no_criteria_for_product_set" => (
            "Chưa có bộ tiêu chí cho bộ sản phẩm này",
            "There is no criteria sheet for this product set",
        ),
        "cycle_exists_for_year" => (
            "Sản phẩm đã có chu trình trong năm này",
            "The product already has a cycle this year",
        ),
        "dossier_locked" => (
            "Phần hồ sơ này không thể sửa ở bước hiện tại",
            "This part of the dossier cannot change at this step",
        ),
        "use_round_agenda" => (
            "Đưa hồ sơ ra hội đồng bằng cách thêm vào chương trình của đợt đánh giá",
            "Put the dossier before a council by adding it to a round's agenda",
        ),
        "too_few" => ("Chưa đủ số lượng yêu cầu", "Fewer than required"),
        "recognisable" => (
            "Kết quả đạt từ 3 sao, cần quyết định công nhận",
            "The result reaches 3 stars and needs a recognition decision",
        ),
        "not_recognised_by_province" => (
            "Cấp tỉnh chỉ công nhận sản phẩm 3 và 4 sao",
            "The province recognises only 3 and 4 stars",
        ),
        "not_recognisable" => (
            "Kết quả dưới 3 sao không được công nhận",
            "A result below 3 stars is not recognised",
        ),
        "below_ninety" => (
            "Điểm trung bình dưới 90: không đủ điều kiện đề xuất 5 sao",
            "An average below 90 is not a 5-star candidate",
        ),
        "no_recognising_level" => (
            "Không có cấp công nhận theo văn bản có hiệu lực ngày quyết định",
            "No level recognises these stars under the instrument in force on the decision date",
        ),
        "abolished" => (
            "Cấp huyện đã bị bãi bỏ",
            "District level has been abolished",
        ),
        "no_instrument_in_force" => (
            "Không có văn bản có hiệu lực vào ngày này",
            "No instrument is in force on that day",
        ),
        "no_round_calendar" => (
            "Văn bản có hiệu lực không quy định lịch đợt đánh giá cho cấp này",
            "The instrument in force sets no round calendar for this level",
        ),
        "round_closed" => ("Đợt đánh giá đã kết thúc", "The round is closed"),
        "scoring_started" => (
            "Đã có phiếu chấm được nộp: không thể đổi hội đồng",
            "Sheets have been submitted: the council can no longer change",
        ),
        "unknown_user" => ("Người dùng không tồn tại", "No such user"),
        "not_a_council_member" => (
            "Người dùng không có vai trò thành viên hội đồng",
            "The user is not a council member",
        ),
        "inactive" => ("Tài khoản không hoạt động", "The account is inactive"),
        "not_a_five_star_candidate" => (
            "Hồ sơ không phải sản phẩm tiềm năng 5 sao chờ hội đồng trung ương",
            "The dossier is not a 5-star candidate awaiting the central council",
        ),
        "after_round_cutoff" => (
            "Hồ sơ được chuyển sau hạn của đợt đánh giá",
            "The dossier was forwarded after the round's cut-off",
        ),
        "scoring_closed" => (
            "Việc chấm điểm hồ sơ này đã kết thúc",
            "Scoring of this dossier is closed",
        ),
        "sheet_submitted" => (
            "Phiếu chấm đã nộp, không thể sửa",
            "The sheet is submitted and cannot change",
        ),
        "incomplete" => ("Còn tiêu chí chưa chấm", "Some criteria are not scored yet"),
        "unscored" => (
            "Hồ sơ chưa có phiếu chấm nào được nộp",
            "No sheet has been submitted for this dossier",
        ),
        "no_self_assessment" => (
            "Chưa có phiếu tự đánh giá (Mẫu 02)",
            "There is no self-assessment (Form 02) yet",
        ),
        "not_scored" => (
            "Hồ sơ chưa được hội đồng chấm",
            "The council has not scored the dossier",
        ),
        "already_revoked" => (
            "Giấy chứng nhận đã bị thu hồi",
            "The certificate is already revoked",
        ),
        "before_issue" => ("Ngày trước ngày cấp", "The date is before the issue date"),
        "over_limit" => (
            "Số tiền vượt quá phần còn lại",
            "The amount is more than what is left",
        ),
        "already_reversed" => (
            "Bút toán này đã được đảo",
            "This entry was already reversed",
        ),
        "not_reversible" => (
            "Chỉ đảo được một khoản chi",
            "Only a disbursement can be reversed",
        ),
        "outside_line_unit" => (
            "Kế hoạch không thuộc đơn vị của dòng ngân sách",
            "The plan is outside the budget line's unit",
        ),
        "before_previous_revision" => (
            "Ngày điều chỉnh trước ngày của lần điều chỉnh trước",
            "The revision is dated before the line's previous revision",
        ),
        "other_unit" => (
            "Chứng từ thuộc đơn vị khác với khoản phân bổ",
            "The document was filed for another unit than the allocation's",
        ),
        "other_year" => (
            "Kế hoạch không cùng năm với dòng ngân sách",
            "The plan is for another year than the budget line",
        ),
        "one_of" => (
            "Chọn đúng một trong kế hoạch hoặc nhiệm vụ",
            "Give exactly one of plan or activity",
        ),
        "unknown_source" => ("Nguồn vốn không có trong danh mục", "Not a funding source"),
        "before_allocation" => (
            "Ngày chi trước ngày phân bổ",
            "The day is before the allocation was made",
        ),
        "before_reversed_entry" => (
            "Ngày đảo trước ngày của khoản chi",
            "The day is before the entry it reverses",
        ),
        "outside_phase" => ("Năm nằm ngoài giai đoạn", "The year is outside the phase"),
        "below_allocated" => ("Thấp hơn số đã phân bổ", "Below what is already allocated"),
        "too_many_attachments" => (
            "Hồ sơ đã có tối đa 30 tệp đính kèm",
            "The dossier already has 30 attachments",
        ),
        "plan_not_draft" => (
            "Kế hoạch đã được phê duyệt; chỉ sửa được khi còn là dự thảo",
            "The plan is no longer a draft",
        ),
        "plan_year_not_over" => (
            "Chưa hết năm kế hoạch; chỉ đóng được kế hoạch sau ngày 31/12 của năm đó",
            "The plan's year is not over yet",
        ),
        "year_outside_phase" => (
            "Năm kế hoạch nằm ngoài giai đoạn",
            "The plan's year is outside the phase",
        ),
        "unknown_phase" => ("Giai đoạn không tồn tại", "No such phase"),
        "phase_of_other_unit" => (
            "Giai đoạn thuộc đơn vị khác",
            "The phase belongs to another unit",
        ),
        "not_for_metric" => (
            "Chỉ tiêu này không dùng bộ lọc này",
            "This metric does not take this filter",
        ),
        "below_min" => ("Nhỏ hơn giá trị tối thiểu", "Below the minimum"),
        "period_outside_plan_year" => (
            "Thời kỳ phải bao gồm năm kế hoạch",
            "The period must include the plan's year",
        ),
        "below_target" => ("Nhỏ hơn giá trị chỉ tiêu", "Below the target"),
        "plan_closed" => (
            "Kế hoạch đã kết thúc, không thể thay đổi nhiệm vụ",
            "The plan is closed; its activities cannot change",
        ),
        "outside_plan_unit" => (
            "Đơn vị phải là đơn vị của kế hoạch hoặc trực thuộc",
            "The unit must be the plan's unit or one under it",
        ),
        "no_participants" => (
            "Nhiệm vụ này không ghi nhận người tham dự",
            "This kind of activity records no participants",
        ),
        "no_products" => (
            "Nhiệm vụ này không ghi nhận sản phẩm tham gia",
            "This kind of activity records no products",
        ),
        "unknown_product" => (
            "Sản phẩm không tồn tại hoặc ngoài phạm vi",
            "Unknown product or outside your scope",
        ),
        "not_for_officer" => (
            "Cán bộ quản lý không ghi kèm chủ thể",
            "An officer is recorded without a subject",
        ),
        "not_for_producer" => (
            "Người của chủ thể không ghi kèm tài khoản cán bộ",
            "A producer is recorded without an officer's account",
        ),
        "https_required" => (
            "Đường dẫn phải bắt đầu bằng https://",
            "The link must start with https://",
        ),
        "already_on_sale" => (
            "Sản phẩm đang được bán tại điểm này trong khoảng thời gian đó",
            "The product is already on sale here over that time",
        ),
        "before_opening" => (
            "Ngày trước ngày điểm bán mở cửa",
            "The day is before the point of sale opened",
        ),
        "after_closing" => (
            "Ngày sau ngày điểm bán đóng cửa",
            "The day is after the point of sale closed",
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
