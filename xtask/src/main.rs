//! xtask: the project's chores as one binary, so they run the same on a developer's
//! machine and in CI without make, just or shell scripts.
//!
//! `cargo xtask spa | demo | test | openapi` (see `usage()`).

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

mod bundle;

const WASM_PROFILE: &str = "wasm-release";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(cmd) = args.next() else {
        eprint!("{}", usage());
        return ExitCode::from(2);
    };
    let rest: Vec<OsString> = args.collect();
    let root = workspace_root();
    let result = match cmd.to_str() {
        Some("spa") => spa(&root),
        Some("demo") => spa(&root).and_then(|()| demo(&root, rest)),
        Some("test") => spa(&root).and_then(|()| test(&root, rest)),
        Some("openapi") => openapi(&root),
        Some("help" | "-h" | "--help") => {
            print!("{}", usage());
            Ok(())
        }
        _ => {
            eprintln!("xtask: unknown command {cmd:?}\n");
            eprint!("{}", usage());
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure { message, code }) => {
            eprintln!("xtask: {message}");
            ExitCode::from(code)
        }
    }
}

fn usage() -> &'static str {
    "usage: cargo xtask <command> [-- args]\n\
     \n\
     commands:\n\
     \x20 spa       build the SPA into frontend/dist (wasm32 build, wasm-bindgen, wasm-opt, hashed names, .gz/.br)\n\
     \x20 demo      spa, then run the server with demo data; args after -- go to `ocop serve`\n\
     \x20 test      spa, then cargo test --workspace with the browser tests on; args go to cargo test\n\
     \x20 openapi   regenerate openapi/openapi.json from the code\n"
}

/// Why a step failed, and the exit code to leave with (a failed child's own code when it has one).
#[derive(Debug)]
struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 1,
        }
    }
}

impl From<io::Error> for Failure {
    fn from(err: io::Error) -> Self {
        Self::new(err.to_string())
    }
}

type Result<T = ()> = std::result::Result<T, Failure>;

/// xtask lives one level below the root, so its manifest dir's parent is the workspace.
fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The cargo that started us, so a toolchain chosen with `cargo +x` or rustup is kept.
fn cargo(root: &Path) -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(root);
    cmd
}

/// Prints the command, runs it with inherited stdio and fails with its exit code.
fn run(cmd: &mut Command) -> Result {
    println!("==> {}", describe(cmd));
    let status = cmd
        .status()
        .map_err(|e| Failure::new(format!("cannot start {}: {e}", describe(cmd))))?;
    if status.success() {
        return Ok(());
    }
    let code = status
        .code()
        .and_then(|c| u8::try_from(c).ok())
        .filter(|c| *c != 0)
        .unwrap_or(1);
    Err(Failure {
        message: format!("{} failed ({status})", describe(cmd)),
        code,
    })
}

fn describe(cmd: &Command) -> String {
    let mut parts = vec![cmd.get_program().to_string_lossy().into_owned()];
    parts.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
    let env: Vec<String> = cmd
        .get_envs()
        .filter_map(|(k, v)| v.map(|v| format!("{}={}", k.to_string_lossy(), v.to_string_lossy())))
        .collect();
    if env.is_empty() {
        parts.join(" ")
    } else {
        format!("{} {}", env.join(" "), parts.join(" "))
    }
}

