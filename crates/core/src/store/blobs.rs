//! Uploaded files on disk, named by the SHA-256 of their bytes: a re-upload costs no space, a
//! file can be checked against the row that cites it, and rows never point at a half-written file.

use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::{DomainError, DomainResult};

#[derive(Debug, Clone)]
pub struct BlobDir(pub PathBuf);

impl BlobDir {
    fn path_of(&self, sha256: &str) -> PathBuf {
        let prefix = sha256.get(0..2).unwrap_or("00");
        self.0.join(prefix).join(sha256)
    }

    /// Stores `bytes` and returns their hex SHA-256.
    pub fn store(&self, bytes: &[u8]) -> DomainResult<String> {
        let sha256 = hex(&Sha256::digest(bytes));
        let path = self.path_of(&sha256);
        if path.exists() {
            return Ok(sha256);
        }
        let write = || -> std::io::Result<()> {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            // Write then rename, so a reader never sees half a file.
            let tmp = path.with_extension(format!("tmp-{}", uuid::Uuid::now_v7()));
            std::fs::write(&tmp, bytes)?;
            std::fs::rename(&tmp, &path)
        };
        write().map_err(|e| DomainError::Internal(format!("writing a file: {e}")))?;
        Ok(sha256)
    }

    pub fn read(&self, sha256: &str) -> DomainResult<Vec<u8>> {
        std::fs::read(self.path_of(sha256))
            .map_err(|e| DomainError::Internal(format!("reading a file: {e}")))
    }
}

/// Checks an upload before anything is stored: not empty, at most `max` bytes, of a type `sniff`
/// recognises from its first bytes, and the type the client declared if it declared one.
/// Returns the recognised type.
pub fn check_upload(
    bytes: &[u8],
    max: usize,
    declared: Option<&str>,
    sniff: impl Fn(&[u8]) -> Option<&'static str>,
) -> DomainResult<&'static str> {
    if bytes.is_empty() {
        return Err(DomainError::field("file", "empty"));
    }
    if bytes.len() > max {
        return Err(DomainError::field("file", "too_large"));
    }
    let content_type =
        sniff(bytes).ok_or_else(|| DomainError::field("file", "unsupported_type"))?;
    if declared.is_some_and(|t| t != content_type) {
        return Err(DomainError::field("file", "type_mismatch"));
    }
    Ok(content_type)
}

/// A client-supplied file name made safe to store and echo: no path separators or control
/// characters, at most 200 characters.
pub fn clean_file_name(name: &str, fallback: &str) -> String {
    let name: String = name
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\'))
        .take(200)
        .collect();
    let name = name.trim();
    if name.is_empty() {
        fallback.to_string()
    } else {
        name.to_string()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_file_reads_back_under_its_checksum() {
        let dir = std::env::temp_dir().join(format!("ocop-blobs-{}", uuid::Uuid::now_v7()));
        let blobs = BlobDir(dir.clone());
        let sha = blobs.store(b"abc").unwrap();
        assert_eq!(
            sha,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(blobs.store(b"abc").unwrap(), sha);
        assert_eq!(blobs.read(&sha).unwrap(), b"abc");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        assert_eq!(clean_file_name("../../etc/passwd", "x"), "....etcpasswd");
        assert_eq!(clean_file_name(" \n ", "file"), "file");
    }
}
