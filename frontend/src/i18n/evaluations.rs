//! The strings of the evaluation screens (cycles, dossiers, rounds, sheets, certificates,
//! alerts) and the names of their enums, in Vietnamese and English.

use ocop_evaluations::{
    AlertKind, AttachmentKind, CertificateState, CouncilPosition, CycleState, DossierType, MySheet,
    RecognitionLevel, RevocationGround,
};

use super::{Lang, pick};

impl Lang {
    pub fn cycle_state(self, state: CycleState) -> &'static str {
        use CycleState as S;
        let vi = self == Self::Vi;
        match state {
            S::IdeaRegistered => pick(vi, "Đã đăng ký ý tưởng", "Idea registered"),
            S::IdeaReturned => pick(vi, "Ý tưởng bị trả lại", "Idea returned"),
            S::IdeaAccepted => pick(vi, "Ý tưởng được chấp nhận", "Idea accepted"),
            S::PlanSubmitted => pick(vi, "Đã nộp phương án kinh doanh", "Business plan submitted"),
            S::PlanApproved => pick(vi, "Phương án được duyệt", "Business plan approved"),
            S::Implementation => pick(vi, "Đang triển khai sản xuất", "In production"),
            S::DossierSubmitted => pick(vi, "Đã nộp hồ sơ", "Dossier submitted"),
            S::DossierReturnedForCompletion => {
                pick(vi, "Hồ sơ trả lại để bổ sung", "Returned for completion")
            }
            S::DossierResubmitted => pick(vi, "Đã nộp lại hồ sơ", "Dossier resubmitted"),
            S::CommuneChecked => pick(vi, "Xã đã kiểm tra", "Checked by the commune"),
            S::AwaitingCouncil => pick(vi, "Chờ hội đồng", "Awaiting the council"),
            S::Scored => pick(vi, "Đã chấm điểm", "Scored"),
            S::ResultDecided => pick(vi, "Đã có kết quả", "Result decided"),
            S::Recognised => pick(vi, "Đã công nhận", "Recognised"),
            S::NotRecognised => pick(vi, "Không công nhận", "Not recognised"),
            S::PotentialFiveStars => pick(vi, "Tiềm năng 5 sao", "5-star candidate"),
        }
    }

    /// The button that makes a move, said as the act.
    pub fn move_label(self, from: CycleState, to: CycleState) -> &'static str {
        use CycleState as S;
        let vi = self == Self::Vi;
        match (from, to) {
            (S::PlanSubmitted, S::IdeaAccepted) => {
                pick(vi, "Trả lại phương án", "Send the plan back")
            }
            (_, S::IdeaRegistered) => pick(vi, "Gửi lại ý tưởng", "Resubmit the idea"),
            (_, S::IdeaReturned) => pick(vi, "Trả lại ý tưởng", "Return the idea"),
            (_, S::IdeaAccepted) => pick(vi, "Chấp nhận ý tưởng", "Accept the idea"),
            (_, S::PlanSubmitted) => {
                pick(vi, "Nộp phương án kinh doanh", "Submit the business plan")
            }
            (_, S::PlanApproved) => pick(vi, "Duyệt phương án", "Approve the plan"),
            (_, S::Implementation) => pick(vi, "Bắt đầu triển khai", "Start production"),
            (_, S::DossierSubmitted) => pick(vi, "Nộp hồ sơ", "Submit the dossier"),
            (_, S::DossierReturnedForCompletion) => {
                pick(vi, "Trả lại để bổ sung", "Return for completion")
            }
            (_, S::DossierResubmitted) => pick(vi, "Nộp lại hồ sơ", "Resubmit the dossier"),
            (_, S::CommuneChecked) => pick(vi, "Xác nhận đã kiểm tra", "Confirm the check"),
            (_, S::AwaitingCouncil) => pick(vi, "Đưa ra hội đồng", "Put before a council"),
            (_, S::Scored) => pick(vi, "Kết thúc chấm điểm", "Close the scoring"),
            (_, S::ResultDecided) => pick(vi, "Chốt kết quả", "Record the result"),
            (_, S::Recognised) => pick(vi, "Công nhận", "Recognise"),
            (_, S::NotRecognised) => pick(vi, "Không công nhận", "Refuse recognition"),
            (_, S::PotentialFiveStars) => pick(
                vi,
                "Đề nghị Trung ương (5 sao)",
                "Forward as a 5-star candidate",
            ),
        }
    }

    pub fn dossier_type(self, kind: DossierType) -> &'static str {
        let vi = self == Self::Vi;
        match kind {
            DossierType::FirstRating => pick(vi, "Đánh giá lần đầu", "First rating"),
            DossierType::Upgrade => pick(vi, "Nâng hạng sao", "Upgrade"),
            DossierType::ReRating => pick(vi, "Đánh giá lại", "Re-rating"),
        }
    }

    pub fn attachment_kind(self, kind: AttachmentKind) -> &'static str {
        let vi = self == Self::Vi;
        match kind {
            AttachmentKind::BusinessRegistration => {
                pick(vi, "Giấy đăng ký kinh doanh", "Business registration")
            }
            AttachmentKind::TestResult => pick(vi, "Phiếu kết quả kiểm nghiệm", "Test result"),
            AttachmentKind::QualityDeclaration => {
                pick(vi, "Bản công bố chất lượng", "Quality declaration")
            }
            AttachmentKind::Label => pick(vi, "Nhãn sản phẩm", "Label"),
            AttachmentKind::Photo => pick(vi, "Hình ảnh", "Photo"),
            AttachmentKind::Other => pick(vi, "Tài liệu khác", "Other"),
        }
    }

    pub fn level(self, level: RecognitionLevel) -> &'static str {
        let vi = self == Self::Vi;
        match level {
            RecognitionLevel::District => pick(vi, "Cấp huyện", "District"),
            RecognitionLevel::Province => pick(vi, "Cấp tỉnh", "Province"),
            RecognitionLevel::Central => pick(vi, "Trung ương", "Central"),
        }
    }

    pub fn position(self, position: CouncilPosition) -> &'static str {
        let vi = self == Self::Vi;
        match position {
            CouncilPosition::Chair => pick(vi, "Chủ tịch hội đồng", "Chair"),
            CouncilPosition::Secretary => pick(vi, "Thư ký", "Secretary"),
            CouncilPosition::Member => pick(vi, "Thành viên", "Member"),
        }
    }

    pub fn my_sheet(self, status: MySheet) -> &'static str {
        let vi = self == Self::Vi;
        match status {
            MySheet::None => pick(vi, "Chưa chấm", "Not started"),
            MySheet::Draft => pick(vi, "Bản nháp", "Draft"),
            MySheet::Submitted => pick(vi, "Đã nộp", "Submitted"),
            MySheet::Excluded => pick(vi, "Không tham gia", "Excluded"),
        }
    }

    pub fn certificate_state(self, state: CertificateState) -> &'static str {
        use CertificateState as C;
        let vi = self == Self::Vi;
        match state {
            C::NotYetIssued => pick(vi, "Chưa có hiệu lực", "Not yet in force"),
            C::Valid => pick(vi, "Còn hiệu lực", "Valid"),
            C::ReRatingDue => pick(vi, "Đến hạn đánh giá lại", "Re-rating due"),
            C::Expiring => pick(vi, "Sắp hết hạn", "Expiring"),
            C::Extended => pick(vi, "Được gia hạn", "Extended"),
            C::Expired => pick(vi, "Hết hạn", "Expired"),
            C::Revoked => pick(vi, "Đã thu hồi", "Revoked"),
            C::Superseded => pick(vi, "Đã được thay thế", "Superseded"),
        }
    }

    pub fn revocation_ground(self, ground: RevocationGround) -> &'static str {
        use RevocationGround as G;
        let vi = self == Self::Vi;
        match ground {
            G::FalseDossier => pick(
                vi,
                "Hồ sơ không trung thực, giả mạo",
                "False or forged dossier",
            ),
            G::CriteriaNoLongerMet => {
                pick(vi, "Không còn đáp ứng tiêu chí", "Criteria no longer met")
            }
            G::LegalBreach => pick(vi, "Vi phạm pháp luật", "Breach of law"),
            G::MarkMisuse => pick(vi, "Sử dụng sai biểu trưng OCOP", "Misuse of the OCOP mark"),
            G::ProductionStopped => pick(vi, "Không còn sản xuất", "Production stopped"),
            G::OtherAuthorityFinding => pick(
                vi,
                "Theo kết luận của cơ quan có thẩm quyền",
                "Finding of a competent authority",
            ),
        }
    }

    pub fn alert_kind(self, kind: AlertKind) -> &'static str {
        use AlertKind as A;
        let vi = self == Self::Vi;
        match kind {
            A::DossierAwaitingCheck => pick(vi, "Hồ sơ chờ xã kiểm tra", "Dossier awaiting check"),
            A::DossierAwaitingCouncil => pick(
                vi,
                "Hồ sơ chờ đưa ra hội đồng",
                "Dossier awaiting a council",
            ),
            A::ResultAwaitingDecision => {
                pick(vi, "Kết quả chờ quyết định", "Result awaiting decision")
            }
            A::RoundDeadlineNear => pick(vi, "Sắp đến hạn đợt đánh giá", "Round deadline near"),
            A::ReRatingDue => pick(vi, "Đến hạn đánh giá lại", "Re-rating due"),
            A::CertificateExpired => pick(vi, "Giấy chứng nhận hết hạn", "Certificate expired"),
            A::SheetToScore => pick(vi, "Phiếu chờ chấm điểm", "Sheet to score"),
            A::DossierReturned => pick(vi, "Hồ sơ bị trả lại", "Dossier returned"),
            A::CertificateExpiring => {
                pick(vi, "Giấy chứng nhận sắp hết hạn", "Certificate expiring")
            }
        }
    }
}

