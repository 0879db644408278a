//! The form that adds an e-commerce listing to a product or edits one: the platform (common
//! ones suggested), the product's https page, since and until. The server's field errors land
//! beside their fields; a stale version offers to reload.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::ProductId;
use ocop_plans::{ListingIn, ListingOut, ListingPatch};

use super::listings::Editing;
use super::{TradeField, today, tr};
use crate::api;
use crate::components::fields::{FormErrors, FormMessage, TextInput, local_error};
use crate::format::{self, changed, merge_patch};
use crate::state::use_app;

/// The platforms people name most, offered as the platform field's suggestions.
const PLATFORMS: [&str; 7] = [
    "Shopee",
    "Lazada",
    "Tiki",
    "TikTok Shop",
    "Postmart",
    "Voso",
    "Sendo",
];

/// Adds a listing (`before` is `None`) or edits one, sending only what changed with `If-Match`.
#[component]
pub(super) fn ListingForm(
    product_id: ProductId,
    before: Option<ListingOut>,
    editing: RwSignal<Editing>,
    reload: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let platform = RwSignal::new(
        before
            .as_ref()
            .map(|l| l.platform.clone())
            .unwrap_or_default(),
    );
    let url = RwSignal::new(
        before
            .as_ref()
            .map_or_else(|| "https://".to_string(), |l| l.url.clone()),
    );
    let since = RwSignal::new(before.as_ref().map_or(today(), |l| l.since).to_string());
    let until = RwSignal::new(
        before
            .as_ref()
            .and_then(|l| l.until)
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let is_new = before.is_none();
    let before = StoredValue::new(before);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        let t = app.lang.get_untracked().trade();
        let since_day = format::optional_date(&since.get_untracked()).ok().flatten();
        let until_day = format::optional_date(&until.get_untracked());
        let (Some(since_day), Ok(until_day)) = (since_day, until_day) else {
            let mut local = Vec::new();
            if since_day.is_none() {
                local.push(local_error("since", t.not_a_day));
            }
            if until_day.is_err() {
                local.push(local_error("until", t.not_a_day));
            }
            return errors.local(local, app.t_now());
        };
        let platform = platform.get_untracked().trim().to_string();
        let url = url.get_untracked().trim().to_string();
        busy.set(true);
        spawn_local(async move {
            let result = match before.get_value() {
                None => {
                    let input = ListingIn {
                        product_id,
                        platform,
                        url,
                        since: since_day,
                        until: until_day,
                    };
                    api::create_listing(&input).await.map(|_| ())
                }
                Some(l) => {
                    let patch = ListingPatch {
                        platform: changed(platform, &l.platform),
                        url: changed(url, &l.url),
                        since: changed(since_day, &l.since),
                        until: until_day.filter(|d| Some(*d) != l.until),
                    };
                    let patch = merge_patch(&patch, &[]);
                    if patch.as_object().is_some_and(|p| p.is_empty()) {
                        Ok(())
                    } else {
                        api::patch_listing(l.id, l.version, &patch)
                            .await
                            .map(|_| ())
                    }
                }
            };
            busy.set(false);
            match result {
                Ok(()) => {
                    app.notify(if is_new {
                        app.t_now().created
                    } else {
                        app.t_now().saved
                    });
                    editing.set(Editing::Closed);
                    reload.run(());
                }
                Err(error) => errors.show(&error),
            }
        });
    };
    let suggestions = PLATFORMS
        .iter()
        .map(|p| view! { <option value=*p></option> })
        .collect_view();
    view! {
        <form id="listing-form" class="form subform" on:submit=submit novalidate>
            <h3>{move || if is_new { tr(app).add_listing } else { tr(app).edit_listing }}</h3>
            <FormMessage errors on_reload=Callback::new(move |()| { editing.set(Editing::Closed); reload.run(()); }) />
            <datalist id="platforms">{suggestions}</datalist>
            <div class="grid">
                <TradeField name="platform" label=|t| t.platform errors>
                    <TextInput id="field-platform" value=platform list="platforms" />
                </TradeField>
                <TradeField name="url" label=|t| t.link errors hint=|t| t.url_hint wide=true>
                    <TextInput id="field-url" value=url kind="url" />
                </TradeField>
                <TradeField name="since" label=|t| t.since errors>
                    <TextInput id="field-since" value=since kind="date" />
                </TradeField>
                <TradeField name="until" label=|t| t.until errors>
                    <TextInput id="field-until" value=until kind="date" />
                </TradeField>
            </div>
            <div class="actions">
                <button id="listing-submit" type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { app.t().saving } else { app.t().save }}
                </button>
                <button id="listing-cancel" type="button" on:click=move |_| editing.set(Editing::Closed)>
                    {move || app.t().cancel}
                </button>
            </div>
        </form>
    }
}
