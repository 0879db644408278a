//! A Phụ lục II criteria sheet as a form: parts → sections → criteria → options as radio
//! buttons, sub-criteria nested, and a choose-one section's alternatives shown as cases where
//! choosing in one case forgets the choices made in the others (the server refuses two).
//!
//! Every radio is `name="<criterion code>"` and `value="<option index>"`, the index counted in
//! source order as the wire's `Selection` counts it, so a browser test can tick
//! `input[name="1.1"][value="2"]`. Each criterion is `#crit-<code>`.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use ocop_evaluations::{CriteriaSheet, Node, Selection};

use crate::components::remote::stars_text;
use crate::state::use_app;

/// Leaf code → (choose-one node code, alternative code), for the leaves inside an alternative.
pub type Alternatives = BTreeMap<String, (String, String)>;

pub fn alternatives(sheet: &CriteriaSheet) -> Alternatives {
    sheet
        .leaves()
        .into_iter()
        .filter_map(|leaf| {
            let (node, alt) = leaf.alternative?;
            Some((
                leaf.node.code().to_string(),
                (node.to_string(), alt.to_string()),
            ))
        })
        .collect()
}

/// Chooses `index` on leaf `code`; inside a choose-one section, the choices made in the other
/// alternatives of that section are dropped, since only one case applies.
pub fn choose(selection: &mut Selection, alts: &Alternatives, code: &str, index: u32) {
    if let Some((node, alt)) = alts.get(code) {
        selection.0.retain(|c, _| match alts.get(c) {
            Some((n, a)) => n != node || a == alt,
            None => true,
        });
    }
    selection.0.insert(code.to_string(), index);
}

/// The leaves under a node with the points each option is worth (capped as the rules cap it).
fn leaf_points(node: &dyn Node) -> Vec<(String, Vec<Option<u32>>)> {
    if node.is_leaf() {
        let points = (0..node.options().len())
            .map(|i| node.option_points(i))
            .collect();
        return vec![(node.code().to_string(), points)];
    }
    node.children()
        .iter()
        .flat_map(|c| leaf_points(c as &dyn Node))
        .collect()
}

fn points_of(leaves: &[(String, Vec<Option<u32>>)], selection: &Selection) -> u32 {
    leaves
        .iter()
        .filter_map(|(code, points)| {
            let index = usize::try_from(selection.get(code)?).ok()?;
            points.get(index).copied().flatten()
        })
        .sum()
}

#[derive(Clone)]
struct Ctx {
    choices: RwSignal<Selection>,
    disabled: Signal<bool>,
    alts: Arc<Alternatives>,
}

