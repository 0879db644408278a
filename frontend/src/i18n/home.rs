//! The strings of the home pages (each role's work) and the producer's next step per state.

use ocop_evaluations::CycleState;

use super::{Lang, pick};

/// What the producer still has to file before a dossier can be submitted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Missing {
    pub form_01: bool,
    pub form_02: bool,
    pub samples: bool,
}

impl Lang {
    pub fn home(self) -> &'static Home {
        match self {
            Self::Vi => &VI,
            Self::En => &EN,
        }
    }

    /// The producer's next step for a dossier in `state`, said as what to do or what it waits
    /// for; `missing` matters only while the dossier is being prepared.
    pub fn next_step(self, state: CycleState, missing: Missing) -> String {
        use CycleState as S;
        let vi = self == Self::Vi;
        let text = match state {
            S::IdeaRegistered => pick(
                vi,
                "Chờ xã xem xét ý tưởng",
                "Awaiting the commune's decision on the idea",
            ),
            S::IdeaReturned => pick(
                vi,
                "Ý tưởng bị trả lại: sửa và gửi lại",
                "Idea returned: revise it and resubmit",
            ),
            S::IdeaAccepted => pick(
                vi,
                "Viết phương án kinh doanh và nộp",
                "Write the business plan and submit it",
            ),
            S::PlanSubmitted => pick(
                vi,
                "Chờ xã duyệt phương án kinh doanh",
                "Awaiting the commune's approval of the plan",
            ),
            S::PlanApproved => pick(vi, "Bắt đầu triển khai sản xuất", "Start production"),
            S::Implementation => return self.to_file(missing),
            S::DossierSubmitted | S::DossierResubmitted => {
                pick(vi, "Chờ xã kiểm tra hồ sơ", "Awaiting the commune's check")
            }
            S::DossierReturnedForCompletion => pick(
                vi,
                "Bổ sung hồ sơ theo yêu cầu và nộp lại",
                "Complete the dossier as asked and resubmit it",
            ),
            S::CommuneChecked => pick(
                vi,
                "Xã đã chuyển lên tỉnh: chờ đưa ra hội đồng",
                "Forwarded to the province: awaiting a council",
            ),
            S::AwaitingCouncil => pick(
                vi,
                "Chờ hội đồng chấm điểm",
                "Awaiting the council's scoring",
            ),
            S::Scored => pick(
                vi,
                "Hội đồng đã chấm: chờ tỉnh quyết định",
                "Scored: awaiting the province's decision",
            ),
            S::ResultDecided => pick(
                vi,
                "Chờ quyết định công nhận",
                "Awaiting the recognition decision",
            ),
            S::Recognised => pick(
                vi,
                "Đã công nhận: xem giấy chứng nhận",
                "Recognised: see the certificate",
            ),
            S::NotRecognised => pick(vi, "Không được công nhận", "Not recognised"),
            S::PotentialFiveStars => pick(
                vi,
                "Đã đề nghị Trung ương đánh giá 5 sao",
                "Forwarded to the ministry as a 5-star candidate",
            ),
        };
        text.to_string()
    }

    /// "Complete Mẫu 01, Mẫu 02 and submit", or just "submit" when nothing is missing.
    fn to_file(self, missing: Missing) -> String {
        let vi = self == Self::Vi;
        let mut parts: Vec<&str> = Vec::new();
        if missing.form_01 {
            parts.push(pick(vi, "Mẫu 01 (đăng ký)", "Mẫu 01 (application)"));
        }
        if missing.form_02 {
            parts.push(pick(vi, "Mẫu 02 (tự đánh giá)", "Mẫu 02 (self-assessment)"));
        }
        if missing.samples {
            parts.push(pick(vi, "mẫu sản phẩm", "product samples"));
        }
        if parts.is_empty() {
            return pick(
                vi,
                "Hồ sơ đã đủ: nộp hồ sơ",
                "The dossier is complete: submit it",
            )
            .to_string();
        }
        let list = parts.join(", ");
        if vi {
            format!("Hoàn thiện {list} và nộp hồ sơ")
        } else {
            format!("Complete {list} and submit")
        }
    }
}

/// The home pages' strings; `Lang::home`.
pub struct Home {
    pub title: &'static str,
    pub all_alerts: &'static str,
    pub see_all: &'static str,
    pub nothing_to_do: &'static str,

    pub my_products: &'static str,
    pub my_dossiers: &'static str,
    pub my_certificates: &'static str,
    pub new_product: &'static str,
    pub start_dossier: &'static str,
    pub no_products: &'static str,
    pub no_dossiers: &'static str,
    pub no_certificates: &'static str,
    pub next_step: &'static str,
    pub returned_title: &'static str,
    pub reason: &'static str,
    pub no_reason: &'static str,
    pub open_dossier: &'static str,
    pub check_by: fn(&str) -> String,
    pub expires: fn(&str) -> String,

    pub checks_due: &'static str,
    pub returned: &'static str,
    pub recent: &'static str,

    pub sheets_to_score: &'static str,
    pub score: &'static str,
    pub open_rounds: &'static str,
    pub no_rounds: &'static str,
    pub my_progress: fn(usize, usize) -> String,
    pub decide_by: fn(&str) -> String,

