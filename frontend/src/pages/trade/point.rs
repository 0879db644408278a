//! `#/points-of-sale/<id>`: one point of sale, its facts and, for those who manage plans, an
//! edit form that sends only what changed with `If-Match` (a stale version says so and offers
//! to reload). The products on sale there are in `sale`.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::FieldError;
use ocop_core::access::Action;
use ocop_plans::{PointOfSaleId, PointOfSaleKind, PointOfSaleOut, PointOfSalePatch};

use super::sale::ProductsOnSale;
use super::{TradeField, decimal, kind_badge, kind_options, open_badge, tr};
use crate::api;
use crate::components::fields::{FormErrors, FormMessage, SelectInput, TextInput, local_error};
use crate::format::{self, changed, merge_patch};
use crate::i18n::trade::Trade;
use crate::route::Route;
use crate::state::{AppState, use_app};

#[component]
pub fn PointOfSaleView(id: PointOfSaleId) -> impl IntoView {
    let app = use_app();
    let point = RwSignal::new(None::<PointOfSaleOut>);
    let failed = RwSignal::new(None::<String>);
    let editing = RwSignal::new(false);
    let load = move || {
        spawn_local(async move {
            match api::point_of_sale(id).await {
                Ok(p) => {
                    failed.set(None);
                    point.set(Some(p));
                }
                Err(error) => failed.set(Some(app.describe(&error))),
            }
        });
    };
    load();
    let title = move || point.with(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    view! {
        <section class="page record trade">
            <a class="back" href=Route::PointsOfSale.href()>{move || tr(app).to_list}</a>
            <div class="page-head">
                <h1 id="record-title">{title}</h1>
                <div class="actions">
                    <Show when=move || app.can(Action::PlansManage) && point.with(Option::is_some) && !editing.get()>
                        <button id="edit-button" type="button" on:click=move |_| editing.set(true)>
                            {move || tr(app).edit}
                        </button>
                    </Show>
                </div>
            </div>
            {move || failed.get().map(|message| view! { <p id="load-error" class="form-error">{message}</p> })}
            {move || match (point.get(), editing.get()) {
                (None, _) => failed.with(Option::is_none).then(|| view! { <p class="muted">{app.t().loading}</p> }).into_any(),
                (Some(p), false) => facts(app, p).into_any(),
                (Some(p), true) => view! { <PointEdit before=p point editing reload=Callback::new(move |()| load()) /> }.into_any(),
            }}
            <ProductsOnSale id />
        </section>
    }
}

fn facts(app: AppState, p: PointOfSaleOut) -> impl IntoView {
    let fact =
        move |id: &'static str, label: fn(&'static Trade) -> &'static str, value: AnyView| {
            view! {
                <div class="fact">
                    <dt>{move || label(tr(app))}</dt>
                    <dd id=format!("fact-{id}")>{value}</dd>
                </div>
            }
        };
    let coordinates = match (p.latitude, p.longitude) {
        (Some(lat), Some(lon)) => format!("{lat:.5}, {lon:.5}"),
        _ => "—".to_string(),
    };
    let operator = match p.operator_subject_id {
        Some(subject) => {
            // The point carries the subject's id only; its name is one small read away.
            let found = LocalResource::new(move || api::subject(subject));
            let name = move || match found.get() {
                Some(Ok(s)) => s.name,
                Some(Err(_)) => subject.to_string(),
                None => "…".to_string(),
            };
            view! { <a id="operator-link" href=Route::Subject(subject).href()>{name}</a> }
                .into_any()
        }
        None => "—".into_any(),
    };
    view! {
        <dl class="card record-facts" id="pos-facts">
            {fact("kind", |t| t.kind, kind_badge(app, p.kind).into_any())}
            {fact("commune", |t| t.commune, p.unit_name.into_any())}
            {fact("address", |t| t.address, p.address.into_any())}
            {fact("coordinates", |t| t.coordinates, coordinates.into_any())}
            {fact("operator", |t| t.operator, operator)}
            {fact("opened_on", |t| t.opened_on, format::day(&p.opened_on).into_any())}
            {fact("state", |t| t.open_state, open_badge(app, p.closed_on).into_any())}
            {fact("products", |t| t.products_count, p.product_count.to_string().into_any())}
        </dl>
    }
}

