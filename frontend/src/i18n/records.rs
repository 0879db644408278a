//! The strings of the record pages (a subject, a product) and of the lists' search, sort and
//! filter controls, in Vietnamese and English.

use super::{Lang, pick};

impl Lang {
    fn rec_vi(self) -> bool {
        self == Self::Vi
    }

    pub fn rec_edit(self) -> &'static str {
        pick(self.rec_vi(), "Sửa", "Edit")
    }

    pub fn rec_start_dossier(self) -> &'static str {
        pick(self.rec_vi(), "Lập hồ sơ OCOP", "Start a dossier")
    }

    pub fn rec_dossiers(self) -> &'static str {
        pick(
            self.rec_vi(),
            "Hồ sơ OCOP của sản phẩm",
            "The product's dossiers",
        )
    }

    pub fn rec_no_dossiers(self) -> &'static str {
        pick(
            self.rec_vi(),
            "Sản phẩm chưa có hồ sơ nào.",
            "No dossier yet.",
        )
    }

    pub fn rec_certificates(self) -> &'static str {
        pick(self.rec_vi(), "Giấy chứng nhận", "Certificates")
    }

    pub fn rec_no_certificates(self) -> &'static str {
        pick(
            self.rec_vi(),
            "Chưa có giấy chứng nhận nào.",
            "No certificate yet.",
        )
    }

    pub fn rec_products(self) -> &'static str {
        pick(
            self.rec_vi(),
            "Sản phẩm của chủ thể",
            "The subject's products",
        )
    }

    pub fn rec_no_products(self) -> &'static str {
        pick(
            self.rec_vi(),
            "Chủ thể chưa có sản phẩm nào.",
            "No product yet.",
        )
    }

    pub fn rec_new_product(self) -> &'static str {
        pick(self.rec_vi(), "Thêm sản phẩm", "Add a product")
    }

    pub fn rec_to_subjects(self) -> &'static str {
        pick(self.rec_vi(), "‹ Danh sách chủ thể", "‹ All subjects")
    }

    pub fn rec_to_products(self) -> &'static str {
        pick(self.rec_vi(), "‹ Danh sách sản phẩm", "‹ All products")
    }

    pub fn rec_to_record(self) -> &'static str {
        pick(self.rec_vi(), "‹ Quay lại bản ghi", "‹ Back to the record")
    }

    pub fn rec_yes(self) -> &'static str {
        pick(self.rec_vi(), "Có", "Yes")
    }

    pub fn rec_no(self) -> &'static str {
        pick(self.rec_vi(), "Không", "No")
    }

    // The lists' controls, named for screen readers.

    pub fn rec_search_label(self) -> &'static str {
        pick(self.rec_vi(), "Tìm trong danh sách", "Search the list")
    }

    pub fn rec_filter_unit(self) -> &'static str {
        pick(self.rec_vi(), "Lọc theo xã, phường", "Filter by commune")
    }

    pub fn rec_find_commune(self) -> &'static str {
        pick(
            self.rec_vi(),
            "Tìm xã, phường, huyện cũ…",
            "Find a commune or former district…",
        )
    }

    pub fn rec_find_commune_label(self) -> &'static str {
        pick(
            self.rec_vi(),
            "Tìm xã, phường trong bộ lọc",
            "Search the commune filter",
        )
    }

    /// The heading of a group of communes: the district most of it came from (before 7/2025).
    pub fn rec_former_district(self, district: &str) -> String {
        if self.rec_vi() {
            format!("{district} (trước 7/2025)")
        } else {
            format!("{district} (before 7/2025)")
        }
    }

    pub fn rec_other_communes(self) -> &'static str {
        pick(self.rec_vi(), "Xã, phường khác", "Other communes")
    }

    pub fn rec_filter_kind(self) -> &'static str {
        pick(self.rec_vi(), "Lọc theo loại hình", "Filter by kind")
    }

    pub fn rec_filter_status(self) -> &'static str {
        pick(self.rec_vi(), "Lọc theo trạng thái", "Filter by status")
    }

    pub fn rec_filter_product_set(self) -> &'static str {
        pick(
            self.rec_vi(),
            "Lọc theo bộ sản phẩm",
            "Filter by product set",
        )
    }

    pub fn rec_filter_year(self) -> &'static str {
        pick(self.rec_vi(), "Lọc theo năm", "Filter by year")
    }

    pub fn rec_filter_stars(self) -> &'static str {
        pick(self.rec_vi(), "Lọc theo số sao", "Filter by stars")
    }

    pub fn rec_filter_level(self) -> &'static str {
        pick(self.rec_vi(), "Lọc theo cấp", "Filter by level")
    }

    pub fn rec_filter_closed(self) -> &'static str {
        pick(
            self.rec_vi(),
            "Lọc vòng mở hoặc đã đóng",
            "Filter open or closed rounds",
        )
    }

    pub fn rec_sort_label(self) -> &'static str {
        pick(self.rec_vi(), "Sắp xếp", "Sort")
    }

    /// The sort button of a column, said as the act.
    pub fn rec_sort_by(self, column: &str) -> String {
        if self.rec_vi() {
            format!("Sắp xếp theo {column}")
        } else {
            format!("Sort by {column}")
        }
    }

    /// Stars as read aloud: `★★★☆☆` means nothing to a screen reader.
    pub fn rec_stars(self, stars: u8) -> String {
        if self.rec_vi() {
            format!("{stars} sao")
        } else if stars == 1 {
            "1 star".to_string()
        } else {
            format!("{stars} stars")
        }
    }
}
