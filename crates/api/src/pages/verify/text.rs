//! The verification page's words in Vietnamese (the default: the page is read in shops in
//! Vietnam) and English, with the dates written as each language's readers expect. The
//! certificate states and revocation grounds use the SPA's wording (frontend/src/i18n).

use chrono::NaiveDate;
use ocop_evaluations::{CertificateState, RevocationGround};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    /// `?lang=en` asks for English; anything else is Vietnamese.
    pub fn from_query(query: &str) -> Self {
        let english = form_urlencoded::parse(query.as_bytes())
            .any(|(key, value)| key == "lang" && value.eq_ignore_ascii_case("en"));
        if english { Self::En } else { Self::Vi }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Vi => "vi",
            Self::En => "en",
        }
    }

    /// What a link to the same page in this language appends to the path.
    pub fn query_suffix(self) -> &'static str {
        match self {
            Self::Vi => "",
            Self::En => "?lang=en",
        }
    }

    /// The other language: the page links to itself in it.
    pub fn other(self) -> Self {
        match self {
            Self::Vi => Self::En,
            Self::En => Self::Vi,
        }
    }

    /// The other language's name, written in that language.
    pub fn name(self) -> &'static str {
        match self {
            Self::Vi => "Tiếng Việt",
            Self::En => "English",
        }
    }

    pub fn pick(self, vi: &'static str, en: &'static str) -> &'static str {
        match self {
            Self::Vi => vi,
            Self::En => en,
        }
    }

    pub fn date(self, day: NaiveDate) -> String {
        match self {
            Self::Vi => day.format("%d/%m/%Y").to_string(),
            Self::En => day.format("%-d %B %Y").to_string(),
        }
    }

    /// The banner's headline: five plain words a shopper reads at a glance. Re-rating due and
    /// extended are in force, so they read as valid (a note says more).
    pub fn banner(self, state: CertificateState) -> &'static str {
        use CertificateState as S;
        match state {
            S::Valid | S::ReRatingDue | S::Extended => self.pick("CÒN HIỆU LỰC", "VALID"),
            S::Expiring => self.pick("SẮP HẾT HẠN", "EXPIRING"),
            S::Expired => self.pick("HẾT HIỆU LỰC", "EXPIRED"),
            S::Revoked => self.pick("ĐÃ THU HỒI", "REVOKED"),
            S::Superseded => self.pick("ĐÃ ĐƯỢC THAY THẾ", "SUPERSEDED"),
            S::NotYetIssued => self.pick("CHƯA CÓ HIỆU LỰC", "NOT YET IN FORCE"),
        }
    }

    /// The line under the banner for the states whose headline needs one (revocation and
    /// supersession have their own, with a date and a ground or a link).
    pub fn banner_note(self, state: CertificateState) -> Option<&'static str> {
        use CertificateState as S;
        match state {
            S::Valid | S::Revoked | S::Superseded => None,
            S::ReRatingDue => Some(self.pick(
                "Đã đến hạn đánh giá lại; giấy chứng nhận vẫn còn hiệu lực.",
                "Re-rating is due; the certificate is still valid.",
            )),
            S::Extended => Some(self.pick(
                "Được gia hạn trong thời gian chờ kết quả đánh giá lại; vẫn còn hiệu lực.",
                "Extended while its re-rating is decided; still valid.",
            )),
            S::Expiring => Some(self.pick(
                "Còn hiệu lực, nhưng sắp đến ngày hết hạn.",
                "Still valid, but close to its expiry date.",
            )),
            S::Expired => Some(self.pick(
                "Sản phẩm không còn được sử dụng biểu trưng OCOP theo giấy chứng nhận này.",
                "The product may no longer carry the OCOP mark on this certificate.",
            )),
            S::NotYetIssued => Some(self.pick(
                "Giấy chứng nhận chưa đến ngày cấp.",
                "The certificate's issue date has not come yet.",
            )),
        }
    }

    pub fn ground(self, ground: RevocationGround) -> &'static str {
        use RevocationGround as G;
        match ground {
            G::FalseDossier => {
                self.pick("Hồ sơ không trung thực, giả mạo", "False or forged dossier")
            }
            G::CriteriaNoLongerMet => {
                self.pick("Không còn đáp ứng tiêu chí", "Criteria no longer met")
            }
            G::LegalBreach => self.pick("Vi phạm pháp luật", "Breach of law"),
            G::MarkMisuse => self.pick("Sử dụng sai biểu trưng OCOP", "Misuse of the OCOP mark"),
            G::ProductionStopped => self.pick("Không còn sản xuất", "Production stopped"),
            G::OtherAuthorityFinding => self.pick(
                "Theo kết luận của cơ quan có thẩm quyền",
                "Finding of a competent authority",
            ),
        }
    }
}

