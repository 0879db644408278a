//! Creating and editing a product. An edit sends only what changed, with `If-Match`; images
//! are uploaded on their own (see `images`), since they need the product to exist.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::access::Action;
use ocop_core::{ProductId, Role};
use ocop_products::{ProductOut, ProductStatus};
use ocop_subjects::{SubjectQuery, SubjectSort};

use super::STATUSES;
use super::fields::{Fields, diff};
use super::images::ImageGallery;
use crate::api;
use crate::components::fields::{Field, FormErrors, FormMessage, SelectInput, TextArea, TextInput};
use crate::format::optional;
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
    // Cancel goes back where the form was opened from: the record, or the list.
    let back_href = id.map_or(Route::Products, Route::Product).href();
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
                        Ok((t.nothing_changed, Some(id)))
                    } else {
                        api::patch_product(id, before.version, &patch)
                            .await
                            .map(|_| (t.saved, Some(id)))
                    }
                }
                _ => api::create_product(&input)
                    .await
                    .map(|created| (t.created, Some(created.id))),
            };
            busy.set(false);
            match result {
                // To the record just made or changed, where its links are.
                Ok((message, record)) => {
                    app.notify(message);
                    app.go(record.map_or(Route::Products, Route::Product));
                }
                Err(error) => errors.show(&error),
            }
        });
    };

    view! {
        <section class="page">
            <div class="page-head">
                <h1>{move || if editing { app.t().edit_product } else { app.t().new_product }}</h1>
                <a class="back" href=back_href.clone()>
                    {move || if editing { app.lang.get().rec_to_record() } else { app.t().back }}
                </a>
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
                    <Field name="gtin" label=|t| t.gtin errors>
                        <TextInput id="field-gtin" value=fields.gtin numeric=true />
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
                    <a id="form-cancel" class="button" href=back_href>{move || app.t().cancel}</a>
                </div>
            </form>
            {id.map(|id| view! { <ImageGallery product_id=id images can_upload=can_save /> })}
        </section>
    }
}
