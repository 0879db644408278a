//! The strings of the plans screens: the list, a plan with its targets' progress and chart, the
//! targets editor, the activities with their participants and products.

use ocop_plans::{
    ActivityKind, ActivityStatus, Audience, Direction, Metric, PlanState, PointOfSaleKind,
    ProgressStatus,
};

use super::{Dict, Lang, pick};

impl Lang {
    pub fn plans(self) -> &'static Plans {
        match self {
            Self::Vi => &VI,
            Self::En => &EN,
        }
    }

    pub fn plan_state(self, state: PlanState) -> &'static str {
        let vi = self == Self::Vi;
        match state {
            PlanState::Draft => pick(vi, "Dự thảo", "Draft"),
            PlanState::Approved => pick(vi, "Đã phê duyệt", "Approved"),
            PlanState::Closed => pick(vi, "Đã kết thúc", "Closed"),
        }
    }

    /// The button that makes a move to `state`.
    pub fn plan_move(self, state: PlanState) -> &'static str {
        let vi = self == Self::Vi;
        match state {
            PlanState::Draft => pick(vi, "Trả về dự thảo", "Back to draft"),
            PlanState::Approved => pick(vi, "Phê duyệt", "Approve"),
            PlanState::Closed => pick(vi, "Kết thúc kế hoạch", "Close the plan"),
        }
    }

    pub fn metric(self, metric: Metric) -> &'static str {
        match self {
            Self::Vi => metric.label_vi(),
            Self::En => metric.label_en(),
        }
    }

    pub fn progress_status(self, status: ProgressStatus) -> &'static str {
        match self {
            Self::Vi => status.label_vi(),
            Self::En => status.label_en(),
        }
    }

    pub fn direction(self, direction: Direction) -> &'static str {
        let vi = self == Self::Vi;
        match direction {
            Direction::AtLeast => pick(vi, "Tối thiểu (càng nhiều càng tốt)", "At least"),
            Direction::AtMost => pick(vi, "Tối đa (không vượt quá)", "At most"),
        }
    }

    pub fn activity_kind(self, kind: ActivityKind) -> &'static str {
        let vi = self == Self::Vi;
        match kind {
            ActivityKind::Propaganda => pick(vi, "Tuyên truyền", "Propaganda"),
            ActivityKind::Training => pick(vi, "Tập huấn, đào tạo", "Training"),
            ActivityKind::StudyTour => pick(vi, "Tham quan, học tập kinh nghiệm", "Study tour"),
            ActivityKind::Fair => pick(vi, "Hội chợ", "Fair"),
            ActivityKind::TradePromotion => pick(vi, "Xúc tiến thương mại", "Trade promotion"),
            ActivityKind::PointOfSaleBuilding => {
                pick(vi, "Xây dựng điểm bán", "Building points of sale")
            }
            ActivityKind::CouncilSetup => pick(vi, "Kiện toàn hội đồng", "Council set-up"),
            ActivityKind::Clip => pick(vi, "Phóng sự, clip", "Clip, report"),
            ActivityKind::Other => pick(vi, "Khác", "Other"),
        }
    }

    pub fn activity_status(self, status: ActivityStatus) -> &'static str {
        let vi = self == Self::Vi;
        match status {
            ActivityStatus::Planned => pick(vi, "Kế hoạch", "Planned"),
            ActivityStatus::InProgress => pick(vi, "Đang thực hiện", "In progress"),
            ActivityStatus::Done => pick(vi, "Đã hoàn thành", "Done"),
            ActivityStatus::Cancelled => pick(vi, "Đã hủy", "Cancelled"),
        }
    }

    pub fn audience(self, audience: Audience) -> &'static str {
        let vi = self == Self::Vi;
        match audience {
            Audience::Officer => pick(vi, "Cán bộ", "Officer"),
            Audience::Producer => pick(vi, "Chủ thể sản xuất", "Producer"),
        }
    }

    pub fn point_kind(self, kind: PointOfSaleKind) -> &'static str {
        let vi = self == Self::Vi;
        match kind {
            PointOfSaleKind::Kiosk => pick(vi, "Ki-ốt", "Kiosk"),
            PointOfSaleKind::DisplayPoint => pick(vi, "Điểm trưng bày", "Display point"),
            PointOfSaleKind::Shop => pick(vi, "Cửa hàng", "Shop"),
            PointOfSaleKind::OcopCentre => pick(vi, "Trung tâm OCOP", "OCOP centre"),
        }
    }

    /// "Quý 2" / "Q2".
    pub fn quarter(self, q: u8) -> String {
        match self {
            Self::Vi => format!("Quý {q}"),
            Self::En => format!("Q{q}"),
        }
    }
}

