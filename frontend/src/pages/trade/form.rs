//! `#/points-of-sale/new`: a new point of sale. What cannot be read (a latitude that is not a
//! number, no kind chosen) is said beside the field before anything is sent; the server's own
//! field errors land beside their fields the same way.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::access::Action;
use ocop_core::{FieldError, UnitId};
use ocop_plans::{PointOfSaleIn, PointOfSaleKind};
use ocop_subjects::SubjectQuery;

use super::{TradeField, decimal, kind_options, today, tr};
use crate::api;
use crate::components::fields::{FormErrors, FormMessage, SelectInput, TextInput, local_error};
use crate::format;
use crate::i18n::trade::Trade;
use crate::route::Route;
use crate::state::{use_app, use_refs};

#[derive(Clone, Copy)]
struct Fields {
    kind: RwSignal<String>,
    name: RwSignal<String>,
    unit_id: RwSignal<String>,
    address: RwSignal<String>,
    latitude: RwSignal<String>,
    longitude: RwSignal<String>,
    operator_subject_id: RwSignal<String>,
    opened_on: RwSignal<String>,
}

impl Fields {
    fn new() -> Self {
        Self {
            kind: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            unit_id: RwSignal::new(String::new()),
            address: RwSignal::new(String::new()),
            latitude: RwSignal::new(String::new()),
            longitude: RwSignal::new(String::new()),
            operator_subject_id: RwSignal::new(String::new()),
            opened_on: RwSignal::new(today().to_string()),
        }
    }

    /// The input, or the fields that cannot be read, each with its message.
    fn read(&self, t: &Trade) -> Result<PointOfSaleIn, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = PointOfSaleKind::parse(&self.kind.get_untracked());
        if kind.is_none() {
            errors.push(local_error("kind", t.required));
        }
        let unit_id = self.unit_id.get_untracked().parse::<i32>().ok().map(UnitId);
        if unit_id.is_none() {
            errors.push(local_error("unit_id", t.required));
        }
        let mut number = |name: &str, signal: RwSignal<String>| {
            decimal(&signal.get_untracked()).unwrap_or_else(|()| {
                errors.push(local_error(name, t.not_a_number));
                None
            })
        };
        let latitude = number("latitude", self.latitude);
        let longitude = number("longitude", self.longitude);
        let opened_on = format::optional_date(&self.opened_on.get_untracked())
            .ok()
            .flatten();
        if opened_on.is_none() {
            errors.push(local_error("opened_on", t.not_a_day));
        }
        match (kind, unit_id, opened_on) {
            (Some(kind), Some(unit_id), Some(opened_on)) if errors.is_empty() => {
                Ok(PointOfSaleIn {
                    kind,
                    name: self.name.get_untracked().trim().to_string(),
                    unit_id,
                    address: self.address.get_untracked().trim().to_string(),
                    latitude,
                    longitude,
                    operator_subject_id: self.operator_subject_id.get_untracked().parse().ok(),
                    opened_on,
                    closed_on: None,
                })
            }
            _ => Err(errors),
        }
    }
}

#[component]
pub fn PointOfSaleNew() -> impl IntoView {
    let app = use_app();
    let refs = use_refs();
    let fields = Fields::new();
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    // A scope of a single commune leaves nothing to choose.
    Effect::new(move || {
        if let [(only, _)] = refs.commune_options().as_slice()
            && fields.unit_id.with_untracked(String::is_empty)
        {
            fields.unit_id.set(only.clone());
        }
    });
    let kinds = Signal::derive(move || {
        let lang = app.lang.get();
        kind_options(lang, lang.dict().choose)
    });
    let units = Signal::derive(move || {
        let mut options = vec![(String::new(), app.t().choose.to_string())];
        options.extend(refs.commune_options());
        options
    });
    // The subjects of the chosen commune, one of which may run the point.
    let subjects = LocalResource::new(move || {
        let unit_id = fields.unit_id.get().parse::<i32>().ok();
        async move {
            match unit_id {
                None => Ok(Vec::new()),
                Some(unit_id) => api::subjects(&SubjectQuery {
                    unit_id: Some(unit_id),
                    per_page: Some(100),
                    ..Default::default()
                })
                .await
                .map(|page| page.items),
            }
        }
    });
    let operators = Signal::derive(move || {
        let mut options = vec![(String::new(), tr(app).no_operator.to_string())];
        if let Some(Ok(list)) = subjects.get() {
            options.extend(list.into_iter().map(|s| (s.id.to_string(), s.name)));
        }
        options
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        let t = app.lang.get_untracked().trade();
        let input = match fields.read(t) {
            Ok(input) => input,
            Err(local) => return errors.local(local, app.t_now()),
        };
        busy.set(true);
        spawn_local(async move {
            let result = api::create_point_of_sale(&input).await;
            busy.set(false);
            match result {
                Ok(created) => {
                    app.notify(app.t_now().created);
                    app.go(Route::PointOfSale(created.id));
                }
                Err(error) => errors.show(&error),
            }
        });
    };

    view! {
        <section class="page trade">
            <div class="page-head">
                <h1>{move || tr(app).new_point}</h1>
                <a class="back" href=Route::PointsOfSale.href()>{move || tr(app).to_list}</a>
            </div>
            <form id="pos-form" class="card form" on:submit=submit novalidate>
                <FormMessage errors />
                <fieldset class="grid" disabled=move || !app.can(Action::PlansManage)>
                    <TradeField name="name" label=|t| t.name errors wide=true>
                        <TextInput id="field-name" value=fields.name />
                    </TradeField>
                    <TradeField name="kind" label=|t| t.kind errors>
                        <SelectInput id="field-kind" value=fields.kind options=kinds />
                    </TradeField>
                    <TradeField name="unit_id" label=|t| t.commune errors>
                        <SelectInput id="field-unit_id" value=fields.unit_id options=units />
                    </TradeField>
                    <TradeField name="address" label=|t| t.address errors wide=true>
                        <TextInput id="field-address" value=fields.address />
                    </TradeField>
                    <TradeField name="latitude" label=|t| t.latitude errors hint=|t| t.coordinates_hint>
                        <TextInput id="field-latitude" value=fields.latitude placeholder="12.6667" />
                    </TradeField>
                    <TradeField name="longitude" label=|t| t.longitude errors>
                        <TextInput id="field-longitude" value=fields.longitude placeholder="108.0500" />
                    </TradeField>
                    <TradeField name="operator_subject_id" label=|t| t.operator errors>
                        <SelectInput id="field-operator_subject_id" value=fields.operator_subject_id options=operators />
                    </TradeField>
                    <TradeField name="opened_on" label=|t| t.opened_on errors>
                        <TextInput id="field-opened_on" value=fields.opened_on kind="date" />
                    </TradeField>
                </fieldset>
                <div class="actions">
                    <Show when=move || app.can(Action::PlansManage)>
                        <button id="form-submit" type="submit" class="primary" disabled=move || busy.get()>
                            {move || if busy.get() { app.t().saving } else { app.t().save }}
                        </button>
                    </Show>
                    <a id="form-cancel" class="button" href=Route::PointsOfSale.href()>{move || app.t().cancel}</a>
                </div>
            </form>
        </section>
    }
}
