//! The moves the caller may make on a cycle now (`allowed_moves`, from the server), each a
//! button `#move-<state>`. A move asks for confirmation, with a reason only when it sends the
//! dossier back or refuses (`needs_reason`), and the decision (number, date, signer) when it
//! recognises. A refused submission lists the missing parts, each opening its wizard tab.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ocop_evaluations::{CycleOut, CycleState, DecisionIn, TransitionIn, needs_reason};

use crate::api;
use crate::components::fields::{Field, FormErrors, FormMessage, TextArea, TextInput, local_error};
use crate::format::{optional, optional_date};
use crate::state::use_app;

/// `awaiting_council` is made by putting the dossier on a round's agenda, not here.
fn offered(moves: &[CycleState]) -> Vec<CycleState> {
    moves
        .iter()
        .copied()
        .filter(|m| *m != CycleState::AwaitingCouncil)
        .collect()
}

fn submits(to: CycleState) -> bool {
    matches!(
        to,
        CycleState::DossierSubmitted | CycleState::DossierResubmitted
    )
}

#[component]
pub fn MovesPanel(
    cycle: RwSignal<Option<CycleOut>>,
    /// Held by the page, which clears them once a save may have filled a missing part.
    errors: FormErrors,
    /// Opens the wizard tab that fixes a part the server names.
    open: Callback<String>,
    /// Which parts `open` can open.
    links: fn(&str) -> bool,
    /// Set when the self-assessment ranks below the stars applied for: shown before
    /// submitting, as a warning that does not block.
    #[prop(into)]
    warning: Signal<Option<String>>,
) -> impl IntoView {
    let app = use_app();
    let pending = RwSignal::new(None::<CycleState>);
    let reason = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let decided_on = RwSignal::new(String::new());
    let signer = RwSignal::new(String::new());
    let busy = RwSignal::new(false);

    let moves = Memo::new(move |_| {
        cycle.with(|c| {
            c.as_ref()
                .map(|c| offered(&c.allowed_moves))
                .unwrap_or_default()
        })
    });
    let from = move || cycle.with(|c| c.as_ref().map(|c| c.state));

    let confirm = move |_| {
        let (Some(to), Some(before)) = (pending.get_untracked(), cycle.get_untracked()) else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        let t = app.t_now();
        let mut local = Vec::new();
        // A reason typed for another move is not sent with one that asks none.
        let reason_text =
            optional(&reason.get_untracked()).filter(|_| needs_reason(before.state, to));
        if needs_reason(before.state, to) && reason_text.is_none() {
            local.push(local_error("reason", t.required));
        }
        let decision = if to == CycleState::Recognised {
            let date = optional_date(&decided_on.get_untracked());
            let number_text = optional(&number.get_untracked());
            let signer_text = optional(&signer.get_untracked());
            if number_text.is_none() {
                local.push(local_error("decision.number", t.required));
            }
            match date {
                Ok(None) => local.push(local_error("decision.decided_on", t.required)),
                Err(()) => local.push(local_error("decision.decided_on", t.bad_date)),
                Ok(Some(_)) => {}
            }
            if signer_text.is_none() {
                local.push(local_error("decision.signer", t.required));
            }
            match (number_text, date, signer_text) {
                (Some(number), Ok(Some(decided_on)), Some(signer)) => Some(DecisionIn {
                    number,
                    decided_on,
                    signer,
                }),
                _ => None,
            }
        } else {
            None
        };
        if !local.is_empty() {
            return errors.local(local, t);
        }
        let input = TransitionIn {
            to,
            reason: reason_text,
            decision,
        };
        busy.set(true);
        spawn_local(async move {
            let result = api::transition(before.id, before.version, &input).await;
            busy.set(false);
            match result {
                Ok(updated) => {
                    pending.set(None);
                    reason.set(String::new());
                    cycle.set(Some(updated));
                    app.notify(app.t_now().ev.moved);
                }
                Err(error) => {
                    errors.show(&error);
                    let names = errors.names();
                    if !names.is_empty() && names.iter().all(|f| links(f)) {
                        errors.retitle(app.lang.get_untracked().dossier_incomplete());
                    }
                }
            }
        });
    };

    view! {
        <section class="card moves" id="moves">
            <h2>{move || app.t().ev.actions}</h2>
            {move || {
                let list = moves.get();
                if list.is_empty() {
                    return view! { <p class="muted" id="no-moves">{app.t().ev.no_moves}</p> }.into_any();
                }
                list.into_iter()
                    .map(|to| {
                        let returns = from().is_some_and(|f| needs_reason(f, to));
                        view! {
                            <button
                                type="button"
                                id=format!("move-{}", to.as_str())
                                class=if returns { "move back-move" } else { "move primary" }
                                class:selected=move || pending.get() == Some(to)
                                on:click=move |_| {
                                    errors.clear();
                                    pending.set(Some(to));
                                }
                            >
                                {move || app.lang.get().move_label(from().unwrap_or(to), to)}
                            </button>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
            {move || pending.get().map(|to| {
                let reason_needed = from().is_some_and(|f| needs_reason(f, to));
                view! {
                    <div class="confirm" id="move-form">
                        <p>
                            <strong>{move || (app.t().ev.confirm_move)(app.lang.get().cycle_state(to))}</strong>
                        </p>
                        <FormMessage errors links open />
                        {submits(to).then_some(move || warning.get().map(|w| view! {
                            <p class="warn" id="submit-warning" role="status">{w}</p>
                        }))}
                        <fieldset class="grid">
                            {reason_needed.then(|| view! {
                                <Field name="reason" label=|t| t.ev.reason errors wide=true hint=|t| t.ev.reason_hint>
                                    <TextArea id="field-reason" value=reason />
                                </Field>
                            })}
                            {(to == CycleState::Recognised).then(|| view! {
                                <Field name="decision.number" label=|t| t.ev.decision_number errors>
                                    <TextInput id="field-decision.number" value=number placeholder="1234/QĐ-UBND" />
                                </Field>
                                <Field name="decision.decided_on" label=|t| t.ev.decided_on errors>
                                    <TextInput id="field-decision.decided_on" value=decided_on kind="date" />
                                </Field>
                                <Field name="decision.signer" label=|t| t.ev.signer errors wide=true>
                                    <TextInput id="field-decision.signer" value=signer />
                                </Field>
                            })}
                        </fieldset>
                        {reason_needed.then(|| view! { <p class="muted">{move || app.t().ev.reason_required}</p> })}
                        <div class="actions">
                            <button id="move-confirm" type="button" class="primary" disabled=move || busy.get() on:click=confirm>
                                {move || app.t().ev.confirm}
                            </button>
                            <button id="move-cancel" type="button" on:click=move |_| {
                                errors.clear();
                                pending.set(None);
                            }>
                                {move || app.t().cancel}
                            </button>
                        </div>
                    </div>
                }
            })}
        </section>
    }
}
