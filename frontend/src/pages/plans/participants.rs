//! An activity's participants: the list with a remove button, and the form that adds one. An
//! officer is best picked from the accounts the caller may see ("officers trained" counts
//! accounts); a name typed without an account (a visitor from another body) is still kept, but
//! does not count in the officer share. Field ids carry the activity id, so several open
//! activities do not clash.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_core::users::{UserOut, UserStatus};
use ocop_core::{Role, SubjectId, UnitId, UserId};
use ocop_plans::{ActivityId, Audience, ParticipantIn};
use ocop_subjects::SubjectQuery;

use super::new::plan_unit_options;
use crate::api::{self, UserListQuery};
use crate::components::fields::{
    Field, FormErrors, FormMessage, SelectInput, TextInput, local_error,
};
use crate::format::optional;
use crate::i18n::plans::pl;
use crate::state::{use_app, use_refs};

/// The roles whose accounts count as officers trained.
const OFFICER_ROLES: [Role; 2] = [Role::ProvinceOfficer, Role::CommuneOfficer];

/// The active officer accounts the caller may see; a caller without the right sees none.
async fn officer_accounts() -> Vec<UserOut> {
    let mut all = Vec::new();
    for role in OFFICER_ROLES {
        let query = UserListQuery {
            role: Some(role),
            status: Some(UserStatus::Active),
            per_page: Some(100),
            ..Default::default()
        };
        if let Ok(page) = api::users(&query).await {
            all.extend(page.items);
        }
    }
    all.sort_by(|a, b| a.full_name.cmp(&b.full_name));
    all
}

#[component]
pub fn Participants(
    id: ActivityId,
    editable: Signal<bool>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let app = use_app();
    let refs = use_refs();
    let errors = FormErrors::scoped(id.to_string());
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
    let account = RwSignal::new(String::new());
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
    let accounts = LocalResource::new(officer_accounts);
    let producer = move || audience.with(|a| a == Audience::Producer.as_str());
    let officer = move || audience.with(|a| a == Audience::Officer.as_str());
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
    let account_options = Signal::derive(move || {
        let mut options = vec![(String::new(), pl(app.t()).no_account.to_string())];
        if let Some(users) = accounts.get() {
            options.extend(
                users
                    .into_iter()
                    .map(|u| (u.id.to_string(), format!("{} — {}", u.full_name, u.email))),
            );
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
    // An officer's account gives the name and the unit.
    Effect::watch(
        move || account.get(),
        move |chosen, _, _| {
            if let Some(users) = accounts.get_untracked()
                && let Some(u) = users.iter().find(|u| u.id.to_string() == *chosen)
            {
                full_name.set(u.full_name.clone());
                unit_id.set(u.unit_id.0.to_string());
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
        let user = account.get_untracked().parse::<UserId>().ok();
        let input = ParticipantIn {
            full_name: full_name_value,
            audience: who,
            user_id: (who == Audience::Officer).then_some(user).flatten(),
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
                    account.set(String::new());
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
    let unlinked = move || officer() && account.with(String::is_empty);
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
                            <SelectInput id=errors.input_id("audience") value=audience options=audience_options />
                        </Field>
                        <Show when=officer>
                            <Field name="user_id" label=|t| pl(t).account errors>
                                <SelectInput id=errors.input_id("user_id") value=account options=account_options />
                            </Field>
                        </Show>
                        <Field name="full_name" label=|t| pl(t).full_name errors>
                            <TextInput id=errors.input_id("full_name") value=full_name />
                        </Field>
                        <Show when=producer>
                            <Field name="subject_id" label=|t| pl(t).subject errors>
                                <SelectInput id=errors.input_id("subject_id") value=subject_id options=subject_options />
                            </Field>
                        </Show>
                        <Field name="unit_id" label=|t| pl(t).unit errors>
                            <SelectInput id=errors.input_id("unit_id") value=unit_id options=unit_options />
                        </Field>
                        <Field name="position" label=|t| pl(t).position errors>
                            <TextInput id=errors.input_id("position") value=position />
                        </Field>
                    </div>
                    <Show when=unlinked>
                        <p class="hint no-account-hint">{move || pl(app.t()).no_account_hint}</p>
                    </Show>
                    <button type="submit" class="primary participant-add" disabled=move || busy.get()>
                        {move || pl(app.t()).add_participant}
                    </button>
                </form>
            </Show>
        </div>
    }
}
