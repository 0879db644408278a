//! The strings of the certificate page, its print and the public verification page. The printed
//! certificate itself is an administrative document in Vietnamese whatever the screen's
//! language (`Printed`); only the buttons around it follow the switch.

use chrono::{Datelike, NaiveDate};
use ocop_evaluations::CertificateState;

use super::{Lang, pick};

impl Lang {
    pub fn certs(self) -> &'static Certs {
        match self {
            Self::Vi => &VI,
            Self::En => &EN,
        }
    }

    /// The verification page's headline: what the certificate's state means for the mark today,
    /// with the date that matters for that state.
    pub fn verify_headline(self, state: CertificateState, day: &NaiveDate) -> String {
        use CertificateState as S;
        let vi = self == Self::Vi;
        let d = crate::format::day(day);
        match (state, vi) {
            (S::Valid | S::ReRatingDue, true) => format!("✔ Còn hiệu lực đến ngày {d}"),
            (S::Valid | S::ReRatingDue, false) => format!("✔ Valid until {d}"),
            (S::Expiring, true) => format!("✔ Còn hiệu lực, sắp hết hạn ngày {d}"),
            (S::Expiring, false) => format!("✔ Valid, expiring on {d}"),
            (S::Extended, true) => {
                format!("✔ Còn hiệu lực: hết hạn ngày {d}, đang chờ kết quả đánh giá lại")
            }
            (S::Extended, false) => {
                format!("✔ Valid: expired on {d}, kept in force while it is re-rated")
            }
            (S::Expired, true) => format!("✘ Đã hết hạn ngày {d}"),
            (S::Expired, false) => format!("✘ Expired on {d}"),
            (S::Revoked, true) => format!("✘ Đã bị thu hồi ngày {d}"),
            (S::Revoked, false) => format!("✘ Revoked on {d}"),
            (S::Superseded, true) => {
                format!("✘ Đã được thay thế bằng giấy chứng nhận mới ngày {d}")
            }
            (S::Superseded, false) => format!("✘ Replaced by a new certificate on {d}"),
            (S::NotYetIssued, true) => format!("✘ Chưa có hiệu lực: có hiệu lực từ ngày {d}"),
            (S::NotYetIssued, false) => format!("✘ Not yet in force: in force from {d}"),
        }
    }

    /// What the holder of the mark may do, under the headline.
    pub fn verify_meaning(self, state: CertificateState) -> &'static str {
        use CertificateState as S;
        let vi = self == Self::Vi;
        match state {
            S::Valid | S::ReRatingDue | S::Expiring | S::Extended => pick(
                vi,
                "Sản phẩm được phép sử dụng nhãn OCOP và số sao ghi trên giấy chứng nhận.",
                "The product may carry the OCOP mark and the stars shown on the certificate.",
            ),
            S::Revoked => pick(
                vi,
                "Giấy chứng nhận đã bị cơ quan có thẩm quyền thu hồi: sản phẩm không được sử dụng nhãn OCOP.",
                "The authority revoked the certificate: the product may not carry the OCOP mark.",
            ),
            S::Superseded => pick(
                vi,
                "Sản phẩm đã được đánh giá lại; hãy kiểm tra giấy chứng nhận mới.",
                "The product was rated again; check the new certificate.",
            ),
            S::Expired => pick(
                vi,
                "Giấy chứng nhận đã hết thời hạn 36 tháng: sản phẩm không được sử dụng nhãn OCOP.",
                "The 36-month certificate has lapsed: the product may not carry the OCOP mark.",
            ),
            S::NotYetIssued => pick(
                vi,
                "Sản phẩm chưa được sử dụng nhãn OCOP trước ngày có hiệu lực.",
                "The product may not carry the OCOP mark before that day.",
            ),
        }
    }
}

/// Screen strings of the certificate, print and verification pages; `Lang::certs`.
pub struct Certs {
    pub print_pdf: &'static str,
    pub back_to_certificate: &'static str,
    pub print_hint: &'static str,
    pub not_valid_print: &'static str,
    pub see_successor: &'static str,
    pub revoke_open: &'static str,
    pub revoke_intro: &'static str,
    pub revoke_review: &'static str,
    pub revoke_question: fn(&str) -> String,
    pub revoke_confirm: &'static str,
    pub revoke_edit: &'static str,
    pub cancel: &'static str,
    pub enter_code: &'static str,
    pub code_hint: &'static str,
    pub check: &'static str,
    pub check_successor: &'static str,
    pub revocation_ground: &'static str,
    pub sign_in: &'static str,
    pub not_found: &'static str,
}

