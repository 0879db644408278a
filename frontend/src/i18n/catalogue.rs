//! The strings of the public catalogue (the list of certified products in force and one
//! product's page) and of the bar above it for visitors who are not signed in, in Vietnamese
//! and English.

use super::Lang;

pub struct Catalogue {
    pub nav: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub sign_in: &'static str,
    pub bar_label: &'static str,

    pub all_product_sets: &'static str,
    pub filter_product_set: &'static str,
    pub any_stars: &'static str,
    pub filter_stars: &'static str,
    pub all_provinces: &'static str,
    pub filter_province: &'static str,
    pub more: &'static str,
    pub none: &'static str,
    pub no_photo: &'static str,

    pub to_list: &'static str,
    pub not_listed: &'static str,
    pub producer: &'static str,
    pub commune: &'static str,
    pub province: &'static str,
    pub formerly: &'static str,
    pub sector: &'static str,
    pub price: &'static str,
    pub price_unknown: &'static str,
    pub gtin: &'static str,
    pub photos: &'static str,
    pub certificate: &'static str,
    pub verify_link: &'static str,
    pub in_force: &'static str,
    pub valid_through: &'static str,
    pub buy_online: &'static str,
    pub no_listings: &'static str,
    pub points_of_sale: &'static str,
    pub no_points_of_sale: &'static str,
}

impl Lang {
    pub fn catalogue(self) -> &'static Catalogue {
        match self {
            Self::Vi => &VI,
            Self::En => &EN,
        }
    }

    /// The option of the stars filter: "Từ 4 sao" / "4 stars or more".
    pub fn stars_at_least(self, stars: u8) -> String {
        match self {
            Self::Vi => format!("Từ {stars} sao"),
            Self::En if stars >= 5 => "5 stars".to_string(),
            Self::En => format!("{stars} stars or more"),
        }
    }

    /// Under the list: how many entries are shown, and whether more wait behind the button.
    pub fn catalogue_shown(self, shown: usize, more: bool) -> String {
        match (self, more) {
            (Self::Vi, false) => format!("{shown} sản phẩm"),
            (Self::Vi, true) => format!("Đang hiện {shown} sản phẩm đầu tiên"),
            (Self::En, false) if shown == 1 => "1 product".to_string(),
            (Self::En, false) => format!("{shown} products"),
            (Self::En, true) => format!("Showing the first {shown} products"),
        }
    }

    /// The alternative text of a product's photo.
    pub fn photo_of(self, product: &str, n: usize) -> String {
        match self {
            Self::Vi => format!("Ảnh {n} của sản phẩm {product}"),
            Self::En => format!("Photo {n} of {product}"),
        }
    }
}

static VI: Catalogue = Catalogue {
    nav: "Sản phẩm OCOP",
    title: "Danh mục sản phẩm OCOP",
    intro: "Các sản phẩm có giấy chứng nhận OCOP đang còn hiệu lực hôm nay.",
    sign_in: "Đăng nhập",
    bar_label: "Trang công khai",

    all_product_sets: "Mọi bộ sản phẩm",
    filter_product_set: "Lọc theo bộ sản phẩm",
    any_stars: "Mọi hạng sao",
    filter_stars: "Lọc theo hạng sao",
    all_provinces: "Mọi tỉnh, thành phố",
    filter_province: "Lọc theo tỉnh, thành phố",
    more: "Xem thêm",
    none: "Không có sản phẩm nào khớp với bộ lọc.",
    no_photo: "Chưa có ảnh",

    to_list: "‹ Danh mục sản phẩm",
    not_listed: "Sản phẩm này không có trong danh mục: giấy chứng nhận OCOP của nó không còn hiệu lực, hoặc địa chỉ bị gõ sai.",
    producer: "Chủ thể sản xuất",
    commune: "Xã, phường",
    province: "Tỉnh, thành phố",
    formerly: "Trước sắp xếp đơn vị hành chính 2025",
    sector: "Ngành",
    price: "Giá",
    price_unknown: "Chưa công bố",
    gtin: "Mã GTIN",
    photos: "Ảnh sản phẩm",
    certificate: "Giấy chứng nhận OCOP",
    verify_link: "Kiểm tra giấy chứng nhận",
    in_force: "Còn hiệu lực",
    valid_through: "Hiệu lực đến hết ngày",
    buy_online: "Mua trực tuyến",
    no_listings: "Sản phẩm chưa được đăng trên sàn thương mại điện tử nào.",
    points_of_sale: "Điểm bán",
    no_points_of_sale: "Chưa có điểm bán nào được ghi nhận.",
};

static EN: Catalogue = Catalogue {
    nav: "OCOP products",
    title: "OCOP product catalogue",
    intro: "The products whose OCOP certificate is in force today.",
    sign_in: "Sign in",
    bar_label: "Public pages",

    all_product_sets: "All product sets",
    filter_product_set: "Filter by product set",
    any_stars: "Any stars",
    filter_stars: "Filter by stars",
    all_provinces: "All provinces",
    filter_province: "Filter by province",
    more: "Show more",
    none: "No product matches the filters.",
    no_photo: "No photo",

    to_list: "‹ Product catalogue",
    not_listed: "This product is not in the catalogue: its OCOP certificate is no longer in force, or the address was mistyped.",
    producer: "Producer",
    commune: "Commune",
    province: "Province",
    formerly: "Before the 2025 reorganisation",
    sector: "Sector",
    price: "Price",
    price_unknown: "Not published",
    gtin: "GTIN",
    photos: "Photos",
    certificate: "OCOP certificate",
    verify_link: "Verify the certificate",
    in_force: "In force",
    valid_through: "In force through",
    buy_online: "Buy online",
    no_listings: "The product is not listed on any e-commerce platform.",
    points_of_sale: "Points of sale",
    no_points_of_sale: "No point of sale on record.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_star_options_read_naturally_in_both_languages() {
        assert_eq!(Lang::Vi.stars_at_least(4), "Từ 4 sao");
        assert_eq!(Lang::En.stars_at_least(4), "4 stars or more");
        assert_eq!(Lang::En.stars_at_least(5), "5 stars");
        assert_eq!(Lang::En.catalogue_shown(1, false), "1 product");
        assert_eq!(
            Lang::Vi.catalogue_shown(24, true),
            "Đang hiện 24 sản phẩm đầu tiên"
        );
    }
}