/// The plans strings of the language a [`Dict`] belongs to, for labels given as `fn(&Dict)`.
pub fn pl(t: &Dict) -> &'static Plans {
    if t.switch_lang == super::VI.switch_lang {
        &VI
    } else {
        &EN
    }
}

pub struct Plans {
    pub nav: &'static str,
    pub list_title: &'static str,
    pub new_plan: &'static str,
    pub to_list: &'static str,
    pub year: &'static str,
    pub all_years: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub phase: &'static str,
    pub no_phase: &'static str,
    pub unit: &'static str,
    pub decision: &'static str,
    pub decision_number: &'static str,
    pub decision_date: &'static str,
    pub moved: &'static str,
    pub confirm_move: &'static str,
    pub as_of: &'static str,
    pub area: &'static str,
    pub whole_area: &'static str,
    pub targets: &'static str,
    pub no_targets: &'static str,
    pub metric: &'static str,
    pub period: &'static str,
    pub baseline: &'static str,
    pub target: &'static str,
    pub actual: &'static str,
    pub percent: &'static str,
    pub assessment: &'static str,
    pub above_range: &'static str,
    pub expected: &'static str,
    pub observed_rate: &'static str,
    pub required_rate: &'static str,
    pub ratio: &'static str,
    pub days_run: &'static str,
    pub by_unit: &'static str,
    pub chart: &'static str,
    pub chart_target: &'static str,
    pub chart_path: &'static str,
    pub chart_actual: &'static str,
    pub chart_loading: &'static str,
    pub add_target: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub confirm_delete: &'static str,
    pub deleted: &'static str,
    pub direction: &'static str,
    pub start_year: &'static str,
    pub end_year: &'static str,
    pub target_max: &'static str,
    pub baseline_numerator: &'static str,
    pub baseline_denominator: &'static str,
    pub baseline_hint: &'static str,
    pub share_hint: &'static str,
    pub min_stars: &'static str,
    pub max_stars: &'static str,
    pub level: &'static str,
    pub subject_kinds: &'static str,
    pub audience: &'static str,
    pub point_kinds: &'static str,
    pub any: &'static str,
    pub activities: &'static str,
    pub no_activities: &'static str,
    pub add_activity: &'static str,
    pub group_by: &'static str,
    pub by_quarter: &'static str,
    pub by_status: &'static str,
    pub no_quarter: &'static str,
    pub kind: &'static str,
    pub activity_title: &'static str,
    pub lead_department: &'static str,
    pub cooperating_units: &'static str,
    pub cooperating_hint: &'static str,
    pub quarters: &'static str,
    pub place: &'static str,
    pub starts_on: &'static str,
    pub ends_on: &'static str,
    pub results: &'static str,
    pub participants: &'static str,
    pub products: &'static str,
    pub details: &'static str,
    pub full_name: &'static str,
    pub position: &'static str,
    pub subject: &'static str,
    pub add_participant: &'static str,
    pub add_product: &'static str,
    pub product: &'static str,
    pub remove: &'static str,
    pub not_found_number: &'static str,
    pub account: &'static str,
    pub no_account: &'static str,
    pub no_account_hint: &'static str,
    pub edit_plan: &'static str,
    pub delete_plan: &'static str,
    pub confirm_delete_plan: &'static str,
    pub plan_deleted: &'static str,
}

