//! The demo's trade promotion records: five points of sale across the province, opened at
//! different times before today with demo products on sale; e-commerce listings for the
//! certified products but one (fresh cockles are sold live, not online); and the revenue a few
//! subjects reported for last year and so far this year.

use chrono::Days;
use ocop_core::Dong;
use ocop_plans::service::trade;
use ocop_plans::{
    ListingIn, PointOfSaleIn, PointOfSaleKind, ProductOnSaleIn, RevenueChannel, RevenueReportIn,
};

use super::{Result, Seed, account, domain};
use crate::demo::evaluations::ProductRef;

struct Point {
    kind: PointOfSaleKind,
    name: &'static str,
    /// The product whose subject's commune the point stands in.
    commune_of: &'static str,
    address: &'static str,
    at: (f64, f64),
    /// Whether the subject of `commune_of` runs it.
    run_by_subject: bool,
    opened_days_ago: u64,
    /// Sold there besides the certified products of the same commune.
    products: &'static [&'static str],
    /// The centre sells every certified product.
    all_certified: bool,
}

const POINTS: &[Point] = &[
    Point {
        kind: PointOfSaleKind::OcopCentre,
        name: "Trung tâm giới thiệu và bán sản phẩm OCOP tỉnh Đắk Lắk",
        commune_of: "Cà phê Culi Robusta Hoa Rừng",
        address: "Số 02 Nguyễn Tất Thành, tỉnh Đắk Lắk",
        at: (12.6812, 108.0451),
        run_by_subject: false,
        opened_days_ago: 420,
        products: &[
            "Cà phê Culi Robusta Hoa Rừng",
            "Cà phê Espresso Blend Ban Mê",
        ],
        all_certified: true,
    },
    Point {
        kind: PointOfSaleKind::Kiosk,
        name: "Ki-ốt OCOP chợ trung tâm Buôn Ma Thuột",
        commune_of: "Bún đỏ Ban Mê ăn liền",
        address: "Ki-ốt số 12, chợ trung tâm Buôn Ma Thuột, tỉnh Đắk Lắk",
        at: (12.6686, 108.0379),
        run_by_subject: true,
        opened_days_ago: 300,
        products: &[
            "Bún đỏ Ban Mê ăn liền",
            "Muối é rừng Ban Mê",
            "Cà phê bột rang bơ truyền thống Tân Lập",
        ],
        all_certified: false,
    },
    Point {
        kind: PointOfSaleKind::DisplayPoint,
        name: "Điểm trưng bày sản phẩm OCOP buôn Sut M'Đung",
        commune_of: "Cà phê nhân xanh Robusta chế biến ướt Ea Tul",
        address: "Buôn Sut M'Đung, tỉnh Đắk Lắk",
        at: (12.8921, 108.1103),
        run_by_subject: true,
        opened_days_ago: 160,
        products: &[
            "Cà phê nhân xanh Robusta chế biến ướt Ea Tul",
            "Cà phê rang xay Robusta Honey Ea Tul",
            "Trà vỏ quả cà phê Cascara Ea Tul",
        ],
        all_certified: false,
    },
    Point {
        kind: PointOfSaleKind::Shop,
        name: "Cửa hàng đặc sản OCOP Tuy Hòa",
        commune_of: "Cá ngừ đại dương phi lê Tuy Hòa",
        address: "Số 35 Trần Hưng Đạo, tỉnh Đắk Lắk",
        at: (13.0956, 109.3209),
        run_by_subject: false,
        opened_days_ago: 90,
        products: &[
            "Cá ngừ đại dương phi lê Tuy Hòa",
            "Yến sào tinh chế Vịnh Xuân Đài",
            "Bánh tráng nướng mè đen Hòa Đa",
            "Chả cá thu Phú Yên",
        ],
        all_certified: false,
    },
    Point {
        kind: PointOfSaleKind::Kiosk,
        name: "Ki-ốt OCOP chợ Vũng La",
        commune_of: "Nước mắm cá cơm Xuân Lộc 40 độ đạm",
        address: "Chợ Vũng La, tỉnh Đắk Lắk",
        at: (13.4712, 109.2268),
        run_by_subject: true,
        opened_days_ago: 25,
        products: &[
            "Nước mắm cá cơm Xuân Lộc 40 độ đạm",
            "Nước mắm nhĩ cá cơm than Xuân Lộc",
            "Tôm hùm bông Sông Cầu",
        ],
        all_certified: false,
    },
];

/// The certified product sold live at the lagoon, never listed online.
const UNLISTED: &str = "Sò huyết đầm Ô Loan";

/// A second platform for the best sellers.
const ALSO_ON_POSTMART: &[&str] = &["Sầu riêng sấy thăng hoa Tân Tiến", "Gạo thơm Hòa Mỹ"];

