//! Opening a product's cycle for a year: the product, the year, where it enters (a new idea or
//! a product already made), the dossier type and the idea.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::ProductId;
use ocop_evaluations::{CycleIn, CycleState, DossierType};
use ocop_products::{ProductQuery, ProductSort};

use super::this_year;
use crate::api;
use crate::components::fields::{
    Field, FormErrors, FormMessage, SelectInput, TextArea, TextInput, local_error,
};
use crate::format::optional;
use crate::route::Route;
use crate::state::use_app;

const PRODUCT_CHOICES: u64 = 100;

#[component]
pub fn CycleNew() -> impl IntoView {
    let app = use_app();
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    // `#/cycles/new?product=<id>` (a product page's "start a dossier") comes with it chosen.
    let preselected =
        crate::route::query_param("product").and_then(|p| p.parse::<ProductId>().ok());
    let product_id = RwSignal::new(preselected.map(|p| p.to_string()).unwrap_or_default());
    // Fetched on its own, as it may not be among the first choices listed.
    let chosen = LocalResource::new(move || async move {
        match preselected {
            Some(id) => api::product(id).await.ok(),
            None => None,
        }
    });
    let year = RwSignal::new(this_year().to_string());
    let entry = RwSignal::new(CycleState::Implementation.as_str().to_string());
    let dossier_type = RwSignal::new(DossierType::FirstRating.as_str().to_string());
    let idea = RwSignal::new(String::new());

    let product_filter = RwSignal::new(String::new());
    let products = LocalResource::new(move || {
        let query = ProductQuery {
            q: optional(&product_filter.get()),
            sort: Some(ProductSort::NameAsc),
            per_page: Some(PRODUCT_CHOICES),
            ..Default::default()
        };
        async move { api::products(&query).await.map(|p| p.items) }
    });
    let product_options = Signal::derive(move || {
        let mut options = vec![(String::new(), app.t().choose.to_string())];
        let mut items = products.get().and_then(Result::ok).unwrap_or_default();
        if let Some(Some(p)) = chosen.get()
            && !items.iter().any(|i| i.id == p.id)
        {
            items.insert(0, p);
        }
        options.extend(
            items
                .into_iter()
                .map(|p| (p.id.to_string(), format!("{} — {}", p.name, p.subject_name))),
        );
        options
    });
    let entry_options = Signal::derive(move || {
        let lang = app.lang.get();
        CycleState::ENTRY
            .map(|s| (s.as_str().to_string(), lang.cycle_state(s).to_string()))
            .to_vec()
    });
    let type_options = Signal::derive(move || {
        let lang = app.lang.get();
        [
            DossierType::FirstRating,
            DossierType::Upgrade,
            DossierType::ReRating,
        ]
        .map(|d| (d.as_str().to_string(), lang.dossier_type(d).to_string()))
        .to_vec()
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        let t = app.t_now();
        let mut local = Vec::new();
        let product = product_id.with_untracked(|p| p.parse::<ProductId>().ok());
        if product.is_none() {
            local.push(local_error("product_id", t.required));
        }
        let year_value = year.with_untracked(|y| y.trim().parse::<i32>().ok());
        if year_value.is_none() {
            local.push(local_error("year", t.whole_number));
        }
        let (Some(product_id), Some(year)) = (product, year_value) else {
            return errors.local(local, t);
        };
        let input = CycleIn {
            product_id,
            year,
            entry: entry
                .with_untracked(|e| CycleState::parse(e))
                .unwrap_or(CycleState::Implementation),
            dossier_type: dossier_type
                .with_untracked(|d| DossierType::parse(d))
                .unwrap_or(DossierType::FirstRating),
            idea: idea.get_untracked().trim().to_string(),
        };
        busy.set(true);
        spawn_local(async move {
            let result = api::create_cycle(&input).await;
            busy.set(false);
            match result {
                Ok(cycle) => {
                    app.notify(t.created);
                    app.go(Route::Cycle(cycle.id));
                }
                Err(error) => errors.show(&error),
            }
        });
    };

    view! {
        <section class="page">
            <div class="page-head">
                <h1>{move || app.t().ev.new_cycle}</h1>
                <a class="back" href=Route::Cycles.href()>{move || app.t().back}</a>
            </div>
            <form class="card form" id="cycle-form" on:submit=submit novalidate>
                <FormMessage errors />
                <fieldset class="grid">
                    <Field name="product_id" label=|t| t.ev.product errors wide=true>
                        <div class="picker">
                            <input
                                id="product-filter"
                                type="search"
                                placeholder=move || app.t().ev.find_product
                                on:input=move |ev| product_filter.set(event_target_value(&ev))
                            />
                            <SelectInput id="field-product_id" value=product_id options=product_options />
                        </div>
                    </Field>
                    <Field name="year" label=|t| t.ev.year errors>
                        <TextInput id="field-year" value=year numeric=true />
                    </Field>
                    <Field name="entry" label=|t| t.ev.entry errors hint=|t| t.ev.entry_hint>
                        <SelectInput id="field-entry" value=entry options=entry_options />
                    </Field>
                    <Field name="dossier_type" label=|t| t.ev.dossier_type errors>
                        <SelectInput id="field-dossier_type" value=dossier_type options=type_options />
                    </Field>
                    <Field name="idea" label=|t| t.ev.idea errors wide=true>
                        <TextArea id="field-idea" value=idea />
                    </Field>
                </fieldset>
                <div class="actions">
                    <button id="form-submit" type="submit" class="primary" disabled=move || busy.get()>
                        {move || if busy.get() { app.t().saving } else { app.t().ev.open_cycle }}
                    </button>
                    <a id="form-cancel" class="button" href=Route::Cycles.href()>{move || app.t().cancel}</a>
                </div>
            </form>
        </section>
    }
}
