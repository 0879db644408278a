//! Every string the UI shows, in Vietnamese (the default) and English. Messages about input
//! come from the server already localised (it reads our Accept-Language); the rest is here.

use ocop_core::Role;
use ocop_products::ProductStatus;
use ocop_subjects::{SubjectKind, SubjectStatus};

pub mod admin;
pub mod catalogue;
pub mod certificates;
pub mod dashboard;
mod errors;
mod evaluations;
pub mod home;
pub mod plans;
pub mod records;
mod shell;
pub mod trade;

pub use evaluations::Ev;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Self::Vi => "vi",
            Self::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "vi" => Some(Self::Vi),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    pub fn other(self) -> Self {
        match self {
            Self::Vi => Self::En,
            Self::En => Self::Vi,
        }
    }

    pub fn dict(self) -> &'static Dict {
        match self {
            Self::Vi => &VI,
            Self::En => &EN,
        }
    }

    pub fn kind(self, kind: SubjectKind) -> &'static str {
        match self {
            Self::Vi => kind.label_vi(),
            Self::En => kind.label_en(),
        }
    }

    pub fn role(self, role: Role) -> &'static str {
        let vi = self == Self::Vi;
        match role {
            Role::SystemAdmin => pick(vi, "Quản trị hệ thống", "System administrator"),
            Role::ProvinceOfficer => pick(vi, "Cán bộ tỉnh", "Province officer"),
            Role::DistrictOfficer => pick(vi, "Cán bộ huyện", "District officer"),
            Role::CommuneOfficer => pick(vi, "Cán bộ xã", "Commune officer"),
            Role::CouncilMember => pick(vi, "Thành viên hội đồng", "Council member"),
            Role::Producer => pick(vi, "Chủ thể sản xuất", "Producer"),
            Role::Viewer => pick(vi, "Người xem", "Viewer"),
        }
    }

    pub fn subject_status(self, status: SubjectStatus) -> &'static str {
        let vi = self == Self::Vi;
        match status {
            SubjectStatus::Active => pick(vi, "Đang hoạt động", "Active"),
            SubjectStatus::Suspended => pick(vi, "Tạm ngừng", "Suspended"),
            SubjectStatus::Archived => pick(vi, "Đã lưu trữ", "Archived"),
        }
    }

    pub fn product_status(self, status: ProductStatus) -> &'static str {
        let vi = self == Self::Vi;
        match status {
            ProductStatus::Active => pick(vi, "Đang sản xuất", "Active"),
            ProductStatus::Suspended => pick(vi, "Tạm ngừng", "Suspended"),
            ProductStatus::Discontinued => pick(vi, "Ngừng sản xuất", "Discontinued"),
        }
    }
}

fn pick(vi: bool, vi_text: &'static str, en_text: &'static str) -> &'static str {
    if vi { vi_text } else { en_text }
}

/// One language's strings. A struct rather than a key lookup, so a missing translation
/// is a compile error instead of a blank label.
pub struct Dict {
    pub app_name: &'static str,
    pub nav_subjects: &'static str,
    pub nav_products: &'static str,
    pub logout: &'static str,
    /// The switch shows the language it switches to.
    pub switch_lang: &'static str,
    pub loading: &'static str,
    pub no_results: &'static str,
    pub search: &'static str,
    pub all_units: &'static str,
    pub all_kinds: &'static str,
    pub all_statuses: &'static str,
    pub all_product_sets: &'static str,
    pub choose: &'static str,
    pub prev: &'static str,
    pub next: &'static str,
    pub page_info: fn(u64, u64, u64) -> String,
    pub sort_name_asc: &'static str,
    pub sort_name_desc: &'static str,
    pub sort_created_desc: &'static str,
    pub sort_created_asc: &'static str,
    pub sort_updated_desc: &'static str,
    pub sort_price_asc: &'static str,
    pub sort_price_desc: &'static str,

    pub login_title: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub login_submit: &'static str,

    pub subjects_title: &'static str,
    pub new_subject: &'static str,
    pub edit_subject: &'static str,
    pub name: &'static str,
    pub kind: &'static str,
    pub registration_code: &'static str,
    pub legal_representative: &'static str,
    pub address: &'static str,
    pub unit: &'static str,
    pub phone: &'static str,
    pub founded_on: &'static str,
    pub member_count: &'static str,
    pub women_led: &'static str,
    pub status: &'static str,
    pub updated: &'static str,

