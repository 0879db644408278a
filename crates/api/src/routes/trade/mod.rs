//! Trade promotion records: points of sale and the products on sale there ([`points`]),
//! e-commerce listings ([`listings`]) and revenue reported by subjects ([`revenue`]).

mod listings;
mod points;
mod revenue;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(points::list)
        .service(points::create)
        .service(points::get)
        .service(points::update)
        .service(points::products)
        .service(points::put_on_sale)
        .service(points::end_sale)
        .service(listings::list)
        .service(listings::create)
        .service(listings::update)
        .service(listings::remove)
        .service(revenue::list)
        .service(revenue::report)
        .service(revenue::update);
}