pub const VI: Plans = Plans {
    nav: "Kế hoạch",
    list_title: "Kế hoạch OCOP hằng năm",
    new_plan: "Lập kế hoạch",
    to_list: "‹ Danh sách kế hoạch",
    year: "Năm",
    all_years: "Tất cả các năm",
    title: "Tên kế hoạch",
    summary: "Tóm tắt",
    phase: "Giai đoạn",
    no_phase: "— Không thuộc giai đoạn —",
    unit: "Đơn vị",
    decision: "Quyết định",
    decision_number: "Số quyết định",
    decision_date: "Ngày quyết định",
    moved: "Đã chuyển trạng thái kế hoạch.",
    confirm_move: "Xác nhận chuyển trạng thái kế hoạch?",
    as_of: "Tính đến ngày",
    area: "Địa bàn",
    whole_area: "Toàn địa bàn kế hoạch",
    targets: "Chỉ tiêu và tiến độ",
    no_targets: "Kế hoạch chưa có chỉ tiêu.",
    metric: "Chỉ số",
    period: "Thời kỳ",
    baseline: "Cơ sở",
    target: "Mục tiêu",
    actual: "Thực hiện",
    percent: "Hoàn thành",
    assessment: "Đánh giá",
    above_range: "vượt khoảng mục tiêu",
    expected: "Mức cần đạt đến nay theo lộ trình",
    observed_rate: "Tốc độ thực tế (mỗi năm)",
    required_rate: "Tốc độ cần thiết (mỗi năm)",
    ratio: "Tỷ số thực tế / cần thiết",
    days_run: "Số ngày đã qua / cả thời kỳ",
    by_unit: "Chi tiết theo đơn vị",
    chart: "Biểu đồ tiến độ",
    chart_target: "Chỉ tiêu",
    chart_path: "Lộ trình đến mục tiêu",
    chart_actual: "Thực hiện",
    chart_loading: "Đang tính các mốc…",
    add_target: "Thêm chỉ tiêu",
    edit: "Sửa",
    delete: "Xóa",
    confirm_delete: "Xóa mục này?",
    deleted: "Đã xóa.",
    direction: "Chiều đánh giá",
    start_year: "Từ năm",
    end_year: "Đến năm",
    target_max: "Mức trên (chỉ tiêu khoảng)",
    baseline_numerator: "Cơ sở (tử số)",
    baseline_denominator: "Cơ sở (mẫu số)",
    baseline_hint: "Để trống: tính từ dữ liệu",
    share_hint: "Tỷ lệ nhập theo %, ví dụ 12,5",
    min_stars: "Từ số sao",
    max_stars: "Đến số sao",
    level: "Cấp công nhận",
    subject_kinds: "Loại hình chủ thể",
    audience: "Đối tượng",
    point_kinds: "Loại điểm bán",
    any: "— Tất cả —",
    activities: "Nhiệm vụ, hoạt động",
    no_activities: "Chưa có nhiệm vụ nào.",
    add_activity: "Thêm nhiệm vụ",
    group_by: "Nhóm theo",
    by_quarter: "Quý",
    by_status: "Trạng thái",
    no_quarter: "Chưa xếp quý",
    kind: "Loại nhiệm vụ",
    activity_title: "Nội dung",
    lead_department: "Đơn vị chủ trì",
    cooperating_units: "Đơn vị phối hợp",
    cooperating_hint: "Mỗi dòng một đơn vị",
    quarters: "Thời gian (quý)",
    place: "Địa điểm",
    starts_on: "Ngày bắt đầu",
    ends_on: "Ngày kết thúc",
    results: "Kết quả",
    participants: "Người tham dự",
    products: "Sản phẩm tham gia",
    details: "Chi tiết",
    full_name: "Họ và tên",
    position: "Chức vụ",
    subject: "Chủ thể",
    add_participant: "Thêm người tham dự",
    add_product: "Thêm sản phẩm",
    product: "Sản phẩm",
    remove: "Bỏ",
    not_found_number: "Phải là một số",
    account: "Tài khoản cán bộ",
    no_account: "— Không có tài khoản (nhập tên) —",
    no_account_hint: "Người không có tài khoản (ví dụ khách từ cơ quan khác) vẫn được ghi nhận nhưng không được tính vào tỷ lệ cán bộ được tập huấn.",
    edit_plan: "Sửa tên và tóm tắt",
    delete_plan: "Xóa dự thảo",
    confirm_delete_plan: "Xóa dự thảo kế hoạch này cùng các chỉ tiêu và hoạt động của nó?",
    plan_deleted: "Đã xóa dự thảo kế hoạch.",
};

