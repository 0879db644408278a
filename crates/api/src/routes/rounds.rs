//! Evaluation rounds, their councils and agendas, and the members' score sheets.

use actix_web::http::header;
use actix_web::{HttpResponse, delete, get, post, put, web};
use ocop_evaluations::service::{self, findings, sheets as score_sheets};
use ocop_evaluations::store::read::rounds;
use ocop_evaluations::{
    AgendaIn, CouncilIn, FindingIn, RecusalIn, RoundIn, RoundOut, RoundQuery, SheetIn, SheetOut,
    SheetsOut,
};
use ocop_evaluations::{CycleId, RoundId};

use crate::error::ApiError;
use crate::extract::{
    Auth, IfMatch, IfMatchOrAbsent, RawJson, ValidatedJson, ValidatedQuery, etag, with_etag,
};
use crate::responses::{ReadErrors, WriteErrors, created};
use crate::state::AppState;

/// Rounds, newest first; each agenda shows the caller only the dossiers they may read, unless
/// they sit on the round's council.
#[utoipa::path(
    operation_id = "rounds.list",
    tag = "rounds",
    params(RoundQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<RoundOut>), ReadErrors)
)]
#[get("/rounds")]
pub async fn list(
    state: web::Data<AppState>,
    auth: Auth,
    query: ValidatedQuery<RoundQuery>,
) -> Result<web::Json<Vec<RoundOut>>, ApiError> {
    Ok(web::Json(
        rounds::list_rounds(&state.db, &auth.0, &query.0).await?,
    ))
}

/// Convenes a round (province officers). Its cut-off and decision deadline come from the
/// calendar of the instrument in force on `opened_on` (26/2026: province decides before 30/6
/// and 30/12 on dossiers forwarded before 30/4 and 30/10).
#[utoipa::path(
    operation_id = "rounds.create",
    tag = "rounds",
    request_body = RoundIn,
    security(("bearer" = [])),
    responses((status = 201, body = RoundOut, headers(("ETag" = String))), WriteErrors)
)]
#[post("/rounds")]
pub async fn create(
    state: web::Data<AppState>,
    auth: Auth,
    body: ValidatedJson<RoundIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::rounds::create_round(&state.writer, &auth.0, body.0, auth.0.today()).await?;
    Ok(created(
        format!("/api/v1/rounds/{}", out.id),
        &out,
        out.version,
    ))
}

/// A round with its council and agenda; each dossier's result once frozen. The council sees the
/// whole agenda; anyone else only the dossiers they may read (`GET /cycles/{id}`).
#[utoipa::path(
    operation_id = "rounds.get",
    tag = "rounds",
    params(("id" = Uuid, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = RoundOut, headers(("ETag" = String))), ReadErrors)
)]
#[get("/rounds/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<RoundId>,
) -> Result<HttpResponse, ApiError> {
    let out = rounds::get_round(&state.db, &auth.0, id.into_inner()).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Seats the council: a chair, a secretary and members, all council-member users. Refused once
/// a sheet is submitted.
#[utoipa::path(
    operation_id = "rounds.council.set",
    tag = "rounds",
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    request_body = CouncilIn,
    security(("bearer" = [])),
    responses((status = 200, body = RoundOut, headers(("ETag" = String))), WriteErrors)
)]
#[put("/rounds/{id}/council")]
pub async fn set_council(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<RoundId>,
    if_match: IfMatch,
    body: ValidatedJson<CouncilIn>,
) -> Result<HttpResponse, ApiError> {
    let out =
        service::rounds::set_council(&state.writer, &auth.0, id.into_inner(), if_match.0, body.0)
            .await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// Puts a dossier before the council: a checked dossier forwarded before the round's cut-off
/// (province round; the cycle moves to `awaiting_council`), or a 90-point candidate (central).
#[utoipa::path(
    operation_id = "rounds.agenda.add",
    tag = "rounds",
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    request_body = AgendaIn,
    security(("bearer" = [])),
    responses((status = 200, body = RoundOut, headers(("ETag" = String))), WriteErrors)
)]
#[post("/rounds/{id}/agenda")]
pub async fn add_to_agenda(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<RoundId>,
    if_match: IfMatch,
    body: RawJson<AgendaIn>,
) -> Result<HttpResponse, ApiError> {
    let out = service::rounds::add_to_agenda(
        &state.writer,
        &auth.0,
        id.into_inner(),
        if_match.0,
        body.0,
        auth.0.today(),
    )
    .await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// The chair closes the round: each dossier's result (average of the submitted sheets, star
/// band, unmet star minimums) is computed and frozen; no sheet changes afterwards.
#[utoipa::path(
    operation_id = "rounds.close",
    tag = "rounds",
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "The version read, e.g. \"3\"")),
    security(("bearer" = [])),
    responses((status = 200, body = RoundOut, headers(("ETag" = String))), WriteErrors)
)]
#[post("/rounds/{id}/close")]
pub async fn close(
    state: web::Data<AppState>,
    auth: Auth,
    id: web::Path<RoundId>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let out = service::rounds::close_round(
        &state.writer,
        &auth.0,
        id.into_inner(),
        if_match.0,
        auth.0.today(),
    )
    .await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// The sheets of one dossier: the caller's own, and the others' only once the caller has
/// submitted theirs (or the result is frozen).
#[utoipa::path(
    operation_id = "rounds.sheets.list",
    tag = "rounds",
    params(("id" = Uuid, Path), ("cycle_id" = Uuid, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = SheetsOut), ReadErrors)
)]
#[get("/rounds/{id}/dossiers/{cycle_id}/sheets")]
pub async fn sheets(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<(RoundId, CycleId)>,
) -> Result<web::Json<SheetsOut>, ApiError> {
    let (round, cycle) = path.into_inner();
    Ok(web::Json(
        ocop_evaluations::store::sheets::sheets(&state.db, &auth.0, round, cycle).await?,
    ))
}