/// The evaluation screens' strings; `Dict::ev`.
pub struct Ev {
    pub nav_cycles: &'static str,
    pub nav_rounds: &'static str,
    pub nav_certificates: &'static str,
    pub nav_alerts: &'static str,

    pub cycles_title: &'static str,
    pub new_cycle: &'static str,
    pub open_cycle: &'static str,
    pub product: &'static str,
    pub find_product: &'static str,
    pub year: &'static str,
    pub all_years: &'static str,
    pub entry: &'static str,
    pub entry_hint: &'static str,
    pub dossier_type: &'static str,
    pub idea: &'static str,
    pub idea_hint: &'static str,
    pub self_total: &'static str,

    pub dossier: &'static str,
    pub step_idea: &'static str,
    pub step_plan: &'static str,
    pub step_form01: &'static str,
    pub step_form02: &'static str,
    pub step_files: &'static str,
    pub step_submit: &'static str,
    pub step_form03: &'static str,
    pub business_plan: &'static str,
    pub business_plan_hint: &'static str,
    pub stars_sought: &'static str,
    pub annual_output: &'static str,
    pub notes: &'static str,
    pub samples: &'static str,
    pub samples_hint: &'static str,
    pub attachments: &'static str,
    pub file: &'static str,
    pub size: &'static str,
    pub uploaded_on: &'static str,
    pub no_files: &'static str,
    pub file_uploaded: &'static str,
    pub local_raw_material: &'static str,
    pub local_labour: &'static str,
    pub idea_origin: &'static str,
    pub conclusion: &'static str,
    pub check_self: &'static str,
    pub check_samples: &'static str,
    pub submit_hint: &'static str,
    pub submitted_on: &'static str,
    pub check_due_on: &'static str,
    pub round: &'static str,
    pub open_round: &'static str,
    pub certificate: &'static str,
    pub open_certificate: &'static str,
    pub council_result: fn(u32) -> String,
    pub average: &'static str,
    pub show_council_advice: &'static str,
    pub history: &'static str,
    pub when: &'static str,
    pub who: &'static str,
    pub change: &'static str,

