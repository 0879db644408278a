//! Turns the wasm-bindgen output and frontend/'s static files into what the server sends:
//! file names carrying a hash of their content (so a file can be cached for a year and a new
//! build is a new name), an `index.html` pointing at them, and a gzip and a brotli copy of every
//! text and wasm file, made once here rather than on each request.

use std::fs;
use std::io::Write;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::{Failure, Result};

/// What the main wasm, all a first visit downloads, may weigh gzipped: the budget for a first
/// visit on a slow link. The screens come in parts fetched when first opened.
pub const WASM_GZIP_BUDGET: u64 = 500_000;

/// The files that get a content hash, as `index.html` and `boot.js` name them.
const JS: &str = "ocop.js";
const WASM: &str = "ocop_bg.wasm";
const CSS: &str = "style.css";
const BOOT: &str = "boot.js";

/// Extensions worth compressing; images and fonts are compressed already.
const COMPRESSIBLE: [&str; 7] = ["js", "wasm", "css", "html", "svg", "json", "txt"];

/// Sizes of the main wasm as sent (what a first visit downloads), for the report and the
/// budget; `parts` sums the parts fetched on first use of their screens.
#[derive(Default)]
pub struct WasmSizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
    pub parts: Option<Box<WasmSizes>>,
}

/// Where the main wasm imports the loader of the split-off parts from, beside the glue.
pub const SPLIT_LOADER: &str = "./__wasm_split.js";

/// Builds `dist` from `build` (wasm-bindgen's glue and main wasm, the split-off parts and
/// their loader) and `static_dir` (frontend/: index.html, boot.js, style.css, assets/). The
/// build's files go into one folder named by a hash of all of them (`app-<hash>/`), since they
/// name each other by relative paths; the style and the boot script are hashed by name.
/// `dist` is emptied first so that no stale file lingers.
pub fn assemble(build: &Path, static_dir: &Path, dist: &Path) -> Result<WasmSizes> {
    if dist.exists() {
        fs::remove_dir_all(dist).map_err(|e| io_failure("empty", dist, e))?;
    }
    fs::create_dir_all(dist).map_err(|e| io_failure("create", dist, e))?;

    strip_parts(build)?;
    let app = format!("app-{}", tree_hash(build)?);
    crate::copy_dir(build, &dist.join(&app))?;
    let js = format!("{app}/{JS}");
    let wasm = format!("{app}/{WASM}");
    let css = emit_hashed(dist, CSS, &read(&static_dir.join(CSS))?)?;
    let boot_source = read_text(&static_dir.join(BOOT))?;
    let boot_source = replace_all(
        &boot_source,
        BOOT,
        &[(&format!("/{JS}"), &js), (&format!("/{WASM}"), &wasm)],
    )?;
    let boot = emit_hashed(dist, BOOT, boot_source.as_bytes())?;
    let index = replace_all(
        &read_text(&static_dir.join("index.html"))?,
        "index.html",
        &[
            (&format!("/{CSS}"), &css),
            (&format!("/{JS}"), &js),
            (&format!("/{WASM}"), &wasm),
            (&format!("/{BOOT}"), &boot),
        ],
    )?;
    write(&dist.join("index.html"), index.as_bytes())?;

    let assets = static_dir.join("assets");
    if assets.is_dir() {
        crate::copy_dir(&assets, &dist.join("assets"))?;
    }

    precompress_tree(dist)?;
    let size = |path: &Path| fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let wasm_path = dist.join(&wasm);
    let mut parts = WasmSizes::default();
    for entry in fs::read_dir(dist.join(&app)).map_err(|e| io_failure("read", dist, e))? {
        let path = entry.map_err(|e| io_failure("read", dist, e))?.path();
        if path.extension().is_some_and(|e| e == "wasm") && path != wasm_path {
            parts.raw += size(&path);
            parts.gzip += size(&with_suffix(&path, "gz"));
            parts.brotli += size(&with_suffix(&path, "br"));
        }
    }
    Ok(WasmSizes {
        raw: size(&wasm_path),
        gzip: size(&with_suffix(&wasm_path, "gz")),
        brotli: size(&with_suffix(&wasm_path, "br")),
        parts: Some(Box::new(parts)),
    })
}

/// The split-off parts come out of the splitter with their function names (half their size)
/// and other custom sections no browser reads; wasm-bindgen already dropped those of the main
/// module.
fn strip_parts(build: &Path) -> Result {
    for entry in fs::read_dir(build).map_err(|e| io_failure("read", build, e))? {
        let path = entry.map_err(|e| io_failure("read", build, e))?.path();
        let is_part = path.extension().is_some_and(|e| e == "wasm")
            && path.file_name().is_some_and(|n| n != WASM);
        if is_part {
            let stripped = without_custom_sections(&read(&path)?)
                .ok_or_else(|| Failure::new(format!("{} is not a wasm module", path.display())))?;
            write(&path, &stripped)?;
        }
    }
    Ok(())
}

