//! The strings of the trade promotion screens (points of sale, their map and products on sale,
//! a product's e-commerce listings), in Vietnamese and English.

use ocop_plans::PointOfSaleKind;

use super::{Lang, pick};

pub struct Trade {
    pub nav: &'static str,
    pub title: &'static str,
    pub new_point: &'static str,
    pub to_list: &'static str,
    pub all_kinds: &'static str,
    pub filter_kind: &'static str,
    pub open_on: &'static str,
    pub open_on_hint: &'static str,

    pub name: &'static str,
    pub kind: &'static str,
    pub commune: &'static str,
    pub address: &'static str,
    pub latitude: &'static str,
    pub longitude: &'static str,
    pub coordinates: &'static str,
    pub coordinates_hint: &'static str,
    pub operator: &'static str,
    pub no_operator: &'static str,
    pub opened_on: &'static str,
    pub closed_on: &'static str,
    pub open_state: &'static str,
    pub open: &'static str,
    pub closed: &'static str,
    pub products_count: &'static str,

    pub map_title: &'static str,
    pub map_label: &'static str,
    pub map_empty: &'static str,
    pub not_on_map: &'static str,
    pub legend: &'static str,

    pub edit: &'static str,
    pub not_a_number: &'static str,
    pub not_a_day: &'static str,
    pub required: &'static str,

    pub on_sale_now: &'static str,
    pub on_sale_before: &'static str,
    pub none_on_sale: &'static str,
    pub none_before: &'static str,
    pub product: &'static str,
    pub since: &'static str,
    pub until: &'static str,
    pub put_on_sale: &'static str,
    pub find_product: &'static str,
    pub end_sale: &'static str,
    pub put: &'static str,
    pub ended: &'static str,

    pub listings_title: &'static str,
    pub no_listings: &'static str,
    pub platform: &'static str,
    pub link: &'static str,
    pub url_hint: &'static str,
    pub live: &'static str,
    pub add_listing: &'static str,
    pub edit_listing: &'static str,
    pub end_listing: &'static str,
    pub delete_listing: &'static str,
    pub confirm_delete: &'static str,
    pub deleted: &'static str,
}

impl Lang {
    pub fn trade(self) -> &'static Trade {
        match self {
            Self::Vi => &VI,
            Self::En => &EN,
        }
    }

    pub fn pos_kind(self, kind: PointOfSaleKind) -> &'static str {
        let vi = self == Self::Vi;
        match kind {
            PointOfSaleKind::Kiosk => pick(vi, "Ki-ốt tại chợ", "Market kiosk"),
            PointOfSaleKind::DisplayPoint => {
                pick(vi, "Điểm trưng bày, giới thiệu sản phẩm", "Display point")
            }
            PointOfSaleKind::Shop => pick(vi, "Cửa hàng", "Shop"),
            PointOfSaleKind::OcopCentre => pick(vi, "Trung tâm OCOP", "OCOP centre"),
        }
    }

    /// "3 điểm không có toạ độ" under the map.
    pub fn trade_off_map(self, count: usize) -> String {
        match self {
            Self::Vi => format!("{count} điểm chưa có toạ độ, không hiện trên bản đồ:"),
            Self::En => format!("{count} without coordinates, not on the map:"),
        }
    }
}