/// Revenue reports: a product of the subject, then last year's and this year's amounts per
/// channel (in millions of đồng).
type Reports = &'static [(RevenueChannel, i64)];
const REVENUE: &[(&str, Reports, Reports)] = &[
    (
        "Cà phê Culi Robusta Hoa Rừng",
        &[
            (RevenueChannel::Direct, 6_200),
            (RevenueChannel::Ecommerce, 1_800),
            (RevenueChannel::Export, 3_500),
        ],
        &[
            (RevenueChannel::Direct, 3_100),
            (RevenueChannel::Ecommerce, 1_200),
        ],
    ),
    (
        "Sầu riêng sấy thăng hoa Tân Tiến",
        &[
            (RevenueChannel::Direct, 4_500),
            (RevenueChannel::Export, 2_200),
        ],
        &[(RevenueChannel::Direct, 2_400)],
    ),
    (
        "Yến sào tinh chế Vịnh Xuân Đài",
        &[
            (RevenueChannel::PointOfSale, 2_800),
            (RevenueChannel::Ecommerce, 900),
        ],
        &[(RevenueChannel::PointOfSale, 1_500)],
    ),
    (
        "Khăn choàng thổ cẩm Ê Đê dệt tay",
        &[(RevenueChannel::Direct, 600), (RevenueChannel::Fair, 200)],
        &[(RevenueChannel::Fair, 150)],
    ),
    // The demo producer's own report.
    (
        "Cà phê nhân xanh Robusta chế biến ướt Ea Tul",
        &[(RevenueChannel::Direct, 1_600), (RevenueChannel::Fair, 350)],
        &[
            (RevenueChannel::Direct, 900),
            (RevenueChannel::Ecommerce, 250),
        ],
    ),
];

/// A product's page address on a platform, from its name without diacritics.
fn listing_url(platform: &str, name: &str, n: usize) -> String {
    let slug = ocop_core::text::fold(name)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let item = 20_240_117 + 7_919 * n;
    match platform {
        "Shopee" => format!("https://shopee.vn/{slug}-i.861204.{item}"),
        "Lazada" => format!("https://www.lazada.vn/products/{slug}-i{item}.html"),
        "Tiki" => format!("https://tiki.vn/{slug}-p{item}.html"),
        "Voso" => format!("https://voso.vn/san-pham/{slug}"),
        _ => format!("https://postmart.vn/san-pham/{slug}"),
    }
}

const PLATFORMS: &[&str] = &["Shopee", "Postmart", "Voso", "Lazada", "Tiki"];

impl Seed<'_> {
    pub(super) async fn points_of_sale(&self, certified: &[(String, ProductRef)]) -> Result<()> {
        for point in POINTS {
            let home = self.product(point.commune_of)?;
            let opened_on = self.back(point.opened_days_ago);
            let input = PointOfSaleIn {
                kind: point.kind,
                name: point.name.into(),
                unit_id: home.unit_id,
                address: point.address.into(),
                latitude: Some(point.at.0),
                longitude: Some(point.at.1),
                operator_subject_id: point.run_by_subject.then_some(home.subject_id),
                opened_on,
                closed_on: None,
            };
            let out = trade::create_point(self.db, &self.province, input)
                .await
                .map_err(domain(point.name))?;
            // Stocked a few days after opening, and never after today.
            let since = opened_on
                .checked_add_days(Days::new(3))
                .map_or(self.today, |d| d.min(self.today));
            let mut on_sale: Vec<&ProductRef> = point
                .products
                .iter()
                .map(|name| self.product(name))
                .collect::<Result<_>>()?;
            on_sale.extend(
                certified
                    .iter()
                    .filter(|(_, p)| point.all_certified || p.unit_id == home.unit_id)
                    .map(|(_, p)| p),
            );
            on_sale.sort_by_key(|p| p.id.0);
            on_sale.dedup_by_key(|p| p.id);
            for p in on_sale {
                let input = ProductOnSaleIn {
                    product_id: p.id,
                    since,
                };
                trade::put_on_sale(self.db, &self.province, out.id, input)
                    .await
                    .map_err(domain("product on sale"))?;
            }
        }
        Ok(())
    }

    /// Every certified product but [`UNLISTED`] on one platform, the best sellers on two.
    pub(super) async fn listings(&self, certified: &[(String, ProductRef)]) -> Result<()> {
        let listed = certified.iter().filter(|(name, _)| name != UNLISTED);
        let mut n = 0;
        for (name, p) in listed {
            let mut platforms = vec![PLATFORMS[n % PLATFORMS.len()]];
            if ALSO_ON_POSTMART.contains(&name.as_str()) && platforms[0] != "Postmart" {
                platforms.push("Postmart");
            }
            for platform in platforms {
                n += 1;
                let input = ListingIn {
                    product_id: p.id,
                    platform: platform.into(),
                    url: listing_url(platform, name, n),
                    since: self.back(20 + 37 * n as u64),
                    until: None,
                };
                trade::create_listing(self.db, &self.province, input)
                    .await
                    .map_err(domain("listing"))?;
            }
        }
        Ok(())
    }

    /// Last year's and this year's revenue of a few subjects; the demo producer reports its own.
    pub(super) async fn revenue(&self) -> Result<()> {
        let producer = account(self.db, self.province.at, "chuthe@demo.ocop.vn").await?;
        let year = self.year();
        for (product, last, this) in REVENUE {
            let p = self.product(product)?;
            let caller = if producer.principal.subject_id == Some(p.subject_id) {
                &producer
            } else {
                &self.province
            };
            let years = [(year - 1, *last), (year, *this)];
            for (y, reports) in years {
                for (channel, millions) in reports {
                    let input = RevenueReportIn {
                        subject_id: p.subject_id,
                        year: y,
                        channel: *channel,
                        amount: Dong(millions * 1_000_000),
                    };
                    trade::report_revenue(self.db, caller, input)
                        .await
                        .map_err(domain("revenue report"))?;
                }
            }
        }
        Ok(())
    }
}
