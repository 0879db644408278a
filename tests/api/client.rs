//! The HTTP client of the suite: reqwest's, with every response held against the committed
//! contract before the test sees it (see [`crate::contract`]). It offers the part of reqwest's
//! builder the tests use, so a test reads as if it used reqwest directly.

use std::fmt::Display;

use reqwest::header::{HeaderName, HeaderValue};
use reqwest::{Body, IntoUrl, Method, Response, ResponseBuilderExt};
use serde_json::Value;

use crate::contract::CONTRACT;

#[derive(Clone, Default)]
pub struct CheckedClient {
    inner: reqwest::Client,
}

impl CheckedClient {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn request(&self, method: Method, url: impl IntoUrl) -> CheckedRequest {
        CheckedRequest(self.inner.request(method, url))
    }

    pub fn get(&self, url: impl IntoUrl) -> CheckedRequest {
        self.request(Method::GET, url)
    }

    pub fn post(&self, url: impl IntoUrl) -> CheckedRequest {
        self.request(Method::POST, url)
    }

    pub fn put(&self, url: impl IntoUrl) -> CheckedRequest {
        self.request(Method::PUT, url)
    }

    pub fn patch(&self, url: impl IntoUrl) -> CheckedRequest {
        self.request(Method::PATCH, url)
    }

    pub fn delete(&self, url: impl IntoUrl) -> CheckedRequest {
        self.request(Method::DELETE, url)
    }
}

#[must_use]
pub struct CheckedRequest(reqwest::RequestBuilder);

impl CheckedRequest {
    pub fn header<K, V>(self, key: K, value: V) -> Self
    where
        HeaderName: TryFrom<K>,
        <HeaderName as TryFrom<K>>::Error: Into<http::Error>,
        HeaderValue: TryFrom<V>,
        <HeaderValue as TryFrom<V>>::Error: Into<http::Error>,
    {
        Self(self.0.header(key, value))
    }

    pub fn bearer_auth(self, token: impl Display) -> Self {
        Self(self.0.bearer_auth(token))
    }

    pub fn json(self, json: &Value) -> Self {
        Self(self.0.json(json))
    }

    pub fn body(self, body: impl Into<Body>) -> Self {
        Self(self.0.body(body))
    }

    /// Sends the request and checks the response against the contract; a breach fails the
    /// test here, naming the operation, the status and what does not match.
    pub async fn send(self) -> reqwest::Result<Response> {
        let (client, request) = self.0.build_split();
        let request = request?;
        let method = request.method().clone();
        let response = client.execute(request).await?;
        let (status, version, url) = (
            response.status(),
            response.version(),
            response.url().clone(),
        );
        let headers = response.headers().clone();
        let body = response.bytes().await?;
        let content_type = headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        if let Err(breach) = CONTRACT.check(&method, url.path(), status, content_type, &body) {
            panic!("{breach}");
        }
        // reqwest hands a body out once: the test gets the same response, rebuilt.
        let mut rebuilt = http::Response::builder()
            .status(status)
            .version(version)
            .url(url)
            .body(body)
            .expect("a response rebuilt from valid parts");
        *rebuilt.headers_mut() = headers;
        Ok(Response::from(rebuilt))
    }
}
