//! Creating and editing a product. An edit sends only what changed, with `If-Match`; images
//! are uploaded on their own (see `images`), since they need the product to exist.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::access::Action;
use ocop_core::{FieldError, ProductId, Role, SubjectId, UnitId};
use ocop_products::{ProductIn, ProductOut, ProductPatch, ProductStatus};
use ocop_subjects::{SubjectQuery, SubjectSort};
use serde_json::Value;

use super::STATUSES;
use super::images::ImageGallery;
use crate::api;
use crate::components::fields::{
    Field, FormErrors, FormMessage, SelectInput, TextArea, TextInput, local_error,
};
use crate::format::{changed, changed_option, merge_patch, optional, whole_number};
use crate::i18n::Dict;
use crate::route::Route;
use crate::state::{use_app, use_refs};

/// How many subjects the picker lists; typing in its filter narrows them.
const SUBJECT_CHOICES: u64 = 100;
const CAPACITY_UNITS: [&str; 6] = [
    "kg/năm",
    "tấn/năm",
    "lít/năm",
    "hộp/năm",
    "sản phẩm/năm",
    "lượt khách/năm",
];

#[derive(Clone, Copy)]
struct Fields {
    subject_id: RwSignal<String>,
    name: RwSignal<String>,
    product_set: RwSignal<String>,
    origin_unit_id: RwSignal<String>,
    description: RwSignal<String>,
    ingredients: RwSignal<String>,
    packaging: RwSignal<String>,
    price_min: RwSignal<String>,
    price_max: RwSignal<String>,
    capacity_value: RwSignal<String>,
    capacity_unit: RwSignal<String>,
    status: RwSignal<String>,
}

impl Fields {
    fn new() -> Self {
        let text = || RwSignal::new(String::new());
        Self {
            subject_id: text(),
            name: text(),
            product_set: text(),
            origin_unit_id: text(),
            description: text(),
            ingredients: text(),
            packaging: text(),
            price_min: text(),
            price_max: text(),
            capacity_value: text(),
            capacity_unit: text(),
            status: text(),
        }
    }

    fn fill(&self, p: &ProductOut) {
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        self.subject_id.set(p.subject_id.to_string());
        self.name.set(p.name.clone());
        self.product_set.set(p.product_set.code.clone());
        self.origin_unit_id.set(p.origin_unit_id.0.to_string());
        self.description.set(p.description.clone());
        self.ingredients.set(p.ingredients.clone());
        self.packaging.set(p.packaging.clone());
        self.price_min.set(number(p.price_min.map(|d| d.0)));
        self.price_max.set(number(p.price_max.map(|d| d.0)));
        self.capacity_value.set(number(p.capacity_value));
        self.capacity_unit
            .set(p.capacity_unit.clone().unwrap_or_default());
        self.status.set(p.status.as_str().to_string());
    }

    /// The form as a new product, or what cannot be read. `pick_subject` is false for producers,
    /// whose own subject the server fills in.
    fn read(&self, t: &Dict, pick_subject: bool) -> Result<ProductIn, Vec<FieldError>> {
        let mut errors = Vec::new();
        let subject_id = self
            .subject_id
            .with_untracked(|s| s.parse::<SubjectId>().ok());
        if pick_subject && subject_id.is_none() {
            errors.push(local_error("subject_id", t.required));
        }
        let product_set = self.product_set.get_untracked();
        if product_set.is_empty() {
            errors.push(local_error("product_set", t.required));
        }
        let mut number = |field: &'static str, signal: RwSignal<String>| {
            whole_number(&signal.get_untracked()).unwrap_or_else(|()| {
                errors.push(local_error(field, t.whole_number));
                None
            })
        };
        let price_min = number("price_min", self.price_min);
        let price_max = number("price_max", self.price_max);
        let capacity_value = number("capacity_value", self.capacity_value);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ProductIn {
            subject_id: subject_id.filter(|_| pick_subject),
            name: self.name.get_untracked().trim().to_string(),
            product_set,
            origin_unit_id: self
                .origin_unit_id
                .with_untracked(|u| u.parse().ok().map(UnitId)),
            description: self.description.get_untracked().trim().to_string(),
            ingredients: self.ingredients.get_untracked().trim().to_string(),
            packaging: self.packaging.get_untracked().trim().to_string(),
            price_min,
            price_max,
            capacity_value,
            capacity_unit: optional(&self.capacity_unit.get_untracked()),
        })
    }
}