/// `wasm` without its custom sections (id 0), every other section as it was; `None` when the
/// bytes are not a well-formed sequence of sections.
fn without_custom_sections(wasm: &[u8]) -> Option<Vec<u8>> {
    const HEADER: usize = 8;
    if wasm.len() < HEADER || &wasm[..4] != b"\0asm" {
        return None;
    }
    let mut out = wasm[..HEADER].to_vec();
    let mut at = HEADER;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, body) = leb128_u32(wasm, at + 1)?;
        let end = body.checked_add(size)?;
        if end > wasm.len() {
            return None;
        }
        if id != 0 {
            out.extend_from_slice(&wasm[at..end]);
        }
        at = end;
    }
    Some(out)
}

/// An unsigned LEB128 number at `at`, and where what follows it starts.
fn leb128_u32(bytes: &[u8], mut at: usize) -> Option<(usize, usize)> {
    let mut value: usize = 0;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(at)?;
        at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some((value, at));
        }
    }
    None
}

/// The first 16 hex digits of a SHA-256 over every file of `dir` (names and contents, in name
/// order), so any change to any of them is a new folder.
fn tree_hash(dir: &Path) -> Result<String> {
    let mut files = Vec::new();
    collect_files(dir, dir, &mut files)?;
    files.sort();
    let mut hasher = Sha256::new();
    for relative in files {
        hasher.update(relative.as_bytes());
        hasher.update([0]);
        hasher.update(read(&dir.join(&relative))?);
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    Ok(digest[..8].iter().map(|b| format!("{b:02x}")).collect())
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result {
    for entry in fs::read_dir(dir).map_err(|e| io_failure("read", dir, e))? {
        let path = entry.map_err(|e| io_failure("read", dir, e))?.path();
        if path.is_dir() {
            collect_files(root, &path, out)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            out.push(relative.to_string_lossy().into_owned());
        }
    }
    Ok(())
}

/// `name` with the first 16 hex digits of its content's SHA-256 before the extension:
/// `ocop_bg.wasm` → `ocop_bg-0123456789abcdef.wasm`.
pub fn hashed_name(name: &str, content: &[u8]) -> String {
    let digest = Sha256::digest(content);
    let hash: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}-{hash}.{ext}"),
        None => format!("{name}-{hash}"),
    }
}

fn emit_hashed(dist: &Path, name: &str, content: &[u8]) -> Result<String> {
    let hashed = hashed_name(name, content);
    write(&dist.join(&hashed), content)?;
    Ok(hashed)
}

/// Replaces each `/name` by `/hashed`, and fails when the file does not mention one: a renamed
/// reference would otherwise ship a page that loads nothing.
fn replace_all(text: &str, file: &str, pairs: &[(&str, &str)]) -> Result<String> {
    let mut out = text.to_string();
    for (from, to) in pairs {
        if !out.contains(from) {
            return Err(Failure::new(format!(
                "frontend/{file} no longer refers to {from}; the bundle cannot point it at its hashed name"
            )));
        }
        out = out.replace(from, &format!("/{to}"));
    }
    Ok(out)
}

fn precompress_tree(dir: &Path) -> Result {
    for entry in fs::read_dir(dir).map_err(|e| io_failure("read", dir, e))? {
        let path = entry.map_err(|e| io_failure("read", dir, e))?.path();
        if path.is_dir() {
            precompress_tree(&path)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e))
        {
            let content = read(&path)?;
            write(&with_suffix(&path, "gz"), &gzip(&content)?)?;
            write(&with_suffix(&path, "br"), &brotli(&content)?)?;
        }
    }
    Ok(())
}

fn gzip(content: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(content)
        .and_then(|()| encoder.finish())
        .map_err(|e| Failure::new(format!("gzip: {e}")))
}

fn brotli(content: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &content[..], &mut out, &params)
        .map_err(|e| Failure::new(format!("brotli: {e}")))?;
    Ok(out)
}

fn with_suffix(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(".");
    name.push(suffix);
    name.into()
}

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| io_failure("read", path, e))
}

fn read_text(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| io_failure("read", path, e))
}

fn write(path: &Path, content: &[u8]) -> Result {
    fs::write(path, content).map_err(|e| io_failure("write", path, e))
}