    pub products_title: &'static str,
    pub new_product: &'static str,
    pub edit_product: &'static str,
    pub product_name: &'static str,
    pub subject: &'static str,
    pub find_subject: &'static str,
    pub product_set: &'static str,
    pub origin_unit: &'static str,
    pub origin_default: &'static str,
    pub description: &'static str,
    pub ingredients: &'static str,
    pub packaging: &'static str,
    pub price: &'static str,
    pub price_min: &'static str,
    pub price_max: &'static str,
    pub in_dong: &'static str,
    pub capacity_value: &'static str,
    pub capacity_unit: &'static str,
    pub gtin: &'static str,
    pub images: &'static str,
    pub no_images: &'static str,
    pub upload_image: &'static str,
    pub uploading: &'static str,
    pub image_uploaded: &'static str,
    pub image_type: &'static str,

    pub save: &'static str,
    pub saving: &'static str,
    pub cancel: &'static str,
    pub back: &'static str,
    pub created: &'static str,
    pub saved: &'static str,
    pub nothing_changed: &'static str,
    pub stale: &'static str,
    pub reload: &'static str,
    pub read_only: &'static str,
    pub required: &'static str,
    pub whole_number: &'static str,
    pub bad_date: &'static str,
    pub check_fields: &'static str,
    pub network_error: &'static str,
    pub session_ended: &'static str,

    /// The evaluation screens (see `evaluations`).
    pub ev: &'static Ev,
}

pub const VI: Dict = Dict {
    app_name: "OCOP Đắk Lắk",
    nav_subjects: "Chủ thể",
    nav_products: "Sản phẩm",
    logout: "Đăng xuất",
    switch_lang: "English",
    loading: "Đang tải…",
    no_results: "Không có kết quả phù hợp.",
    search: "Tìm kiếm…",
    all_units: "Mọi xã, phường",
    all_kinds: "Tất cả loại hình",
    all_statuses: "Tất cả trạng thái",
    all_product_sets: "Tất cả bộ sản phẩm",
    choose: "— Chọn —",
    prev: "‹ Trước",
    next: "Sau ›",
    page_info: |page, pages, total| format!("Trang {page} / {pages} · {total} kết quả"),
    sort_name_asc: "Tên A → Z",
    sort_name_desc: "Tên Z → A",
    sort_created_desc: "Mới thêm trước",
    sort_created_asc: "Cũ trước",
    sort_updated_desc: "Mới cập nhật",
    sort_price_asc: "Giá tăng dần",
    sort_price_desc: "Giá giảm dần",

    login_title: "Đăng nhập",
    email: "Email",
    password: "Mật khẩu",
    login_submit: "Đăng nhập",

    subjects_title: "Chủ thể OCOP",
    new_subject: "Thêm chủ thể",
    edit_subject: "Sửa chủ thể",
    name: "Tên",
    kind: "Loại hình",
    registration_code: "Mã số doanh nghiệp / đăng ký",
    legal_representative: "Người đại diện theo pháp luật",
    address: "Địa chỉ",
    unit: "Xã, phường",
    phone: "Điện thoại",
    founded_on: "Ngày thành lập",
    member_count: "Số thành viên",
    women_led: "Do phụ nữ làm chủ hoặc quản lý",
    status: "Trạng thái",
    updated: "Cập nhật",

    products_title: "Sản phẩm OCOP",
    new_product: "Thêm sản phẩm",
    edit_product: "Sửa sản phẩm",
    product_name: "Tên sản phẩm",
    subject: "Chủ thể",
    find_subject: "Lọc chủ thể theo tên…",
    product_set: "Bộ sản phẩm",
    origin_unit: "Nơi xuất xứ",
    origin_default: "Theo địa bàn của chủ thể",
    description: "Mô tả",
    ingredients: "Nguyên liệu và nguồn gốc",
    packaging: "Quy cách đóng gói",
    price: "Giá",
    price_min: "Giá thấp nhất",
    price_max: "Giá cao nhất",
    in_dong: "đồng",
    capacity_value: "Công suất",
    capacity_unit: "Đơn vị công suất",
    gtin: "Mã GTIN (mã vạch)",
    images: "Hình ảnh",
    no_images: "Chưa có hình ảnh.",
    upload_image: "Tải ảnh lên (JPEG, PNG, WebP; tối đa 5 MB)",
    uploading: "Đang tải ảnh lên…",
    image_uploaded: "Đã tải ảnh lên.",
    image_type: "Chỉ nhận ảnh JPEG, PNG hoặc WebP.",

    save: "Lưu",
    saving: "Đang lưu…",
    cancel: "Hủy",
    back: "‹ Quay lại danh sách",
    created: "Đã thêm.",
    saved: "Đã lưu thay đổi.",
    nothing_changed: "Không có thay đổi nào.",
    stale: "Bản ghi vừa được người khác thay đổi. Hãy tải lại rồi sửa tiếp.",
    reload: "Tải lại",
    read_only: "Bạn chỉ có quyền xem bản ghi này.",
    required: "Trường này là bắt buộc",
    whole_number: "Phải là số nguyên",
    bad_date: "Ngày không hợp lệ",
    check_fields: "Vui lòng kiểm tra các trường được đánh dấu.",
    network_error: "Không kết nối được máy chủ",
    session_ended: "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.",
    ev: &evaluations::VI,
};

