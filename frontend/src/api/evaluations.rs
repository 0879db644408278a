//! The evaluation endpoints: cycles and their dossiers, criteria sheets, rounds and councils,
//! score sheets, certificates (and their public verification) and alerts.

use gloo_net::http::Method;
use ocop_core::Page;
use ocop_core::users::UserOut;
use ocop_evaluations::{
    Advice, AdviceSource, AgendaIn, AlertOut, AttachmentKind, AttachmentOut, CertificateId,
    CertificateOut, CertificateQuery, CouncilIn, CriteriaSetOut, CycleId, CycleIn, CycleOut,
    CycleQuery, PublicCertificate, RecusalIn, RevokeIn, RoundId, RoundIn, RoundOut, RoundQuery,
    SheetIn, SheetOut, SheetsOut, TransitionIn,
};

use super::{ApiResult, Body, Call, get_with_query, if_match, json, send};
use crate::format::wire;

pub async fn cycles(query: &CycleQuery) -> ApiResult<Page<CycleOut>> {
    json(get_with_query("/cycles", query)).await
}

pub async fn cycle(id: CycleId) -> ApiResult<CycleOut> {
    json(Call::get(&format!("/cycles/{id}"))).await
}

pub async fn create_cycle(input: &CycleIn) -> ApiResult<CycleOut> {
    json(Call::json(Method::POST, "/cycles", input)?).await
}

/// `patch` holds only the parts of the dossier being saved (see `format::merge_patch`).
pub async fn patch_dossier(
    id: CycleId,
    version: i32,
    patch: &serde_json::Value,
) -> ApiResult<CycleOut> {
    let call = Call::json(Method::PATCH, &format!("/cycles/{id}/dossier"), patch)?
        .header("If-Match", if_match(version));
    json(call).await
}

pub async fn transition(id: CycleId, version: i32, input: &TransitionIn) -> ApiResult<CycleOut> {
    let call = Call::json(Method::POST, &format!("/cycles/{id}/transitions"), input)?
        .header("If-Match", if_match(version));
    json(call).await
}

pub async fn upload_attachment(
    id: CycleId,
    kind: AttachmentKind,
    file: &web_sys::File,
) -> ApiResult<AttachmentOut> {
    let mut call = Call::new(Method::POST, &format!("/cycles/{id}/attachments"))
        // Header values must be Latin-1, and Vietnamese file names are not.
        .header(
            "X-File-Name",
            String::from(js_sys::encode_uri_component(&file.name())),
        );
    call.query = vec![("kind".to_string(), kind.as_str().to_string())];
    let media_type = match file.type_() {
        t if t.is_empty() => "application/octet-stream".to_string(),
        t => t,
    };
    call.body = Body::Raw(file.into(), media_type);
    json(call).await
}

pub async fn advice(id: CycleId, source: AdviceSource) -> ApiResult<Advice> {
    let mut call = Call::get(&format!("/cycles/{id}/advice"));
    call.query = vec![("source".to_string(), wire(&source))];
    json(call).await
}

pub async fn criteria_set(id: i32) -> ApiResult<CriteriaSetOut> {
    json(Call::get(&format!("/criteria/sets/{id}"))).await
}

pub async fn rounds(query: &RoundQuery) -> ApiResult<Vec<RoundOut>> {
    json(get_with_query("/rounds", query)).await
}

pub async fn round(id: RoundId) -> ApiResult<RoundOut> {
    json(Call::get(&format!("/rounds/{id}"))).await
}

pub async fn create_round(input: &RoundIn) -> ApiResult<RoundOut> {
    json(Call::json(Method::POST, "/rounds", input)?).await
}

pub async fn set_council(id: RoundId, version: i32, input: &CouncilIn) -> ApiResult<RoundOut> {
    let call = Call::json(Method::PUT, &format!("/rounds/{id}/council"), input)?
        .header("If-Match", if_match(version));
    json(call).await
}

pub async fn add_to_agenda(id: RoundId, version: i32, cycle_id: CycleId) -> ApiResult<RoundOut> {
    let input = AgendaIn { cycle_id };
    let call = Call::json(Method::POST, &format!("/rounds/{id}/agenda"), &input)?
        .header("If-Match", if_match(version));
    json(call).await
}