    pub actions: &'static str,
    pub no_moves: &'static str,
    pub confirm_move: fn(&str) -> String,
    pub reason: &'static str,
    pub reason_hint: &'static str,
    pub reason_required: &'static str,
    pub decision_number: &'static str,
    pub decided_on: &'static str,
    pub signer: &'static str,
    pub confirm: &'static str,
    pub moved: &'static str,

    pub live_score: &'static str,
    pub disqualifiers: &'static str,
    pub choose_one_case: &'static str,
    pub mandatory: &'static str,
    pub minimum_for: fn(u8) -> String,
    pub unanswered: fn(usize) -> String,
    pub unmet_line: fn(&str, u8, &str, u32, &str) -> String,
    pub stars_label: fn(u8) -> String,
    pub capped_by_minimums: fn(u8, u8) -> String,
    pub advice_title: &'static str,
    pub next_level_plan: fn(u8) -> String,
    pub plan_summary: fn(u32, u32) -> String,
    pub undecided: fn(&str) -> String,
    pub improvements: &'static str,

    pub rounds_title: &'static str,
    pub new_round: &'static str,
    pub open_round_submit: &'static str,
    pub level: &'static str,
    pub all_levels: &'static str,
    pub round_open: &'static str,
    pub round_closed: &'static str,
    pub opened_on: &'static str,
    pub opened_on_hint: &'static str,
    pub forwarded_before: &'static str,
    pub decide_before: &'static str,
    pub instrument: &'static str,
    pub agenda_count: &'static str,
    pub council: &'static str,
    pub no_council: &'static str,
    pub edit_council: &'static str,
    pub position: &'static str,
    pub chair: &'static str,
    pub secretary: &'static str,
    pub members: &'static str,
    pub agenda: &'static str,
    pub agenda_empty: &'static str,
    pub sheets_in: &'static str,
    pub my_sheet: &'static str,
    pub stars: &'static str,
    pub unmet_minimums: &'static str,
    pub score: &'static str,
    pub view_sheet: &'static str,
    pub add_to_agenda: &'static str,
    pub add: &'static str,
    pub added_to_agenda: &'static str,
    pub close_round: &'static str,
    pub close_round_hint: &'static str,
    pub close_round_confirm: &'static str,
    pub round_closed_notice: &'static str,

