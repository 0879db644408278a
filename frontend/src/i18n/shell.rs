//! The strings of the signed-in shell: the menu, the skip link, the "not found" page and the
//! banner of an account whose unit is no longer in force.

use super::Lang;

pub struct Shell {
    pub skip_to_content: &'static str,
    pub menu: &'static str,
    pub menu_label: &'static str,
    pub nav_home: &'static str,
    pub nav_users: &'static str,
    pub nav_council_members: &'static str,
    pub nav_audit: &'static str,
    /// Read after a menu count by screen readers: "3 items to act on".
    pub to_act_on: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub not_found_home: &'static str,
    pub unit_ceased_title: &'static str,
    /// Followed by the unit's name.
    pub unit_ceased_unit: &'static str,
    /// Followed by the first day it no longer exists.
    pub unit_ceased_on: &'static str,
    pub unit_ceased_advice: &'static str,
}

const VI: Shell = Shell {
    skip_to_content: "Chuyển đến nội dung chính",
    menu: "Trình đơn",
    menu_label: "Các mục chính",
    nav_home: "Trang chủ",
    nav_users: "Người dùng",
    nav_council_members: "Thành viên hội đồng",
    nav_audit: "Nhật ký",
    to_act_on: "việc cần xử lý",
    not_found_title: "Không tìm thấy trang",
    not_found_text: "Địa chỉ này không dẫn đến trang nào. Có thể liên kết bị gõ sai hoặc đã cũ.",
    not_found_home: "Về trang chủ",
    unit_ceased_title: "Đơn vị của tài khoản không còn hiệu lực",
    unit_ceased_unit: "Đơn vị",
    unit_ceased_on: "đã chấm dứt hoạt động từ ngày",
    unit_ceased_advice: "Tài khoản này chỉ xem được dữ liệu lịch sử. Vui lòng đề nghị quản trị viên chuyển tài khoản sang đơn vị mới.",
};

const EN: Shell = Shell {
    skip_to_content: "Skip to main content",
    menu: "Menu",
    menu_label: "Main sections",
    nav_home: "Home",
    nav_users: "Users",
    nav_council_members: "Council members",
    nav_audit: "Audit trail",
    to_act_on: "items to act on",
    not_found_title: "Page not found",
    not_found_text: "This address leads to no page. The link may be mistyped or out of date.",
    not_found_home: "Go to the home page",
    unit_ceased_title: "This account's unit is no longer in force",
    unit_ceased_unit: "The unit",
    unit_ceased_on: "ceased to exist on",
    unit_ceased_advice: "This account can only read historical records. Ask the administrator to move it to the new unit.",
};

impl Lang {
    pub fn shell(self) -> &'static Shell {
        match self {
            Self::Vi => &VI,
            Self::En => &EN,
        }
    }
}