/// Only the changed fields, as a merge patch. The subject of a product is fixed once created.
fn diff(input: ProductIn, status: Option<ProductStatus>, before: &ProductOut) -> Value {
    let mut cleared = Vec::new();
    let patch = ProductPatch {
        name: changed(input.name, &before.name),
        product_set: changed(input.product_set, &before.product_set.code),
        // The origin cannot be cleared, only moved.
        origin_unit_id: input
            .origin_unit_id
            .and_then(|u| changed(u, &before.origin_unit_id)),
        description: changed(input.description, &before.description),
        ingredients: changed(input.ingredients, &before.ingredients),
        packaging: changed(input.packaging, &before.packaging),
        price_min: changed_option(
            input.price_min,
            before.price_min.map(|d| d.0),
            "price_min",
            &mut cleared,
        ),
        price_max: changed_option(
            input.price_max,
            before.price_max.map(|d| d.0),
            "price_max",
            &mut cleared,
        ),
        capacity_value: changed_option(
            input.capacity_value,
            before.capacity_value,
            "capacity_value",
            &mut cleared,
        ),
        capacity_unit: changed_option(
            input.capacity_unit,
            before.capacity_unit.clone(),
            "capacity_unit",
            &mut cleared,
        ),
        status: status.and_then(|s| changed(s, &before.status)),
    };
    merge_patch(&patch, &cleared)
}

