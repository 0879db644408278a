//! Turns the wasm-bindgen output and frontend/'s static files into what the server sends:
//! file names carrying a hash of their content (so a file can be cached for a year and a new
//! build is a new name), an `index.html` pointing at them, and a gzip and a brotli copy of every
//! text and wasm file, made once here rather than on each request.

use std::fs;
use std::io::Write;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::{Failure, Result};

/// What the server's gzipped wasm may weigh before the build fails: a guard against growth, set
/// just above today's size. The target is 500 KB (a first visit on a slow link); reaching it
/// needs the SPA split into lazily loaded parts (see docs/ARCHITECTURE.md, "The SPA's size").
pub const WASM_GZIP_BUDGET: u64 = 760_000;

/// The files that get a content hash, as `index.html` and `boot.js` name them.
const JS: &str = "ocop.js";
const WASM: &str = "ocop_bg.wasm";
const CSS: &str = "style.css";
const BOOT: &str = "boot.js";

/// Extensions worth compressing; images and fonts are compressed already.
const COMPRESSIBLE: [&str; 7] = ["js", "wasm", "css", "html", "svg", "json", "txt"];

/// Sizes of the wasm as sent, for the report and the budget.
pub struct WasmSizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// Builds `dist` from `bindgen` (wasm-bindgen's output, wasm already optimised) and `static_dir`
/// (frontend/: index.html, boot.js, style.css, assets/). `dist` is emptied first so that no
/// stale hashed file lingers.
pub fn assemble(bindgen: &Path, static_dir: &Path, dist: &Path) -> Result<WasmSizes> {
    if dist.exists() {
        fs::remove_dir_all(dist).map_err(|e| io_failure("empty", dist, e))?;
    }
    fs::create_dir_all(dist).map_err(|e| io_failure("create", dist, e))?;

    let wasm = emit_hashed(dist, WASM, &read(&bindgen.join(WASM))?)?;
    let js = emit_hashed(dist, JS, &read(&bindgen.join(JS))?)?;
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

    // Inline JS snippets of dependencies, imported by the glue by relative path.
    let snippets = bindgen.join("snippets");
    if snippets.is_dir() {
        crate::copy_dir(&snippets, &dist.join("snippets"))?;
    }
    let assets = static_dir.join("assets");
    if assets.is_dir() {
        crate::copy_dir(&assets, &dist.join("assets"))?;
    }

    precompress_tree(dist)?;
    let size = |path: &Path| fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let wasm_path = dist.join(&wasm);
    Ok(WasmSizes {
        raw: size(&wasm_path),
        gzip: size(&with_suffix(&wasm_path, "gz")),
        brotli: size(&with_suffix(&wasm_path, "br")),
    })
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
        let bindgen = temp_dir("bindgen");
        let frontend = temp_dir("frontend");
        let dist = temp_dir("dist");
        put(&dist, "ocop_bg-stale.wasm", "left from an earlier build");
        put(&bindgen, WASM, "\0asm wasm bytes");
        put(&bindgen, JS, "export default function init() {}");
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

        let sizes = assemble(&bindgen, &frontend, &dist).expect("assemble");

        assert!(!dist.join("ocop_bg-stale.wasm").exists(), "stale files go");
        let index = fs::read_to_string(dist.join("index.html")).expect("index");
        let wasm = hashed_name(WASM, b"\0asm wasm bytes");
        assert!(index.contains(&format!("/{wasm}")), "{index}");
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
        assert!(boot.contains(&format!("'/{wasm}'")), "{boot}");
        assert!(boot.contains(&format!(
            "'/{}'",
            hashed_name(JS, b"export default function init() {}")
        )));
        assert_eq!(boot_name, hashed_name(BOOT, boot.as_bytes()));

        let original = fs::read(dist.join(&wasm)).expect("wasm");
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&fs::read(dist.join(format!("{wasm}.gz"))).expect("gz")[..])
            .read_to_end(&mut unzipped)
            .expect("gunzip");
        assert_eq!(unzipped, original);
        let mut unbrotli = Vec::new();
        brotli::BrotliDecompress(
            &mut &fs::read(dist.join(format!("{wasm}.br"))).expect("br")[..],
            &mut unbrotli,
        )
        .expect("unbrotli");
        assert_eq!(unbrotli, original);
        assert!(dist.join("index.html.br").is_file() && dist.join("index.html.gz").is_file());
        assert_eq!(sizes.raw, original.len() as u64);
        assert!(sizes.gzip > 0 && sizes.brotli > 0);

        for dir in [bindgen, frontend, dist] {
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
    fn a_hash_changes_with_the_content_only() {
        assert_eq!(hashed_name("a.js", b"x"), hashed_name("a.js", b"x"));
        assert_ne!(hashed_name("a.js", b"x"), hashed_name("a.js", b"y"));
        assert!(hashed_name("style.css", b"x").starts_with("style-"));
        assert!(hashed_name("style.css", b"x").ends_with(".css"));
    }
}
