//! The client of the OCOP HTTP API: bearer tokens with one transparent refresh on 401,
//! RFC 9457 problems turned into [`ApiError`], and one typed function per endpoint the SPA uses.

use std::cell::RefCell;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Method, RequestBuilder, Response};
use ocop_core::units::{UnitOut, UnitQuery};
use ocop_core::users::{LoginIn, RefreshIn, TokenOut, UserOut};
use ocop_core::{FieldError, Page, ProductId, SubjectId};
use ocop_products::{ClassificationOut, ImageOut, ProductIn, ProductOut, ProductQuery};
use ocop_subjects::{SubjectIn, SubjectOut, SubjectQuery};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::format::query_pairs;
use crate::session;

mod admin;
mod catalogue;
mod evaluations;
mod home;
mod plans;
mod reports;
mod shell;
mod trade;

pub use admin::*;
pub use catalogue::*;
pub use evaluations::*;
pub use home::*;
pub use plans::*;
pub use reports::*;
pub use shell::*;
pub use trade::*;

const BASE: &str = "/api/v1";

/// The RFC 9457 body of an error answer; only the parts the UI shows.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Problem {
    /// `urn:ocop:problem:<code>`: tells a refusal's code in `detail` from prose.
    #[serde(default, rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub status: u16,
    #[serde(default)]
    pub detail: Option<String>,
    #[serde(default)]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, Clone)]
pub enum ApiError {
    /// The server refused the request and said why.
    Problem(Problem),
    /// No answer, or one that could not be read.
    Network(String),
    /// The refresh token was refused too; the app has already gone back to the login page.
    SessionEnded,
}

fn network(err: impl std::fmt::Display) -> ApiError {
    ApiError::Network(err.to_string())
}

pub type ApiResult<T> = Result<T, ApiError>;

enum Body {
    Empty,
    Json(String),
    /// A file sent as it is, with its media type.
    Raw(JsValue, String),
}

/// A request kept whole so it can be sent again after a token refresh.
struct Call {
    method: Method,
    url: String,
    query: Vec<(String, String)>,
    body: Body,
    headers: Vec<(&'static str, String)>,
    auth: bool,
}

impl Call {
    fn new(method: Method, path: &str) -> Self {
        let url = if path.starts_with(BASE) {
            path.to_string()
        } else {
            format!("{BASE}{path}")
        };
        Self {
            method,
            url,
            query: Vec::new(),
            body: Body::Empty,
            headers: Vec::new(),
            auth: true,
        }
    }

    fn get(path: &str) -> Self {
        Self::new(Method::GET, path)
    }

    fn json(method: Method, path: &str, body: &impl Serialize) -> ApiResult<Self> {
        let json = serde_json::to_string(body).map_err(network)?;
        Ok(Self {
            body: Body::Json(json),
            ..Self::new(method, path)
        })
    }

    fn header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    fn public(mut self) -> Self {
        self.auth = false;
        self
    }
}

thread_local! {
    static ON_SESSION_END: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
    /// The refresh under way, shared by every call that met a 401 meanwhile: refresh tokens
    /// work once, so a second concurrent refresh would fail and log the user out.
    static REFRESHING: RefCell<Option<Shared<LocalBoxFuture<'static, bool>>>> = const { RefCell::new(None) };
}

/// What to do when the session cannot be renewed (the app shows the login page).
pub fn on_session_end(callback: impl Fn() + 'static) {
    ON_SESSION_END.with(|slot| *slot.borrow_mut() = Some(Box::new(callback)));
}

fn end_session() {
    session::clear();
    ON_SESSION_END.with(|slot| {
        if let Some(callback) = slot.borrow().as_ref() {
            callback();
        }
    });
}

async fn send_once(call: &Call, token: Option<&str>) -> ApiResult<Response> {
    let mut builder = RequestBuilder::new(&call.url)
        .method(call.method.clone())
        .header("Accept", "application/json, application/problem+json")
        .header("Accept-Language", session::lang().code())
        .query(call.query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    for (name, value) in &call.headers {
        builder = builder.header(name, value);
    }
    let request = match &call.body {
        Body::Empty => builder.build(),
        Body::Json(json) => builder
            .header("Content-Type", "application/json")
            .body(json.as_str()),
        Body::Raw(data, media_type) => builder
            .header("Content-Type", media_type)
            .body(data.clone()),
    }
    .map_err(network)?;
    request.send().await.map_err(network)
}

async fn send(call: Call) -> ApiResult<Response> {
    let token = if call.auth {
        session::access_token()
    } else {
        None
    };
    if call.auth && token.is_none() {
        end_session();
        return Err(ApiError::SessionEnded);
    }
    let mut response = send_once(&call, token.as_deref()).await?;
    if call.auth && response.status() == 401 {
        // Another call may have renewed the token while this one was in flight.
        let renewed = session::access_token().is_some_and(|now| Some(&now) != token.as_ref());
        if !renewed && !refresh().await {
            end_session();
            return Err(ApiError::SessionEnded);
        }
        response = send_once(&call, session::access_token().as_deref()).await?;
        if response.status() == 401 {
            end_session();
            return Err(ApiError::SessionEnded);
        }
    }
    if response.ok() {
        Ok(response)
    } else {
        Err(problem(response).await)
    }
}

async fn problem(response: Response) -> ApiError {
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    let mut problem = serde_json::from_str::<Problem>(&text).unwrap_or_default();
    problem.status = status;
    if problem.title.is_empty() {
        problem.title = format!("{status} {}", response.status_text());
    }
    ApiError::Problem(problem)
}

async fn refresh() -> bool {
    let shared = REFRESHING.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| refresh_once().boxed_local().shared())
            .clone()
    });
    shared.await
}