#[component]
pub fn ProductForm(id: Option<ProductId>) -> impl IntoView {
    let app = use_app();
    let refs = use_refs();
    let fields = Fields::new();
    let errors = FormErrors::new();
    let loaded = RwSignal::new(None::<ProductOut>);
    let images = RwSignal::new(Vec::new());
    let busy = RwSignal::new(false);
    let editing = id.is_some();
    let is_producer = app
        .user
        .with_untracked(|u| u.as_ref().is_some_and(|u| u.role == Role::Producer));
    let pick_subject = !editing && !is_producer;

    let load = move || {
        if let Some(id) = id {
            spawn_local(async move {
                match api::product(id).await {
                    Ok(product) => {
                        fields.fill(&product);
                        errors.clear();
                        images.set(product.images.clone());
                        loaded.set(Some(product));
                    }
                    Err(error) => errors.show(&error),
                }
            });
        }
    };
    load();

    let subject_filter = RwSignal::new(String::new());
    let subject_choices = LocalResource::new(move || {
        let query = SubjectQuery {
            q: optional(&subject_filter.get()),
            sort: Some(SubjectSort::NameAsc),
            per_page: Some(SUBJECT_CHOICES),
            ..Default::default()
        };
        async move {
            if pick_subject {
                api::subjects(&query).await.map(|p| p.items)
            } else {
                Ok(Vec::new())
            }
        }
    });
    let subject_options = Signal::derive(move || {
        if let Some(p) = loaded.get() {
            return vec![(p.subject_id.to_string(), p.subject_name)];
        }
        let mut options = vec![(String::new(), app.t().choose.to_string())];
        let choices = subject_choices
            .get()
            .and_then(Result::ok)
            .unwrap_or_default();
        options.extend(choices.into_iter().map(|s| (s.id.to_string(), s.name)));
        options
    });
    let set_options = Signal::derive(move || {
        let mut options = vec![(String::new(), app.t().choose.to_string())];
        options.extend(refs.product_set_options());
        // A product classified under an older instrument keeps its set until moved.
        if let Some(p) = loaded.get()
            && !options.iter().any(|(code, _)| *code == p.product_set.code)
        {
            options.push((
                p.product_set.code.clone(),
                format!("{} — {}", p.product_set.code, p.product_set.name),
            ));
        }
        options
    });
    let unit_options = Signal::derive(move || {
        let mut options = vec![(String::new(), app.t().origin_default.to_string())];
        options.extend(refs.commune_options());
        if let Some(p) = loaded.get()
            && !options
                .iter()
                .any(|(id, _)| *id == p.origin_unit_id.0.to_string())
        {
            options.push((p.origin_unit_id.0.to_string(), p.origin_unit_name));
        }
        options
    });
    let status_options = Signal::derive(move || {
        let lang = app.lang.get();
        STATUSES
            .map(|s| (s.as_str().to_string(), lang.product_status(s).to_string()))
            .to_vec()
    });
    let can_save = Signal::derive(move || {
        app.can(if editing {
            Action::ProductsUpdate
        } else {
            Action::ProductsCreate
        }) && (!editing || loaded.with(Option::is_some))
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || !can_save.get_untracked() {
            return;
        }
        errors.clear();
        let t = app.t_now();
        let input = match fields.read(t, pick_subject) {
            Ok(input) => input,
            Err(local) => return errors.local(local, t),
        };
        let status = fields.status.with_untracked(|s| ProductStatus::parse(s));
        let before = loaded.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let result = match (id, before) {
                (Some(id), Some(before)) => {
                    let patch = diff(input, status, &before);
                    if patch.as_object().is_some_and(|p| p.is_empty()) {
                        Ok(t.nothing_changed)
                    } else {
                        api::patch_product(id, before.version, &patch)
                            .await
                            .map(|_| t.saved)
                    }
                }
                _ => api::create_product(&input).await.map(|_| t.created),
            };
            busy.set(false);
            match result {
                Ok(message) => {
                    app.notify(message);
                    app.go(Route::Products);
                }
                Err(error) => errors.show(&error),
            }
        });
    };

    view! {
        <section class="page">
            <div class="page-head">
                <h1>{move || if editing { app.t().edit_product } else { app.t().new_product }}</h1>
                <a class="back" href=Route::Products.href()>{move || app.t().back}</a>
            </div>
            <form class="card form" on:submit=submit novalidate>
                <FormMessage errors on_reload=Callback::new(move |()| load()) />
                <Show when=move || editing && !app.can(Action::ProductsUpdate)>
                    <p class="muted">{move || app.t().read_only}</p>
                </Show>
                <fieldset class="grid" disabled=move || !can_save.get()>
                    <Show when=move || !is_producer || editing>
                        <Field name="subject_id" label=|t| t.subject errors wide=true>
                            <div class="picker">
                                <Show when=move || pick_subject>
                                    <input
                                        id="subject-filter"
                                        type="search"
                                        placeholder=move || app.t().find_subject
                                        on:input=move |ev| subject_filter.set(event_target_value(&ev))
                                    />
                                </Show>
                                <SelectInput
                                    id="field-subject_id"
                                    value=fields.subject_id
                                    options=subject_options
                                    disabled=editing
                                />
                            </div>
                        </Field>
                    </Show>
                    <Field name="name" label=|t| t.product_name errors wide=true>
                        <TextInput id="field-name" value=fields.name />
                    </Field>
                    <Field name="product_set" label=|t| t.product_set errors>
                        <SelectInput id="field-product_set" value=fields.product_set options=set_options />
                    </Field>
                    <Field name="origin_unit_id" label=|t| t.origin_unit errors>
                        <SelectInput id="field-origin_unit_id" value=fields.origin_unit_id options=unit_options />
                    </Field>
                    <Field name="price_min" label=|t| t.price_min errors hint=|t| t.in_dong>
                        <TextInput id="field-price_min" value=fields.price_min numeric=true />
                    </Field>
                    <Field name="price_max" label=|t| t.price_max errors hint=|t| t.in_dong>
                        <TextInput id="field-price_max" value=fields.price_max numeric=true />
                    </Field>
                    <Field name="capacity_value" label=|t| t.capacity_value errors>
                        <TextInput id="field-capacity_value" value=fields.capacity_value numeric=true />
                    </Field>
                    <Field name="capacity_unit" label=|t| t.capacity_unit errors>
                        <TextInput id="field-capacity_unit" value=fields.capacity_unit list="capacity-units" />
                        <datalist id="capacity-units">
                            {CAPACITY_UNITS.map(|u| view! { <option value=u></option> }).to_vec()}
                        </datalist>
                    </Field>
                    <Field name="packaging" label=|t| t.packaging errors wide=true>
                        <TextInput id="field-packaging" value=fields.packaging />
                    </Field>
                    <Field name="description" label=|t| t.description errors wide=true>
                        <TextArea id="field-description" value=fields.description />
                    </Field>
                    <Field name="ingredients" label=|t| t.ingredients errors wide=true>
                        <TextArea id="field-ingredients" value=fields.ingredients />
                    </Field>
                    <Show when=move || editing>
                        <Field name="status" label=|t| t.status errors>
                            <SelectInput id="field-status" value=fields.status options=status_options />
                        </Field>
                    </Show>
                </fieldset>
                <div class="actions">
                    <Show when=move || can_save.get()>
                        <button id="form-submit" type="submit" class="primary" disabled=move || busy.get()>
                            {move || if busy.get() { app.t().saving } else { app.t().save }}
                        </button>
                    </Show>
                    <a id="form-cancel" class="button" href=Route::Products.href()>{move || app.t().cancel}</a>
                </div>
            </form>
            {id.map(|id| view! { <ImageGallery product_id=id images can_upload=can_save /> })}
        </section>
    }
}