static VI: Trade = Trade {
    nav: "Điểm bán",
    title: "Điểm giới thiệu và bán sản phẩm OCOP",
    new_point: "Thêm điểm bán",
    to_list: "‹ Danh sách điểm bán",
    all_kinds: "Mọi loại điểm",
    filter_kind: "Lọc theo loại điểm",
    open_on: "Mở cửa vào ngày",
    open_on_hint: "Chỉ các điểm đang hoạt động vào ngày này",

    name: "Tên điểm",
    kind: "Loại điểm",
    commune: "Xã, phường",
    address: "Địa chỉ",
    latitude: "Vĩ độ",
    longitude: "Kinh độ",
    coordinates: "Toạ độ",
    coordinates_hint: "Độ thập phân, ví dụ 12.6667 và 108.0500",
    operator: "Chủ thể vận hành",
    no_operator: "— Không có —",
    opened_on: "Ngày mở",
    closed_on: "Ngày đóng",
    open_state: "Tình trạng",
    open: "Đang mở",
    closed: "Đã đóng",
    products_count: "Sản phẩm đang bán",

    map_title: "Bản đồ điểm bán",
    map_label: "Bản đồ các điểm bán theo kinh độ, vĩ độ",
    map_empty: "Chưa có điểm nào có toạ độ để vẽ bản đồ.",
    not_on_map: "Không có trên bản đồ",
    legend: "Chú giải",

    edit: "Sửa",
    not_a_number: "Nhập một số thập phân, ví dụ 12.6667",
    not_a_day: "Chọn một ngày",
    required: "Không được để trống",

    on_sale_now: "Sản phẩm đang bán",
    on_sale_before: "Sản phẩm đã bán trước đây",
    none_on_sale: "Chưa có sản phẩm nào đang bán.",
    none_before: "Không có.",
    product: "Sản phẩm",
    since: "Từ ngày",
    until: "Đến ngày",
    put_on_sale: "Đưa sản phẩm vào bán",
    find_product: "Tìm sản phẩm…",
    end_sale: "Ngừng bán",
    put: "Đưa vào bán",
    ended: "Đã ngừng",

    listings_title: "Sàn thương mại điện tử",
    no_listings: "Sản phẩm chưa được đăng trên sàn nào.",
    platform: "Sàn",
    link: "Đường dẫn",
    url_hint: "Trang sản phẩm trên sàn, bắt đầu bằng https://",
    live: "Đang bán",
    add_listing: "Thêm gian hàng",
    edit_listing: "Sửa",
    end_listing: "Kết thúc",
    delete_listing: "Xoá",
    confirm_delete: "Chắc chắn xoá?",
    deleted: "Đã xoá.",
};

static EN: Trade = Trade {
    nav: "Points of sale",
    title: "OCOP points of sale",
    new_point: "New point of sale",
    to_list: "‹ Points of sale",
    all_kinds: "All kinds",
    filter_kind: "Filter by kind",
    open_on: "Open on",
    open_on_hint: "Only the points open on that day",

    name: "Name",
    kind: "Kind",
    commune: "Commune",
    address: "Address",
    latitude: "Latitude",
    longitude: "Longitude",
    coordinates: "Coordinates",
    coordinates_hint: "Decimal degrees, e.g. 12.6667 and 108.0500",
    operator: "Operated by",
    no_operator: "— None —",
    opened_on: "Opened on",
    closed_on: "Closed on",
    open_state: "State",
    open: "Open",
    closed: "Closed",
    products_count: "Products on sale",

    map_title: "Map of the points of sale",
    map_label: "Map of the points of sale by longitude and latitude",
    map_empty: "No point has coordinates to draw a map.",
    not_on_map: "Not on the map",
    legend: "Legend",

    edit: "Edit",
    not_a_number: "Type a decimal number, e.g. 12.6667",
    not_a_day: "Choose a day",
    required: "Required",

    on_sale_now: "Products on sale",
    on_sale_before: "Products sold before",
    none_on_sale: "No product on sale yet.",
    none_before: "None.",
    product: "Product",
    since: "Since",
    until: "Until",
    put_on_sale: "Put a product on sale",
    find_product: "Find a product…",
    end_sale: "End sale",
    put: "Put on sale",
    ended: "Ended",

    listings_title: "E-commerce platforms",
    no_listings: "The product is not listed on any platform.",
    platform: "Platform",
    link: "Link",
    url_hint: "The product's page on the platform, starting with https://",
    live: "Live",
    add_listing: "Add a listing",
    edit_listing: "Edit",
    end_listing: "End",
    delete_listing: "Delete",
    confirm_delete: "Really delete?",
    deleted: "Deleted.",
};