async fn refresh_once() -> bool {
    let renewed = match session::refresh_token() {
        Some(refresh_token) => {
            match Call::json(Method::POST, "/auth/refresh", &RefreshIn { refresh_token }) {
                Ok(call) => match send_once(&call.public(), None).await {
                    Ok(response) if response.ok() => match response.json::<TokenOut>().await {
                        Ok(tokens) => {
                            session::save_tokens(&tokens);
                            true
                        }
                        Err(_) => false,
                    },
                    _ => false,
                },
                Err(_) => false,
            }
        }
        None => false,
    };
    REFRESHING.with(|slot| slot.borrow_mut().take());
    renewed
}

async fn json<T: DeserializeOwned>(call: Call) -> ApiResult<T> {
    send(call).await?.json::<T>().await.map_err(network)
}

fn get_with_query(path: &str, query: &impl Serialize) -> Call {
    Call {
        query: query_pairs(query),
        ..Call::get(path)
    }
}

pub async fn login(input: &LoginIn) -> ApiResult<TokenOut> {
    let tokens: TokenOut = json(Call::json(Method::POST, "/auth/login", input)?.public()).await?;
    session::save_tokens(&tokens);
    Ok(tokens)
}

/// Revokes the refresh token when the server is reachable; the local session ends either way.
pub async fn logout() {
    if let Some(refresh_token) = session::refresh_token()
        && let Ok(call) = Call::json(Method::POST, "/auth/logout", &RefreshIn { refresh_token })
    {
        let _ = send(call.public()).await;
    }
    session::clear();
}

pub async fn me() -> ApiResult<UserOut> {
    json(Call::get("/me")).await
}

pub async fn units(query: &UnitQuery) -> ApiResult<Vec<UnitOut>> {
    json(get_with_query("/units", query)).await
}

pub async fn classifications() -> ApiResult<Vec<ClassificationOut>> {
    json(Call::get("/classifications")).await
}

pub async fn subjects(query: &SubjectQuery) -> ApiResult<Page<SubjectOut>> {
    json(get_with_query("/subjects", query)).await
}

pub async fn subject(id: SubjectId) -> ApiResult<SubjectOut> {
    json(Call::get(&format!("/subjects/{id}"))).await
}

pub async fn create_subject(input: &SubjectIn) -> ApiResult<SubjectOut> {
    json(Call::json(Method::POST, "/subjects", input)?).await
}

/// `patch` is a merge-patch object holding only the changed fields (see `format::merge_patch`).
pub async fn patch_subject(
    id: SubjectId,
    version: i32,
    patch: &serde_json::Value,
) -> ApiResult<SubjectOut> {
    let call = Call::json(Method::PATCH, &format!("/subjects/{id}"), patch)?
        .header("If-Match", if_match(version));
    json(call).await
}

pub async fn products(query: &ProductQuery) -> ApiResult<Page<ProductOut>> {
    json(get_with_query("/products", query)).await
}

pub async fn product(id: ProductId) -> ApiResult<ProductOut> {
    json(Call::get(&format!("/products/{id}"))).await
}

pub async fn create_product(input: &ProductIn) -> ApiResult<ProductOut> {
    json(Call::json(Method::POST, "/products", input)?).await
}

pub async fn patch_product(
    id: ProductId,
    version: i32,
    patch: &serde_json::Value,
) -> ApiResult<ProductOut> {
    let call = Call::json(Method::PATCH, &format!("/products/{id}"), patch)?
        .header("If-Match", if_match(version));
    json(call).await
}

/// The version as an entity tag, the way the server's ETag header writes it.
fn if_match(version: i32) -> String {
    format!("\"{version}\"")
}

pub async fn upload_image(id: ProductId, file: &web_sys::File) -> ApiResult<ImageOut> {
    let mut call = Call::new(Method::POST, &format!("/products/{id}/images"))
        // Header values must be Latin-1, and Vietnamese file names are not.
        .header(
            "X-File-Name",
            String::from(js_sys::encode_uri_component(&file.name())),
        );
    call.body = Body::Raw(file.into(), file.type_());
    json(call).await
}

/// Images need the bearer token, so an `<img src>` cannot fetch them: fetch the bytes and hand
/// the page an object URL (to revoke when done).
pub async fn image_object_url(url: &str) -> ApiResult<String> {
    object_url(Call::get(url)).await
}

/// The body of an answer that needs the token, as an object URL (to revoke when done).
async fn object_url(call: Call) -> ApiResult<String> {
    let response: web_sys::Response = send(call).await?.into();
    let promise = response.blob().map_err(|e| network(format!("{e:?}")))?;
    let blob = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| network(format!("{e:?}")))?;
    let blob: web_sys::Blob =
        wasm_bindgen::JsCast::dyn_into(blob).map_err(|e| network(format!("{e:?}")))?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| network(format!("{e:?}")))
}

/// Fetches a file that needs the token and hands it to the browser as a download named
/// `file_name`: a plain link cannot send the token.
async fn save(call: Call, file_name: &str) -> ApiResult<()> {
    use wasm_bindgen::JsCast;
    let object_url = object_url(call).await?;
    let anchor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(anchor) = anchor {
        let _ = anchor.set_attribute("href", &object_url);
        let _ = anchor.set_attribute("download", file_name);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&object_url);
    Ok(())
}