pub const EN: Plans = Plans {
    nav: "Plans",
    list_title: "Annual OCOP plans",
    new_plan: "New plan",
    to_list: "‹ All plans",
    year: "Year",
    all_years: "All years",
    title: "Title",
    summary: "Summary",
    phase: "Phase",
    no_phase: "— No phase —",
    unit: "Unit",
    decision: "Decision",
    decision_number: "Decision number",
    decision_date: "Decision date",
    moved: "The plan's state changed.",
    confirm_move: "Change the plan's state?",
    as_of: "As of",
    area: "Area",
    whole_area: "The plan's whole area",
    targets: "Targets and progress",
    no_targets: "The plan has no target yet.",
    metric: "Metric",
    period: "Period",
    baseline: "Baseline",
    target: "Target",
    actual: "Actual",
    percent: "Done",
    assessment: "Assessment",
    above_range: "above the range",
    expected: "Expected by now on the path",
    observed_rate: "Observed rate (per year)",
    required_rate: "Required rate (per year)",
    ratio: "Observed ÷ required",
    days_run: "Days run / in the period",
    by_unit: "By unit",
    chart: "Progress chart",
    chart_target: "Target",
    chart_path: "Path to the target",
    chart_actual: "Actual",
    chart_loading: "Computing the points…",
    add_target: "Add a target",
    edit: "Edit",
    delete: "Delete",
    confirm_delete: "Delete this?",
    deleted: "Deleted.",
    direction: "Direction",
    start_year: "From year",
    end_year: "To year",
    target_max: "Top of the range",
    baseline_numerator: "Baseline (numerator)",
    baseline_denominator: "Baseline (denominator)",
    baseline_hint: "Empty: computed from the records",
    share_hint: "Shares in %, e.g. 12.5",
    min_stars: "From stars",
    max_stars: "To stars",
    level: "Recognition level",
    subject_kinds: "Subject kinds",
    audience: "Audience",
    point_kinds: "Point of sale kinds",
    any: "— Any —",
    activities: "Activities",
    no_activities: "No activity yet.",
    add_activity: "Add an activity",
    group_by: "Group by",
    by_quarter: "Quarter",
    by_status: "Status",
    no_quarter: "No quarter set",
    kind: "Kind",
    activity_title: "Activity",
    lead_department: "Lead department",
    cooperating_units: "Cooperating units",
    cooperating_hint: "One unit a line",
    quarters: "Quarters",
    place: "Place",
    starts_on: "Starts on",
    ends_on: "Ends on",
    results: "Results",
    participants: "Participants",
    products: "Products shown",
    details: "Details",
    full_name: "Full name",
    position: "Position",
    subject: "Subject",
    add_participant: "Add a participant",
    add_product: "Add a product",
    product: "Product",
    remove: "Remove",
    not_found_number: "Must be a number",
    account: "Officer account",
    no_account: "— No account (type the name) —",
    no_account_hint: "Someone without an account (a visitor from another body, say) is recorded but does not count in the share of officers trained.",
    edit_plan: "Edit title and summary",
    delete_plan: "Delete the draft",
    confirm_delete_plan: "Delete this draft plan with its targets and activities?",
    plan_deleted: "Draft plan deleted.",
};