    pub pipeline: &'static str,
    pub total: &'static str,
    pub decisions_due: &'static str,
    pub certificates_attention: &'static str,

    pub administration: &'static str,
    pub users: &'static str,
    pub new_user: &'static str,
    pub council_members: &'static str,
    pub audit: &'static str,

    pub certificates: &'static str,
    pub products: &'static str,
    pub count_certificates: fn(u64) -> String,
    pub count_products: fn(u64) -> String,
}

static VI: Home = Home {
    title: "Việc của tôi",
    all_alerts: "Tất cả việc cần xử lý",
    see_all: "Xem tất cả",
    nothing_to_do: "Không có việc nào.",

    my_products: "Sản phẩm của tôi",
    my_dossiers: "Hồ sơ OCOP của tôi",
    my_certificates: "Giấy chứng nhận của tôi",
    new_product: "Thêm sản phẩm",
    start_dossier: "Bắt đầu hồ sơ",
    no_products: "Chưa có sản phẩm nào.",
    no_dossiers: "Chưa có hồ sơ nào.",
    no_certificates: "Chưa có giấy chứng nhận nào.",
    next_step: "Việc tiếp theo",
    returned_title: "Hồ sơ bị trả lại để bổ sung",
    reason: "Lý do",
    no_reason: "(không ghi lý do)",
    open_dossier: "Mở hồ sơ",
    check_by: |day| format!("hạn {day}"),
    expires: |day| format!("hết hạn {day}"),

    checks_due: "Hồ sơ chờ xã kiểm tra",
    returned: "Hồ sơ đã trả lại để bổ sung",
    recent: "Hồ sơ cập nhật gần đây",

    sheets_to_score: "Phiếu cần chấm",
    score: "Chấm điểm",
    open_rounds: "Đợt đánh giá đang mở",
    no_rounds: "Không có đợt nào đang mở.",
    my_progress: |done, all| format!("Đã chấm {done}/{all} hồ sơ"),
    decide_by: |day| format!("quyết định trước {day}"),

    pipeline: "Hồ sơ theo trạng thái",
    total: "Tổng số",
    decisions_due: "Việc cần quyết định",
    certificates_attention: "Giấy chứng nhận cần chú ý",

    administration: "Quản trị",
    users: "Tài khoản người dùng",
    new_user: "Tạo tài khoản",
    council_members: "Thành viên hội đồng",
    audit: "Nhật ký thao tác",

    certificates: "Giấy chứng nhận OCOP",
    products: "Sản phẩm",
    count_certificates: |n| format!("{n} giấy chứng nhận"),
    count_products: |n| format!("{n} sản phẩm"),
};

static EN: Home = Home {
    title: "My work",
    all_alerts: "All alerts",
    see_all: "See all",
    nothing_to_do: "Nothing to do.",

    my_products: "My products",
    my_dossiers: "My OCOP dossiers",
    my_certificates: "My certificates",
    new_product: "New product",
    start_dossier: "Start a dossier",
    no_products: "No products yet.",
    no_dossiers: "No dossiers yet.",
    no_certificates: "No certificates yet.",
    next_step: "Next step",
    returned_title: "Returned for completion",
    reason: "Reason",
    no_reason: "(no reason given)",
    open_dossier: "Open the dossier",
    check_by: |day| format!("due {day}"),
    expires: |day| format!("expires {day}"),

    checks_due: "Dossiers awaiting your check",
    returned: "Dossiers returned for completion",
    recent: "Recently updated dossiers",

    sheets_to_score: "Sheets to score",
    score: "Score",
    open_rounds: "Open rounds",
    no_rounds: "No open rounds.",
    my_progress: |done, all| format!("You scored {done} of {all} dossiers"),
    decide_by: |day| format!("decision due {day}"),

    pipeline: "Dossiers by state",
    total: "Total",
    decisions_due: "Decisions due",
    certificates_attention: "Certificates needing attention",

    administration: "Administration",
    users: "User accounts",
    new_user: "New account",
    council_members: "Council members",
    audit: "Audit trail",

    certificates: "OCOP certificates",
    products: "Products",
    count_certificates: |n| format!("{n} certificates"),
    count_products: |n| format!("{n} products"),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_a_next_step_in_words_in_both_languages() {
        for lang in [Lang::Vi, Lang::En] {
            for state in CycleState::ALL {
                let step = lang.next_step(state, Missing::default());
                assert!(!step.is_empty(), "{state:?}");
                assert!(!step.contains('_'), "a raw code in {step:?}");
            }
        }
    }

    #[test]
    fn a_dossier_in_preparation_names_what_is_missing() {
        let missing = Missing {
            form_01: false,
            form_02: true,
            samples: true,
        };
        assert_eq!(
            Lang::En.next_step(CycleState::Implementation, missing),
            "Complete Mẫu 02 (self-assessment), product samples and submit"
        );
        assert_eq!(
            Lang::Vi.next_step(CycleState::Implementation, missing),
            "Hoàn thiện Mẫu 02 (tự đánh giá), mẫu sản phẩm và nộp hồ sơ"
        );
        assert_eq!(
            Lang::En.next_step(CycleState::Implementation, Missing::default()),
            "The dossier is complete: submit it"
        );
    }
}