#[component]
pub fn SheetForm(
    sheet: Arc<CriteriaSheet>,
    choices: RwSignal<Selection>,
    #[prop(into)] disabled: Signal<bool>,
) -> impl IntoView {
    let app = use_app();
    let ctx = Ctx {
        choices,
        disabled,
        alts: Arc::new(alternatives(&sheet)),
    };
    let parts = sheet
        .parts
        .iter()
        .map(|part| {
            let leaves: Vec<_> = part
                .sections
                .iter()
                .flat_map(|s| leaf_points(s as &dyn Node))
                .collect();
            let got = move || choices.with(|s| points_of(&leaves, s));
            let sections = part
                .sections
                .iter()
                .map(|s| node_view(s as &dyn Node, &ctx, 0))
                .collect_view();
            view! {
                <section class="sheet-part" id=format!("part-{}", part.code)>
                    <h3>
                        <span class="code">{part.code.clone()}</span>
                        <span class="title">{part.title.clone()}</span>
                        <span class="pts"><span class="got">{got}</span>" / "{part.max_points}</span>
                    </h3>
                    {sections}
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="sheet" id="criteria-sheet">
            <p class="muted sheet-source">
                {format!("{} — {} ({})", sheet.product_set, sheet.name, sheet.decision)}
            </p>
            {sheet.disqualifiers.first().map(|_| view! {
                <div class="disqualifiers">
                    <strong>{move || app.t().ev.disqualifiers}</strong>
                    <ul>{sheet.disqualifiers.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view()}</ul>
                </div>
            })}
            {parts}
        </div>
    }
}

fn node_view(node: &dyn Node, ctx: &Ctx, depth: u8) -> AnyView {
    let app = use_app();
    let code = node.code().to_string();
    let leaves = leaf_points(node);
    let choices = ctx.choices;
    let answered = {
        let leaves = leaves.clone();
        move || choices.with(|s| leaves.iter().any(|(c, _)| s.get(c).is_some()))
    };
    let got = move || choices.with(|s| points_of(&leaves, s));
    let body = if node.is_leaf() {
        view! { <ul class="options">{options_view(node, ctx)}</ul> }.into_any()
    } else if node.is_choose_one() {
        let cases = node
            .children()
            .iter()
            .map(|alt| {
                view! {
                    <div class="alternative">{node_view(alt as &dyn Node, ctx, depth + 1)}</div>
                }
            })
            .collect_view();
        view! {
            <div class="choose-one">
                <p class="hint">{move || app.t().ev.choose_one_case}</p>
                {cases}
            </div>
        }
        .into_any()
    } else {
        node.children()
            .iter()
            .map(|c| node_view(c as &dyn Node, ctx, depth + 1))
            .collect_view()
            .into_any()
    };
    let mandatory = node.mandatory();
    let note = node.scoring_note().map(str::to_string);
    view! {
        <div
            class=format!("criterion depth-{depth}")
            class:leaf=node.is_leaf()
            class:answered=answered
            id=format!("crit-{code}")
        >
            <div class="crit-head">
                <span class="code">{code.clone()}</span>
                <span class="title">{node.title().to_string()}</span>
                {mandatory.then(|| view! { <span class="badge mandatory">{move || app.t().ev.mandatory}</span> })}
                <span class="pts"><span class="got">{got}</span>" / "{node.max_points()}</span>
            </div>
            {note.map(|n| view! { <p class="note">{n}</p> })}
            {body}
        </div>
    }
    .into_any()
}

fn options_view(node: &dyn Node, ctx: &Ctx) -> AnyView {
    let app = use_app();
    let code = node.code().to_string();
    node.options()
        .iter()
        .enumerate()
        .map(|(i, option)| {
            let index = u32::try_from(i).unwrap_or(u32::MAX);
            let choosable = option.points.is_some();
            let Ctx {
                choices,
                disabled,
                alts,
            } = ctx.clone();
            let checked = {
                let code = code.clone();
                move || choices.with(|s| s.get(&code) == Some(index))
            };
            let chosen = checked.clone();
            let on_change = {
                let code = code.clone();
                move |_| choices.update(|s| choose(s, &alts, &code, index))
            };
            let marker = option.min_star_marker.map(|level| {
                view! {
                    <span class="marker" title=move || (app.t().ev.minimum_for)(level)>
                        {stars_text(level).replace('☆', "")}
                    </span>
                }
            });
            let points = option
                .points
                .map(|p| p.to_string())
                .unwrap_or_else(|| "—".to_string());
            view! {
                <li class="option" class:chosen=chosen>
                    <label>
                        <input
                            type="radio"
                            name=code.clone()
                            value=index.to_string()
                            disabled=move || disabled.get() || !choosable
                            prop:checked=checked
                            on:change=on_change
                        />
                        <span class="opt-text">{option.text.clone()}</span>
                        {marker}
                        <span class="opt-pts">{points}</span>
                    </label>
                </li>
            }
        })
        .collect_view()
        .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choosing_in_one_case_forgets_the_other_case() {
        let mut alts = Alternatives::new();
        alts.insert("8.a.1".into(), ("8".into(), "8.a".into()));
        alts.insert("8.b.1".into(), ("8".into(), "8.b".into()));
        let mut sel = Selection::default();
        choose(&mut sel, &alts, "1.1", 2);
        choose(&mut sel, &alts, "8.a.1", 1);
        choose(&mut sel, &alts, "8.b.1", 0);
        assert_eq!(sel.get("1.1"), Some(2));
        assert_eq!(sel.get("8.a.1"), None);
        assert_eq!(sel.get("8.b.1"), Some(0));
    }
}