/// The fixed words of the pages, one struct per language so that a missing translation fails
/// to compile.
pub struct Words {
    pub title: &'static str,
    pub form_title: &'static str,
    pub form_help: &'static str,
    pub code_label: &'static str,
    pub check: &'static str,
    pub not_found_title: &'static str,
    pub not_found: &'static str,
    pub producer: &'static str,
    pub place: &'static str,
    pub product_set: &'static str,
    pub number: &'static str,
    pub issuing_body: &'static str,
    pub issued_on: &'static str,
    pub expires_on: &'static str,
    pub code: &'static str,
    pub stars: &'static str,
    pub revoked_on: &'static str,
    pub ground: &'static str,
    pub superseded_on: &'static str,
    pub successor: &'static str,
    pub another: &'static str,
}

pub const VI: Words = Words {
    title: "Kiểm tra chứng nhận OCOP",
    form_title: "Kiểm tra sản phẩm OCOP",
    form_help: "Nhập mã xác thực in dưới mã QR trên giấy chứng nhận hoặc bao bì.",
    code_label: "Mã xác thực",
    check: "Kiểm tra",
    not_found_title: "Không tìm thấy",
    not_found: "Không có giấy chứng nhận OCOP nào mang mã này. Hãy kiểm tra lại mã đã nhập.",
    producer: "Chủ thể sản xuất",
    place: "Địa chỉ",
    product_set: "Bộ sản phẩm",
    number: "Số giấy chứng nhận",
    issuing_body: "Cơ quan cấp",
    issued_on: "Ngày cấp",
    expires_on: "Ngày hết hạn",
    code: "Mã xác thực",
    stars: "sao",
    revoked_on: "Thu hồi ngày",
    ground: "Lý do",
    superseded_on: "Được thay thế ngày",
    successor: "Xem giấy chứng nhận mới",
    another: "Kiểm tra mã khác",
};

pub const EN: Words = Words {
    title: "OCOP certificate check",
    form_title: "Check an OCOP product",
    form_help: "Type the verification code printed under the QR code on the certificate or package.",
    code_label: "Verification code",
    check: "Check",
    not_found_title: "Not found",
    not_found: "No OCOP certificate carries this code. Please check the code you typed.",
    producer: "Producer",
    place: "Location",
    product_set: "Product set",
    number: "Certificate number",
    issuing_body: "Issued by",
    issued_on: "Issued on",
    expires_on: "Expires on",
    code: "Verification code",
    stars: "stars",
    revoked_on: "Revoked on",
    ground: "Ground",
    superseded_on: "Replaced on",
    successor: "See the new certificate",
    another: "Check another code",
};

impl Lang {
    pub fn words(self) -> &'static Words {
        match self {
            Self::Vi => &VI,
            Self::En => &EN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_only_when_asked() {
        assert_eq!(Lang::from_query(""), Lang::Vi);
        assert_eq!(Lang::from_query("lang=en"), Lang::En);
        assert_eq!(Lang::from_query("x=1&lang=EN"), Lang::En);
        assert_eq!(Lang::from_query("lang=fr"), Lang::Vi);
    }

    #[test]
    fn dates_as_each_language_writes_them() {
        let day = NaiveDate::from_ymd_opt(2027, 3, 9).expect("day");
        assert_eq!(Lang::Vi.date(day), "09/03/2027");
        assert_eq!(Lang::En.date(day), "9 March 2027");
    }
}
