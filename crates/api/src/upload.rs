//! Raw file uploads: the body is the file, `Content-Type` its type, `X-File-Name` its name.

use actix_web::http::header;
use actix_web::{HttpRequest, web};
use futures_util::StreamExt;

use crate::error::ApiError;

pub struct Upload {
    /// The declared type, without parameters.
    pub content_type: String,
    pub file_name: Option<String>,
    pub bytes: web::BytesMut,
}

impl Upload {
    /// Reads the body up to `max` bytes; a type `accept` refuses answers 415, a larger body 413.
    pub async fn read(
        req: &HttpRequest,
        payload: &mut web::Payload,
        max: usize,
        accept: impl Fn(&str) -> bool,
    ) -> Result<Upload, ApiError> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or("").trim().to_string())
            .filter(|t| accept(t))
            .ok_or(ApiError::UnsupportedMediaType)?;
        // Header values cannot carry Vietnamese, so clients send the name percent-encoded.
        let file_name = req
            .headers()
            .get("x-file-name")
            .and_then(|v| v.to_str().ok())
            .map(percent_decode);
        let mut bytes = web::BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk.map_err(|e| ApiError::BadRequest(e.to_string()))?;
            if bytes.len() + chunk.len() > max {
                return Err(ApiError::PayloadTooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Upload {
            content_type,
            file_name,
            bytes,
        })
    }
}

/// Decodes `%XX` escapes (UTF-8); a malformed escape is kept as written.
pub fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn decodes_percent_encoded_vietnamese_names() {
        assert_eq!(percent_decode("%E1%BA%A3nh.png"), "ảnh.png");
        assert_eq!(percent_decode("plain.jpg"), "plain.jpg");
        assert_eq!(percent_decode("bad%zz.jpg"), "bad%zz.jpg");
    }
}
