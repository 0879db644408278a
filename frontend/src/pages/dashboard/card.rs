//! One card of the dashboard: its title, the figures drawn from its report, and the report
//! itself to download as CSV or Excel with the same query. A report the server does not offer
//! (absent from the catalogue, or answering 404) makes a small "not available" card, so one
//! missing report never breaks the page. `data-state` tells tests and styles where it stands:
//! `loading`, `ready`, `unavailable` or `error`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_reports::{ReportFormat, ReportOut};

use crate::api::{self, ApiError, ApiResult, ReportParams};
use crate::i18n::dashboard::Dash;
use crate::state::{AppState, use_app};

/// A report as a card holds it: `None` when the server does not offer it.
pub type Loaded = LocalResource<ApiResult<Option<ReportOut>>>;

/// Reads report `name` with `params`, unless the catalogue says it is not there. `ready` is
/// the same report already read (the one that told the day), so it is not asked twice.
pub fn load(
    name: &'static str,
    params: ReportParams,
    listed: bool,
    ready: Option<ReportOut>,
) -> Loaded {
    LocalResource::new(move || {
        let ready = ready.clone();
        async move {
            if !listed {
                return Ok(None);
            }
            if let Some(report) = ready {
                return Ok(Some(report));
            }
            match api::report(name, &params).await {
                Ok(report) => Ok(Some(report)),
                Err(ApiError::Problem(p)) if p.status == 404 => Ok(None),
                Err(error) => Err(error),
            }
        }
    })
}

/// The card of `data`; `body` draws the report's figures and `scope` says what they cover.
pub fn report_card(
    id: &'static str,
    title: fn(&'static Dash) -> &'static str,
    params: ReportParams,
    data: Loaded,
    scope: impl Fn(AppState) -> String + Send + Sync + 'static,
    body: impl Fn(AppState, ReportOut) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let app = use_app();
    let state = move || match data.get() {
        None => "loading",
        Some(Ok(Some(_))) => "ready",
        Some(Ok(None)) => "unavailable",
        Some(Err(_)) => "error",
    };
    view! {
        <section id=id class="card dash-card" data-state=state aria-busy=move || (state() == "loading").then_some("true")>
            <div class="card-head">
                <h2>{move || title(app.lang.get().dashboard())}</h2>
            </div>
            {move || match data.get() {
                None => view! { <p class="muted">{app.t().loading}</p> }.into_any(),
                Some(Ok(None)) => view! {
                    <p class="muted unavailable">{app.lang.get().dashboard().unavailable}</p>
                }
                .into_any(),
                Some(Err(error)) => {
                    view! { <p class="form-error">{app.describe(&error)}</p> }.into_any()
                }
                Some(Ok(Some(report))) => view! {
                    <p class="dash-scope muted">{scope(app)}</p>
                    {body(app, report.clone())}
                    {downloads(app, params, report)}
                }
                .into_any(),
            }}
        </section>
    }
}

/// "Download CSV" and "Download Excel": the same query as the figures, fetched with the token.
fn downloads(app: AppState, params: ReportParams, report: ReportOut) -> impl IntoView {
    let header = StoredValue::new(report.header);
    let busy = RwSignal::new(false);
    let save = move |format: ReportFormat| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let header = header.get_value();
        spawn_local(async move {
            let result = api::download_report(&params, &header, format).await;
            busy.try_set(false);
            if let Err(error) = result {
                app.notify(app.describe(&error));
            }
        });
    };
    let title = move || {
        let d = app.lang.get().dashboard();
        let name = header.with_value(|h| match app.lang.get() {
            crate::i18n::Lang::Vi => h.title_vi.clone(),
            crate::i18n::Lang::En => h.title_en.clone(),
        });
        format!("{}: {name}", d.report_of)
    };
    view! {
        <div class="dash-downloads" role="group" aria-label=move || app.lang.get().dashboard().download_hint>
            <span class="dash-source muted">{title}</span>
            <button type="button" class="linklike download-csv" disabled=move || busy.get()
                on:click=move |_| save(ReportFormat::Csv)>
                {move || app.lang.get().dashboard().csv}
            </button>
            <button type="button" class="linklike download-xlsx" disabled=move || busy.get()
                on:click=move |_| save(ReportFormat::Xlsx)>
                {move || app.lang.get().dashboard().xlsx}
            </button>
        </div>
    }
}