    pub score_sheet: &'static str,
    pub back_to_round: &'static str,
    pub open_dossier: &'static str,
    pub save_draft: &'static str,
    pub submit_sheet: &'static str,
    pub sheet_submitted: &'static str,
    pub sheet_is_submitted: &'static str,
    pub sheet_excluded: &'static str,
    pub sheet_draft_hint: &'static str,
    pub others_hidden: &'static str,
    pub council_sheets: &'static str,
    pub member: &'static str,
    pub total: &'static str,
    pub submitted_at: &'static str,
    pub declare_conflict: &'static str,
    pub conflict_reason: &'static str,
    pub conflict_declared: &'static str,

    pub certificates_title: &'static str,
    pub all_stars: &'static str,
    pub certificate_heading: &'static str,
    pub certificate_number: &'static str,
    pub issuing_body: &'static str,
    pub issuing_level: &'static str,
    pub decision: &'static str,
    pub issued_on: &'static str,
    pub expires_on: &'static str,
    pub re_rating_window: &'static str,
    pub verify_at: &'static str,
    pub print: &'static str,
    pub revoke: &'static str,
    pub revoked: &'static str,
    pub ground: &'static str,

    pub verify_title: &'static str,
    pub verify_code: &'static str,

    pub alerts_title: &'static str,
    pub alert: &'static str,
    pub due_on: &'static str,
    pub overdue: &'static str,
    pub no_alerts: &'static str,
}

