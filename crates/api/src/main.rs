//! The `ocop` binary: `ocop serve [--demo]` runs the server; `ocop openapi [--out FILE]` prints
//! the OpenAPI document generated from the code.

use ocop_api::{Application, Settings, openapi};

fn usage() -> ! {
    eprintln!("usage: ocop serve [--demo] | ocop openapi [--out FILE]");
    std::process::exit(2)
}

#[actix_web::main]
async fn main() {
    env_logger::Builder::from_env(
        env_logger::Env::default().default_filter_or("info,sqlx=warn,sea_orm=warn"),
    )
    .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("openapi") => {
            let json = openapi::document_json();
            match args
                .iter()
                .position(|a| a == "--out")
                .and_then(|i| args.get(i + 1))
            {
                Some(path) => {
                    if let Err(e) = std::fs::write(path, json) {
                        eprintln!("writing {path}: {e}");
                        std::process::exit(1);
                    }
                }
                None => println!("{json}"),
            }
        }
        Some("serve") | None => {
            let mut settings = match Settings::from_env() {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("configuration: {e}");
                    std::process::exit(2);
                }
            };
            settings.demo = args.iter().any(|a| a == "--demo");
            if settings.demo {
                ocop_api::demo::apply_demo_defaults(&mut settings);
            }
            log::info!("starting with {settings:?}");
            let app = match Application::build(settings.clone()).await {
                Ok(app) => app,
                Err(e) => {
                    log::error!("startup failed: {e}");
                    std::process::exit(1);
                }
            };
            log::info!("listening on http://{}:{}", settings.host, app.port());
            if settings.demo {
                ocop_api::demo::print_credentials(app.port());
            }
            if let Err(e) = app.run_until_stopped().await {
                log::error!("server error: {e}");
                std::process::exit(1);
            }
        }
        _ => usage(),
    }
}
