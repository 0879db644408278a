//! The units an account may belong to: every unit in the caller's scope, loaded once per
//! screen, named in lists and offered in a picker grouped by province, with a name filter.

use leptos::prelude::*;
use ocop_core::UnitId;
use ocop_core::text::fold;
use ocop_core::units::{UnitLevel, UnitOut, UnitQuery};

use crate::api::{self, ApiError};
use crate::state::use_app;

/// The caller's units, historical ones included so an old account still shows its unit's name.
#[derive(Clone, Copy)]
pub(super) struct UnitBook(LocalResource<Result<Vec<UnitOut>, ApiError>>);

/// One `<optgroup>`: its label and its `(id, name)` options.
pub(super) type Group = (String, Vec<(String, String)>);

impl UnitBook {
    pub(super) fn load() -> Self {
        Self(LocalResource::new(|| async {
            api::units(&UnitQuery {
                history: Some(true),
                ..Default::default()
            })
            .await
        }))
    }

    fn units(&self) -> Vec<UnitOut> {
        self.0.get().and_then(Result::ok).unwrap_or_default()
    }

    /// The unit's name, or nothing while loading; tracked.
    pub(super) fn name(&self, id: UnitId) -> Option<String> {
        self.0.with(|units| {
            units
                .as_ref()
                .and_then(|r| r.as_ref().ok())
                .and_then(|units| units.iter().find(|u| u.id == id))
                .map(|u| u.name.clone())
        })
    }

    /// The units in force, grouped under their province (the province itself first), those of
    /// `level` only when given, and only those whose name holds `filter` (diacritics ignored);
    /// tracked.
    pub(super) fn groups(&self, level: Option<UnitLevel>, filter: &str, other: &str) -> Vec<Group> {
        let units = self.units();
        let filter = fold(filter.trim());
        let in_force: Vec<&UnitOut> = units.iter().filter(|u| u.valid_to.is_none()).collect();
        let provinces: Vec<&UnitOut> = in_force
            .iter()
            .copied()
            .filter(|u| u.level == UnitLevel::Province)
            .collect();
        let wanted = |u: &UnitOut| {
            level.is_none_or(|l| u.level == l)
                && (filter.is_empty() || fold(&u.name).contains(&filter))
        };
        let option = |u: &UnitOut| (u.id.0.to_string(), u.name.clone());
        let mut groups: Vec<Group> = Vec::new();
        for province in &provinces {
            let mut options: Vec<(String, String)> = Vec::new();
            if wanted(province) {
                options.push(option(province));
            }
            let mut children: Vec<&UnitOut> = in_force
                .iter()
                .copied()
                .filter(|u| u.parent_id == Some(province.id) && wanted(u))
                .collect();
            children.sort_by_key(|u| fold(&u.name));
            options.extend(children.into_iter().map(option));
            if !options.is_empty() {
                groups.push((province.name.clone(), options));
            }
        }
        // An officer's scope may stop below the province: its units have no province loaded.
        let mut rest: Vec<&UnitOut> = in_force
            .iter()
            .copied()
            .filter(|u| {
                u.level != UnitLevel::Province
                    && !u
                        .parent_id
                        .is_some_and(|p| provinces.iter().any(|pr| pr.id == p))
                    && wanted(u)
            })
            .collect();
        rest.sort_by_key(|u| fold(&u.name));
        if !rest.is_empty() {
            groups.push((other.to_string(), rest.into_iter().map(option).collect()));
        }
        groups
    }
}

/// A `<select>` whose options sit in `<optgroup>`s; `first` is the option before the groups
/// (a "choose" or "all" line with the empty value). Options carry `selected` themselves, since
/// the value often arrives before the options.
#[component]
pub(super) fn GroupedSelect(
    #[prop(into)] id: String,
    value: RwSignal<String>,
    #[prop(into)] first: Signal<String>,
    #[prop(into)] groups: Signal<Vec<Group>>,
    #[prop(optional, into)] disabled: MaybeProp<bool>,
    #[prop(optional, into)] label: MaybeProp<String>,
) -> impl IntoView {
    let option = move |key: String, text: String| {
        let current = key.clone();
        view! {
            <option value=key prop:selected=move || value.with(|v| *v == current)>{text}</option>
        }
    };
    view! {
        <select
            id=id
            aria-label=move || label.get()
            disabled=move || disabled.get().unwrap_or(false)
            on:change=move |ev| value.set(event_target_value(&ev))
        >
            {move || option(String::new(), first.get())}
            {move || {
                groups
                    .get()
                    .into_iter()
                    .map(|(label, options)| {
                        view! {
                            <optgroup label=label>
                                {options.into_iter().map(|(k, t)| option(k, t)).collect_view()}
                            </optgroup>
                        }
                    })
                    .collect_view()
            }}
        </select>
    }
}

/// The unit picker of a form: a name filter beside the grouped select. The current value stays
/// offered even when the filter hides it, so a filter never silently changes the choice.
#[component]
pub(super) fn UnitPicker(
    book: UnitBook,
    value: RwSignal<String>,
    #[prop(into)] level: Signal<Option<UnitLevel>>,
    #[prop(optional, into)] disabled: MaybeProp<bool>,
) -> impl IntoView {
    let app = use_app();
    let filter = RwSignal::new(String::new());
    let groups = Signal::derive(move || {
        let t = app.lang.get().admin();
        let mut groups = book.groups(level.get(), &filter.get(), t.other_units);
        let chosen = value.get();
        let offered = groups
            .iter()
            .any(|(_, options)| options.iter().any(|(id, _)| *id == chosen));
        if !chosen.is_empty()
            && !offered
            && let Ok(id) = chosen.parse::<i32>()
            && let Some(name) = book.name(UnitId(id))
        {
            groups.insert(0, (name.clone(), vec![(chosen, name)]));
        }
        groups
    });
    view! {
        <div class="picker">
            <input
                id="unit-filter"
                type="search"
                aria-label=move || app.lang.get().admin().find_unit
                placeholder=move || app.lang.get().admin().find_unit
                disabled=move || disabled.get().unwrap_or(false)
                on:input=move |ev| filter.set(event_target_value(&ev))
            />
            <GroupedSelect
                id="field-unit_id"
                value
                first=Signal::derive(move || app.t().choose.to_string())
                groups
                disabled
            />
        </div>
    }
}