pub const VI: Ev = Ev {
    nav_cycles: "Hồ sơ",
    nav_rounds: "Hội đồng",
    nav_certificates: "Giấy chứng nhận",
    nav_alerts: "Cảnh báo",

    cycles_title: "Chu trình OCOP và hồ sơ",
    new_cycle: "Mở chu trình mới",
    open_cycle: "Mở chu trình",
    product: "Sản phẩm",
    find_product: "Lọc sản phẩm theo tên…",
    year: "Năm",
    all_years: "Mọi năm",
    entry: "Bắt đầu từ",
    entry_hint: "Ý tưởng mới, hoặc sản phẩm đã sản xuất",
    dossier_type: "Loại hồ sơ",
    idea: "Ý tưởng sản phẩm",
    idea_hint: "Ý tưởng được ghi khi mở chu trình.",
    self_total: "Tự chấm",

    dossier: "Hồ sơ",
    step_idea: "1. Ý tưởng",
    step_plan: "2. Phương án kinh doanh",
    step_form01: "3. Mẫu 01",
    step_form02: "4. Mẫu 02 – Tự đánh giá",
    step_files: "5. Mẫu sản phẩm và tài liệu",
    step_submit: "6. Nộp hồ sơ",
    step_form03: "Mẫu 03 – Xã kiểm tra",
    business_plan: "Phương án, kế hoạch sản xuất kinh doanh",
    business_plan_hint: "Thị trường, nguồn nguyên liệu, vốn, lao động, kế hoạch phát triển sản phẩm.",
    stars_sought: "Hạng sao đăng ký",
    annual_output: "Sản lượng hằng năm",
    notes: "Ghi chú",
    samples: "Số mẫu sản phẩm đã nộp",
    samples_hint: "Thường là 5 mẫu (trừ sản phẩm du lịch cộng đồng).",
    attachments: "Tài liệu đính kèm",
    file: "Tệp",
    size: "Dung lượng",
    uploaded_on: "Ngày tải lên",
    no_files: "Chưa có tài liệu.",
    file_uploaded: "Đã tải tệp lên.",
    local_raw_material: "Nguồn nguyên liệu tại địa phương",
    local_labour: "Sử dụng lao động địa phương",
    idea_origin: "Nguồn gốc ý tưởng",
    conclusion: "Kết luận của xã",
    check_self: "Mẫu 02 đã chấm đủ các tiêu chí",
    check_samples: "Đã nộp đủ 5 mẫu sản phẩm",
    submit_hint: "Khi hồ sơ đã đủ, dùng nút “Nộp hồ sơ” ở khung Thao tác phía trên.",
    submitted_on: "Ngày nộp",
    check_due_on: "Hạn xã kiểm tra",
    round: "Đợt đánh giá",
    open_round: "Xem đợt đánh giá",
    certificate: "Giấy chứng nhận",
    open_certificate: "Xem giấy chứng nhận",
    council_result: |n| format!("Kết quả của hội đồng ({n} phiếu)"),
    average: "Điểm trung bình",
    show_council_advice: "Gợi ý cải thiện theo phiếu hội đồng",
    history: "Lịch sử xử lý",
    when: "Thời điểm",
    who: "Người thực hiện",
    change: "Chuyển trạng thái",

    actions: "Thao tác",
    no_moves: "Bạn không có thao tác nào ở bước này.",
    confirm_move: |state| format!("Chuyển hồ sơ sang: {state}?"),
    reason: "Lý do",
    reason_hint: "Bắt buộc khi trả lại hoặc không công nhận.",
    reason_required: "Thao tác này cần ghi rõ lý do.",
    decision_number: "Số quyết định",
    decided_on: "Ngày quyết định",
    signer: "Người ký (kèm chức vụ)",
    confirm: "Xác nhận",
    moved: "Đã cập nhật trạng thái hồ sơ.",

    live_score: "Điểm tạm tính",
    disqualifiers: "Trường hợp không đánh giá:",
    choose_one_case: "Chọn một trong các trường hợp sau (chọn ở trường hợp này sẽ bỏ các lựa chọn ở trường hợp khác).",
    mandatory: "bắt buộc",
    minimum_for: |level| format!("Mức tối thiểu để đạt {level} sao"),
    unanswered: |n| {
        if n == 0 {
            "Đã chấm đủ các tiêu chí.".to_string()
        } else {
            format!("Còn {n} tiêu chí chưa chấm:")
        }
    },
    unmet_line: |code, level, option, points, achieved| {
        format!("{code}: để đạt {level} sao cần “{option}” ({points} điểm); hiện đạt {achieved}")
    },
    stars_label: |stars| format!("{stars} sao"),
    capped_by_minimums: |band, stars| {
        format!(
            "Tổng điểm đạt mức {band} sao nhưng chưa đạt các mức tối thiểu, nên chỉ xếp {stars} sao."
        )
    },
    advice_title: "Gợi ý nâng hạng",
    next_level_plan: |stars| format!("Ít thay đổi nhất để đạt {stars} sao"),
    plan_summary: |added, after| format!("Thêm {added} điểm, tổng điểm sau cải thiện: {after}"),
    undecided: |codes| format!("Chưa chọn trường hợp ở: {codes}"),
    improvements: "Các tiêu chí có thể cải thiện",

    rounds_title: "Đợt đánh giá, phân hạng",
    new_round: "Mở đợt đánh giá",
    open_round_submit: "Mở đợt",
    level: "Cấp đánh giá",
    all_levels: "Mọi cấp",
    round_open: "Đang mở",
    round_closed: "Đã kết thúc",
    opened_on: "Ngày mở",
    opened_on_hint: "Để trống là hôm nay; các hạn được tính từ ngày này.",
    forwarded_before: "Nhận hồ sơ chuyển trước ngày",
    decide_before: "Hạn ra quyết định",
    instrument: "Văn bản áp dụng",
    agenda_count: "Số hồ sơ",
    council: "Hội đồng",
    no_council: "Chưa thành lập hội đồng.",
    edit_council: "Sửa thành phần hội đồng",
    position: "Chức danh",
    chair: "Chủ tịch hội đồng",
    secretary: "Thư ký",
    members: "Thành viên",
    agenda: "Hồ sơ đưa ra hội đồng",
    agenda_empty: "Chưa có hồ sơ nào.",
    sheets_in: "Phiếu đã nộp",
    my_sheet: "Phiếu của tôi",
    stars: "Hạng sao",
    unmet_minimums: "Chưa đạt mức tối thiểu",
    score: "Chấm điểm",
    view_sheet: "Xem phiếu",
    add_to_agenda: "Đưa hồ sơ ra hội đồng",
    add: "Thêm",
    added_to_agenda: "Đã thêm hồ sơ vào đợt đánh giá.",
    close_round: "Kết thúc đợt đánh giá",
    close_round_hint: "Khi kết thúc, kết quả (điểm trung bình, hạng sao) của từng hồ sơ được chốt và không thể chấm thêm.",
    close_round_confirm: "Chắc chắn kết thúc đợt và chốt kết quả?",
    round_closed_notice: "Đã kết thúc đợt đánh giá.",

    score_sheet: "Phiếu chấm điểm",
    back_to_round: "‹ Quay lại đợt đánh giá",
    open_dossier: "Xem hồ sơ",
    save_draft: "Lưu nháp",
    submit_sheet: "Nộp phiếu",
    sheet_submitted: "Đã nộp phiếu chấm.",
    sheet_is_submitted: "Bạn đã nộp phiếu này; phiếu không thể sửa.",
    sheet_excluded: "Bạn đã khai báo xung đột lợi ích và không chấm hồ sơ này.",
    sheet_draft_hint: "Chấm từng tiêu chí; có thể lưu nháp và nộp khi đã chấm đủ.",
    others_hidden: "Phiếu của các thành viên khác sẽ hiện sau khi bạn nộp phiếu của mình.",
    council_sheets: "Phiếu của hội đồng",
    member: "Thành viên",
    total: "Tổng điểm",
    submitted_at: "Nộp lúc",
    declare_conflict: "Khai báo xung đột lợi ích",
    conflict_reason: "Lý do (quan hệ với chủ thể, lợi ích liên quan…)",
    conflict_declared: "Đã ghi nhận khai báo xung đột lợi ích.",

    certificates_title: "Giấy chứng nhận OCOP",
    all_stars: "Mọi hạng sao",
    certificate_heading: "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP",
    certificate_number: "Số",
    issuing_body: "Cơ quan cấp",
    issuing_level: "Cấp công nhận",
    decision: "Quyết định",
    issued_on: "Ngày cấp",
    expires_on: "Có giá trị đến",
    re_rating_window: "Thời gian nộp hồ sơ đánh giá lại",
    verify_at: "Quét mã để kiểm tra tại",
    print: "In giấy chứng nhận",
    revoke: "Thu hồi giấy chứng nhận",
    revoked: "Đã thu hồi",
    ground: "Căn cứ thu hồi",

    verify_title: "Tra cứu giấy chứng nhận OCOP",
    verify_code: "Mã tra cứu",

    alerts_title: "Việc cần xử lý",
    alert: "Nội dung",
    due_on: "Hạn",
    overdue: "Quá hạn",
    no_alerts: "Không có việc nào cần xử lý.",
};

