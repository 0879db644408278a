//! The commune filter: about a hundred communes since the July 2025 reform, grouped under the
//! district most of each came from (the names people still know them by), with a search box
//! that narrows the groups by commune or former district, diacritics ignored.

use std::collections::HashMap;

use leptos::prelude::*;
use ocop_core::text::fold;
use ocop_core::units::{UnitLevel, UnitOut, UnitQuery};

use crate::api::{self, ApiResult};
use crate::state::{use_app, use_refs};

/// Every commune and district, former ones included: enough to place each commune in force
/// under its former district. Loaded once per sign-in.
#[derive(Clone, Copy)]
pub struct CommuneGroups {
    history: LocalResource<ApiResult<(Vec<UnitOut>, Vec<UnitOut>)>>,
}

impl CommuneGroups {
    pub fn load() -> Self {
        let history = LocalResource::new(|| async {
            let at_level = |level| UnitQuery {
                level: Some(level),
                history: Some(true),
                ..Default::default()
            };
            let communes = api::units(&at_level(UnitLevel::Commune)).await?;
            let districts = api::units(&at_level(UnitLevel::District)).await?;
            Ok((communes, districts))
        });
        Self { history }
    }

    /// For each commune id, its former district's name; tracked.
    fn districts(&self) -> HashMap<i32, String> {
        let Some(Ok((communes, districts))) = self.history.get() else {
            return HashMap::new();
        };
        let names: HashMap<i32, &str> = districts
            .iter()
            .map(|d| (d.id.0, d.name.as_str()))
            .collect();
        // Former commune → its district, counted for each commune it went into.
        let mut counts: HashMap<i32, Vec<(i32, usize)>> = HashMap::new();
        for old in &communes {
            let Some(district) = old.parent_id.filter(|p| names.contains_key(&p.0)) else {
                continue;
            };
            for new in &old.successor_ids {
                let tally = counts.entry(new.0).or_default();
                match tally.iter_mut().find(|(d, _)| *d == district.0) {
                    Some((_, n)) => *n += 1,
                    None => tally.push((district.0, 1)),
                }
            }
        }
        counts
            .into_iter()
            .filter_map(|(commune, tally)| {
                // The district most of it came from; the first listed on a tie.
                let best = tally
                    .iter()
                    .enumerate()
                    .max_by_key(|(i, (_, n))| (*n, usize::MAX - i))
                    .map(|(_, (d, _))| *d)?;
                names.get(&best).map(|name| (commune, (*name).to_string()))
            })
            .collect()
    }
}

/// One group of the picker: a heading (empty for the ungrouped) and `(id, name)` options.
type Group = (String, Vec<(String, String)>);

/// `#filter-unit` with `#filter-unit-q`: `value` holds the chosen commune's id, empty for all.
#[component]
pub fn CommunePicker(value: RwSignal<String>) -> impl IntoView {
    let app = use_app();
    let refs = use_refs();
    let groups_data = use_context::<CommuneGroups>();
    let search = RwSignal::new(String::new());
    let groups = Memo::new(move |_| {
        let lang = app.lang.get();
        let communes = refs.commune_options();
        let districts = groups_data.map(|g| g.districts()).unwrap_or_default();
        let needle = fold(&search.get());
        let chosen = value.get();
        let mut grouped: Vec<Group> = Vec::new();
        let mut other: Vec<(String, String)> = Vec::new();
        for (id, name) in communes {
            let district = id
                .parse::<i32>()
                .ok()
                .and_then(|id| districts.get(&id).cloned());
            let shown = needle.is_empty()
                || id == chosen
                || fold(&name).contains(&needle)
                || district
                    .as_deref()
                    .is_some_and(|d| fold(d).contains(&needle));
            if !shown {
                continue;
            }
            match district {
                Some(district) => {
                    let heading = lang.rec_former_district(&district);
                    match grouped.iter_mut().find(|(h, _)| *h == heading) {
                        Some((_, options)) => options.push((id, name)),
                        None => grouped.push((heading, vec![(id, name)])),
                    }
                }
                None => other.push((id, name)),
            }
        }
        grouped.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, options) in &mut grouped {
            options.sort_by(|a, b| a.1.cmp(&b.1));
        }
        if !other.is_empty() {
            let heading = if grouped.is_empty() {
                String::new()
            } else {
                lang.rec_other_communes().to_string()
            };
            grouped.push((heading, other));
        }
        grouped
    });
    let option = move |(id, name): (String, String)| {
        let current = id.clone();
        view! { <option value=id prop:selected=move || value.with(|v| *v == current)>{name}</option> }
    };
    view! {
        <span class="commune-picker">
            <input
                id="filter-unit-q"
                type="search"
                class="commune-search"
                aria-label=move || app.lang.get().rec_find_commune_label()
                placeholder=move || app.lang.get().rec_find_commune()
                prop:value=move || search.get()
                on:input=move |ev| search.set(event_target_value(&ev))
            />
            <select
                id="filter-unit"
                aria-label=move || app.lang.get().rec_filter_unit()
                title=move || app.lang.get().rec_filter_unit()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                <option value="" prop:selected=move || value.with(String::is_empty)>
                    {move || app.t().all_units}
                </option>
                {move || {
                    groups
                        .get()
                        .into_iter()
                        .map(|(heading, options)| {
                            let options = options.into_iter().map(option).collect_view();
                            if heading.is_empty() {
                                options.into_any()
                            } else {
                                view! { <optgroup label=heading>{options}</optgroup> }.into_any()
                            }
                        })
                        .collect_view()
                }}
            </select>
        </span>
    }
}