/// Saves the caller's sheet on a dossier, scored on the dossier's criteria version; with
/// `submit: true` it becomes final (every criterion answered). The first save sends
/// `If-None-Match: *`; later ones `If-Match` with the sheet's version.
#[utoipa::path(
    operation_id = "rounds.sheets.save",
    tag = "rounds",
    params(
        ("id" = Uuid, Path),
        ("cycle_id" = Uuid, Path),
        ("If-Match" = Option<String>, Header, description = "The sheet's version read, e.g. \"3\"; required once the sheet exists"),
        ("If-None-Match" = Option<String>, Header, description = "`*` for the first save, when the caller has no sheet yet"),
    ),
    request_body = SheetIn,
    security(("bearer" = [])),
    responses((status = 200, body = SheetOut, headers(("ETag" = String))), WriteErrors)
)]
#[put("/rounds/{id}/dossiers/{cycle_id}/sheet")]
pub async fn save_sheet(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<(RoundId, CycleId)>,
    precondition: IfMatchOrAbsent,
    body: RawJson<SheetIn>,
) -> Result<HttpResponse, ApiError> {
    let (round, cycle) = path.into_inner();
    let out =
        score_sheets::save_sheet(&state.writer, &auth.0, round, cycle, precondition.0, body.0)
            .await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// The caller declares a conflict of interest on a dossier and takes no part in its scoring.
/// The council changes, so the round's version moves on (the new one is the `ETag`).
#[utoipa::path(
    operation_id = "rounds.recusal",
    tag = "rounds",
    params(("id" = Uuid, Path), ("cycle_id" = Uuid, Path), ("If-Match" = String, Header, description = "The round's version read, e.g. \"3\"")),
    request_body = RecusalIn,
    security(("bearer" = [])),
    responses((status = 204, description = "Recused", headers(("ETag" = String, description = "The round's new version"))), WriteErrors)
)]
#[post("/rounds/{id}/dossiers/{cycle_id}/recusal")]
pub async fn recuse(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<(RoundId, CycleId)>,
    if_match: IfMatch,
    body: ValidatedJson<RecusalIn>,
) -> Result<HttpResponse, ApiError> {
    let (round, cycle) = path.into_inner();
    let version =
        score_sheets::recuse(&state.writer, &auth.0, round, cycle, if_match.0, body.0).await?;
    Ok(HttpResponse::NoContent()
        .insert_header((header::ETAG, etag(version)))
        .finish())
}

/// The chair records that a printed ground the options cannot express applies to a dossier: a
/// "Hồ sơ bị loại khi" paragraph (`{"disqualifier": 0}`) or a criterion's stop or elimination
/// note (`{"criterion": "6.1"}`), with the council's note. When the round closes the dossier is
/// not rated, with that ground as the reason. Replaces an earlier finding on the dossier.
#[utoipa::path(
    operation_id = "rounds.findings.record",
    tag = "rounds",
    params(("id" = Uuid, Path), ("cycle_id" = Uuid, Path), ("If-Match" = String, Header, description = "The round's version read, e.g. \"3\"")),
    request_body = FindingIn,
    security(("bearer" = [])),
    responses((status = 200, body = RoundOut, headers(("ETag" = String))), WriteErrors)
)]
#[put("/rounds/{id}/dossiers/{cycle_id}/finding")]
pub async fn record_finding(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<(RoundId, CycleId)>,
    if_match: IfMatch,
    body: ValidatedJson<FindingIn>,
) -> Result<HttpResponse, ApiError> {
    let (round, cycle) = path.into_inner();
    let out = findings::record(&state.writer, &auth.0, round, cycle, if_match.0, body.0).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}

/// The chair withdraws the finding on a dossier: it is rated on its sheets again.
#[utoipa::path(
    operation_id = "rounds.findings.withdraw",
    tag = "rounds",
    params(("id" = Uuid, Path), ("cycle_id" = Uuid, Path), ("If-Match" = String, Header, description = "The round's version read, e.g. \"3\"")),
    security(("bearer" = [])),
    responses((status = 200, body = RoundOut, headers(("ETag" = String))), WriteErrors)
)]
#[delete("/rounds/{id}/dossiers/{cycle_id}/finding")]
pub async fn withdraw_finding(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<(RoundId, CycleId)>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let (round, cycle) = path.into_inner();
    let out = findings::withdraw(&state.writer, &auth.0, round, cycle, if_match.0).await?;
    Ok(with_etag(HttpResponse::Ok(), &out, out.version))
}
