//! The criteria library: legal instruments and their scoring sheets (legal data, readable by
//! every user; imported by system administrators only), and scoring a selection on a sheet.

use actix_web::http::header;
use actix_web::{HttpResponse, get, post, web};
use ocop_evaluations::service;
use ocop_evaluations::store::read::criteria;
use ocop_evaluations::{
    CriteriaSetOut, CriteriaSetQuery, CriteriaSetSummary, CriteriaSheet, EvaluateIn, EvaluationOut,
    InstrumentDoc, InstrumentOut,
};

use crate::error::ApiError;
use crate::extract::{Auth, RawJson, ValidatedQuery};
use crate::responses::{ReadErrors, WriteErrors, created};
use crate::state::AppState;

/// The legal instruments, oldest first, with whether each is in force today.
#[utoipa::path(
    operation_id = "criteria.instruments.list",
    tag = "criteria",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<InstrumentOut>), ReadErrors)
)]
#[get("/criteria/instruments")]
pub async fn list_instruments(
    state: web::Data<AppState>,
    _auth: Auth,
) -> Result<web::Json<Vec<InstrumentOut>>, ApiError> {
    Ok(web::Json(
        criteria::list_instruments(&state.db, state.clock.today()).await?,
    ))
}

/// Imports a legal instrument (system administrators). Part maxima must add up to 100 and every
/// star level 3 to 5 must have exactly one recognising level; an existing code answers 409.
#[utoipa::path(
    operation_id = "criteria.instruments.import",
    tag = "criteria",
    request_body = InstrumentDoc,
    security(("bearer" = [])),
    responses((status = 201, body = InstrumentOut), WriteErrors)
)]
#[post("/criteria/instruments")]
pub async fn import_instrument(
    state: web::Data<AppState>,
    auth: Auth,
    body: RawJson<InstrumentDoc>,
) -> Result<HttpResponse, ApiError> {
    let out = service::criteria::import_instrument(&state.writer, &auth.0, body.0, auth.0.today())
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// Stored sheets (without their bodies), filtered by instrument and product set.
#[utoipa::path(
    operation_id = "criteria.sets.list",
    tag = "criteria",
    params(CriteriaSetQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<CriteriaSetSummary>), ReadErrors)
)]
#[get("/criteria/sets")]
pub async fn list_sets(
    state: web::Data<AppState>,
    _auth: Auth,
    query: ValidatedQuery<CriteriaSetQuery>,
) -> Result<web::Json<Vec<CriteriaSetSummary>>, ApiError> {
    Ok(web::Json(criteria::list_sets(&state.db, &query.0).await?))
}

/// One stored sheet with its full body. Sheets never change, so clients may cache them.
#[utoipa::path(
    operation_id = "criteria.sets.get",
    tag = "criteria",
    params(("id" = i32, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = CriteriaSetOut), ReadErrors)
)]
#[get("/criteria/sets/{id}")]
pub async fn get_set(
    state: web::Data<AppState>,
    _auth: Auth,
    id: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    let out = criteria::get_set(&state.db, id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "private, max-age=86400, immutable"))
        .json(out))
}

/// Imports a sheet as the next version of its product set under its instrument (system
/// administrators). The sheet is checked whole; any inconsistency refuses it with every
/// problem listed (`errors[].field` names the node, e.g. `sheet[A:1.2]`) and stores nothing.
#[utoipa::path(
    operation_id = "criteria.sets.import",
    tag = "criteria",
    request_body = CriteriaSheet,
    security(("bearer" = [])),
    responses((status = 201, body = CriteriaSetSummary), WriteErrors)
)]
#[post("/criteria/sets")]
pub async fn import_set(
    state: web::Data<AppState>,
    auth: Auth,
    body: RawJson<CriteriaSheet>,
) -> Result<HttpResponse, ApiError> {
    let out = service::criteria::import_sheet(&state.writer, &auth.0, body.0).await?;
    Ok(created(
        format!("/api/v1/criteria/sets/{}", out.id),
        &out,
        None,
    ))
}

/// Scores a selection of options on a sheet: totals by part and section, the star rank with
/// any unmet star minimums, and the fewest improvements that reach the next star.
#[utoipa::path(
    operation_id = "criteria.sets.evaluate",
    tag = "criteria",
    params(("id" = i32, Path)),
    request_body = EvaluateIn,
    security(("bearer" = [])),
    responses((status = 200, body = EvaluationOut), WriteErrors)
)]
#[post("/criteria/sets/{id}/evaluate")]
pub async fn evaluate(
    state: web::Data<AppState>,
    _auth: Auth,
    id: web::Path<i32>,
    body: RawJson<EvaluateIn>,
) -> Result<web::Json<EvaluationOut>, ApiError> {
    let set = criteria::get_set(&state.writer, id.into_inner()).await?;
    Ok(web::Json(ocop_evaluations::evaluate(
        &set.sheet,
        &body.0.choices,
    )?))
}