pub async fn close_round(id: RoundId, version: i32) -> ApiResult<RoundOut> {
    let call = Call::new(Method::POST, &format!("/rounds/{id}/close"))
        .header("If-Match", if_match(version));
    json(call).await
}

pub async fn sheets(round: RoundId, cycle: CycleId) -> ApiResult<SheetsOut> {
    json(Call::get(&format!(
        "/rounds/{round}/dossiers/{cycle}/sheets"
    )))
    .await
}

/// `version` is the version of the caller's sheet as last read; `None` when they have none yet.
pub async fn save_sheet(
    round: RoundId,
    cycle: CycleId,
    version: Option<i32>,
    input: &SheetIn,
) -> ApiResult<SheetOut> {
    let path = format!("/rounds/{round}/dossiers/{cycle}/sheet");
    let call = Call::json(Method::PUT, &path, input)?;
    let call = match version {
        Some(version) => call.header("If-Match", if_match(version)),
        None => call.header("If-None-Match", "*".to_string()),
    };
    json(call).await
}

/// `version` is the round's version as last read.
pub async fn recuse(
    round: RoundId,
    version: i32,
    cycle: CycleId,
    input: &RecusalIn,
) -> ApiResult<()> {
    let path = format!("/rounds/{round}/dossiers/{cycle}/recusal");
    send(Call::json(Method::POST, &path, input)?.header("If-Match", if_match(version)))
        .await
        .map(|_| ())
}

/// The people who may sit on a council: the council members in the caller's scope.
pub async fn council_candidates() -> ApiResult<Page<UserOut>> {
    let mut call = Call::get("/users");
    call.query = vec![
        ("role".to_string(), "council_member".to_string()),
        ("status".to_string(), "active".to_string()),
        ("per_page".to_string(), "100".to_string()),
    ];
    json(call).await
}

pub async fn certificates(query: &CertificateQuery) -> ApiResult<Page<CertificateOut>> {
    json(get_with_query("/certificates", query)).await
}

pub async fn certificate(id: CertificateId) -> ApiResult<CertificateOut> {
    json(Call::get(&format!("/certificates/{id}"))).await
}

pub async fn revoke_certificate(
    id: CertificateId,
    version: i32,
    input: &RevokeIn,
) -> ApiResult<CertificateOut> {
    let call = Call::json(Method::POST, &format!("/certificates/{id}/revoke"), input)?
        .header("If-Match", if_match(version));
    json(call).await
}

/// Anyone may check a certificate: no token is sent.
pub async fn public_certificate(code: &str) -> ApiResult<PublicCertificate> {
    let code = String::from(js_sys::encode_uri_component(code));
    json(Call::get(&format!("/public/certificates/{code}")).public()).await
}

/// The address of a certificate's QR code image; public, so a plain `<img src>` works.
pub fn qr_url(code: &str) -> String {
    let code = String::from(js_sys::encode_uri_component(code));
    format!("/api/v1/public/certificates/{code}/qr.svg")
}

pub async fn alerts() -> ApiResult<Vec<AlertOut>> {
    json(Call::get("/alerts")).await
}

/// Fetches a file that needs the token and hands it to the browser as a download.
pub async fn download(url: &str, file_name: &str) -> ApiResult<()> {
    super::save(Call::get(url), file_name).await
}

/// A list's text search and sort (the `q` and `sort` parameters), sent only when set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListSearch {
    pub q: String,
    pub sort: String,
}

fn searched(path: &str, query: &impl serde::Serialize, search: &ListSearch) -> Call {
    let mut call = get_with_query(path, query);
    for (name, value) in [("q", search.q.trim()), ("sort", search.sort.as_str())] {
        if !value.is_empty() {
            call.query.retain(|(k, _)| k != name);
            call.query.push((name.to_string(), value.to_string()));
        }
    }
    call
}

pub async fn find_cycles(query: &CycleQuery, search: &ListSearch) -> ApiResult<Page<CycleOut>> {
    json(searched("/cycles", query, search)).await
}

pub async fn find_certificates(
    query: &CertificateQuery,
    search: &ListSearch,
) -> ApiResult<Page<CertificateOut>> {
    json(searched("/certificates", query, search)).await
}

pub async fn find_rounds(query: &RoundQuery, search: &ListSearch) -> ApiResult<Vec<RoundOut>> {
    json(searched("/rounds", query, search)).await
}