static VI: Certs = Certs {
    print_pdf: "In / Lưu PDF",
    back_to_certificate: "Về trang giấy chứng nhận",
    print_hint: "Khổ A4, hướng ngang. Để có tệp PDF, chọn máy in “Lưu dưới dạng PDF”.",
    not_valid_print: "Lưu ý: giấy chứng nhận này hiện không còn hiệu lực.",
    see_successor: "Xem giấy chứng nhận thay thế",
    revoke_open: "Thu hồi…",
    revoke_intro: "Nhập căn cứ và quyết định thu hồi, rồi kiểm tra lại trước khi xác nhận.",
    revoke_review: "Tiếp tục",
    revoke_question: |number| {
        format!(
            "Thu hồi giấy chứng nhận {number}? Sản phẩm sẽ không còn được sử dụng nhãn OCOP; \
             không thể hoàn tác."
        )
    },
    revoke_confirm: "Xác nhận thu hồi",
    revoke_edit: "Sửa lại",
    cancel: "Hủy",
    enter_code: "Nhập mã tra cứu in dưới mã QR trên giấy chứng nhận hoặc nhãn sản phẩm.",
    code_hint: "Ví dụ: 7KQ4M2XH9PRT",
    check: "Tra cứu",
    check_successor: "Kiểm tra giấy chứng nhận thay thế",
    revocation_ground: "Căn cứ thu hồi",
    sign_in: "Đăng nhập dành cho cán bộ",
    not_found: "Không tìm thấy giấy chứng nhận với mã này. Hãy kiểm tra lại mã đã nhập.",
};

static EN: Certs = Certs {
    print_pdf: "Print / Save as PDF",
    back_to_certificate: "Back to the certificate",
    print_hint: "A4, landscape. For a PDF file, choose the “Save as PDF” printer.",
    not_valid_print: "Note: this certificate is no longer in force.",
    see_successor: "See the certificate that replaced it",
    revoke_open: "Revoke…",
    revoke_intro: "Enter the ground and the revocation decision, then review before confirming.",
    revoke_review: "Continue",
    revoke_question: |number| {
        format!(
            "Revoke certificate {number}? The product will no longer carry the OCOP mark; \
             this cannot be undone."
        )
    },
    revoke_confirm: "Confirm the revocation",
    revoke_edit: "Edit",
    cancel: "Cancel",
    enter_code: "Enter the verification code printed under the QR code on the certificate or \
                 the product's label.",
    code_hint: "For example: 7KQ4M2XH9PRT",
    check: "Check",
    check_successor: "Check the certificate that replaced it",
    revocation_ground: "Ground of revocation",
    sign_in: "Sign in (officials)",
    not_found: "No certificate has this code. Please check the code you typed.",
};

/// The printed certificate's fixed wording, in Vietnamese on paper whatever the screen says.
pub struct Printed;

impl Printed {
    pub const MOTTO: &'static str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    pub const MOTTO_SUB: &'static str = "Độc lập - Tự do - Hạnh phúc";
    pub const TITLE: &'static str = "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP";
    pub const NUMBER: &'static str = "Số";
    pub const CERTIFIES: &'static str = "Chứng nhận sản phẩm";
    pub const PRODUCT_SET: &'static str = "Thuộc bộ sản phẩm";
    pub const SUBJECT: &'static str = "Của chủ thể";
    pub const RATED: &'static str = "Đạt hạng";
    pub const SEAL: &'static str = "(Ký, đóng dấu)";
    pub const SCAN: &'static str = "Quét mã QR để kiểm tra hiệu lực";
    pub const CODE: &'static str = "Mã tra cứu";

    pub fn stars(stars: u8) -> String {
        format!("{} sao", stars)
    }

    /// "Theo Quyết định số 123/QĐ-UBND ngày 01/12/2026 của Ủy ban nhân dân Tỉnh Đắk Lắk".
    pub fn decision(number: &str, on: &NaiveDate, body: &str) -> String {
        format!(
            "Theo Quyết định số {number} ngày {} của {body}",
            crate::format::day(on)
        )
    }

    pub fn valid_until(day: &NaiveDate) -> String {
        format!(
            "Giấy chứng nhận có giá trị đến ngày {}",
            crate::format::day(day)
        )
    }

    /// "Đắk Lắk, ngày 01 tháng 12 năm 2026".
    pub fn place_and_date(place: &str, day: &NaiveDate) -> String {
        format!(
            "{place}, ngày {:02} tháng {:02} năm {}",
            day.day(),
            day.month(),
            day.year()
        )
    }
}