fn spa(root: &Path) -> Result {
    // The script skips whatever is already installed, so calling it every time costs little.
    run(Command::new("bash")
        .arg(".ci/install-tools")
        .current_dir(root))?;
    run(cargo(root).args([
        "build",
        "-p",
        "ocop-frontend",
        "--target",
        WASM_TARGET,
        "--profile",
        WASM_PROFILE,
    ]))?;

    // Everything the page loads from one build lives in one folder: the glue, the main wasm,
    // the parts split off at `#[lazy]` functions and the loader that fetches them, which name
    // each other by relative paths.
    let staging = root.join("target").join("spa-build");
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    fs::create_dir_all(&staging)?;
    let wasm = root
        .join("target")
        .join(WASM_TARGET)
        .join(WASM_PROFILE)
        .join("ocop_frontend.wasm");
    println!("==> split {} at its #[lazy] functions", wasm.display());
    let input = fs::read(&wasm)?;
    let main_wasm = staging.join("main.wasm");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = &staging;
    options.main_out_path = &main_wasm;
    options.link_name = bundle::SPLIT_LOADER;
    options.main_module = "./ocop.js";
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| Failure::new(format!("split the wasm: {e}")))?;
    println!(
        "==> {} parts loaded on first use",
        split.split_modules.len()
    );
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(&staging)
        .args(["--out-name", "ocop"])
        // Function names are 40% of the file and only make panic traces readable; debug
        // builds of the SPA are not served, so drop them.
        .arg("--remove-name-section")
        // The parts import the function table from the main module by the name LLD gave it.
        .arg("--keep-lld-exports")
        .arg(&main_wasm)
        .current_dir(root))?;
    fs::remove_file(&main_wasm)?;
    // The main module only: the parts are linked to it by table slots and export names, which
    // wasm-opt keeps (both are exported), while their own code is already small.
    let bindgen_wasm = staging.join("ocop_bg.wasm");
    run(Command::new(wasm_opt()?)
        .arg("-Oz")
        // What rustc's wasm32 target emits; wasm-opt refuses instructions it was not told of.
        .args([
            "--enable-bulk-memory",
            "--enable-mutable-globals",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-reference-types",
            "--enable-multivalue",
        ])
        .arg(&bindgen_wasm)
        .arg("-o")
        .arg(&bindgen_wasm))?;

    let dist = root.join("frontend/dist");
    println!("==> bundle frontend/ and the wasm into frontend/dist (hashed names, .gz, .br)");
    let sizes = bundle::assemble(&staging, &root.join("frontend"), &dist)?;
    println!(
        "==> main wasm (a first visit): {} KiB, {} KiB gzipped, {} KiB with brotli (budget {} KiB gzipped)",
        sizes.raw / 1024,
        sizes.gzip / 1024,
        sizes.brotli / 1024,
        bundle::WASM_GZIP_BUDGET / 1024
    );
    if let Some(parts) = &sizes.parts {
        println!(
            "==> parts fetched on first use of their screens: {} KiB, {} KiB gzipped, {} KiB with brotli",
            parts.raw / 1024,
            parts.gzip / 1024,
            parts.brotli / 1024
        );
    }
    if sizes.gzip > bundle::WASM_GZIP_BUDGET {
        return Err(Failure::new(format!(
            "the SPA's wasm is {} bytes gzipped, over the budget of {} bytes",
            sizes.gzip,
            bundle::WASM_GZIP_BUDGET
        )));
    }
    Ok(())
}

/// npm's binaryen, installed by .ci/install-tools into its tools folder. Not whatever is on
/// PATH: Debian's wasm-opt 108 emits a wasm that loads but renders nothing.
fn wasm_opt() -> Result<PathBuf> {
    let tools = std::env::var_os("OCOP_TOOLS_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/share/ocop-tools"))
        })
        .ok_or_else(|| Failure::new("neither OCOP_TOOLS_DIR nor HOME is set"))?;
    let path = tools.join("node_modules/.bin/wasm-opt");
    if path.is_file() {
        Ok(path)
    } else {
        Err(Failure::new(format!(
            "{} is missing: run `bash .ci/install-tools` (installs npm's binaryen 132)",
            path.display()
        )))
    }
}

pub(crate) fn copy_dir(from: &Path, to: &Path) -> Result {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

fn demo(root: &Path, rest: Vec<OsString>) -> Result {
    let mut cmd = cargo(root);
    cmd.args(["run", "-p", "ocop-api", "--", "serve", "--demo"])
        .args(strip_separator(rest));
    exec(cmd)
}

fn test(root: &Path, rest: Vec<OsString>) -> Result {
    run(cargo(root)
        .args(["test", "--workspace"])
        .args(rest)
        .env("OCOP_BROWSER_TESTS", "1"))
}

fn openapi(root: &Path) -> Result {
    run(cargo(root).args([
        "run",
        "-p",
        "ocop-api",
        "--",
        "openapi",
        "--out",
        "openapi/openapi.json",
    ]))
}

/// `cargo xtask demo -- --port 9000` hands us `--`, which `ocop serve` must not see.
fn strip_separator(mut args: Vec<OsString>) -> Vec<OsString> {
    if args.first().is_some_and(|a| a == "--") {
        args.remove(0);
    }
    args
}

/// Replaces this process, so Ctrl-C and the exit code reach the server directly.
#[cfg(unix)]
fn exec(mut cmd: Command) -> Result {
    use std::os::unix::process::CommandExt;
    println!("==> {}", describe(&cmd));
    let err = cmd.exec();
    Err(Failure::new(format!(
        "cannot start {}: {err}",
        describe(&cmd)
    )))
}

#[cfg(not(unix))]
fn exec(mut cmd: Command) -> Result {
    run(&mut cmd)
}
