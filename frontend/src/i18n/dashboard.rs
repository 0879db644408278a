//! The strings of the dashboard (`#/dashboard`): its controls, its cards and their charts.

use chrono::NaiveDate;

use super::Lang;
use crate::format;

pub struct Dash {
    pub nav: &'static str,
    pub title: &'static str,
    pub lead: &'static str,
    pub unit: &'static str,
    pub as_of: &'static str,
    pub year: &'static str,

    pub stars_title: &'static str,
    pub stars_chart: &'static str,
    pub sets_title: &'static str,
    pub expiring_title: &'static str,
    pub expiring_by_commune: &'static str,
    pub expiring_none: &'static str,
    pub pipeline_title: &'static str,
    pub targets_title: &'static str,
    pub no_targets: &'static str,
    pub budget_title: &'static str,
    pub no_budget: &'static str,
    pub planned: &'static str,
    pub disbursed: &'static str,
    pub state_share: &'static str,

    pub total: &'static str,
    pub others: &'static str,
    pub more: &'static str,
    pub no_figures: &'static str,
    pub csv: &'static str,
    pub xlsx: &'static str,
    pub download_hint: &'static str,
    pub unavailable: &'static str,
    pub report_of: &'static str,
}

impl Lang {
    pub fn dashboard(self) -> &'static Dash {
        match self {
            Self::Vi => &VI,
            Self::En => &EN,
        }
    }

    /// What the products and certificates cards cover: the day the certificates are in force.
    pub fn dash_in_force_on(self, day: NaiveDate) -> String {
        match self {
            Self::Vi => format!("Còn hiệu lực ngày {}", format::day(&day)),
            Self::En => format!("In force on {}", format::day(&day)),
        }
    }

    /// The window the expiring card looks at: 90 days from the day, both included.
    pub fn dash_expiring_window(self, from: NaiveDate, to: NaiveDate) -> String {
        let (from, to) = (format::day(&from), format::day(&to));
        match self {
            Self::Vi => format!("Từ {from} đến {to}"),
            Self::En => format!("From {from} to {to}"),
        }
    }

    /// What the year-bound cards (pipeline, targets, budget) cover.
    pub fn dash_year_as_of(self, year: i32, day: NaiveDate) -> String {
        match self {
            Self::Vi => format!("Năm {year}, số liệu đến ngày {}", format::day(&day)),
            Self::En => format!("Year {year}, figures as of {}", format::day(&day)),
        }
    }

    pub fn dash_certificates(self, count: i64) -> String {
        match self {
            Self::Vi => format!("{} giấy chứng nhận", self.dash_count(count)),
            Self::En if count == 1 => "1 certificate".to_string(),
            Self::En => format!("{} certificates", self.dash_count(count)),
        }
    }

    pub fn dash_products(self, count: i64) -> String {
        match self {
            Self::Vi => format!("{} sản phẩm", self.dash_count(count)),
            Self::En if count == 1 => "1 product".to_string(),
            Self::En => format!("{} products", self.dash_count(count)),
        }
    }

    pub fn dash_dossiers(self, count: i64) -> String {
        match self {
            Self::Vi => format!("{} hồ sơ", self.dash_count(count)),
            Self::En if count == 1 => "1 dossier".to_string(),
            Self::En => format!("{} dossiers", self.dash_count(count)),
        }
    }

    /// A whole number grouped by thousands: `1.234` in Vietnamese, `1,234` in English.
    pub fn dash_count(self, count: i64) -> String {
        let separator = match self {
            Self::Vi => '.',
            Self::En => ',',
        };
        format::grouped(count, separator)
    }

    /// A share as a percentage with one decimal at most: `37,5 %`, `37.5 %`.
    pub fn dash_percent(self, ratio: f64) -> String {
        let percent = (ratio * 1000.0).round() / 10.0;
        let text = if percent.fract() == 0.0 {
            format!("{percent:.0} %")
        } else {
            format!("{percent:.1} %")
        };
        match self {
            Self::Vi => text.replace('.', ","),
            Self::En => text,
        }
    }
}

static VI: Dash = Dash {
    nav: "Bảng điều khiển",
    title: "Bảng điều khiển",
    lead: "Số liệu chính của địa bàn, lấy từ các báo cáo; mỗi thẻ tải được báo cáo gốc.",
    unit: "Địa bàn",
    as_of: "Số liệu đến ngày",
    year: "Năm",

    stars_title: "Sản phẩm OCOP theo hạng sao",
    stars_chart: "Sản phẩm OCOP còn hiệu lực theo hạng sao",
    sets_title: "Theo bộ sản phẩm",
    expiring_title: "Giấy chứng nhận hết hạn trong 90 ngày tới",
    expiring_by_commune: "Theo xã",
    expiring_none: "Không có giấy chứng nhận nào sắp hết hạn.",
    pipeline_title: "Hồ sơ chu trình theo bước",
    targets_title: "Tiến độ chỉ tiêu kế hoạch",
    no_targets: "Chưa có chỉ tiêu nào cho năm này.",
    budget_title: "Kinh phí theo nguồn: kế hoạch và giải ngân",
    no_budget: "Chưa có kinh phí nào cho năm này.",
    planned: "Kế hoạch",
    disbursed: "Đã giải ngân",
    state_share: "Tỷ trọng ngân sách nhà nước",

    total: "Tổng",
    others: "Khác",
    more: "Xem đủ trong báo cáo tải về.",
    no_figures: "Chưa có số liệu.",
    csv: "Tải CSV",
    xlsx: "Tải Excel",
    download_hint: "Tải báo cáo gốc của thẻ này",
    unavailable: "Báo cáo này chưa có trên máy chủ.",
    report_of: "Báo cáo",
};

static EN: Dash = Dash {
    nav: "Dashboard",
    title: "Dashboard",
    lead: "The area's main figures, read from the reports; each card downloads its report.",
    unit: "Area",
    as_of: "Figures as of",
    year: "Year",

    stars_title: "OCOP products by stars",
    stars_chart: "OCOP products in force by stars",
    sets_title: "By product set",
    expiring_title: "Certificates expiring in the next 90 days",
    expiring_by_commune: "By commune",
    expiring_none: "No certificate expires soon.",
    pipeline_title: "Dossiers by step of the cycle",
    targets_title: "Target progress",
    no_targets: "No target for this year yet.",
    budget_title: "Budget by source: planned and disbursed",
    no_budget: "No budget for this year yet.",
    planned: "Planned",
    disbursed: "Disbursed",
    state_share: "State budget share",

    total: "Total",
    others: "Others",
    more: "See them all in the downloaded report.",
    no_figures: "No figures yet.",
    csv: "Download CSV",
    xlsx: "Download Excel",
    download_hint: "Download the report behind this card",
    unavailable: "This report is not available on the server.",
    report_of: "Report",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_shares_are_written_each_languages_way() {
        assert_eq!(Lang::Vi.dash_count(1_234_567), "1.234.567");
        assert_eq!(Lang::En.dash_count(1_234_567), "1,234,567");
        assert_eq!(Lang::Vi.dash_count(-950), "-950");
        assert_eq!(Lang::Vi.dash_percent(0.375), "37,5 %");
        assert_eq!(Lang::En.dash_percent(0.375), "37.5 %");
        assert_eq!(Lang::Vi.dash_percent(1.0), "100 %");
        assert_eq!(Lang::En.dash_products(1), "1 product");
        assert_eq!(Lang::Vi.dash_certificates(12), "12 giấy chứng nhận");
    }
}