fn io_failure(what: &str, path: &Path, e: std::io::Error) -> Failure {
    Failure::new(format!("{what} {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-bundle-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
        dir
    }

    fn put(dir: &Path, name: &str, content: &str) {
        fs::write(dir.join(name), content).unwrap_or_else(|e| panic!("write {name}: {e}"));
    }

    #[test]
    fn the_page_points_at_hashed_files_that_exist_with_their_compressed_copies() {
        let build = temp_dir("build");
        let frontend = temp_dir("frontend");
        let dist = temp_dir("dist");
        put(&dist, "ocop_bg-stale.wasm", "left from an earlier build");
        put(&build, WASM, "\0asm wasm bytes");
        put(&build, JS, "import * as s from './__wasm_split.js';");
        put(
            &build,
            "__wasm_split.js",
            "import { initSync } from './ocop.js';",
        );
        // A part with a name section, which the bundle strips.
        put(&build, "split_admin.wasm", "\0asm\x01\0\0\0\0\x05\x04name");
        put(&frontend, CSS, "body { margin: 0 }");
        put(
            &frontend,
            BOOT,
            "import init from '/ocop.js';\ninit({ module_or_path: '/ocop_bg.wasm' });\n",
        );
        put(
            &frontend,
            "index.html",
            "<link href=\"/style.css\"><link href=\"/ocop.js\"><link href=\"/ocop_bg.wasm\">\
             <script src=\"/boot.js\"></script>",
        );

        let sizes = assemble(&build, &frontend, &dist).expect("assemble");

        assert!(!dist.join("ocop_bg-stale.wasm").exists(), "stale files go");
        let app = format!("app-{}", tree_hash(&build).expect("hash"));
        let index = fs::read_to_string(dist.join("index.html")).expect("index");
        assert!(index.contains(&format!("\"/{app}/{WASM}\"")), "{index}");
        assert!(index.contains(&format!("\"/{app}/{JS}\"")), "{index}");
        for name in [CSS, JS, BOOT] {
            assert!(
                !index.contains(&format!("\"/{name}\"")),
                "{name} unhashed in {index}"
            );
        }
        let boot_name = index
            .split("src=\"/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("boot script");
        let boot = fs::read_to_string(dist.join(boot_name)).expect("boot");
        assert!(boot.contains(&format!("'/{app}/{WASM}'")), "{boot}");
        assert!(boot.contains(&format!("'/{app}/{JS}'")), "{boot}");
        assert_eq!(boot_name, hashed_name(BOOT, boot.as_bytes()));
        // The build's files keep their names beside each other, so their relative imports hold.
        for name in [JS, "__wasm_split.js", "split_admin.wasm"] {
            assert!(dist.join(&app).join(name).is_file(), "{name}");
        }

        let wasm = dist.join(&app).join(WASM);
        let original = fs::read(&wasm).expect("wasm");
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&fs::read(with_suffix(&wasm, "gz")).expect("gz")[..])
            .read_to_end(&mut unzipped)
            .expect("gunzip");
        assert_eq!(unzipped, original);
        let mut unbrotli = Vec::new();
        brotli::BrotliDecompress(
            &mut &fs::read(with_suffix(&wasm, "br")).expect("br")[..],
            &mut unbrotli,
        )
        .expect("unbrotli");
        assert_eq!(unbrotli, original);
        assert!(dist.join("index.html.br").is_file() && dist.join("index.html.gz").is_file());
        assert_eq!(sizes.raw, original.len() as u64);
        assert!(sizes.gzip > 0 && sizes.brotli > 0);
        let parts = sizes.parts.expect("parts");
        assert_eq!(parts.raw, 8, "the header alone is left");

        // A change to any file of the build is a new folder.
        put(&build, "split_admin.wasm", "\0asm\x02\0\0\0");
        assert_ne!(app, format!("app-{}", tree_hash(&build).expect("hash")));

        for dir in [build, frontend, dist] {
            let _ = fs::remove_dir_all(dir);
        }
    }

    #[test]
    fn a_page_that_no_longer_names_a_file_fails_the_build() {
        let err = replace_all(
            "<script src=\"/main.js\">",
            "index.html",
            &[("/boot.js", "b")],
        )
        .expect_err("refused");
        assert!(err.message.contains("/boot.js"), "{}", err.message);
    }

    #[test]
    fn custom_sections_go_and_the_rest_stays_byte_for_byte() {
        let header = b"\0asm\x01\0\0\0";
        let custom = [0u8, 5, 4, b'n', b'a', b'm', b'e'];
        let types = [1u8, 4, 1, 0x60, 0, 0];
        let mut wasm = header.to_vec();
        wasm.extend_from_slice(&custom);
        wasm.extend_from_slice(&types);
        wasm.extend_from_slice(&custom);
        let mut expected = header.to_vec();
        expected.extend_from_slice(&types);
        assert_eq!(without_custom_sections(&wasm), Some(expected));
        // A section running past the end is not a module.
        assert_eq!(
            without_custom_sections(&[&header[..], &[1, 9, 0]].concat()),
            None
        );
        assert_eq!(without_custom_sections(b"not wasm"), None);
    }

    #[test]
    fn a_hash_changes_with_the_content_only() {
        assert_eq!(hashed_name("a.js", b"x"), hashed_name("a.js", b"x"));
        assert_ne!(hashed_name("a.js", b"x"), hashed_name("a.js", b"y"));
        assert!(hashed_name("style.css", b"x").starts_with("style-"));
        assert!(hashed_name("style.css", b"x").ends_with(".css"));
    }
}
