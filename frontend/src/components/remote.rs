//! What every screen does with data it fetched: a loading line, the error, or the data.

use leptos::prelude::*;

use crate::api::ApiResult;
use crate::state::use_app;

/// Renders `ok` with the loaded value; `#load-error` when the call failed.
pub fn remote<T, V>(
    data: LocalResource<ApiResult<T>>,
    ok: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let app = use_app();
    move || match data.get() {
        None => view! { <p class="muted">{app.t().loading}</p> }.into_any(),
        Some(Err(error)) => {
            view! { <p id="load-error" class="form-error">{app.describe(&error)}</p> }.into_any()
        }
        Some(Ok(value)) => ok(value).into_any(),
    }
}

/// Stars as people draw them: `★★★☆☆`.
pub fn stars_text(stars: impl Into<u8>) -> String {
    let stars = usize::from(stars.into().min(5));
    format!("{}{}", "★".repeat(stars), "☆".repeat(5 - stars))
}
