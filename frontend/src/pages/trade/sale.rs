//! The products on sale at a point: those on sale now, those sold before (with their days), and
//! for those who manage plans "put on sale" (a product and the first day) and "end sale" (the
//! last day). A sale is ended, never deleted, so past tallies stay as they were.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::ProductId;
use ocop_core::access::Action;
use ocop_plans::{EndIn, PointOfSaleId, ProductOnSaleIn, ProductOnSaleOut};
use ocop_products::ProductQuery;

use super::{TradeField, today, tr};
use crate::api;
use crate::components::fields::{FormErrors, FormMessage, SelectInput, TextInput, local_error};
use crate::format::{self, optional};
use crate::route::Route;
use crate::state::{AppState, use_app};

#[component]
pub fn ProductsOnSale(id: PointOfSaleId) -> impl IntoView {
    let app = use_app();
    let version = RwSignal::new(0_u32);
    let data = LocalResource::new(move || {
        version.track();
        api::products_on_sale(id)
    });
    let reload = Callback::new(move |()| version.update(|v| *v += 1));
    let manage = move || app.can(Action::PlansManage);
    view! {
        <section class="card" id="pos-products">
            <h2>{move || tr(app).on_sale_now}</h2>
            {move || match data.get() {
                None => view! { <p class="muted">{app.t().loading}</p> }.into_any(),
                Some(Err(error)) => view! { <p id="load-error" class="form-error">{app.describe(&error)}</p> }.into_any(),
                Some(Ok(all)) => lists(app, id, all, reload).into_any(),
            }}
            <Show when=manage>
                <PutOnSale id reload />
            </Show>
        </section>
    }
}

fn lists(
    app: AppState,
    id: PointOfSaleId,
    all: Vec<ProductOnSaleOut>,
    reload: Callback<()>,
) -> impl IntoView {
    let day = today();
    let (now, before): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|s| s.until.is_none_or(|until| until >= day));
    let now_view = if now.is_empty() {
        view! { <p class="muted" id="on-sale-now">{move || tr(app).none_on_sale}</p> }.into_any()
    } else {
        let rows = now
            .into_iter()
            .map(|s| sale_item(app, id, s, reload, true))
            .collect_view();
        view! { <ul class="links sales" id="on-sale-now">{rows}</ul> }.into_any()
    };
    let before_view = if before.is_empty() {
        view! { <p class="muted" id="on-sale-before">{move || tr(app).none_before}</p> }.into_any()
    } else {
        let rows = before
            .into_iter()
            .map(|s| sale_item(app, id, s, reload, false))
            .collect_view();
        view! { <ul class="links sales" id="on-sale-before">{rows}</ul> }.into_any()
    };
    view! {
        {now_view}
        <h3>{move || tr(app).on_sale_before}</h3>
        {before_view}
    }
}

fn sale_item(
    app: AppState,
    id: PointOfSaleId,
    s: ProductOnSaleOut,
    reload: Callback<()>,
    current: bool,
) -> impl IntoView {
    let days = match s.until {
        Some(until) => format!(" · {} – {}", format::day(&s.since), format::day(&until)),
        None => format!(" · {} –", format::day(&s.since)),
    };
    let product_id = s.product_id;
    view! {
        <li data-id=product_id.to_string()>
            <a href=Route::Product(product_id).href()>{s.product_name}</a>
            <span class="sub">{format!(" · {}", s.subject_name)}{days}</span>
            {(current && app.can(Action::PlansManage))
                .then(|| view! { <EndSale id product_id reload /> })}
        </li>
    }
}

/// The last day's input and the button that ends the sale.
#[component]
fn EndSale(id: PointOfSaleId, product_id: ProductId, reload: Callback<()>) -> impl IntoView {
    let app = use_app();
    let until = RwSignal::new(today().to_string());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let end = move |_| {
        let Some(until) = format::optional_date(&until.get_untracked()).ok().flatten() else {
            error.set(Some(tr(app).not_a_day.to_string()));
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let result = api::end_sale(id, product_id, &EndIn { until }).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    app.notify(app.t_now().saved);
                    reload.run(());
                }
                Err(e) => error.set(Some(app.describe(&e))),
            }
        });
    };
    view! {
        <span class="inline-form end-sale">
            <input
                type="date"
                class="end-until"
                aria-label=move || tr(app).until
                prop:value=move || until.get()
                on:input=move |ev| until.set(event_target_value(&ev))
                on:change=move |ev| until.set(event_target_value(&ev))
            />
            <button type="button" class="end-sale-button" disabled=move || busy.get() on:click=end>
                {move || tr(app).end_sale}
            </button>
            <span class="field-error">{move || error.get()}</span>
        </span>
    }
}

/// "Put on sale": a product found by name and the first day.
#[component]
fn PutOnSale(id: PointOfSaleId, reload: Callback<()>) -> impl IntoView {
    let app = use_app();
    let errors = FormErrors::new();
    let search = RwSignal::new(String::new());
    let product = RwSignal::new(String::new());
    let since = RwSignal::new(today().to_string());
    let busy = RwSignal::new(false);
    let found = LocalResource::new(move || {
        let query = ProductQuery {
            q: optional(&search.get()),
            per_page: Some(50),
            ..Default::default()
        };
        async move { api::products(&query).await }
    });
    let options = Signal::derive(move || {
        let mut options = vec![(String::new(), app.t().choose.to_string())];
        if let Some(Ok(page)) = found.get() {
            options.extend(
                page.items
                    .into_iter()
                    .map(|p| (p.id.to_string(), format!("{} — {}", p.name, p.subject_name))),
            );
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
        let product_id = product.get_untracked().parse::<ProductId>().ok();
        let day = format::optional_date(&since.get_untracked()).ok().flatten();
        let (Some(product_id), Some(since)) = (product_id, day) else {
            let mut local = Vec::new();
            if product_id.is_none() {
                local.push(local_error("product_id", t.required));
            }
            if day.is_none() {
                local.push(local_error("since", t.not_a_day));
            }
            return errors.local(local, app.t_now());
        };
        busy.set(true);
        spawn_local(async move {
            let result = api::put_on_sale(id, &ProductOnSaleIn { product_id, since }).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    app.notify(app.t_now().saved);
                    product.set(String::new());
                    reload.run(());
                }
                Err(error) => errors.show(&error),
            }
        });
    };
    view! {
        <form id="put-on-sale" class="form subform" on:submit=submit novalidate>
            <h3>{move || tr(app).put_on_sale}</h3>
            <FormMessage errors />
            <div class="grid">
                <TradeField name="product_id" label=|t| t.product errors wide=true>
                    <input
                        id="product-search"
                        type="search"
                        class="search"
                        aria-label=move || tr(app).find_product
                        placeholder=move || tr(app).find_product
                        prop:value=move || search.get()
                        on:change=move |ev| search.set(event_target_value(&ev))
                    />
                    <SelectInput id="field-product_id" value=product options />
                </TradeField>
                <TradeField name="since" label=|t| t.since errors>
                    <TextInput id="field-since" value=since kind="date" />
                </TradeField>
            </div>
            <div class="actions">
                <button id="put-on-sale-submit" type="submit" class="primary" disabled=move || busy.get()>
                    {move || tr(app).put}
                </button>
            </div>
        </form>
    }
}