pub const EN: Ev = Ev {
    nav_cycles: "Dossiers",
    nav_rounds: "Councils",
    nav_certificates: "Certificates",
    nav_alerts: "Alerts",

    cycles_title: "OCOP cycles and dossiers",
    new_cycle: "Open a cycle",
    open_cycle: "Open the cycle",
    product: "Product",
    find_product: "Filter products by name…",
    year: "Year",
    all_years: "All years",
    entry: "Starts at",
    entry_hint: "A new idea, or a product already made",
    dossier_type: "Dossier type",
    idea: "Product idea",
    idea_hint: "The idea as written when the cycle was opened.",
    self_total: "Self-assessed",

    dossier: "Dossier",
    step_idea: "1. Idea",
    step_plan: "2. Business plan",
    step_form01: "3. Form 01",
    step_form02: "4. Form 02 – self-assessment",
    step_files: "5. Samples and documents",
    step_submit: "6. Submit",
    step_form03: "Form 03 – commune check",
    business_plan: "Business and production plan",
    business_plan_hint: "Market, raw material, capital, labour, product development plan.",
    stars_sought: "Stars applied for",
    annual_output: "Annual output",
    notes: "Notes",
    samples: "Product samples handed in",
    samples_hint: "Usually 5 samples (community tourism excepted).",
    attachments: "Attachments",
    file: "File",
    size: "Size",
    uploaded_on: "Uploaded",
    no_files: "No documents yet.",
    file_uploaded: "File uploaded.",
    local_raw_material: "Local raw material",
    local_labour: "Local labour employed",
    idea_origin: "Origin of the idea",
    conclusion: "The commune's conclusion",
    check_self: "Form 02 answers every criterion",
    check_samples: "5 product samples handed in",
    submit_hint: "When the dossier is complete, use “Submit the dossier” in Actions above.",
    submitted_on: "Submitted on",
    check_due_on: "Commune check due",
    round: "Round",
    open_round: "Open the round",
    certificate: "Certificate",
    open_certificate: "Open the certificate",
    council_result: |n| format!("The council's result ({n} sheets)"),
    average: "Average",
    show_council_advice: "Advice from the council's sheets",
    history: "History",
    when: "When",
    who: "By",
    change: "Change",

    actions: "Actions",
    no_moves: "You have nothing to do at this step.",
    confirm_move: |state| format!("Move the dossier to: {state}?"),
    reason: "Reason",
    reason_hint: "Required to return or refuse.",
    reason_required: "This move needs a reason.",
    decision_number: "Decision number",
    decided_on: "Decision date",
    signer: "Signed by (with title)",
    confirm: "Confirm",
    moved: "The dossier's state was updated.",

    live_score: "Live score",
    disqualifiers: "Not evaluated when:",
    choose_one_case: "Choose one of the cases below (choosing in one case clears the others).",
    mandatory: "mandatory",
    minimum_for: |level| format!("Minimum for {level} stars"),
    unanswered: |n| {
        if n == 0 {
            "Every criterion is answered.".to_string()
        } else {
            format!("{n} criteria still unanswered:")
        }
    },
    unmet_line: |code, level, option, points, achieved| {
        format!("{code}: {level} stars need “{option}” ({points} points); now {achieved}")
    },
    stars_label: |stars| format!("{stars} stars"),
    capped_by_minimums: |band, stars| {
        format!("The total reaches {band} stars, but unmet minimums hold the rank at {stars}.")
    },
    advice_title: "How to rise",
    next_level_plan: |stars| format!("Fewest changes to reach {stars} stars"),
    plan_summary: |added, after| format!("{added} points more, total after: {after}"),
    undecided: |codes| format!("No case chosen yet in: {codes}"),
    improvements: "Criteria that could score more",

    rounds_title: "Evaluation rounds",
    new_round: "Open a round",
    open_round_submit: "Open the round",
    level: "Level",
    all_levels: "All levels",
    round_open: "Open",
    round_closed: "Closed",
    opened_on: "Opened on",
    opened_on_hint: "Empty means today; the deadlines follow from this day.",
    forwarded_before: "Takes dossiers forwarded before",
    decide_before: "Decide before",
    instrument: "Instrument",
    agenda_count: "Dossiers",
    council: "Council",
    no_council: "No council yet.",
    edit_council: "Edit the council",
    position: "Position",
    chair: "Chair",
    secretary: "Secretary",
    members: "Members",
    agenda: "Dossiers before the council",
    agenda_empty: "No dossier yet.",
    sheets_in: "Sheets in",
    my_sheet: "My sheet",
    stars: "Stars",
    unmet_minimums: "Unmet minimums",
    score: "Score",
    view_sheet: "View sheet",
    add_to_agenda: "Put a dossier before the council",
    add: "Add",
    added_to_agenda: "Dossier added to the round.",
    close_round: "Close the round",
    close_round_hint: "Closing freezes each dossier's result (average, stars); no more scoring.",
    close_round_confirm: "Close the round and freeze the results?",
    round_closed_notice: "The round is closed.",

    score_sheet: "Score sheet",
    back_to_round: "‹ Back to the round",
    open_dossier: "Open the dossier",
    save_draft: "Save draft",
    submit_sheet: "Submit sheet",
    sheet_submitted: "Sheet submitted.",
    sheet_is_submitted: "You submitted this sheet; it can no longer change.",
    sheet_excluded: "You declared a conflict of interest and do not score this dossier.",
    sheet_draft_hint: "Score each criterion; save a draft, and submit once all are answered.",
    others_hidden: "The other members' sheets show once you have submitted yours.",
    council_sheets: "The council's sheets",
    member: "Member",
    total: "Total",
    submitted_at: "Submitted",
    declare_conflict: "Declare a conflict of interest",
    conflict_reason: "Reason (relation to the producer, interest involved…)",
    conflict_declared: "Conflict of interest recorded.",

    certificates_title: "OCOP certificates",
    all_stars: "All stars",
    certificate_heading: "OCOP PRODUCT CERTIFICATE",
    certificate_number: "No.",
    issuing_body: "Issued by",
    issuing_level: "Recognised at",
    decision: "Decision",
    issued_on: "Issued on",
    expires_on: "Valid until",
    re_rating_window: "Re-rating filing window",
    verify_at: "Scan to verify at",
    print: "Print",
    revoke: "Revoke the certificate",
    revoked: "Revoked",
    ground: "Ground",

    verify_title: "OCOP certificate check",
    verify_code: "Code",

    alerts_title: "Alerts",
    alert: "Alert",
    due_on: "Due",
    overdue: "Overdue",
    no_alerts: "Nothing needs attention.",
};