/// The edit form over the point as last read.
#[component]
fn PointEdit(
    before: PointOfSaleOut,
    point: RwSignal<Option<PointOfSaleOut>>,
    editing: RwSignal<bool>,
    reload: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let text = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let kind = RwSignal::new(before.kind.as_str().to_string());
    let name = RwSignal::new(before.name.clone());
    let address = RwSignal::new(before.address.clone());
    let latitude = RwSignal::new(text(before.latitude));
    let longitude = RwSignal::new(text(before.longitude));
    let opened_on = RwSignal::new(before.opened_on.to_string());
    let closed_on = RwSignal::new(before.closed_on.map(|d| d.to_string()).unwrap_or_default());
    let kinds = Signal::derive(move || kind_options(app.lang.get(), ""));
    let before = StoredValue::new(before);

    let read = move |t: &Trade| -> Result<PointOfSalePatch, Vec<FieldError>> {
        let before = before.get_value();
        let mut errs = Vec::new();
        let mut number = |field: &str, value: RwSignal<String>| {
            decimal(&value.get_untracked()).unwrap_or_else(|()| {
                errs.push(local_error(field, t.not_a_number));
                None
            })
        };
        let lat = number("latitude", latitude);
        let lon = number("longitude", longitude);
        let opened = format::optional_date(&opened_on.get_untracked())
            .ok()
            .flatten();
        if opened.is_none() {
            errs.push(local_error("opened_on", t.not_a_day));
        }
        let closed = format::optional_date(&closed_on.get_untracked()).unwrap_or_else(|()| {
            errs.push(local_error("closed_on", t.not_a_day));
            None
        });
        if !errs.is_empty() {
            return Err(errs);
        }
        Ok(PointOfSalePatch {
            kind: PointOfSaleKind::parse(&kind.get_untracked())
                .and_then(|k| changed(k, &before.kind)),
            name: changed(name.get_untracked().trim().to_string(), &before.name),
            address: changed(address.get_untracked().trim().to_string(), &before.address),
            latitude: lat.filter(|v| Some(*v) != before.latitude),
            longitude: lon.filter(|v| Some(*v) != before.longitude),
            opened_on: opened.and_then(|d| changed(d, &before.opened_on)),
            closed_on: closed.filter(|d| Some(*d) != before.closed_on),
        })
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        let patch = match read(app.lang.get_untracked().trade()) {
            Ok(patch) => merge_patch(&patch, &[]),
            Err(local) => return errors.local(local, app.t_now()),
        };
        let (id, version) = before.with_value(|b| (b.id, b.version));
        if patch.as_object().is_some_and(|p| p.is_empty()) {
            app.notify(app.t_now().nothing_changed);
            editing.set(false);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = api::patch_point_of_sale(id, version, &patch).await;
            busy.set(false);
            match result {
                Ok(saved) => {
                    app.notify(app.t_now().saved);
                    // Closed first, so the form is not drawn again over the saved point.
                    editing.set(false);
                    point.set(Some(saved));
                }
                Err(error) => errors.show(&error),
            }
        });
    };
    let on_reload = Callback::new(move |()| {
        editing.set(false);
        reload.run(());
    });

    view! {
        <form id="pos-edit" class="card form" on:submit=submit novalidate>
            <FormMessage errors on_reload />
            <fieldset class="grid">
                <TradeField name="name" label=|t| t.name errors wide=true>
                    <TextInput id="field-name" value=name />
                </TradeField>
                <TradeField name="kind" label=|t| t.kind errors>
                    <SelectInput id="field-kind" value=kind options=kinds />
                </TradeField>
                <TradeField name="address" label=|t| t.address errors wide=true>
                    <TextInput id="field-address" value=address />
                </TradeField>
                <TradeField name="latitude" label=|t| t.latitude errors hint=|t| t.coordinates_hint>
                    <TextInput id="field-latitude" value=latitude />
                </TradeField>
                <TradeField name="longitude" label=|t| t.longitude errors>
                    <TextInput id="field-longitude" value=longitude />
                </TradeField>
                <TradeField name="opened_on" label=|t| t.opened_on errors>
                    <TextInput id="field-opened_on" value=opened_on kind="date" />
                </TradeField>
                <TradeField name="closed_on" label=|t| t.closed_on errors>
                    <TextInput id="field-closed_on" value=closed_on kind="date" />
                </TradeField>
            </fieldset>
            <div class="actions">
                <button id="form-submit" type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { app.t().saving } else { app.t().save }}
                </button>
                <button id="form-cancel" type="button" on:click=move |_| editing.set(false)>
                    {move || app.t().cancel}
                </button>
            </div>
        </form>
    }
}
