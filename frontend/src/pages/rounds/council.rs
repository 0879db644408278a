//! A round's council: who sits on it, and the form where a province officer names the chair,
//! the secretary and the members from the council members in their scope.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::UserId;
use ocop_evaluations::{CouncilIn, CouncilPosition, RoundOut};

use crate::api;
use crate::components::fields::{Field, FormErrors, FormMessage, SelectInput, local_error};
use crate::state::use_app;

#[component]
pub(super) fn CouncilCard(
    round: RwSignal<Option<RoundOut>>,
    #[prop(into)] editable: Signal<bool>,
) -> impl IntoView {
    let app = use_app();
    let editing = RwSignal::new(false);
    let rows = move || {
        let members = round.with(|r| r.as_ref().map(|r| r.council.clone()).unwrap_or_default());
        if members.is_empty() {
            return view! { <tr><td colspan="2" class="muted">{app.t().ev.no_council}</td></tr> }
                .into_any();
        }
        members
            .into_iter()
            .map(|m| {
                let position = m.position;
                view! {
                    <tr data-user=m.user_id.to_string() data-position=position.as_str()>
                        <td>{m.name}</td>
                        <td>{move || app.lang.get().position(position)}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="card council">
            <div class="card-head">
                <h2>{move || app.t().ev.council}</h2>
                <Show when=move || editable.get() && !editing.get()>
                    <button id="council-edit" type="button" on:click=move |_| editing.set(true)>
                        {move || app.t().ev.edit_council}
                    </button>
                </Show>
            </div>
            <table class="list" id="council">
                <thead>
                    <tr>
                        <th>{move || app.t().name}</th>
                        <th>{move || app.t().ev.position}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <Show when=move || editing.get()>
                <CouncilForm round editing />
            </Show>
        </section>
    }
}

#[component]
fn CouncilForm(round: RwSignal<Option<RoundOut>>, editing: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let errors = FormErrors::new();
    let busy = RwSignal::new(false);
    let current = round.get_untracked().map(|r| r.council).unwrap_or_default();
    let with_position = |p: CouncilPosition| {
        current
            .iter()
            .find(|m| m.position == p)
            .map(|m| m.user_id.to_string())
            .unwrap_or_default()
    };
    let chair = RwSignal::new(with_position(CouncilPosition::Chair));
    let secretary = RwSignal::new(with_position(CouncilPosition::Secretary));
    let members = RwSignal::new(
        current
            .iter()
            .filter(|m| m.position == CouncilPosition::Member)
            .map(|m| m.user_id)
            .collect::<BTreeSet<UserId>>(),
    );
    let candidates =
        LocalResource::new(|| async { api::council_candidates().await.map(|p| p.items) });
    let people = Signal::derive(move || {
        candidates
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|u| (u.id, u.full_name))
            .collect::<Vec<_>>()
    });
    let options = move || {
        Signal::derive(move || {
            let mut list = vec![(String::new(), app.t().choose.to_string())];
            list.extend(
                people
                    .get()
                    .into_iter()
                    .map(|(id, name)| (id.to_string(), name)),
            );
            list
        })
    };
    let chair_options = options();
    let secretary_options = options();

    let save = move |_| {
        let Some(before) = round.get_untracked() else {
            return;
        };
        errors.clear();
        let t = app.t_now();
        let Ok(chair_id) = chair.get_untracked().parse::<UserId>() else {
            return errors.local(vec![local_error("chair_id", t.required)], t);
        };
        let secretary_id = secretary.get_untracked().parse::<UserId>().ok();
        let member_ids = members
            .get_untracked()
            .into_iter()
            .filter(|m| *m != chair_id && Some(*m) != secretary_id)
            .collect();
        let input = CouncilIn {
            chair_id,
            secretary_id,
            member_ids,
        };
        busy.set(true);
        spawn_local(async move {
            let result = api::set_council(before.id, before.version, &input).await;
            busy.set(false);
            match result {
                Ok(updated) => {
                    round.set(Some(updated));
                    editing.set(false);
                    app.notify(t.saved);
                }
                Err(error) => errors.show(&error),
            }
        });
    };

    view! {
        <div class="council-form" id="council-form">
            <FormMessage errors />
            <fieldset class="grid">
                <Field name="chair_id" label=|t| t.ev.chair errors>
                    <SelectInput id="field-chair_id" value=chair options=chair_options />
                </Field>
                <Field name="secretary_id" label=|t| t.ev.secretary errors>
                    <SelectInput id="field-secretary_id" value=secretary options=secretary_options />
                </Field>
                <Field name="member_ids" label=|t| t.ev.members errors wide=true>
                    <div class="checks" id="field-member_ids">
                        {move || people.get().into_iter().map(|(id, name)| {
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        class="council-member-option"
                                        value=id.to_string()
                                        prop:checked=move || members.with(|m| m.contains(&id))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            members.update(|m| {
                                                if on { m.insert(id); } else { m.remove(&id); }
                                            });
                                        }
                                    />
                                    {name}
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </Field>
            </fieldset>
            <div class="actions">
                <button id="council-save" type="button" class="primary" disabled=move || busy.get() on:click=save>
                    {move || if busy.get() { app.t().saving } else { app.t().save }}
                </button>
                <button id="council-cancel" type="button" on:click=move |_| editing.set(false)>
                    {move || app.t().cancel}
                </button>
            </div>
        </div>
    }
}
