//! An activity's detail: who attended (name, officer or producer, subject, unit) with a form to
//! add one and a button to remove, and for fairs and trade promotion the products shown, added
//! by a product picker. Both count in the metrics, so a change re-reads the progress.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::{ProductId, SubjectId, UnitId};
use ocop_plans::{ActivityOut, Audience, ParticipantIn};
use ocop_products::ProductQuery;
use ocop_subjects::SubjectQuery;

use super::new::plan_unit_options;
use crate::api;
use crate::components::fields::{
    Field, FormErrors, FormMessage, SelectInput, TextInput, local_error,
};
use crate::format::optional;
use crate::i18n::plans::pl;
use crate::state::{use_app, use_refs};

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
fn Participants(
    id: ocop_plans::ActivityId,
    editable: Signal<bool>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let app = use_app();
    let refs = use_refs();
    let errors = FormErrors::new();
    let reload = RwSignal::new(0_u32);
    let list = LocalResource::new(move || {
        reload.track();
        api::participants(id)
    });
    let bump = move || {
        reload.update(|n| *n += 1);
        changed.update(|n| *n += 1);
    };
    let audience = RwSignal::new(Audience::Officer.as_str().to_string());
    let full_name = RwSignal::new(String::new());
    let unit_id = RwSignal::new(String::new());
    let subject_id = RwSignal::new(String::new());
    let position = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let subjects = LocalResource::new(|| async {
        api::subjects(&SubjectQuery {
            per_page: Some(100),
            ..Default::default()
        })
        .await
    });
    let producer = move || audience.with(|a| a == Audience::Producer.as_str());
    let audience_options = Signal::derive(move || {
        let lang = app.lang.get();
        Audience::ALL
            .iter()
            .map(|a| (a.as_str().to_string(), lang.audience(*a).to_string()))
            .collect::<Vec<_>>()
    });
    let provinces = plan_unit_options();
    // Officers may come from the province's offices as well as from communes.
    let unit_options = Signal::derive(move || {
        let mut options = vec![(String::new(), app.t().choose.to_string())];
        options.extend(provinces.get().unwrap_or_default());
        options.extend(refs.commune_options());
        options
    });
    let subject_options = Signal::derive(move || {
        let mut options = vec![(String::new(), app.t().choose.to_string())];
        if let Some(Ok(page)) = subjects.get() {
            options.extend(page.items.into_iter().map(|s| (s.id.to_string(), s.name)));
        }
        options
    });
    // A producer's commune is their subject's.
    Effect::watch(
        move || subject_id.get(),
        move |chosen, _, _| {
            if let Some(Ok(page)) = subjects.get_untracked()
                && let Some(s) = page.items.iter().find(|s| s.id.to_string() == *chosen)
            {
                unit_id.set(s.unit_id.0.to_string());
            }
        },
        false,
    );
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        let t = app.t_now();
        let mut local = Vec::new();
        let who = Audience::parse(&audience.get_untracked()).unwrap_or(Audience::Officer);
        let name = optional(&full_name.get_untracked());
        if name.is_none() {
            local.push(local_error("full_name", t.required));
        }
        let unit = unit_id.get_untracked().parse::<i32>().ok().map(UnitId);
        if unit.is_none() {
            local.push(local_error("unit_id", t.required));
        }
        let subject = subject_id.get_untracked().parse::<SubjectId>().ok();
        if who == Audience::Producer && subject.is_none() {
            local.push(local_error("subject_id", t.required));
        }
        let (Some(full_name_value), Some(unit_id_value)) = (name, unit) else {
            return errors.local(local, t);
        };
        if !local.is_empty() {
            return errors.local(local, t);
        }
        let input = ParticipantIn {
            full_name: full_name_value,
            audience: who,
            user_id: None,
            subject_id: (who == Audience::Producer).then_some(subject).flatten(),
            unit_id: unit_id_value,
            position: optional(&position.get_untracked()),
        };
        busy.set(true);
        spawn_local(async move {
            let result = api::add_participant(id, &input).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    full_name.set(String::new());
                    position.set(String::new());
                    bump();
                }
                Err(error) => errors.show(&error),
            }
        });
    };
    let remove = move |pid| {
        spawn_local(async move {
            match api::remove_participant(id, pid).await {
                Ok(()) => bump(),
                Err(error) => errors.show(&error),
            }
        });
    };
    let rows = move || {
        let lang = app.lang.get();
        list.get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|p| {
                let pid = p.id;
                view! {
                    <tr data-participant=p.id.to_string()>
                        <td>{p.full_name}{p.position.map(|x| format!(" — {x}"))}</td>
                        <td>{lang.audience(p.audience)}</td>
                        <td>{p.subject_name.unwrap_or_default()}</td>
                        <td>{p.unit_name}</td>
                        <td>
                            <Show when=move || editable.get()>
                                <button type="button" class="small danger participant-remove" on:click=move |_| remove(pid)>
                                    {move || pl(app.t()).remove}
                                </button>
                            </Show>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="participants">
            <h4>{move || pl(app.t()).participants}</h4>
            <div class="table-scroll">
                <table class="list compact participant-table">
                    <thead>
                        <tr>
                            <th>{move || pl(app.t()).full_name}</th>
                            <th>{move || pl(app.t()).audience}</th>
                            <th>{move || pl(app.t()).subject}</th>
                            <th>{move || pl(app.t()).unit}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Show when=move || editable.get()>
                <form class="form plan-subform participant-form" on:submit=submit novalidate>
                    <FormMessage errors />
                    <div class="grid">
                        <Field name="audience" label=|t| pl(t).audience errors>
                            <SelectInput id="field-audience" value=audience options=audience_options />
                        </Field>
                        <Field name="full_name" label=|t| pl(t).full_name errors>
                            <TextInput id="field-full_name" value=full_name />
                        </Field>
                        <Show when=producer>
                            <Field name="subject_id" label=|t| pl(t).subject errors>
                                <SelectInput id="field-subject_id" value=subject_id options=subject_options />
                            </Field>
                        </Show>
                        <Field name="unit_id" label=|t| pl(t).unit errors>
                            <SelectInput id="field-unit_id" value=unit_id options=unit_options />
                        </Field>
                        <Field name="position" label=|t| pl(t).position errors>
                            <TextInput id="field-position" value=position />
                        </Field>
                    </div>
                    <button type="submit" class="primary participant-add" disabled=move || busy.get()>
                        {move || pl(app.t()).add_participant}
                    </button>
                </form>
            </Show>
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
    let errors = FormErrors::new();
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
                        <SelectInput id="field-product_id" value=product options=product_options />
                    </Field>
                    <button type="submit" class="primary product-add">{move || pl(app.t()).add_product}</button>
                </form>
            </Show>
        </div>
    }
}
