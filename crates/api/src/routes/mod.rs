//! One file per resource. `configure` is the single list of routes; the OpenAPI document is
//! collected from it, so a route cannot be served without being documented.

pub mod activities;
pub mod alerts;
pub mod api_keys;
pub mod audit;
pub mod auth;
pub mod budgets;
pub mod certificates;
pub mod classifications;
pub mod criteria;
pub mod cycles;
pub mod events;
pub mod health;
pub mod images;
pub mod pipeline;
pub mod plan_progress;
pub mod plans;
pub mod products;
pub mod public;
pub mod reports;
pub mod rounds;
pub mod subjects;
pub mod trade;
pub mod units;
pub mod users;
pub mod webhooks;

use actix_web::web;
use utoipa_actix_web::{scope, service_config::ServiceConfig};

use crate::error::ApiError;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::health).service(health::ready).service(
        scope("/api/v1")
            .service(auth::login)
            .service(auth::refresh)
            .service(auth::logout)
            .service(auth::me)
            .service(units::list)
            .service(units::get)
            .service(classifications::list)
            .service(users::list)
            .service(users::create)
            .service(users::get)
            .service(users::update)
            .service(subjects::list)
            .service(subjects::create)
            .service(subjects::get)
            .service(subjects::update)
            .service(subjects::archive)
            .service(subjects::remove)
            .service(products::list)
            .service(products::create)
            .service(products::get)
            .service(products::update)
            .service(images::upload)
            .service(images::get)
            .service(images::remove)
            .service(audit::verify)
            .service(audit::trail)
            .service(audit::history)
            .service(events::list)
            .service(criteria::list_instruments)
            .service(criteria::import_instrument)
            .service(criteria::list_sets)
            .service(criteria::get_set)
            .service(criteria::import_set)
            .service(criteria::evaluate)
            .service(cycles::list)
            // Before `cycles::get`, whose `{id}` would take `summary`.
            .service(pipeline::summary)
            .service(cycles::create)
            .service(cycles::get)
            .service(cycles::update_dossier)
            .service(cycles::transition)
            .service(cycles::advice)
            .service(cycles::upload)
            .service(cycles::attachment)
            .service(rounds::list)
            .service(rounds::create)
            .service(rounds::get)
            .service(rounds::set_council)
            .service(rounds::add_to_agenda)
            .service(rounds::close)
            .service(rounds::sheets)
            .service(rounds::save_sheet)
            .service(rounds::recuse)
            .service(rounds::record_finding)
            .service(rounds::withdraw_finding)
            .service(certificates::list)
            .service(certificates::get)
            .service(certificates::revoke)
            .service(certificates::public)
            .service(certificates::qr)
            .service(certificates::qr_png)
            .service(alerts::list)
            .configure(plan_progress::configure)
            .configure(plans::configure)
            .configure(activities::configure)
            .configure(budgets::configure)
            .service(reports::list)
            .service(reports::get)
            .configure(trade::configure)
            .configure(public::configure)
            .configure(api_keys::configure)
            .configure(webhooks::configure)
            .default_service(web::to(|| async {
                Err::<actix_web::HttpResponse, _>(ApiError::RouteNotFound)
            })),
    );
}