pub const EN: Dict = Dict {
    app_name: "OCOP Đắk Lắk",
    nav_subjects: "Subjects",
    nav_products: "Products",
    logout: "Log out",
    switch_lang: "Tiếng Việt",
    loading: "Loading…",
    no_results: "Nothing matches.",
    search: "Search…",
    all_units: "All communes",
    all_kinds: "All kinds",
    all_statuses: "All statuses",
    all_product_sets: "All product sets",
    choose: "— Choose —",
    prev: "‹ Previous",
    next: "Next ›",
    page_info: |page, pages, total| format!("Page {page} of {pages} · {total} total"),
    sort_name_asc: "Name A → Z",
    sort_name_desc: "Name Z → A",
    sort_created_desc: "Newest first",
    sort_created_asc: "Oldest first",
    sort_updated_desc: "Recently updated",
    sort_price_asc: "Price, low to high",
    sort_price_desc: "Price, high to low",

    login_title: "Sign in",
    email: "Email",
    password: "Password",
    login_submit: "Sign in",

    subjects_title: "OCOP subjects",
    new_subject: "Add subject",
    edit_subject: "Edit subject",
    name: "Name",
    kind: "Kind",
    registration_code: "Registration or tax code",
    legal_representative: "Legal representative",
    address: "Address",
    unit: "Commune or ward",
    phone: "Phone",
    founded_on: "Founded on",
    member_count: "Members",
    women_led: "Owned or managed by women",
    status: "Status",
    updated: "Updated",

    products_title: "OCOP products",
    new_product: "Add product",
    edit_product: "Edit product",
    product_name: "Product name",
    subject: "Subject",
    find_subject: "Filter subjects by name…",
    product_set: "Product set",
    origin_unit: "Origin",
    origin_default: "The subject's commune",
    description: "Description",
    ingredients: "Ingredients and their origin",
    packaging: "Packaging",
    price: "Price",
    price_min: "Lowest price",
    price_max: "Highest price",
    in_dong: "đồng",
    capacity_value: "Capacity",
    capacity_unit: "Capacity unit",
    gtin: "GTIN (barcode)",
    images: "Images",
    no_images: "No images yet.",
    upload_image: "Upload an image (JPEG, PNG, WebP; up to 5 MB)",
    uploading: "Uploading…",
    image_uploaded: "Image uploaded.",
    image_type: "Only JPEG, PNG or WebP images are accepted.",

    save: "Save",
    saving: "Saving…",
    cancel: "Cancel",
    back: "‹ Back to the list",
    created: "Created.",
    saved: "Changes saved.",
    nothing_changed: "Nothing changed.",
    stale: "Someone else changed this record meanwhile. Reload it, then edit again.",
    reload: "Reload",
    read_only: "You may only view this record.",
    required: "This field is required",
    whole_number: "Must be a whole number",
    bad_date: "Not a valid date",
    check_fields: "Please check the marked fields.",
    network_error: "Cannot reach the server",
    session_ended: "Your session has ended; please sign in again.",
    ev: &evaluations::EN,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_round_trip() {
        for lang in [Lang::Vi, Lang::En] {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
            assert_eq!(lang.other().other(), lang);
        }
    }

    #[test]
    fn page_info_reads_naturally() {
        assert_eq!((VI.page_info)(2, 5, 93), "Trang 2 / 5 · 93 kết quả");
        assert_eq!((EN.page_info)(1, 1, 3), "Page 1 of 1 · 3 total");
    }
}
