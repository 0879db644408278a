//! An activity's detail: who attended (name, officer or producer, subject, unit) with a form to
//! add one and a button to remove, and for fairs and trade promotion the products shown, added
//! by a product picker (the participants are in `participants.rs`). Both count in the metrics, so a change re-reads the progress.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::ProductId;
use ocop_plans::ActivityOut;
use ocop_products::ProductQuery;

use super::participants::Participants;
use crate::api;
use crate::components::fields::{Field, FormErrors, FormMessage, SelectInput, local_error};
use crate::i18n::plans::pl;
use crate::state::use_app;

#[component]
pub fn ActivityDetail(
    activity: ActivityOut,
    editable: Signal<bool>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let id = activity.id;
    let people = activity.kind.has_participants() || activity.participant_count > 0;
    let goods = activity.kind.has_products() || activity.product_count > 0;
    view! {
        <div class="activity-detail">
            {people.then(|| view! { <Participants id editable changed /> })}
            {goods.then(|| view! { <Products id editable changed /> })}
        </div>
    }
}

#[component]
fn Products(
    id: ocop_plans::ActivityId,
    editable: Signal<bool>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let app = use_app();
    let errors = FormErrors::scoped(id.to_string());
    let reload = RwSignal::new(0_u32);
    let list = LocalResource::new(move || {
        reload.track();
        api::activity_products(id)
    });
    let bump = move || {
        reload.update(|n| *n += 1);
        changed.update(|n| *n += 1);
    };
    let product = RwSignal::new(String::new());
    let products = LocalResource::new(|| async {
        api::products(&ProductQuery {
            per_page: Some(100),
            ..Default::default()
        })
        .await
    });
    let product_options = Signal::derive(move || {
        let mut options = vec![(String::new(), app.t().choose.to_string())];
        if let Some(Ok(page)) = products.get() {
            options.extend(
                page.items
                    .into_iter()
                    .map(|p| (p.id.to_string(), format!("{} — {}", p.name, p.subject_name))),
            );
        }
        options
    });
    let add = move |ev: SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let t = app.t_now();
        let Ok(product_id) = product.get_untracked().parse::<ProductId>() else {
            return errors.local(vec![local_error("product_id", t.required)], t);
        };
        spawn_local(async move {
            match api::add_activity_product(id, product_id).await {
                Ok(_) => {
                    product.set(String::new());
                    bump();
                }
                Err(error) => errors.show(&error),
            }
        });
    };
    let remove = move |pid: ProductId| {
        spawn_local(async move {
            match api::remove_activity_product(id, pid).await {
                Ok(()) => bump(),
                Err(error) => errors.show(&error),
            }
        });
    };
    let rows = move || {
        list.get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|p| {
                let pid = p.product_id;
                view! {
                    <li data-product=p.product_id.to_string()>
                        <span class="grow">{p.product_name}<span class="sub">{format!(" · {}", p.subject_name)}</span></span>
                        <Show when=move || editable.get()>
                            <button type="button" class="small danger product-remove" on:click=move |_| remove(pid)>
                                {move || pl(app.t()).remove}
                            </button>
                        </Show>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="activity-products">
            <h4>{move || pl(app.t()).products}</h4>
            <ul class="target-list">{rows}</ul>
            <Show when=move || editable.get()>
                <form class="form plan-subform" on:submit=add novalidate>
                    <FormMessage errors />
                    <Field name="product_id" label=|t| pl(t).product errors>
                        <SelectInput id=errors.input_id("product_id") value=product options=product_options />
                    </Field>
                    <button type="submit" class="primary product-add">{move || pl(app.t()).add_product}</button>
                </form>
            </Show>
        </div>
    }
}
